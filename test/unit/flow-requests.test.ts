import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../src/api/errors.js';
import type { Booking, BookingInput, TimeSlot, UiSettings } from '../../src/contract/guest.js';
import { availabilityWindow, localMonthWindow, type GuestForm } from '../../src/flow/requests.js';
import { dayKeyOf, monthOf } from '../../src/time/index.js';
import { bookingInput, bookWithHosts, cancelInput } from '../../src/flow/writes.js';

const slot: TimeSlot = {
  start_time: 1_900_000_000,
  end_time: 1_900_001_800,
  emails: ['bob@host.test', 'alice@host.test'],
};
const settings = {
  scheduler: { additional_fields: { company: { label: 'Company', type: 'text', required: false } } },
} as unknown as UiSettings;
const form = (patch: Partial<GuestForm> = {}): GuestForm => ({
  name: ' Grace Guest ',
  email: ' grace@guest.test ',
  additionalGuests: [],
  fields: {},
  cancellationReason: '',
  ...patch,
});

test('bookingInput: trimmed guest, the zone, and nothing blank or unknown', () => {
  const input = bookingInput(
    slot,
    {
      form: form({
        fields: { company: 'Acme', unknown: 'dropped', blank: '' },
        additionalGuests: [
          { name: ' Quinn ', email: ' quinn@guest.test ' },
          { name: 'No email', email: ' ' },
        ],
      }),
      settings,
      timeZone: 'Asia/Kolkata',
    },
    'de',
  );
  assert.deepEqual(input, {
    start_time: slot.start_time,
    end_time: slot.end_time,
    guest: { name: 'Grace Guest', email: 'grace@guest.test' },
    timezone: 'Asia/Kolkata',
    additional_fields: { company: 'Acme' },
    additional_guests: [{ name: 'Quinn', email: 'quinn@guest.test' }],
    email_language: 'de',
  });
  const bare = bookingInput(slot, { form: form(), settings, timeZone: 'UTC' });
  assert.deepEqual(Object.keys(bare).sort(), ['end_time', 'guest', 'start_time', 'timezone']);
});

test('cancelInput: the trimmed reason, none when blank', () => {
  assert.deepEqual(cancelInput(form({ cancellationReason: '  Away  ' })), { cancellation_reason: 'Away' });
  assert.deepEqual(cancelInput(form({ cancellationReason: '   ' })), {});
});

/** A fake client's createBooking: the hosts in `taken` answer that the slot is taken. */
function fakeCreate(
  taken: string[],
  error = new ApiError('timeslot_not_available', 'The selected timeslot is unavailable.', 409),
) {
  const sent: Array<string | undefined> = [];
  const create = async (input: BookingInput): Promise<Booking> => {
    const host = input.participants?.[0]?.email;
    sent.push(host);
    if (host && taken.includes(host)) throw error;
    return { booking_id: 'b-1', organizer: { email: host ?? 'organizer@host.test' } } as Booking;
  };
  return { sent, create };
}

const input = bookingInput(slot, { form: form(), settings, timeZone: 'UTC' });

test('bookWithHosts: without an order, one booking without participants', async () => {
  const { sent, create } = fakeCreate([]);
  await bookWithHosts(create, input, slot, []);
  assert.deepEqual(sent, [undefined]);
});

test('bookWithHosts: the free hosts in the API order, the next one when one was just taken', async () => {
  const { sent, create } = fakeCreate(['alice@host.test']);
  const booking = await bookWithHosts(create, input, slot, ['carol@host.test', 'alice@host.test', 'bob@host.test']);
  assert.deepEqual(sent, ['alice@host.test', 'bob@host.test']);
  assert.equal(booking.organizer?.email, 'bob@host.test');
});

test('bookWithHosts: every host taken rethrows the last refusal; any other error stops at once', async () => {
  const all = fakeCreate(['alice@host.test', 'bob@host.test']);
  await assert.rejects(
    bookWithHosts(all.create, input, slot, ['alice@host.test']),
    (error: ApiError) => error.slotUnavailable,
  );
  assert.deepEqual(all.sent, ['alice@host.test', 'bob@host.test']);
  const down = fakeCreate(['alice@host.test'], new ApiError('internal_error', 'down', 500));
  await assert.rejects(bookWithHosts(down.create, input, slot, ['alice@host.test']), { type: 'internal_error' });
  assert.deepEqual(down.sent, ['alice@host.test']);
});

test('ApiError: slot taken by type or by message whatever the status; retry only where it can help', () => {
  const taken = new ApiError(
    'invalid_request_error',
    'The selected timeslot is unavailable. Please choose another.',
    400,
  );
  assert.equal(taken.slotUnavailable, true);
  assert.equal(taken.retryable, false);
  assert.equal(new ApiError('timeslot_not_available', 'Taken.', 409).slotUnavailable, true);
  for (const type of ['invalid_session', 'unauthorized', 'not_found_error', 'invalid_ref'] as const) {
    assert.equal(new ApiError(type, 'x', 400).retryable, false, type);
  }
  for (const type of [
    'network',
    'timeout',
    'bad_response',
    'internal_error',
    'rate_limit_error',
    'invalid_request_error',
  ] as const) {
    assert.equal(new ApiError(type, 'x', 0).retryable, true, type);
  }
});

test('bookingInput of a group session: names its occurrence, and is one seat (no additional guests even when prefilled)', () => {
  const session = {
    ...slot,
    event_id: 'series_20300207T180000Z',
    master_id: 'series',
    calendar_id: 'primary',
    capacity: 3,
  };
  const input = bookingInput(session, {
    form: form({ additionalGuests: [{ name: 'Quinn', email: 'quinn@guest.test' }] }),
    settings,
    timeZone: 'UTC',
  });
  assert.deepEqual(input, {
    start_time: slot.start_time,
    end_time: slot.end_time,
    event_id: 'series_20300207T180000Z',
    master_id: 'series',
    calendar_id: 'primary',
    guest: { name: 'Grace Guest', email: 'grace@guest.test' },
    timezone: 'UTC',
  });
});

test('availabilityWindow: from now (whole minutes) to the month end; null from the month end on', () => {
  const april = { start: Date.UTC(2030, 3, 1) / 1000, end: Date.UTC(2030, 4, 1) / 1000 };
  assert.deepEqual(availabilityWindow('2030-04', 'UTC', april.start - 86400), april);
  assert.deepEqual(availabilityWindow('2030-04', 'UTC', april.start + 119), {
    start: april.start + 60,
    end: april.end,
  });
  assert.deepEqual(availabilityWindow('2030-04', 'UTC', april.end - 60), { start: april.end - 60, end: april.end });
  assert.equal(availabilityWindow('2030-04', 'UTC', april.end), null);
});

test('localMonthWindow (sent before Intl is set up) asks for exactly the window the flow asks for, in any zone', () => {
  const zone = process.env.TZ;
  const instants = [
    Date.UTC(2030, 0, 31, 23, 59, 30), // a month's last minute in UTC, already February east of it
    Date.UTC(2030, 1, 1, 0, 0, 45),
    Date.UTC(2030, 1, 28, 10, 59, 59),
    Date.UTC(2030, 2, 31, 0, 30), // Europe's spring change that night
    Date.UTC(2030, 3, 6, 2, 0, 7), // Auckland's and Santiago's autumn changes
    Date.UTC(2030, 8, 8, 4, 1), // Santiago skips midnight in September
    Date.UTC(2030, 11, 31, 11, 15, 1),
  ].map((ms) => ms / 1000);
  try {
    for (const timeZone of [
      'UTC',
      'Europe/London',
      'Pacific/Auckland',
      'America/Santiago',
      'Asia/Kathmandu',
      'Pacific/Kiritimati',
      'America/Los_Angeles',
    ]) {
      process.env.TZ = timeZone;
      for (const now of instants) {
        const month = monthOf(dayKeyOf(now, timeZone));
        assert.deepEqual(
          localMonthWindow(now),
          availabilityWindow(month, timeZone, now),
          `${timeZone} at ${new Date(now * 1000).toISOString()}`,
        );
      }
    }
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});
