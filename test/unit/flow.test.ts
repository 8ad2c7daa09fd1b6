/**
 * BookingFlow, the widget's state machine, against a fake client with the clock pinned: what it
 * sends, what the guest then sees, and which requests it aborts. Fast (no DOM, no HTTP), so it is
 * what `npm run mutate flow` judges `src/flow/flow.ts` by; the widget suites cover the same paths
 * in Chromium against the real API.
 */
import assert from 'node:assert/strict';
import { mock, test, type TestContext } from 'node:test';
import type { SchedulerClient } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';
import type { BookingRef } from '../../src/contract/booking-ref.js';
import type {
  Availability,
  Booking,
  BookingDetails,
  GroupTimeSlot,
  TimeSlot,
  UiSettings,
} from '../../src/contract/guest.js';
import { BookingFlow } from '../../src/flow/flow.js';
import type { Mode } from '../../src/flow/state.js';
import type { AvailabilityWindow } from '../../src/flow/requests.js';

/** 2030-01-10 12:00 UTC: every time below is in its future, on any day the tests run. */
const NOW = Date.UTC(2030, 0, 10, 12);
const seconds = (iso: string) => Date.parse(iso) / 1000;
/** A 45-minute slot: a flow that assumed 30 minutes would send the wrong end. */
const slotAt = (iso: string, minutes = 45, emails = ['host@host.test']): TimeSlot => ({
  start_time: seconds(iso),
  end_time: seconds(iso) + minutes * 60,
  emails,
});
const REF: BookingRef = { configurationId: 'c-1', bookingId: 'b-1', salt: 'salt-1' };
const taken = () => new ApiError('timeslot_not_available', 'The selected timeslot is unavailable: taken.', 409);
const serverError = () => new ApiError('internal_error', 'Boom.', 500);

function settingsOf(extra: Partial<UiSettings> = {}): UiSettings {
  return {
    configuration_id: 'c-1',
    name: null,
    slug: null,
    organizer: { name: 'Host', email: 'host@host.test' },
    booking_type: 'booking',
    appearance: {},
    scheduler: {
      available_days_in_future: 60,
      min_booking_notice: 0,
      min_cancellation_notice: 0,
      additional_fields: { company: { label: 'Company', type: 'text', required: false, order: 1 } },
    } as unknown as UiSettings['scheduler'],
    ...extra,
  };
}

/** A request that never answers, and fails as the real client does once its signal aborts. */
const held = <T>(signal?: AbortSignal) =>
  new Promise<T>((_, reject) =>
    signal?.addEventListener('abort', () => reject(new ApiError('aborted', 'The request was aborted.', 0))),
  );

interface Call {
  method: string;
  args: unknown[];
  signal: AbortSignal | undefined;
}

/**
 * A client over a mutable list of free slots. `writes` scripts the answers of the writes in order
 * (an error is thrown, `'hold'` never answers); a booking that succeeds takes its slot off the list.
 */
function fakeClient(
  options: {
    slots?: TimeSlot[];
    settings?: UiSettings | Error;
    writes?: Array<Error | 'hold' | Partial<Booking>>;
  } = {},
) {
  const calls: Call[] = [];
  const state = { slots: [...(options.slots ?? [])], writes: [...(options.writes ?? [])] };
  const record = (method: string, args: unknown[], signal: AbortSignal | undefined) =>
    calls.push({ method, args, signal });
  const write = async (signal: AbortSignal | undefined, body?: { start_time?: number }): Promise<Booking> => {
    const next = state.writes.shift() ?? {};
    if (next === 'hold') return held(signal);
    if (next instanceof Error) throw next;
    state.slots = state.slots.filter((slot) => slot.start_time !== body?.start_time);
    return {
      booking_id: 'b-new',
      event_id: 'e-new',
      title: 'Meeting',
      organizer: { name: 'Host', email: 'host@host.test' },
      status: 'booked',
      ...next,
    };
  };
  const client = {
    uiSettings: async (bookingId: string | undefined, signal?: AbortSignal) => {
      record('uiSettings', [bookingId], signal);
      if (options.settings instanceof Error) throw options.settings;
      return options.settings ?? settingsOf();
    },
    availability: async (
      window: AvailabilityWindow & { bookingId?: string },
      signal?: AbortSignal,
    ): Promise<Availability> => {
      record('availability', [window], signal);
      return {
        time_slots: state.slots.filter((slot) => slot.start_time >= window.start && slot.end_time <= window.end),
      };
    },
    createBooking: (body: { start_time: number }, signal?: AbortSignal) => {
      record('createBooking', [body], signal);
      return write(signal, body);
    },
    rescheduleBooking: (bookingId: string, body: { start_time: number }, signal?: AbortSignal) => {
      record('rescheduleBooking', [bookingId, body], signal);
      return write(signal, body);
    },
    cancelBooking: async (bookingId: string, body: unknown, signal?: AbortSignal) => {
      record('cancelBooking', [bookingId, body], signal);
      await write(signal);
    },
    getBooking: async (bookingId: string, signal?: AbortSignal): Promise<Booking> => {
      record('getBooking', [bookingId], signal);
      return {
        booking_id: bookingId,
        event_id: 'e-held',
        title: 'Meeting',
        organizer: { name: 'Host', email: 'host@host.test' },
        status: 'booked',
      };
    },
    confirmBooking: (bookingId: string, body: unknown, signal?: AbortSignal) => {
      record('confirmBooking', [bookingId, body], signal);
      return write(signal);
    },
    validateTimeslot: async (configurationId: string, body: unknown, signal?: AbortSignal) => {
      record('validateTimeslot', [configurationId, body], signal);
      const next = state.writes.shift();
      if (next === 'hold') return held<void>(signal);
      if (next instanceof Error) throw next;
    },
  };
  // The booking writes are functions over `request` (src/api/bookings.ts): each call goes to its fake above.
  const request = (method: string, path: string, { body, signal }: { body?: unknown; signal?: AbortSignal }) => {
    const bookingId = decodeURIComponent(path.replace(/^bookings\/?/, ''));
    if (method === 'POST' && path === 'bookings') return client.createBooking(body as { start_time: number }, signal);
    if (method === 'PATCH') return client.rescheduleBooking(bookingId, body as { start_time: number }, signal);
    if (method === 'DELETE') return client.cancelBooking(bookingId, body, signal);
    if (method === 'PUT') return client.confirmBooking(bookingId, body, signal);
    throw new Error(`the fake client has no ${method} ${path}`);
  };
  const named = (method: string) => calls.filter((call) => call.method === method);
  return { client: { ...client, request } as unknown as SchedulerClient, calls, named, state };
}

const settle = async () => {
  for (let i = 0; i < 30; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** A flow started on `client` in `mode`, the clock pinned at NOW, its events recorded. */
async function started(
  t: TestContext,
  client: SchedulerClient,
  mode: Mode = 'book',
  ref?: BookingRef,
  timeZone = 'UTC',
) {
  mock.timers.enable({ apis: ['Date', 'setTimeout'], now: NOW });
  t.after(() => mock.timers.reset());
  const events: Array<[string, unknown]> = [];
  const host = { changed() {}, emit: (name: string, detail: unknown) => (events.push([name, detail]), true) };
  const flow = new BookingFlow(host as never, timeZone);
  flow.start({ client, mode, ref });
  await settle();
  return {
    flow,
    events,
    host,
    named: (name: string) => events.filter(([event]) => event === name).map(([, detail]) => detail),
  };
}

test('books the time clicked for its own length: a 45-minute slot is sent, shown and reported as 45 minutes', async (t) => {
  const nine = slotAt('2030-01-15T09:00:00Z');
  const ten = slotAt('2030-01-15T10:00:00Z');
  const fake = fakeClient({ slots: [nine, ten] });
  const { flow, named } = await started(t, fake.client);
  assert.equal(flow.state.step, 'schedule');
  assert.equal(flow.state.selectedDay, '2030-01-15');
  assert.deepEqual(flow.scheduleView().slots, [nine, ten]);

  flow.selectSlot(ten);
  assert.equal(flow.state.step, 'details');
  flow.updateForm({ name: ' Ada ', email: 'ada@guest.test ' });
  await flow.submit();

  assert.deepEqual(
    fake.named('createBooking').map((call) => call.args[0]),
    [
      {
        start_time: ten.start_time,
        end_time: ten.start_time + 45 * 60,
        guest: { name: 'Ada', email: 'ada@guest.test' },
        timezone: 'UTC',
      },
    ],
  );
  assert.equal(flow.state.step, 'done');
  assert.equal(flow.state.outcome, 'booked');
  assert.equal(flow.state.busy, false);
  assert.equal(flow.state.booking?.start_time, ten.start_time);
  assert.equal(flow.state.booking?.end_time, ten.start_time + 45 * 60);
  assert.deepEqual(named('scheduler-booked'), [flow.state.booking]);
  assert.deepEqual(named('scheduler-slot-select'), [{ slot: ten }]);
});

test('after a 409 the taken time is gone from the list: times fetched again, back to choosing, what was typed kept, the guest told', async (t) => {
  const nine = slotAt('2030-01-15T09:00:00Z');
  const ten = slotAt('2030-01-15T10:00:00Z');
  const fake = fakeClient({ slots: [nine, ten], writes: [taken()] });
  const { flow, named } = await started(t, fake.client);
  flow.selectSlot(ten);
  flow.updateForm({ name: 'Ada', email: 'ada@guest.test' });
  // Somebody else books 10:00 first.
  fake.state.slots = [nine];
  await flow.submit();
  await settle();

  assert.equal(fake.named('availability').length, 2, 'the month is asked for again');
  assert.deepEqual(flow.scheduleView().slots, [nine], 'the taken time is no longer listed');
  assert.equal(flow.state.step, 'schedule');
  assert.equal(flow.state.slot, null);
  assert.equal(flow.state.busy, false);
  assert.equal(flow.state.notice?.type, 'timeslot_not_available');
  assert.equal(flow.state.form.name, 'Ada');
  assert.equal(flow.state.form.email, 'ada@guest.test');
  assert.deepEqual(named('scheduler-error'), [taken().toJSON()]);
});

test('a new start() aborts the requests of the flow it supersedes, and their late answers change nothing', async (t) => {
  const first = fakeClient({ slots: [slotAt('2030-01-15T09:00:00Z')], writes: ['hold'] });
  const { flow, named } = await started(t, first.client);
  flow.selectSlot(slotAt('2030-01-15T09:00:00Z'));
  flow.updateForm({ name: 'Ada', email: 'ada@guest.test' });
  const submitted = flow.submit();
  await settle();
  const [booking] = first.named('createBooking');
  assert.equal(booking!.signal?.aborted, false);

  const second = fakeClient({ slots: [slotAt('2030-01-16T11:00:00Z')] });
  flow.start({ client: second.client, mode: 'book', ref: undefined });
  assert.equal(booking!.signal?.aborted, true, 'the superseded booking request is aborted');
  assert.ok(
    first.calls.every((call) => call.signal?.aborted),
    'every request of the first start is aborted',
  );
  await submitted;
  await settle();
  assert.deepEqual(named('scheduler-error'), [], 'an abort is not an error');
  assert.equal(flow.state.busy, false);
  assert.equal(flow.state.selectedDay, '2030-01-16');
  assert.ok(second.calls.every((call) => call.signal && !call.signal.aborted));

  flow.dispose();
  assert.ok(
    second.calls.every((call) => call.signal?.aborted),
    'dispose() aborts what is in flight',
  );
});

test('a failed write keeps the guest on the form with a notice; pressing retry sends it again and books', async (t) => {
  const nine = slotAt('2030-01-15T09:00:00Z');
  const fake = fakeClient({ slots: [nine], writes: [serverError()] });
  const { flow, named } = await started(t, fake.client);
  flow.selectSlot(nine);
  flow.updateForm({ name: 'Ada', email: 'ada@guest.test' });
  await flow.submit();
  assert.equal(flow.state.step, 'details');
  assert.equal(flow.state.notice?.status, 500);
  assert.equal(flow.state.busy, false);
  assert.deepEqual(named('scheduler-error'), [serverError().toJSON()]);

  flow.retry();
  await settle();
  assert.equal(fake.named('createBooking').length, 2);
  assert.equal(flow.state.step, 'done');
  assert.equal(flow.state.notice, null);
  assert.equal(flow.state.booking?.start_time, nine.start_time);
});

test('one write at a time: a second submit while the first is out sends nothing', async (t) => {
  const nine = slotAt('2030-01-15T09:00:00Z');
  const fake = fakeClient({ slots: [nine] });
  const { flow } = await started(t, fake.client);
  flow.selectSlot(nine);
  flow.updateForm({ name: 'Ada', email: 'ada@guest.test' });
  const first = flow.submit();
  assert.equal(flow.state.busy, true);
  await flow.submit();
  await first;
  assert.equal(fake.named('createBooking').length, 1);
});

test('scheduler-before-book cancelled by the page: nothing is sent', async (t) => {
  const nine = slotAt('2030-01-15T09:00:00Z');
  const fake = fakeClient({ slots: [nine] });
  const { flow, host } = await started(t, fake.client);
  const cancelable: boolean[] = [];
  host.emit = (name: string, _detail: unknown, canBeCancelled = false) => {
    if (name !== 'scheduler-before-book') return true;
    cancelable.push(canBeCancelled);
    // What dispatchEvent answers when the page called preventDefault(): only a cancelable event can be stopped.
    return !canBeCancelled;
  };
  flow.selectSlot(nine);
  await flow.submit();
  assert.deepEqual(cancelable, [true], 'sent once, as a cancelable event');
  assert.equal(fake.named('createBooking').length, 0);
  assert.equal(flow.state.step, 'details');
  assert.equal(flow.state.busy, false);
});

test('reschedule: times asked for without the booking itself, the PATCH names the booking and the time clicked', async (t) => {
  const existing: BookingDetails = {
    guest: { name: 'Ada', email: 'ada@guest.test' },
    additional_guests: [],
    additional_fields: {},
    start_time: seconds('2030-01-15T09:00:00Z'),
    end_time: seconds('2030-01-15T09:45:00Z'),
    status: 'booked',
  };
  const eleven = slotAt('2030-01-17T11:00:00Z');
  const fake = fakeClient({ slots: [eleven], settings: settingsOf({ booking: existing }) });
  const { flow, named } = await started(t, fake.client, 'reschedule', REF);
  assert.deepEqual(
    fake.named('uiSettings').map((call) => call.args),
    [['b-1']],
  );
  assert.equal((fake.named('availability')[0]!.args[0] as { bookingId?: string }).bookingId, 'b-1');
  assert.deepEqual(flow.state.existing, existing);
  flow.selectSlot(eleven);
  await flow.submit();
  assert.deepEqual(
    fake.named('rescheduleBooking').map((call) => call.args),
    [['b-1', { start_time: eleven.start_time, end_time: eleven.end_time }]],
  );
  assert.equal(fake.named('createBooking').length, 0);
  assert.equal(flow.state.outcome, 'rescheduled');
  assert.equal(flow.state.booking?.booking_id, 'b-new');
  assert.equal(flow.state.booking?.end_time, eleven.end_time);
  assert.equal(named('scheduler-rescheduled').length, 1);
});

test('a booking cannot be rescheduled once cancelled (it is shown as cancelled), nor managed when the API does not know it', async (t) => {
  const cancelled: BookingDetails = {
    guest: { name: 'Ada', email: 'ada@guest.test' },
    additional_guests: [],
    additional_fields: {},
    status: 'cancelled',
  };
  const { flow } = await started(
    t,
    fakeClient({ settings: settingsOf({ booking: cancelled }) }).client,
    'reschedule',
    REF,
  );
  assert.equal(flow.state.step, 'manage');
  assert.equal(flow.state.existing?.status, 'cancelled');

  flow.start({ client: fakeClient().client, mode: 'cancel', ref: REF });
  await settle();
  assert.equal(flow.state.step, 'fatal');
  assert.equal(flow.state.fatal?.status, 404);
});

test('cancel sends the trimmed reason; confirm and decline send the salt; each ends in its outcome', async (t) => {
  const existing: BookingDetails = {
    guest: { name: 'Ada', email: 'ada@guest.test' },
    additional_guests: [],
    additional_fields: {},
    start_time: 1_900_000_000,
    end_time: 1_900_002_700,
  };
  const fake = fakeClient({ settings: settingsOf({ booking: existing }) });
  const { flow, named } = await started(t, fake.client, 'cancel', REF);
  assert.equal(flow.state.step, 'manage');
  assert.equal(fake.named('availability').length, 0, 'nothing to pick: no times asked for');
  flow.updateForm({ cancellationReason: '  Ill  ' });
  await flow.cancelBooking();
  assert.deepEqual(
    fake.named('cancelBooking').map((call) => call.args),
    [['b-1', { cancellation_reason: 'Ill' }]],
  );
  assert.equal(flow.state.outcome, 'cancelled');
  assert.equal(flow.state.booking?.booking_id, 'b-1');
  assert.equal(flow.state.booking?.event_id, 'e-held', 'the event the booking held, read while the page loaded');
  assert.deepEqual(
    fake.named('getBooking').map((call) => call.args),
    [['b-1']],
  );
  assert.equal(named('scheduler-cancelled').length, 1);

  flow.start({ client: fake.client, mode: 'confirm', ref: REF });
  await settle();
  assert.equal(flow.state.outcome, null, 'a new mode starts afresh');
  await flow.decide('confirmed');
  assert.deepEqual(fake.named('confirmBooking').at(-1)!.args, ['b-1', { salt: 'salt-1', status: 'confirmed' }]);
  assert.equal(flow.state.outcome, 'confirmed');
  assert.equal(flow.state.booking?.start_time, 1_900_000_000);
  assert.equal(flow.state.booking?.end_time, 1_900_002_700);
  assert.deepEqual(flow.state.booking?.guest, existing.guest);

  flow.start({ client: fake.client, mode: 'cancel', ref: REF });
  await settle();
  flow.start({ client: fake.client, mode: 'confirm', ref: REF });
  await settle();
  flow.updateForm({ cancellationReason: 'No room' });
  await flow.decide('cancelled');
  assert.deepEqual(fake.named('confirmBooking').at(-1)!.args, [
    'b-1',
    { salt: 'salt-1', status: 'cancelled', cancellation_reason: 'No room' },
  ]);
  assert.equal(flow.state.outcome, 'declined');
  assert.equal(flow.state.booking?.start_time, undefined);
});

test('settings that fail to load are fatal; retry starts again and loads them', async (t) => {
  const fake = fakeClient({ settings: serverError(), slots: [slotAt('2030-01-15T09:00:00Z')] });
  const { flow, named } = await started(t, fake.client);
  assert.equal(flow.state.step, 'fatal');
  assert.equal(flow.state.fatal?.status, 500);
  assert.equal(named('scheduler-ready').length, 0);
  (fake as unknown as { client: { uiSettings: unknown } }).client.uiSettings = async () => settingsOf();
  flow.retry();
  assert.equal(flow.state.step, 'loading');
  assert.equal(flow.state.fatal, null);
  await settle();
  assert.equal(flow.state.step, 'schedule');
  assert.equal(named('scheduler-ready').length, 1);
});

test('an invalid session is blocking; a new start on the same configuration resumes on the form with what was typed', async (t) => {
  const nine = slotAt('2030-01-15T09:00:00Z');
  const fake = fakeClient({ slots: [nine], writes: [new ApiError('invalid_session', 'Session expired.', 401)] });
  const { flow } = await started(t, fake.client);
  flow.selectSlot(nine);
  flow.updateForm({ name: 'Ada', email: 'ada@guest.test', fields: { company: 'ACME' } });
  await flow.submit();
  assert.equal(flow.state.step, 'fatal');
  flow.start({ client: fake.client, mode: 'book', ref: undefined });
  assert.equal(flow.state.step, 'loading');
  await settle();
  assert.equal(flow.state.step, 'details');
  assert.deepEqual(flow.state.slot, nine);
  assert.deepEqual(flow.state.form.fields, { company: 'ACME' });
  assert.equal(flow.state.form.name, 'Ada');
  await flow.submit();
  assert.equal(flow.state.outcome, 'booked');
});

test('a malformed ref is fatal before any request', async (t) => {
  mock.timers.enable({ apis: ['Date', 'setTimeout'], now: NOW });
  t.after(() => mock.timers.reset());
  const fake = fakeClient();
  const flow = new BookingFlow({ changed() {}, emit: () => true }, 'UTC');
  flow.start({
    client: fake.client,
    mode: 'cancel',
    ref: undefined,
    error: new ApiError('invalid_ref', 'Bad link.', 0),
  });
  // Told a task later (a page's script may still be setting attributes), and in the console.
  const logged = mock.method(console, 'error', () => {});
  t.after(() => logged.mock.restore());
  assert.equal(flow.state.step, 'loading', 'not told yet');
  mock.timers.runAll();
  await settle();
  // The owner's explanation is a chunk of its own (src/owner.ts), imported when needed; a module
  // load may wait on real timers, so they are given back while waiting for the console line.
  mock.timers.reset();
  const deadline = performance.now() + 5000;
  // Only this flow's line: another test's late report may land meanwhile.
  const told = () => logged.mock.calls.filter((call) => call.arguments.join(' ').includes('Bad link.')).length;
  while (told() === 0 && performance.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(told(), 1);
  assert.equal(flow.state.fatal?.type, 'invalid_ref');
  assert.equal(flow.state.step, 'fatal');
  assert.equal(fake.calls.length, 0);
});

test('prefill: host values, URL metadata (any field with `all`) and field defaults; applyPrefill fills only what is blank', async (t) => {
  const settings = settingsOf();
  settings.scheduler.additional_fields = {
    company: { label: 'Company', type: 'text', required: false, order: 1 },
    utm_source: { label: 'Source', type: 'metadata', required: false, order: 2 },
    size: { label: 'Size', type: 'text', required: false, order: 3, default: 'S' },
  } as unknown as UiSettings['scheduler']['additional_fields'];
  mock.timers.enable({ apis: ['Date', 'setTimeout'], now: NOW });
  t.after(() => mock.timers.reset());
  const flow = new BookingFlow({ changed() {}, emit: () => true }, 'UTC');
  flow.prefill = {
    name: 'Ada',
    additionalGuests: [{ name: 'Bo', email: 'bo@guest.test' }],
    url: { params: { utm_source: 'mail', company: 'FromUrl' }, all: false },
  };
  flow.start({ client: fakeClient({ settings }).client, mode: 'book', ref: undefined });
  await settle();
  assert.deepEqual(flow.state.form, {
    name: 'Ada',
    email: '',
    additionalGuests: [{ name: 'Bo', email: 'bo@guest.test' }],
    fields: { utm_source: 'mail', size: 'S' },
    cancellationReason: '',
  });
  assert.notEqual(
    flow.state.form.additionalGuests[0],
    flow.prefill.additionalGuests![0],
    'a copy, not the page object',
  );

  flow.updateForm({ name: 'Typed' });
  flow.updateForm((form) => ({ fields: { ...form.fields, size: '' } }));
  flow.prefill = {
    ...flow.prefill,
    name: 'Other',
    email: 'host-set@guest.test',
    fields: { company: 'ACME' },
    url: { params: { company: 'FromUrl' }, all: true },
  };
  flow.applyPrefill();
  assert.equal(flow.state.form.name, 'Typed');
  assert.equal(flow.state.form.email, 'host-set@guest.test');
  assert.deepEqual(flow.state.form.fields, { company: 'ACME', utm_source: 'mail', size: 'S' });
});

test('months: only from this month to the last bookable one; the selection moves into the month shown; days without times are not selectable', async (t) => {
  const fake = fakeClient({
    slots: [slotAt('2030-01-15T09:00:00Z'), slotAt('2030-02-04T09:00:00Z'), slotAt('2030-02-06T09:00:00Z')],
  });
  const { flow, named } = await started(t, fake.client);
  assert.deepEqual(flow.bounds(), { today: '2030-01-10', lastDay: '2030-03-11' });
  await flow.showMonth('2029-12');
  await flow.showMonth('2030-04');
  assert.equal(flow.state.month, '2030-01');
  assert.deepEqual(named('scheduler-month-change'), []);

  await flow.showMonth('2030-02');
  assert.equal(flow.state.month, '2030-02');
  assert.equal(flow.state.selectedDay, '2030-02-04');
  assert.equal(flow.state.activeDay, '2030-02-04');
  assert.deepEqual(named('scheduler-month-change'), [{ month: '2030-02' }]);
  flow.selectDay('2030-02-05');
  assert.equal(flow.state.selectedDay, '2030-02-04', 'a day without times');
  flow.selectDay('2030-02-06');
  assert.equal(flow.state.selectedDay, '2030-02-06');
  assert.deepEqual(named('scheduler-date-select').at(-1), { date: '2030-02-06' });

  flow.activateDay('2030-01-20');
  await settle();
  assert.equal(flow.state.month, '2030-01');
  assert.equal(flow.state.activeDay, '2030-01-15', 'the first day with times of the month shown');
  flow.activateDay('2030-01-16');
  assert.equal(flow.state.activeDay, '2030-01-16');
  assert.equal(flow.state.month, '2030-01');
});

test('a month that fails to load shows a notice; retry fetches it again', async (t) => {
  const fake = fakeClient({ slots: [slotAt('2030-01-15T09:00:00Z')] });
  const { flow } = await started(t, fake.client);
  const availability = fake.client.availability.bind(fake.client);
  let failing = true;
  (fake.client as unknown as { availability: unknown }).availability = (
    window: AvailabilityWindow,
    signal?: AbortSignal,
  ) => (failing ? Promise.reject(serverError()) : availability(window, signal));
  await flow.showMonth('2030-02');
  assert.equal(flow.state.notice?.status, 500);
  assert.equal(flow.monthState()?.status, 'error');
  failing = false;
  flow.retry();
  await settle();
  assert.equal(flow.state.notice, null);
  assert.equal(flow.monthState()?.status, 'ready');
});

test('a new time zone re-groups the days and keeps the chosen instant', async (t) => {
  const late = slotAt('2030-01-15T23:30:00Z');
  const fake = fakeClient({ slots: [late] });
  const { flow, named } = await started(t, fake.client);
  flow.selectSlot(late);
  flow.back();
  assert.equal(flow.state.step, 'schedule');
  flow.setTimeZone('UTC');
  assert.deepEqual(named('scheduler-timezone-change'), []);
  flow.setTimeZone('Asia/Tokyo');
  await settle();
  assert.deepEqual(named('scheduler-timezone-change'), [{ timeZone: 'Asia/Tokyo' }]);
  assert.equal(flow.state.selectedDay, '2030-01-16');
  assert.equal(flow.state.month, '2030-01');
  assert.deepEqual(flow.scheduleView().slots, [late]);
  assert.deepEqual(flow.state.slot, late);
});

test('round-robin: the booking names the first free host in the order of the month the slot is in', async (t) => {
  const slot = slotAt('2030-01-15T09:00:00Z', 45, ['b@host.test', 'a@host.test']);
  const fake = fakeClient({ slots: [slot] });
  const availability = fake.client.availability.bind(fake.client);
  (fake.client as unknown as { availability: unknown }).availability = async (
    window: AvailabilityWindow,
    signal?: AbortSignal,
  ) => ({
    ...(await availability(window, signal)),
    order: ['a@host.test', 'b@host.test'],
  });
  const { flow } = await started(t, fake.client);
  flow.selectSlot(slot);
  await flow.submit();
  assert.deepEqual((fake.named('createBooking')[0]!.args[0] as { participants?: unknown }).participants, [
    { email: 'a@host.test' },
  ]);
});

test('a group session is validated before the form; one that filled up sends the guest back to choosing with session_full', async (t) => {
  const session: GroupTimeSlot = {
    ...slotAt('2030-01-15T09:00:00Z'),
    event_id: 'ev-1',
    master_id: 'm-1',
    calendar_id: 'cal-1',
    capacity: 3,
    title: 'Class',
  } as GroupTimeSlot;
  const fake = fakeClient({
    slots: [session],
    writes: [undefined as never, new ApiError('invalid_request_error', 'Event is full', 400)],
  });
  const { flow } = await started(t, fake.client);
  flow.selectSlot(session);
  assert.equal(flow.state.step, 'schedule', 'not on the form before the session is validated');
  await settle();
  assert.equal(flow.state.step, 'details');
  assert.deepEqual(fake.named('validateTimeslot')[0]!.args[0], 'c-1');

  flow.selectSlot(session);
  await settle();
  assert.equal(flow.state.step, 'schedule');
  assert.equal(flow.state.slot, null);
  assert.equal(flow.state.notice?.type, 'session_full');
});

test('before start: booking mode, loading, today in the zone, an empty form, nothing selected', (t) => {
  mock.timers.enable({ apis: ['Date'], now: NOW });
  t.after(() => mock.timers.reset());
  const flow = new BookingFlow({ changed() {}, emit: () => true }, 'Asia/Tokyo');
  assert.deepEqual(flow.state, {
    mode: 'book',
    step: 'loading',
    settings: null,
    existing: null,
    timeZone: 'Asia/Tokyo',
    month: '2030-01',
    activeDay: '2030-01-10',
    selectedDay: null,
    slot: null,
    form: { name: '', email: '', additionalGuests: [], fields: {}, cancellationReason: '' },
    busy: false,
    notice: null,
    fatal: null,
    outcome: null,
    booking: null,
    nextMonthWithTimes: null,
  });
  assert.deepEqual(flow.scheduleView().slots, [], 'no day selected: no times');
});

test('booking mode asks for times without a booking id, even with a ref', async (t) => {
  const fake = fakeClient({ slots: [slotAt('2030-01-15T09:00:00Z')] });
  await started(t, fake.client, 'book', REF);
  assert.equal((fake.named('availability')[0]!.args[0] as { bookingId?: string }).bookingId, undefined);
});

test("a month fetched ahead that fails is not the guest's problem: no notice until it is shown", async (t) => {
  const fake = fakeClient({ slots: [slotAt('2030-01-15T09:00:00Z')] });
  const { flow, named } = await started(t, fake.client);
  (fake.client as unknown as { availability: unknown }).availability = () => Promise.reject(serverError());
  flow.prefetch('2030-02');
  await settle();
  assert.equal(flow.monthState('2030-02')?.status, 'error');
  assert.equal(flow.state.notice, null);
  assert.deepEqual(named('scheduler-error'), []);
});

test('with nothing chosen, a new zone moves the calendar to today in that zone', async (t) => {
  const { flow } = await started(t, fakeClient().client);
  assert.equal(flow.state.selectedDay, null);
  mock.timers.setTime(Date.UTC(2030, 0, 31, 20));
  flow.setTimeZone('Asia/Tokyo');
  assert.equal(flow.state.activeDay, '2030-02-01');
  assert.equal(flow.state.month, '2030-02');
  assert.equal(flow.state.selectedDay, null);
});

test('an error that is not an ApiError is reported as internal_error with its message', async (t) => {
  const nine = slotAt('2030-01-15T09:00:00Z');
  const fake = fakeClient({ slots: [nine], writes: [new TypeError('Failed to parse')] });
  const { flow, named } = await started(t, fake.client);
  flow.selectSlot(nine);
  await flow.submit();
  assert.equal(flow.state.notice?.type, 'internal_error');
  assert.equal(flow.state.notice?.message, 'Failed to parse');
  assert.equal(flow.state.notice?.status, 0);
  assert.deepEqual(named('scheduler-error'), [{ type: 'internal_error', message: 'Failed to parse', status: 0 }]);
});

test('group sessions: one that moved or went (404, or 400 when validated) is session_changed; another 400 on booking stays as sent', async (t) => {
  const session = {
    ...slotAt('2030-01-15T09:00:00Z'),
    event_id: 'ev-1',
    master_id: 'm-1',
    calendar_id: 'cal-1',
    capacity: 3,
    title: 'Class',
  } as GroupTimeSlot;
  const invalid = new ApiError('invalid_request_error', 'start_time: does not match', 400);
  const fake = fakeClient({
    slots: [session],
    writes: [invalid, undefined as never, new ApiError('not_found_error', 'Gone', 404), undefined as never, invalid],
  });
  const { flow } = await started(t, fake.client);
  flow.selectSlot(session);
  await settle();
  assert.equal(flow.state.notice?.type, 'session_changed', 'validation: 400');
  assert.equal(flow.state.step, 'schedule');

  flow.selectSlot(session);
  await settle();
  assert.equal(flow.state.step, 'details');
  await flow.submit();
  await settle();
  assert.equal(flow.state.notice?.type, 'session_changed', 'booking: 404');
  assert.equal(flow.state.slot, null);

  flow.selectSlot(session);
  await settle();
  await flow.submit();
  await settle();
  assert.equal(flow.state.notice?.type, 'invalid_request_error', 'booking: 400 is not a moved session');
  assert.equal(flow.state.step, 'details');
  assert.deepEqual(fake.named('createBooking')[0]!.args[0], {
    start_time: session.start_time,
    end_time: session.end_time,
    event_id: 'ev-1',
    master_id: 'm-1',
    calendar_id: 'cal-1',
    guest: { name: '', email: '' },
    timezone: 'UTC',
  });
});

test('the first month failing while loading shows a notice on the schedule; retry loads again and shows its times', async (t) => {
  const nine = slotAt('2030-01-15T09:00:00Z');
  const fake = fakeClient({ slots: [nine] });
  const availability = fake.client.availability.bind(fake.client);
  let failing = true;
  (fake.client as unknown as { availability: unknown }).availability = (
    window: AvailabilityWindow,
    signal?: AbortSignal,
  ) => (failing ? Promise.reject(serverError()) : availability(window, signal));
  const { flow } = await started(t, fake.client);
  assert.equal(flow.state.step, 'schedule');
  assert.equal(flow.state.notice?.status, 500);
  failing = false;
  flow.retry();
  await settle();
  assert.equal(flow.state.notice, null);
  assert.deepEqual(flow.scheduleView().slots, [nine]);
});

test('a new start on another configuration starts the form afresh; on the same one it keeps what was typed', async (t) => {
  const fake = fakeClient({ slots: [slotAt('2030-01-15T09:00:00Z')] });
  const { flow } = await started(t, fake.client);
  flow.updateForm({ name: 'Ada' });
  flow.start({ client: fake.client, mode: 'book', ref: undefined });
  await settle();
  assert.equal(flow.state.form.name, 'Ada');
  flow.start({
    client: fakeClient({ settings: settingsOf({ configuration_id: 'c-2' }) }).client,
    mode: 'book',
    ref: undefined,
  });
  await settle();
  assert.equal(flow.state.form.name, '');
});

test('a new start resumes on the form only for the same configuration and a guest who was on it', async (t) => {
  const nine = slotAt('2030-01-15T09:00:00Z');
  const fake = fakeClient({ slots: [nine] });
  const { flow } = await started(t, fake.client);
  flow.selectSlot(nine);
  flow.back();
  flow.start({ client: fake.client, mode: 'book', ref: undefined });
  await settle();
  assert.equal(flow.state.step, 'schedule', 'the guest had gone back to the times');

  flow.selectSlot(nine);
  flow.start({
    client: fakeClient({ slots: [nine], settings: settingsOf({ configuration_id: 'c-2' }) }).client,
    mode: 'book',
    ref: undefined,
  });
  await settle();
  assert.equal(flow.state.step, 'schedule', 'another configuration');
});

test('a start superseded while its settings load reports nothing', async (t) => {
  const fake = fakeClient();
  (fake.client as unknown as { uiSettings: unknown }).uiSettings = (_: unknown, signal?: AbortSignal) => held(signal);
  const { flow, named } = await started(t, fake.client);
  flow.start({ client: fakeClient().client, mode: 'book', ref: undefined });
  await settle();
  assert.deepEqual(named('scheduler-error'), []);
  assert.equal(flow.state.step, 'schedule');
});

test('what a manage link cannot do is said plainly: an unknown booking is not found', async (t) => {
  const { flow } = await started(t, fakeClient().client, 'reschedule', REF);
  assert.equal(flow.state.fatal?.message, 'Booking not found.');
  flow.start({ client: fakeClient().client, mode: 'cancel', ref: REF });
  await settle();
  assert.equal(flow.state.fatal?.message, 'Booking not found.');
});
