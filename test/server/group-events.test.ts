/** Group events end to end over HTTP (hosting, seats, series), with the clock pinned at T0. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertError, assertOk, at, ORGANIZER, startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const G = ORGANIZER;
/** Two days after the pinned clock, top of the hour. */
const T0 = at(2, 10);
const configurations = `/v3/grants/${G}/scheduling/configurations`;

const availability = async (configurationId: string, start = T0 - 86400, end = T0 + 86400) =>
  assertOk(
    await server.call('/v3/scheduling/availability', {
      token: null,
      query: { configuration_id: configurationId, start_time: start, end_time: end },
    }),
  ).time_slots as Array<{
    event_id: string;
    master_id: string;
    calendar_id: string;
    start_time: number;
    end_time: number;
    capacity: number;
    emails: string[];
  }>;

const bookSeat = (
  configurationId: string,
  slot: { event_id: string; master_id?: string; start_time: number; end_time: number },
  email: string,
) =>
  server.call('/v3/scheduling/bookings', {
    method: 'POST',
    token: null,
    query: { configuration_id: configurationId },
    body: { ...slot, calendar_id: 'primary', guest: { name: email.split('@')[0], email } },
  });

const validate = (configurationId: string, body: Record<string, unknown>) =>
  server.call(`/v3/scheduling/configurations/${configurationId}/group-events/validate-timeslot`, {
    method: 'POST',
    token: null,
    body,
  });

const classBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Class',
  calendar_id: 'primary',
  capacity: 2,
  when: { start_time: T0, end_time: T0 + 3600, start_timezone: 'UTC', end_timezone: 'UTC' },
  participants: [{ email: G, is_organizer: true }],
  ...overrides,
});

describe('group events: the contract acceptance checks (§8)', () => {
  let C = '';
  let E = '';
  let B1 = '';
  let B2 = '';
  let master = '';
  let occurrences: Array<{
    event_id: string;
    master_id: string;
    start_time: number;
    end_time: number;
    capacity: number;
  }> = [];

  test('1-2. a group configuration is created; refused with organizer-confirmation or without group_booking', async () => {
    const data = assertOk(
      await server.call(configurations, {
        method: 'POST',
        body: { name: 'Yoga', type: 'group', group_booking: { calendar_id: 'primary' } },
      }),
    );
    assert.ok(data.id);
    assert.equal(data.type, 'group');
    assert.equal(data.group_booking.booking_type, 'booking');
    assert.equal(data.group_booking.calendar_id, 'primary');
    for (const key of ['participants', 'availability', 'event_booking']) assert.ok(!(key in data), key);
    C = data.id;
    assert.deepEqual(assertOk(await server.call(`${configurations}/${C}`)), data);

    const confirm = {
      name: 'Yoga',
      type: 'group',
      group_booking: { calendar_id: 'primary', booking_type: 'organizer-confirmation' },
    };
    assertError(await server.call(configurations, { method: 'POST', body: confirm }), 400, 'invalid_request_error');
    assertError(
      await server.call(configurations, { method: 'POST', body: { name: 'Yoga', type: 'group' } }),
      400,
      'invalid_request_error',
    );
    const mixed = {
      name: 'Yoga',
      type: 'group',
      group_booking: { calendar_id: 'primary' },
      participants: [{ email: G, is_organizer: true }],
    };
    assertError(await server.call(configurations, { method: 'POST', body: mixed }), 400, 'invalid_request_error');
  });

  test('3. capacity must be a whole number from 1 to 500', async () => {
    const later = { start_time: T0 + 10 * 86400, end_time: T0 + 10 * 86400 + 3600 };
    for (const capacity of [0, 501, 2.5, '3']) {
      assertError(
        await server.call(`${configurations}/${C}/group-events`, {
          method: 'POST',
          body: classBody({ capacity, when: later }),
        }),
        400,
        'invalid_request_error',
      );
    }
    const created = assertOk(
      await server.call(`${configurations}/${C}/group-events`, {
        method: 'POST',
        body: classBody({ capacity: 500, when: later }),
      }),
    );
    assert.equal(created.group_event_info.capacity, 500);
    assertOk(await server.call(`${configurations}/${C}/group-events/${created.event.id}`, { method: 'DELETE' }));
  });

  test('4. a group event is created on the configuration calendar only', async () => {
    const data = assertOk(
      await server.call(`${configurations}/${C}/group-events`, { method: 'POST', body: classBody() }),
    );
    E = data.event.id;
    assert.ok(E);
    assert.equal(data.group_event_info.capacity, 2);
    assert.equal(data.group_event_info.config_id, C);
    assert.equal(data.group_event_info.type, 'single_event');
    assert.equal(data.id, E);
    const message = assertError(
      await server.call(`${configurations}/${C}/group-events`, {
        method: 'POST',
        body: classBody({ calendar_id: 'another-calendar' }),
      }),
      400,
      'invalid_request_error',
    );
    assert.equal(message, 'Calendar ID does not match configuration calendar ID');
  });

  test('5. the host list needs calendar_id and the API key', async () => {
    const window = { start_time: T0 - 86400, end_time: T0 + 86400 };
    assertError(
      await server.call(`${configurations}/${C}/group-events`, { query: window }),
      400,
      'invalid_request_error',
    );
    const list = assertOk(
      await server.call(`${configurations}/${C}/group-events`, { query: { ...window, calendar_id: 'primary' } }),
    );
    assert.ok(list.some((record: { event: { id: string } }) => record.event.id === E));
    assertError(
      await server.call(`${configurations}/${C}/group-events`, {
        token: null,
        query: { ...window, calendar_id: 'primary' },
      }),
      401,
      'unauthorized',
    );
  });

  test('6. availability lists the event as one slot with its seats', async () => {
    const answer = assertOk(
      await server.call('/v3/scheduling/availability', {
        token: null,
        query: { configuration_id: C, start_time: T0 - 86400, end_time: T0 + 86400 },
      }),
    );
    assert.ok(!('order' in answer));
    assert.equal(answer.time_slots.length, 1);
    const [slot] = answer.time_slots;
    assert.deepEqual(
      {
        event_id: slot.event_id,
        calendar_id: slot.calendar_id,
        start_time: slot.start_time,
        end_time: slot.end_time,
        capacity: slot.capacity,
      },
      { event_id: E, calendar_id: 'primary', start_time: T0, end_time: T0 + 3600, capacity: 2 },
    );
    assert.deepEqual(slot.emails, [G]);
  });

  test('7. validate-timeslot: 200 for the slot, 400 when its time changed', async () => {
    const body = { calendar_id: 'primary', event_id: E, start_time: T0, end_time: T0 + 3600, capacity: 2, emails: [G] };
    const answer = await validate(C, body);
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body), ['request_id']);
    assertError(await validate(C, { ...body, start_time: T0 + 60 }), 400, 'invalid_request_error');
  });

  test('8. a seat is booked; the same guest cannot take a second one', async () => {
    const booking = assertOk(await bookSeat(C, { event_id: E, start_time: T0, end_time: T0 + 3600 }, 'a@example.com'));
    B1 = booking.booking_id;
    assert.equal(booking.status, 'booked');
    assert.equal(booking.event_id, E);
    assert.equal((await availability(C))[0]!.capacity, 1);
    assertError(
      await bookSeat(C, { event_id: E, start_time: T0, end_time: T0 + 3600 }, 'a@example.com'),
      400,
      'invalid_request_error',
    );
  });

  test('9. the last seat goes; then the event is full', async () => {
    B2 = assertOk(await bookSeat(C, { event_id: E, start_time: T0, end_time: T0 + 3600 }, 'b@example.com')).booking_id;
    assert.ok(!(await availability(C)).some((slot) => slot.event_id === E && slot.capacity > 0));
    const full = assertError(
      await bookSeat(C, { event_id: E, start_time: T0, end_time: T0 + 3600 }, 'c@example.com'),
      400,
      'invalid_request_error',
    );
    assert.equal(full, 'Event is full');
    const validation = assertError(
      await validate(C, { calendar_id: 'primary', event_id: E, start_time: T0, end_time: T0 + 3600 }),
      400,
      'invalid_request_error',
    );
    assert.equal(validation, 'Event is full');
  });

  test('10. cancelling a seat frees it; the event stays', async () => {
    const answer = await server.call(`/v3/scheduling/bookings/${B1}`, {
      method: 'DELETE',
      token: null,
      query: { configuration_id: C },
      body: { cancellation_reason: 'x' },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body), ['request_id']);
    assert.equal((await availability(C)).find((slot) => slot.event_id === E)?.capacity, 1);
    const list = assertOk(
      await server.call(`${configurations}/${C}/group-events`, {
        query: { start_time: T0 - 86400, end_time: T0 + 86400, calendar_id: 'primary' },
      }),
    );
    const record = list.find((entry: { event: { id: string } }) => entry.event.id === E);
    assert.deepEqual(
      record.event.participants.map((person: { email: string }) => person.email),
      [G, 'b@example.com'],
    );
  });

  test('11. capacity cannot go below the booked seats; PATCH keeps it', async () => {
    assertError(
      await server.call(`${configurations}/${C}/group-events/${E}`, { method: 'PUT', body: { capacity: 0 } }),
      400,
      'invalid_request_error',
    );
    const other = assertOk(await bookSeat(C, { event_id: E, start_time: T0, end_time: T0 + 3600 }, 'd@example.com'));
    assertError(
      await server.call(`${configurations}/${C}/group-events/${E}`, { method: 'PUT', body: { capacity: 1 } }),
      400,
      'invalid_request_error',
    );
    assertOk(
      await server.call(`/v3/scheduling/bookings/${other.booking_id}`, {
        method: 'DELETE',
        token: null,
        query: { configuration_id: C },
      }),
    );
    assertOk(await server.call(`${configurations}/${C}/group-events/${E}`, { method: 'PUT', body: { capacity: 1 } }));
    assert.ok(!(await availability(C)).some((slot) => slot.event_id === E && slot.capacity > 0));
    const patched = assertOk(
      await server.call(`${configurations}/${C}/group-events/${E}`, { method: 'PATCH', body: { title: 'Class 2' } }),
    );
    assert.equal(patched.event.title, 'Class 2');
    assert.equal(patched.group_event_info.capacity, 1);
  });

  test('12. a weekly series gives one slot per week; a seat on #2 takes only its seat', async () => {
    const start = T0 + 7200;
    const data = assertOk(
      await server.call(`${configurations}/${C}/group-events`, {
        method: 'POST',
        body: classBody({
          title: 'Weekly',
          capacity: 3,
          when: { start_time: start, end_time: start + 3600, start_timezone: 'UTC', end_timezone: 'UTC' },
          recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'],
        }),
      }),
    );
    master = data.event.id;
    assert.deepEqual(data.event.recurrence, ['RRULE:FREQ=WEEKLY;COUNT=3']);
    occurrences = (await availability(C, T0 - 86400, T0 + 21 * 86400)).filter((slot) => slot.master_id === master);
    assert.equal(occurrences.length, 3);
    assert.equal(new Set(occurrences.map((slot) => slot.event_id)).size, 3);
    assert.ok(occurrences.every((slot) => slot.capacity === 3));
    assert.deepEqual(
      occurrences.map((slot) => slot.start_time),
      [start, start + 7 * 86400, start + 14 * 86400],
    );
    assertOk(await bookSeat(C, occurrences[1]!, 'e@example.com'));
    const after = (await availability(C, T0 - 86400, T0 + 21 * 86400)).filter((slot) => slot.master_id === master);
    assert.deepEqual(
      after.map((slot) => slot.capacity),
      [3, 2, 3],
    );
  });

  test('13. a seat moves to another occurrence; the old one regains it', async () => {
    const [first] = occurrences;
    const answer = assertOk(
      await server.call(`/v3/scheduling/bookings/${B2}`, {
        method: 'PATCH',
        token: null,
        query: { configuration_id: C },
        body: {
          event_id: first!.event_id,
          master_id: master,
          calendar_id: 'primary',
          start_time: first!.start_time,
          end_time: first!.end_time,
        },
      }),
    );
    assert.equal(answer.booking_id, B2);
    assert.equal((await availability(C)).find((slot) => slot.event_id === E)?.capacity, 1);
    assert.equal(
      (await availability(C, T0 - 86400, T0 + 21 * 86400)).find((slot) => slot.event_id === first!.event_id)?.capacity,
      2,
    );
    const booking = assertOk(
      await server.call(`/v3/scheduling/bookings/${B2}`, { token: null, query: { configuration_id: C } }),
    );
    assert.equal(booking.event_id, first!.event_id);
  });

  test('14. a deleted event is gone for validation, booking and a second delete', async () => {
    const answer = await server.call(`${configurations}/${C}/group-events/${E}`, {
      method: 'DELETE',
      query: { calendar_id: 'primary' },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body), ['request_id']);
    assertError(
      await validate(C, { calendar_id: 'primary', event_id: E, start_time: T0, end_time: T0 + 3600 }),
      404,
      'not_found_error',
    );
    assertError(
      await bookSeat(C, { event_id: E, start_time: T0, end_time: T0 + 3600 }, 'f@example.com'),
      404,
      'not_found_error',
    );
    assertError(
      await server.call(`${configurations}/${C}/group-events/${E}`, {
        method: 'DELETE',
        query: { calendar_id: 'primary' },
      }),
      404,
      'not_found_error',
    );
  });

  test('15. import: at most 20 items, once per event; the host endpoints refuse sessions', async () => {
    const item = { calendar_id: 'primary', event_id: 'x', capacity: 5 };
    const path = `/v3/scheduling/configurations/${C}/import-group-events`;
    assertError(
      await server.call(path, { method: 'POST', body: Array.from({ length: 21 }, () => item) }),
      400,
      'invalid_request_error',
    );
    const plain = assertOk(
      await server.call(`/v3/grants/${G}/events`, {
        method: 'POST',
        query: { calendar_id: 'primary' },
        body: { title: 'Tour', when: { start_time: T0 + 3 * 86400, end_time: T0 + 3 * 86400 + 5400 } },
      }),
    );
    const listed = assertOk(
      await server.call(`${configurations}/${C}/group-events`, {
        query: { calendar_id: 'primary', start_time: T0, end_time: T0 + 5 * 86400, show_all: 'true' },
      }),
    );
    const candidate = listed.find((record: { id: string }) => record.id === plain.id);
    assert.ok(candidate && !('group_event_info' in candidate));
    const imported = assertOk(await server.call(path, { method: 'POST', body: [{ ...item, event_id: plain.id }] }));
    assert.deepEqual(imported, { imported_events: [{ event_id: plain.id }], import_failed: [] });
    const again = assertOk(
      await server.call(`/v3/grants/${G}/scheduling/configurations/${C}/import-group-events`, {
        method: 'POST',
        query: { calendar_id: 'primary' },
        body: [{ ...item, event_id: plain.id }],
      }),
    );
    assert.equal(again.imported_events.length, 0);
    assert.equal(again.import_failed.length, 1);
    assert.ok(again.import_failed[0].reason.length > 0);
    assert.equal((await availability(C, T0, T0 + 5 * 86400)).find((slot) => slot.event_id === plain.id)?.capacity, 5);

    const session = assertOk(
      await server.call('/v3/scheduling/sessions', { method: 'POST', body: { configuration_id: C } }),
    ).session_id;
    assertError(
      await server.call(`${configurations}/${C}/group-events`, {
        token: session,
        query: { calendar_id: 'primary', start_time: T0, end_time: T0 + 86400 },
      }),
      401,
      'unauthorized',
    );
    assertError(await server.call(path, { method: 'POST', token: session, body: [item] }), 401, 'unauthorized');
  });
});

describe('group ui-settings: the host by name', () => {
  test("a class whose organizer host has a name shows that name, not the raw email; without one, the email's name stays ''", async () => {
    const made = assertOk(
      await server.call(configurations, {
        method: 'POST',
        body: { name: 'Pottery', type: 'group', group_booking: { calendar_id: 'primary' } },
      }),
    );
    const uiSettings = async () =>
      assertOk(await server.call('/v3/scheduling/ui-settings', { token: null, query: { configuration_id: made.id } }))
        .organizer as { name: string; email: string };
    assert.deepEqual(await uiSettings(), { name: '', email: G });
    const later = {
      start_time: T0 + 20 * 86400,
      end_time: T0 + 20 * 86400 + 3600,
      start_timezone: 'UTC',
      end_timezone: 'UTC',
    };
    assertOk(
      await server.call(`${configurations}/${made.id}/group-events`, {
        method: 'POST',
        body: classBody({ when: later, participants: [{ email: G, name: 'Tessa Teacher', is_organizer: true }] }),
      }),
    );
    assert.deepEqual(await uiSettings(), { name: 'Tessa Teacher', email: G });
  });
});
