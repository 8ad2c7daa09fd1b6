/**
 * The booking operations (`server/scheduling/bookings.ts`) called directly on a store, without
 * HTTP: what each writes, what each refuses, and that the slot check and the writes are one
 * transaction. Fast, so it is what `npm run mutate bookings` judges that module by first; the HTTP
 * suites (bookings, concurrency) cover the same through the routes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ConfigurationInput, Participant } from '../../src/contract/admin.js';
import type { BookingInput } from '../../src/contract/guest.js';
import { DomainError } from '../../server/domain-errors.js';
import { asApiError } from '../../server/http/envelope.js';
import { bookingOfConfiguration, cancel, createBooking, decide, reschedule } from '../../server/scheduling/bookings.js';
import type { OperationContext } from '../../server/scheduling/context.js';
import { openStore } from '../../server/store/index.js';
import { ORGANIZER, T0, at, configurationBody, guest, writeProbe } from './helpers.js';

const directory = mkdtempSync(join(tmpdir(), 'booking-operations-'));
after(() => rmSync(directory, { recursive: true, force: true }));
let stores = 0;

/** A fresh store (in memory unless a second connection needs a file) with one configuration (the helpers' body: Mon–Fri 9–17 UTC, 30 minutes, 60 min notice). */
function setup(overrides: Partial<ConfigurationInput> = {}, inMemory = true) {
  const path = inMemory ? ':memory:' : join(directory, `${++stores}.sqlite`);
  const store = openStore(path);
  after(() => store.close());
  const grant = store.grants.ensure(ORGANIZER, T0);
  const body = configurationBody(overrides);
  store.configurations.save('c-1', grant.id, body, T0);
  const context = (now = T0, extra: Partial<OperationContext> = {}): OperationContext => ({ store, now, ...extra });
  return { store, grant, path, context, body };
}

const input = (start: number, minutes = 30, extra: Partial<BookingInput> = {}) => ({
  start_time: start,
  end_time: start + minutes * 60,
  guest,
  timezone: 'Europe/Paris',
  ...extra,
});

/** Asserts `fn` refuses with the domain error `type`, which the API answers with `status`; returns its message. */
function refused(fn: () => unknown, status: number, type: string): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DomainError, `a DomainError, not ${String(error)}`);
    assert.equal(error.type, type);
    assert.equal(asApiError(error).status, status);
    return error.message;
  }
  assert.fail(`expected ${status} ${type}`);
}

test("createBooking writes the booking and its event on the organizer's primary calendar, guests invited once", () => {
  const { store, grant, context } = setup();
  const booking = createBooking(context(), 'c-1', {
    ...input(at(1, 10)),
    additional_guests: [
      { name: 'Ann', email: 'ann@example.org' },
      { name: 'Gus again', email: guest.email },
    ],
    email_language: 'fr',
  });
  assert.deepEqual(store.bookings.get(booking.id), booking);
  assert.equal(booking.configurationId, 'c-1');
  assert.equal(booking.status, 'booked');
  assert.equal(booking.start, at(1, 10));
  assert.equal(booking.end, at(1, 10, 30));
  assert.equal(booking.title, 'Test call');
  assert.equal(booking.description, 'About testing');
  assert.equal(booking.location, 'Online');
  assert.deepEqual(booking.host, { name: 'Olga Organizer', email: ORGANIZER });
  assert.deepEqual(booking.guest, guest);
  assert.equal(booking.timezone, 'Europe/Paris');
  assert.equal(booking.emailLanguage, 'fr');
  assert.deepEqual(booking.additionalFields, {});
  assert.equal(booking.cancellationReason, null);
  assert.equal(booking.createdAtMs, T0);
  assert.notEqual(booking.salt, booking.organizerSalt);
  assert.notEqual(booking.id, booking.eventId);

  const event = store.events.get(booking.eventId)!;
  assert.equal(event.grantId, grant.id);
  assert.equal(event.calendarId, store.grants.primaryCalendar(grant.id).id);
  assert.equal(event.bookingId, booking.id);
  assert.equal(event.status, 'confirmed');
  assert.equal(event.busy, true);
  assert.deepEqual(
    [event.start, event.end, event.title, event.description, event.location],
    [at(1, 10), at(1, 10, 30), 'Test call', 'About testing', 'Online'],
  );
  assert.deepEqual(event.participants, [
    { email: ORGANIZER, name: 'Olga Organizer', status: 'yes' },
    { email: guest.email, name: guest.name, status: 'noreply' },
    { email: 'ann@example.org', name: 'Ann', status: 'noreply' },
  ]);
});

test('createBooking without optional values: no description, location, language or zone is stored as null', () => {
  const { context } = setup({ event_booking: { title: 'Bare' } });
  const booking = createBooking(context(), 'c-1', {
    start_time: at(1, 10),
    end_time: at(1, 10, 30),
    guest,
    timezone: null,
  });
  assert.deepEqual(
    [booking.description, booking.location, booking.emailLanguage, booking.timezone],
    [null, null, null, null],
  );
  assert.deepEqual(booking.additionalGuests, []);
});

test('a 45-minute event: only [start, start + 45 min) is bookable; start + 30 min is refused and writes nothing', () => {
  const { store, context } = setup({ availability: { duration_minutes: 45 } });
  refused(() => createBooking(context(), 'c-1', input(at(1, 9), 30)), 409, 'timeslot_not_available');
  assert.equal(store.events.busyFor(ORGANIZER, undefined, at(1, 0), at(2, 0)).length, 0);
  const booking = createBooking(context(), 'c-1', input(at(1, 9), 45));
  assert.equal(booking.end, at(1, 9, 45));
});

test('createBooking refuses an end not after the start, an unknown configuration, and a taken slot (409)', () => {
  const { context } = setup();
  assert.match(
    refused(() => createBooking(context(), 'c-1', input(at(1, 10), 0)), 400, 'invalid_request_error'),
    /end_time/,
  );
  assert.equal(
    refused(() => createBooking(context(), 'nope', input(at(1, 10))), 404, 'not_found_error'),
    'Configuration nope not found.',
  );
  createBooking(context(), 'c-1', input(at(1, 10)));
  const message = refused(() => createBooking(context(), 'c-1', input(at(1, 10))), 409, 'timeslot_not_available');
  assert.match(
    message,
    /^The selected timeslot is unavailable.*it is not offered \(taken, outside the open hours or too soon\)/,
  );
});

test('min_booking_notice: at 10:07 with 60 minutes, 11:00 is refused and 11:30 booked (the operation passes the notice to the engine)', () => {
  const { context } = setup({ scheduler: { min_booking_notice: 60, available_days_in_future: 30 } });
  const now = at(1, 10, 7) * 1000;
  refused(() => createBooking(context(now), 'c-1', input(at(1, 11))), 409, 'timeslot_not_available');
  assert.equal(createBooking(context(now), 'c-1', input(at(1, 11, 30))).start, at(1, 11, 30));
});

test('buffer.before keeps the time before an existing event free, for booking and reschedule alike', () => {
  const { context } = setup({
    availability: { duration_minutes: 30, availability_rules: { buffer: { before: 30, after: 0 } } },
  });
  const first = createBooking(context(), 'c-1', input(at(1, 14)));
  assert.equal(first.start, at(1, 14));
  // 13:30 is inside the 30 minutes kept free before the 14:00 booking: refused; 13:00 is clear.
  refused(() => createBooking(context(), 'c-1', input(at(1, 13, 30))), 409, 'timeslot_not_available');
  const second = createBooking(context(), 'c-1', input(at(1, 11)));
  refused(
    () => reschedule(context(), second.id, { start_time: at(1, 13, 30), end_time: at(1, 14) }),
    409,
    'timeslot_not_available',
  );
  assert.equal(reschedule(context(), second.id, { start_time: at(1, 13), end_time: at(1, 13, 30) }).start, at(1, 13));
});

test('organizer confirmation: the booking is pending and its event tentative; decide confirms with the organizer salt only', () => {
  const { store, context } = setup({ event_booking: { title: 'Test call', booking_type: 'organizer-confirmation' } });
  const booking = createBooking(context(), 'c-1', input(at(1, 10)));
  assert.equal(booking.status, 'pending');
  assert.equal(store.events.get(booking.eventId)!.status, 'tentative');

  refused(
    () => decide(context(), booking.id, { salt: booking.salt, status: 'confirmed' }),
    400,
    'invalid_request_error',
  );
  refused(() => decide(context(), booking.id, { salt: 'x', status: 'confirmed' }), 400, 'invalid_request_error');
  const confirmed = decide(context(T0 + 1000), booking.id, { salt: booking.organizerSalt, status: 'confirmed' });
  assert.equal(confirmed.status, 'booked');
  assert.deepEqual(store.bookings.get(booking.id), confirmed);
  assert.equal(store.events.get(booking.eventId)!.status, 'confirmed');
  assert.match(
    refused(
      () => decide(context(), booking.id, { salt: booking.organizerSalt, status: 'confirmed' }),
      400,
      'invalid_request_error',
    ),
    /booked and cannot be confirmed/,
  );
  assert.match(
    refused(
      () => decide(context(), booking.id, { salt: booking.organizerSalt, status: 'cancelled' }),
      400,
      'invalid_request_error',
    ),
    /cannot be rejected/,
  );
});

test('decide rejects a pending booking: cancelled with the reason, its event gone, its time free again', () => {
  const { store, context } = setup({ event_booking: { title: 'Test call', booking_type: 'organizer-confirmation' } });
  const booking = createBooking(context(), 'c-1', input(at(1, 10)));
  const rejected = decide(context(), booking.id, {
    salt: booking.organizerSalt,
    status: 'cancelled',
    cancellation_reason: 'No room',
  });
  assert.equal(rejected.status, 'cancelled');
  assert.equal(rejected.cancellationReason, 'No room');
  assert.deepEqual(store.bookings.get(booking.id), rejected);
  assert.equal(store.events.get(booking.eventId), undefined);
  assert.equal(createBooking(context(), 'c-1', input(at(1, 10))).status, 'pending');
});

test('reschedule moves the booking and its event; its own time counts as free; nothing changes on a refusal', () => {
  const { store, context } = setup({ availability: { duration_minutes: 60, interval_minutes: 30 } });
  const booking = createBooking(context(), 'c-1', input(at(1, 10), 60));
  const other = createBooking(context(), 'c-1', input(at(1, 13), 60));
  // 10:30–11:30 overlaps the booking's own time: free for it.
  const moved = reschedule(context(T0 + 5), booking.id, { start_time: at(1, 10, 30), end_time: at(1, 11, 30) });
  assert.deepEqual(moved, { ...booking, start: at(1, 10, 30), end: at(1, 11, 30) });
  assert.deepEqual(store.bookings.get(booking.id), moved);
  const event = store.events.get(booking.eventId)!;
  assert.deepEqual([event.start, event.end], [at(1, 10, 30), at(1, 11, 30)]);

  refused(
    () => reschedule(context(), booking.id, { start_time: at(1, 13), end_time: at(1, 14) }),
    409,
    'timeslot_not_available',
  );
  refused(
    () => reschedule(context(), booking.id, { start_time: at(1, 12), end_time: at(1, 12) }),
    400,
    'invalid_request_error',
  );
  assert.deepEqual(store.bookings.get(booking.id), moved);
  assert.deepEqual(store.bookings.get(other.id), other);
  assert.equal(
    refused(
      () => reschedule(context(), 'missing', { start_time: at(1, 15), end_time: at(1, 16) }),
      404,
      'not_found_error',
    ),
    'Booking missing not found.',
  );
});

test('cancel: cancelled with the reason (null without one), its event deleted, its time free; not twice', () => {
  const { store, context } = setup();
  const booking = createBooking(context(), 'c-1', input(at(1, 10)));
  const cancelled = cancel(context(), booking.id, { cancellation_reason: 'Ill' });
  assert.deepEqual(cancelled, { ...booking, status: 'cancelled', cancellationReason: 'Ill' });
  assert.deepEqual(store.bookings.get(booking.id), cancelled);
  assert.equal(store.events.get(booking.eventId), undefined);
  assert.match(
    refused(() => cancel(context(), booking.id, {}), 400, 'invalid_request_error'),
    /cancelled and cannot be cancelled again/,
  );
  assert.match(
    refused(
      () => reschedule(context(), booking.id, { start_time: at(1, 11), end_time: at(1, 11, 30) }),
      400,
      'invalid_request_error',
    ),
    /cannot be rescheduled/,
  );
  const again = createBooking(context(), 'c-1', input(at(1, 10)));
  assert.equal(cancel(context(), again.id, {}).cancellationReason, null);
});

test('min_cancellation_notice: a change is allowed up to exactly the notice before the start, refused one second later', () => {
  const { context } = setup({
    scheduler: { min_booking_notice: 0, min_cancellation_notice: 120, available_days_in_future: 30 },
  });
  const booking = createBooking(context(), 'c-1', input(at(0, 12)));
  const lastMoment = at(0, 10) * 1000;
  const message = refused(() => cancel(context(lastMoment + 1000), booking.id, {}), 400, 'invalid_request_error');
  assert.match(message, /only up to 120 minutes before it starts/);
  refused(
    () => reschedule(context(lastMoment + 1000), booking.id, { start_time: at(0, 14), end_time: at(0, 14, 30) }),
    400,
    'invalid_request_error',
  );
  assert.equal(
    reschedule(context(lastMoment), booking.id, { start_time: at(0, 14), end_time: at(0, 14, 30) }).start,
    at(0, 14),
  );
});

test('without a cancellation notice a booking that has started can no longer be changed', () => {
  const { context } = setup({ scheduler: { min_booking_notice: 0, available_days_in_future: 30 } });
  const booking = createBooking(context(), 'c-1', input(at(0, 12)));
  assert.match(
    refused(() => cancel(context(at(0, 12, 0) * 1000 + 1000), booking.id, {}), 400, 'invalid_request_error'),
    /already started/,
  );
  assert.equal(cancel(context(at(0, 12) * 1000), booking.id, {}).status, 'cancelled');
});

test('bookingOfConfiguration: a booking of another configuration is not found', () => {
  const { context } = setup();
  const booking = createBooking(context(), 'c-1', input(at(1, 10)));
  assert.equal(bookingOfConfiguration(context().store, 'c-1', booking.id).id, booking.id);
  assert.equal(bookingOfConfiguration(context().store, undefined, booking.id).id, booking.id);
  refused(() => bookingOfConfiguration(context().store, 'c-2', booking.id), 404, 'not_found_error');
});

test('round-robin: the chosen host, else the first free host in the order; a stranger is refused; only the host is invited', () => {
  const host = (email: string, name: string): Participant => ({
    email,
    name,
    timezone: 'UTC',
    availability: { open_hours: [{ days: [1, 2, 3, 4, 5], start: '9:00', end: '17:00', timezone: 'UTC' }] },
    booking: { calendar_id: 'primary' },
  });
  const { store, context } = setup({
    participants: [host('alice@example.com', 'Alice'), host('bob@example.com', 'Bob')],
    availability: { duration_minutes: 30, availability_rules: { availability_method: 'max-fairness' } },
  });
  const chosen = createBooking(context(), 'c-1', { ...input(at(1, 10)), participants: [{ email: 'bob@example.com' }] });
  assert.deepEqual(chosen.host, { name: 'Bob', email: 'bob@example.com' });
  assert.deepEqual(
    store.events.get(chosen.eventId)!.participants.map((p) => [p.email, p.status]),
    [
      ['bob@example.com', 'yes'],
      [guest.email, 'noreply'],
    ],
  );
  assert.match(
    refused(
      () => createBooking(context(), 'c-1', { ...input(at(1, 11)), participants: [{ email: 'eve@example.com' }] }),
      400,
      'invalid_request_error',
    ),
    /eve@example.com is not a host/,
  );
  // Bob has one recent booking, Alice none: Alice is first in the order (an empty participants list chooses nobody).
  assert.equal(
    createBooking(context(), 'c-1', { ...input(at(1, 11)), participants: [] }).host.email,
    'alice@example.com',
  );
  // At 10:00 only Alice is free.
  assert.equal(createBooking(context(), 'c-1', input(at(1, 10))).host.email, 'alice@example.com');
  // Now nobody is free at 10:00, and Bob chosen at 10:00 is refused.
  refused(
    () => createBooking(context(), 'c-1', { ...input(at(1, 10)), participants: [{ email: 'bob@example.com' }] }),
    409,
    'timeslot_not_available',
  );
});

test('round-robin: a chosen host who is not free, and a move to a time only another host has, are refused by name', () => {
  const host = (email: string): Participant => ({
    email,
    timezone: 'UTC',
    availability: { open_hours: [{ days: [1, 2, 3, 4, 5], start: '9:00', end: '17:00', timezone: 'UTC' }] },
  });
  const { context } = setup({
    participants: [host('alice@example.com'), host('bob@example.com')],
    availability: { duration_minutes: 30, availability_rules: { availability_method: 'max-fairness' } },
  });
  const bobs = createBooking(context(), 'c-1', { ...input(at(1, 10)), participants: [{ email: 'bob@example.com' }] });
  assert.deepEqual(bobs.host, { name: '', email: 'bob@example.com' }, 'a host without a name');
  // Alice is still free at 10:00, so the slot is offered, but not with Bob.
  const message = refused(
    () => createBooking(context(), 'c-1', { ...input(at(1, 10)), participants: [{ email: 'bob@example.com' }] }),
    409,
    'timeslot_not_available',
  );
  assert.match(message, /bob@example.com is not free then/);
  createBooking(context(), 'c-1', { ...input(at(1, 12)), participants: [{ email: 'bob@example.com' }] });
  // Bob is busy at 12:00: his 10:00 booking cannot move there, though the slot is offered (Alice is free).
  assert.match(
    refused(
      () => reschedule(context(), bobs.id, { start_time: at(1, 12), end_time: at(1, 12, 30) }),
      409,
      'timeslot_not_available',
    ),
    /bob@example.com is not free then/,
  );
});

test("a configuration whose booking form changed between the guest's check and the write is refused", () => {
  const fields = { company: { label: 'Company', type: 'text' as const, required: false } };
  const { store, grant, context, body } = setup({ scheduler: { min_booking_notice: 60, additional_fields: fields } });
  const write = store.write.bind(store);
  store.write = <T>(fn: () => T): T => {
    store.configurations.save(
      'c-1',
      grant.id,
      { ...body, scheduler: { ...body.scheduler, additional_fields: {} } },
      T0,
    );
    return write(fn);
  };
  const message = refused(
    () => createBooking(context(), 'c-1', { ...input(at(1, 10)), additional_fields: { company: 'ACME' } }),
    400,
    'invalid_request_error',
  );
  assert.match(message, /booking form changed/);
});

test('additional fields are checked and stored', () => {
  const fields = { company: { label: 'Company', type: 'text' as const, required: true } };
  const { context } = setup({ scheduler: { min_booking_notice: 60, additional_fields: fields } });
  refused(() => createBooking(context(), 'c-1', input(at(1, 10))), 400, 'invalid_request_error');
  assert.deepEqual(
    createBooking(context(), 'c-1', { ...input(at(1, 10)), additional_fields: { company: 'ACME' } }).additionalFields,
    { company: 'ACME' },
  );
});

test('the slot check and the writes are one transaction: between them no other connection can write (booking and reschedule)', () => {
  const { path, context } = setup({}, false);
  const { outcomes, onSlotChecked, close } = writeProbe(() => path);
  after(close);
  const booking = createBooking(context(T0, { onSlotChecked }), 'c-1', input(at(1, 10)));
  reschedule(context(T0, { onSlotChecked }), booking.id, { start_time: at(1, 11), end_time: at(1, 11, 30) });
  assert.deepEqual(outcomes, ['SQLITE_BUSY', 'SQLITE_BUSY']);
});

test('collective: every host is invited, the organizer as attending, the others to answer', () => {
  const second = { email: 'sam@example.com', name: 'Sam', timezone: 'UTC' };
  const { store, context, body } = setup();
  store.configurations.save(
    'c-2',
    store.grants.ensure(ORGANIZER, T0).id,
    { ...body, participants: [...body.participants, second] },
    T0,
  );
  const booking = createBooking(context(), 'c-2', input(at(1, 10)));
  assert.deepEqual(
    store.events.get(booking.eventId)!.participants.map((p) => [p.email, p.status]),
    [
      [ORGANIZER, 'yes'],
      ['sam@example.com', 'noreply'],
      [guest.email, 'noreply'],
    ],
  );
});
