import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  assertError,
  assertOk,
  at,
  book,
  createConfiguration,
  ORGANIZER,
  startTestServer,
  UUID_V4,
  type TestServer,
} from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const grant = 'evelyn@example.com';
const events = `/v3/grants/${grant}/events`;

describe('calendars', () => {
  test('a grant lists its primary calendar', async () => {
    const answer = await server.call(`/v3/grants/${grant}/calendars`);
    const calendars = assertOk(answer);
    assert.equal(answer.body.next_cursor, null);
    assert.equal(calendars.length, 1);
    assert.deepEqual(
      { ...calendars[0], id: undefined, grant_id: undefined },
      {
        id: undefined,
        grant_id: undefined,
        name: grant,
        is_primary: true,
        read_only: false,
        is_owned_by_user: true,
        object: 'calendar',
      },
    );
  });
});

describe('events', () => {
  test('create, read, update, delete with Nylas event fields', async () => {
    const [calendar] = assertOk(await server.call(`/v3/grants/${grant}/calendars`));
    const created = assertOk(
      await server.call(events, {
        method: 'POST',
        query: { calendar_id: calendar.id },
        body: {
          title: 'Dentist',
          when: { start_time: at(1, 10), end_time: at(1, 11) },
          participants: [{ email: 'doc@example.com', name: 'Doc' }],
        },
      }),
    );
    assert.match(created.id, UUID_V4);
    assert.deepEqual(
      { ...created, id: undefined },
      {
        id: undefined,
        grant_id: calendar.grant_id,
        calendar_id: calendar.id,
        title: 'Dentist',
        description: null,
        location: null,
        when: { start_time: at(1, 10), end_time: at(1, 11), object: 'timespan' },
        busy: true,
        participants: [{ email: 'doc@example.com', name: 'Doc' }],
        status: 'confirmed',
        object: 'event',
      },
    );
    assert.deepEqual(
      assertOk(await server.call(`${events}/${created.id}`, { query: { calendar_id: 'primary' } })),
      created,
    );

    const updated = assertOk(
      await server.call(`${events}/${created.id}`, {
        method: 'PUT',
        query: { calendar_id: calendar.id },
        body: { busy: false, location: 'Main St' },
      }),
    );
    assert.equal(updated.busy, false);
    assert.equal(updated.location, 'Main St');
    assert.equal(updated.title, 'Dentist');

    const deleted = await server.call(`${events}/${created.id}`, {
      method: 'DELETE',
      query: { calendar_id: calendar.id },
    });
    assert.equal(deleted.status, 200);
    assert.deepEqual(Object.keys(deleted.body), ['request_id']);
    assertError(await server.call(`${events}/${created.id}`), 404, 'not_found_error');
  });

  test('lists a calendar’s events in a time range, page by page', async () => {
    const owner = 'pager@example.com';
    for (let i = 0; i < 5; i++) {
      assertOk(
        await server.call(`/v3/grants/${owner}/events`, {
          method: 'POST',
          query: { calendar_id: 'primary' },
          body: { title: `e${i}`, when: { start_time: at(i, 10), end_time: at(i, 11) } },
        }),
      );
    }
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const answer = await server.call(`/v3/grants/${owner}/events`, {
        query: { calendar_id: 'primary', limit: 2, start: at(1, 0), end: at(4, 0), page_token: cursor ?? undefined },
      });
      titles.push(...assertOk(answer).map((event: { title: string }) => event.title));
      cursor = answer.body.next_cursor;
    } while (cursor);
    assert.deepEqual(titles, ['e1', 'e2', 'e3']);
  });

  test('refusals: unknown calendar, missing calendar_id, bad bodies, other grants’ events', async () => {
    const created = assertOk(
      await server.call(events, {
        method: 'POST',
        query: { calendar_id: 'primary' },
        body: { when: { start_time: at(2, 10), end_time: at(2, 11) } },
      }),
    );
    assertError(await server.call(events, { query: { calendar_id: 'nope' } }), 404, 'not_found_error');
    assertError(await server.call(events), 400, 'invalid_request_error');
    assertError(
      await server.call(events, {
        method: 'POST',
        query: { calendar_id: 'nope' },
        body: { when: { start_time: at(2, 10), end_time: at(2, 11) } },
      }),
      404,
      'not_found_error',
    );
    assertError(
      await server.call(events, { method: 'POST', query: { calendar_id: 'primary' }, body: { title: 'no when' } }),
      400,
      'invalid_request_error',
    );
    assert.match(
      assertError(
        await server.call(events, {
          method: 'POST',
          query: { calendar_id: 'primary' },
          body: { when: { start_time: at(2, 11), end_time: at(2, 10) } },
        }),
        400,
        'invalid_request_error',
      ),
      /when\.end_time/,
    );
    assertError(
      await server.call(`${events}/${created.id}`, { query: { calendar_id: 'nope' } }),
      404,
      'not_found_error',
    );
    assertError(await server.call(`/v3/grants/other@example.com/events/${created.id}`), 404, 'not_found_error');
    assertError(
      await server.call(`/v3/grants/other@example.com/events/${created.id}`, { method: 'DELETE' }),
      404,
      'not_found_error',
    );
    assertError(
      await server.call(`${events}/${created.id}`, { method: 'PUT', body: { busy: 'yes' } }),
      400,
      'invalid_request_error',
    );
  });
});

describe('events of bookings', () => {
  test('an event a booking made names its booking (local extension); others name none', async () => {
    const configurationId = await createConfiguration(server);
    const booking = assertOk(await book(server, configurationId, at(1, 10)));
    const listed = assertOk(
      await server.call(`/v3/grants/${ORGANIZER}/events`, {
        query: { calendar_id: 'primary', start: at(1, 0), end: at(2, 0) },
      }),
    );
    assert.deepEqual(
      listed.map((event: { id: string; booking_id?: string }) => [event.id, event.booking_id]),
      [[booking.event_id, booking.booking_id]],
    );
    const own = assertOk(
      await server.call(`/v3/grants/${ORGANIZER}/events`, {
        method: 'POST',
        query: { calendar_id: 'primary' },
        body: { when: { start_time: at(1, 12), end_time: at(1, 13) } },
      }),
    );
    assert.equal('booking_id' in own, false);
  });
});
