import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  assertError,
  assertOk,
  at,
  book,
  configurationBody,
  createConfiguration,
  slots,
  startTestServer,
  T0_SECONDS,
  type TestServer,
} from './helpers.js';
import { MAX_WINDOW_DAYS } from '../../server/scheduling/availability.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

/** A configuration of its own organizer, so other tests' bookings do not interfere. */
const isolated = (organizer: string, overrides: Parameters<typeof configurationBody>[0] = {}) =>
  createConfiguration(
    server,
    { participants: [{ ...configurationBody().participants[0]!, email: organizer }], ...overrides },
    organizer,
  );

const addEvent = (grant: string, start: number, end: number, extra: Record<string, unknown> = {}) =>
  server.call(`/v3/grants/${grant}/events`, {
    method: 'POST',
    query: { calendar_id: 'primary' },
    body: { title: 'Busy', when: { start_time: start, end_time: end }, ...extra },
  });

describe('GET /v3/scheduling/availability', () => {
  test('offers the open hours after the booking notice, sorted, on the slot grid', async () => {
    const id = await isolated('grid@example.com');
    const day = await slots(server, id, at(0, 0), at(1, 0));
    assert.equal(day[0]!.start_time, at(0, 9), 'now (8:00) + 60 min notice');
    assert.equal(day.at(-1)!.end_time, at(0, 17));
    assert.equal(day.length, 16);
    for (const [i, slot] of day.entries()) {
      assert.deepEqual(slot, {
        emails: ['grid@example.com'],
        start_time: at(0, 9) + i * 1800,
        end_time: at(0, 9, 30) + i * 1800,
      });
    }
    assert.deepEqual(await slots(server, id, at(5, 0), at(7, 0)), [], 'weekend');
  });

  test('busy events block (with buffers), also events that only invite the participant; free ones do not', async () => {
    const organizer = 'busy@example.com';
    const id = await isolated(organizer, {
      availability: { duration_minutes: 30, availability_rules: { buffer: { before: 0, after: 15 } } },
    });
    assertOk(await addEvent(organizer, at(1, 10), at(1, 11)));
    assertOk(await addEvent(organizer, at(1, 12), at(1, 13), { busy: false }));
    assertOk(
      await addEvent('someone-else@example.com', at(1, 14), at(1, 15), { participants: [{ email: organizer }] }),
    );
    assertOk(await addEvent(organizer, at(1, 16), at(1, 17), { status: 'cancelled' }));
    const starts = new Set((await slots(server, id, at(1, 0), at(2, 0))).map((slot) => slot.start_time));
    assert.ok(starts.has(at(1, 9)) && starts.has(at(1, 9, 30)), 'no buffer before the 10:00 event');
    assert.ok(!starts.has(at(1, 10)) && !starts.has(at(1, 10, 30)));
    assert.ok(!starts.has(at(1, 11)), 'after: 15 keeps 11:00–11:15 free after the event');
    assert.ok(starts.has(at(1, 11, 30)));
    assert.ok(starts.has(at(1, 12)), 'a free event does not block');
    assert.ok(!starts.has(at(1, 14)), 'an invitation on another calendar blocks');
    assert.ok(starts.has(at(1, 16)), 'a cancelled event does not block');
  });

  test('booking_id makes that booking’s own time free (rescheduling)', async () => {
    const id = await isolated('resched@example.com');
    const booking = assertOk(await book(server, id, at(2, 10)));
    assert.ok(!(await slots(server, id, at(2, 0), at(3, 0))).some((slot) => slot.start_time === at(2, 10)));
    const free = await slots(server, id, at(2, 0), at(3, 0), { booking_id: booking.booking_id });
    assert.ok(free.some((slot) => slot.start_time === at(2, 10)));
    assertError(
      await server.call('/v3/scheduling/availability', {
        token: null,
        query: {
          configuration_id: id,
          start_time: at(2, 0),
          end_time: at(3, 0),
          booking_id: '00000000-0000-4000-8000-000000000000',
        },
      }),
      404,
      'not_found_error',
    );
  });

  test('round-robin lists who is free and an order', async () => {
    const hosts = ['rr-a@example.com', 'rr-b@example.com'];
    const body = configurationBody();
    const id = await createConfiguration(
      server,
      {
        participants: hosts.map((email) => ({ ...body.participants[0]!, email, is_organizer: false })),
        availability: { duration_minutes: 30, availability_rules: { availability_method: 'max-fairness' } },
      },
      hosts[0],
    );
    assertOk(await addEvent(hosts[0]!, at(1, 9), at(1, 10)));
    const answer = assertOk(
      await server.call('/v3/scheduling/availability', {
        token: null,
        query: { configuration_id: id, start_time: at(1, 9), end_time: at(1, 11) },
      }),
    );
    assert.deepEqual(answer.order, hosts);
    assert.deepEqual(answer.time_slots[0].emails, [hosts[1]]);
    assert.deepEqual(answer.time_slots.at(-1).emails, hosts);
  });

  test('query validation; wide windows are clipped, never refused', async () => {
    const id = await isolated('query@example.com');
    const get = (query: Record<string, string | number>) =>
      server.call('/v3/scheduling/availability', { token: null, query: { configuration_id: id, ...query } });
    assert.match(assertError(await get({ end_time: at(1, 0) }), 400, 'invalid_request_error'), /start_time: Required/);
    assertError(await get({ start_time: 'soon', end_time: at(1, 0) }), 400, 'invalid_request_error');
    assertError(await get({ start_time: at(1, 0), end_time: at(1, 0) }), 400, 'invalid_request_error');
    assertError(await get({ start_time: at(1, 0), end_time: at(0, 0) }), 400, 'invalid_request_error');
    assertError(await get({ start_time: -5, end_time: at(0, 0) }), 400, 'invalid_request_error');
    const wide = assertOk(await get({ start_time: 0, end_time: 99999999999 }));
    const last = wide.time_slots.at(-1);
    assert.ok(last.end_time <= T0_SECONDS + 30 * 86400, 'clipped to available_days_in_future');
    assert.ok(wide.time_slots.length > 300);
  });
});

describe('availability window cap', () => {
  test(`a window of years is clipped to ${MAX_WINDOW_DAYS} days from now, quickly; one far away or before now is empty`, async () => {
    const id = await isolated('cap@example.com', {
      participants: [
        {
          ...configurationBody().participants[0]!,
          email: 'cap@example.com',
          availability: { open_hours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '0:00', end: '24:00', timezone: 'UTC' }] },
        },
      ],
      availability: { duration_minutes: 5, interval_minutes: 5, round_to: 5 },
      scheduler: { available_days_in_future: 366, min_booking_notice: 0 },
    });
    const started = performance.now();
    const wide = await slots(server, id, 0, 99_999_999_999);
    const elapsed = performance.now() - started;
    assert.equal(wide[0]!.start_time, T0_SECONDS);
    assert.equal(wide.at(-1)!.end_time, T0_SECONDS + MAX_WINDOW_DAYS * 86400);
    assert.equal(wide.length, (MAX_WINDOW_DAYS * 86400) / 300);
    assert.ok(elapsed < 5000, `${Math.round(elapsed)} ms`);
    // The cap counts from the window's start (never before now): the next 62 days are reachable too.
    const later = await slots(server, id, T0_SECONDS + 100 * 86400, T0_SECONDS + 500 * 86400);
    assert.equal(later[0]!.start_time, T0_SECONDS + 100 * 86400);
    assert.equal(later.at(-1)!.end_time, T0_SECONDS + 162 * 86400);
    assert.deepEqual(
      await slots(server, id, T0_SECONDS + 400 * 86400, 99_999_999_999),
      [],
      'beyond available_days_in_future',
    );
    assert.deepEqual(await slots(server, id, 0, T0_SECONDS), [], 'all in the past');
  });
});

describe('GET /v3/scheduling/ui-settings', () => {
  test('what a booking UI needs, defaults filled, nothing private', async () => {
    const organizer = 'ui@example.com';
    const id = await isolated(organizer, {
      name: 'UI call',
      availability: { duration_minutes: 30, availability_rules: { buffer: { before: 5, after: 5 } } },
      scheduler: undefined,
      appearance: { color: '#000' },
    });
    const settings = assertOk(
      await server.call('/v3/scheduling/ui-settings', { token: null, query: { configuration_id: id } }),
    );
    assert.deepEqual(settings, {
      configuration_id: id,
      name: 'UI call',
      slug: null,
      organizer: { name: 'Olga Organizer', email: organizer },
      participants: [{ name: 'Olga Organizer', email: organizer }],
      booking_type: 'booking',
      appearance: { color: '#000' },
      event_booking: { title: 'Test call', description: 'About testing', location: 'Online' },
      availability: { duration_minutes: 30 },
      scheduler: {
        available_days_in_future: 30,
        min_booking_notice: 60,
        min_cancellation_notice: 0,
        additional_fields: {},
      },
    });
    const text = JSON.stringify(settings);
    for (const secret of ['grant', 'calendar', 'buffer', 'open_hours', 'primary'])
      assert.ok(!text.includes(secret), secret);
  });

  test('with booking_id adds the booking; another configuration’s booking is 404', async () => {
    const id = await isolated('ui-booking@example.com');
    const other = await isolated('ui-other@example.com');
    const booking = assertOk(
      await book(server, id, at(3, 10), {
        additional_guests: [{ name: 'Al', email: 'al@example.org' }],
        timezone: 'Asia/Tokyo',
      }),
    );
    const settings = assertOk(
      await server.call('/v3/scheduling/ui-settings', {
        token: null,
        query: { configuration_id: id, booking_id: booking.booking_id },
      }),
    );
    assert.deepEqual(settings.booking, {
      guest: booking.guest,
      additional_guests: [{ name: 'Al', email: 'al@example.org' }],
      start_time: at(3, 10),
      end_time: at(3, 10, 30),
      timezone: 'Asia/Tokyo',
      additional_fields: {},
      status: 'booked',
    });
    assertError(
      await server.call('/v3/scheduling/ui-settings', {
        token: null,
        query: { configuration_id: other, booking_id: booking.booking_id },
      }),
      404,
      'not_found_error',
    );
  });
});
