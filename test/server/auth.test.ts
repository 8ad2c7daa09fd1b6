import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Weekday } from '../../src/contract/admin.js';
import { apiKeyMatcher } from '../../server/http/auth.js';
import { decodeBookingRef } from '../../src/contract/booking-ref.js';
import {
  assertError,
  assertOk,
  at,
  configurationBody,
  createConfiguration,
  guest,
  startTestServer,
  UUID_V4,
  type TestServer,
} from './helpers.js';

let server: TestServer;
let publicId: string;
let privateId: string;
let otherPrivateId: string;

before(async () => {
  server = await startTestServer();
  publicId = await createConfiguration(server, { slug: 'open-door' });
  privateId = await createConfiguration(server, { requires_session_auth: true, slug: 'back-room' });
  otherPrivateId = await createConfiguration(server, { requires_session_auth: true });
});
after(() => server.stop());

const newSession = async (body: Record<string, unknown>) =>
  assertOk(await server.call('/v3/scheduling/sessions', { method: 'POST', body })).session_id as string;

const browserCalls = (configurationId?: string) => {
  const query = configurationId ? { configuration_id: configurationId } : {};
  return [
    { path: '/v3/scheduling/ui-settings', query },
    { path: '/v3/scheduling/availability', query: { ...query, start_time: at(1, 0), end_time: at(2, 0) } },
  ];
};

describe('API key', () => {
  test('missing, wrong or malformed keys are 401 unauthorized', async () => {
    const path = '/v3/grants/someone@example.com/scheduling/configurations';
    assertError(await server.call(path, { token: null }), 401, 'unauthorized');
    assertError(await server.call(path, { token: 'wrong-key' }), 401, 'unauthorized');
    assertError(
      await server.call(path, { token: null, headers: { Authorization: 'Basic dGVzdC1rZXk6' } }),
      401,
      'unauthorized',
    );
    assertError(
      await server.call('/v3/scheduling/sessions', {
        method: 'POST',
        token: 'test-key-',
        body: { configuration_id: publicId },
      }),
      401,
      'unauthorized',
    );
    assertError(await server.call('/v3/grants/someone@example.com/calendars', { token: null }), 401, 'unauthorized');
    assertOk(await server.call(path));
  });

  test('a session id is not an API key', async () => {
    const session = await newSession({ configuration_id: publicId });
    assertError(
      await server.call('/v3/grants/someone@example.com/scheduling/configurations', { token: session }),
      401,
      'unauthorized',
    );
  });

  test('works on browser calls when it names the configuration', async () => {
    assertOk(await server.call('/v3/scheduling/ui-settings', { query: { configuration_id: privateId } }));
    assertError(await server.call('/v3/scheduling/ui-settings'), 400, 'invalid_request_error');
  });
});

describe('sessions', () => {
  test('created by id or slug; time_to_live 1-30 minutes', async () => {
    assert.match(await newSession({ configuration_id: privateId }), UUID_V4);
    assert.match(await newSession({ slug: 'back-room', time_to_live: 30 }), UUID_V4);
    for (const time_to_live of [0, 31, 30.5, '5']) {
      assertError(
        await server.call('/v3/scheduling/sessions', {
          method: 'POST',
          body: { configuration_id: privateId, time_to_live },
        }),
        400,
        'invalid_request_error',
      );
    }
    assertError(
      await server.call('/v3/scheduling/sessions', { method: 'POST', body: {} }),
      400,
      'invalid_request_error',
    );
    assertError(
      await server.call('/v3/scheduling/sessions', {
        method: 'POST',
        body: { configuration_id: '7c1e4b7e-0000-4000-8000-000000000000' },
      }),
      404,
      'not_found_error',
    );
  });

  test('a session opens its private configuration', async () => {
    const session = await newSession({ configuration_id: privateId });
    for (const call of browserCalls()) assertOk(await server.call(call.path, { token: session, query: call.query }));
    for (const call of browserCalls(privateId))
      assertOk(await server.call(call.path, { token: session, query: call.query }));
    const settings = assertOk(await server.call('/v3/scheduling/ui-settings', { token: session }));
    assert.equal(settings.configuration_id, privateId);
    const booking = assertOk(
      await server.call('/v3/scheduling/bookings', {
        method: 'POST',
        token: session,
        body: { start_time: at(2, 10), end_time: at(2, 10, 30), guest },
      }),
    );
    assertOk(await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, { token: session }));
  });

  test('expires after time_to_live minutes', async () => {
    const session = await newSession({ configuration_id: privateId, time_to_live: 1 });
    assertOk(await server.call('/v3/scheduling/ui-settings', { token: session }));
    server.clock.ms += 61_000;
    try {
      for (const call of browserCalls())
        assertError(await server.call(call.path, { token: session, query: call.query }), 401, 'invalid_session');
    } finally {
      server.clock.ms -= 61_000;
    }
  });

  test('dies when deleted; DELETE answers 200 {request_id}; unknown ids are 404', async () => {
    const session = await newSession({ configuration_id: privateId });
    const answer = await server.call(`/v3/scheduling/sessions/${session}`, { method: 'DELETE' });
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body), ['request_id']);
    assertError(await server.call('/v3/scheduling/ui-settings', { token: session }), 401, 'invalid_session');
    assertError(await server.call(`/v3/scheduling/sessions/${session}`, { method: 'DELETE' }), 404, 'not_found_error');
    assertError(await server.call('/v3/scheduling/ui-settings', { token: 'not-a-session' }), 401, 'invalid_session');
  });

  test('a session cannot reach another configuration or its bookings', async () => {
    const session = await newSession({ configuration_id: otherPrivateId });
    for (const call of browserCalls(privateId))
      assertError(await server.call(call.path, { token: session, query: call.query }), 401, 'unauthorized');
    assertError(
      await server.call('/v3/scheduling/bookings', {
        method: 'POST',
        token: session,
        query: { configuration_id: privateId },
        body: { start_time: at(2, 11), end_time: at(2, 11, 30), guest },
      }),
      401,
      'unauthorized',
    );
    const booking = assertOk(
      await server.call('/v3/scheduling/bookings', {
        method: 'POST',
        query: { configuration_id: privateId },
        body: { start_time: at(2, 12), end_time: at(2, 12, 30), guest },
      }),
    );
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const answer = await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method,
        token: session,
        ...(method === 'PATCH' && { body: { start_time: at(2, 14), end_time: at(2, 14, 30) } }),
      });
      assertError(answer, 404, 'not_found_error');
    }
  });
});

describe('public access', () => {
  test('a public configuration answers to configuration_id, or slug with client_id', async () => {
    for (const call of browserCalls(publicId))
      assertOk(await server.call(call.path, { token: null, query: call.query }));
    assertOk(
      await server.call('/v3/scheduling/ui-settings', { token: null, query: { slug: 'open-door', client_id: 'app' } }),
    );
    assertError(
      await server.call('/v3/scheduling/ui-settings', { token: null, query: { slug: 'open-door' } }),
      400,
      'invalid_request_error',
    );
    assertError(
      await server.call('/v3/scheduling/ui-settings', { token: null, query: { slug: 'nope', client_id: 'app' } }),
      404,
      'not_found_error',
    );
  });

  test('a private configuration never answers to a bare configuration_id or slug', async () => {
    for (const call of browserCalls(privateId))
      assertError(await server.call(call.path, { token: null, query: call.query }), 401, 'unauthorized');
    assertError(
      await server.call('/v3/scheduling/ui-settings', { token: null, query: { slug: 'back-room', client_id: 'app' } }),
      401,
      'unauthorized',
    );
    const booking = await server.call('/v3/scheduling/bookings', {
      method: 'POST',
      token: null,
      query: { configuration_id: privateId },
      body: { start_time: at(2, 15), end_time: at(2, 15, 30), guest },
    });
    assertError(booking, 401, 'unauthorized');
  });

  test('no configuration at all is 401', async () => {
    for (const call of browserCalls())
      assertError(await server.call(call.path, { token: null, query: call.query }), 401, 'unauthorized');
  });
});

describe('boundaries', () => {
  const bookingOf = async (configurationId: string, start: number) =>
    assertOk(
      await server.call('/v3/scheduling/bookings', {
        method: 'POST',
        query: { configuration_id: configurationId },
        body: { start_time: start, end_time: start + 1800, guest },
      }),
    );
  /** Every call on one booking, with a body that would succeed if it were let through. */
  const bookingCalls = (bookingId: string, salt: string) => [
    { method: 'GET', path: `/v3/scheduling/bookings/${bookingId}` },
    {
      method: 'PATCH',
      path: `/v3/scheduling/bookings/${bookingId}`,
      body: { start_time: at(3, 16), end_time: at(3, 16, 30) },
    },
    { method: 'DELETE', path: `/v3/scheduling/bookings/${bookingId}`, body: { cancellation_reason: 'intruder' } },
    { method: 'PUT', path: `/v3/scheduling/bookings/${bookingId}`, body: { salt, status: 'cancelled' } },
  ];
  const unchanged = async (booking: { booking_id: string }) =>
    assert.deepEqual(assertOk(await server.call(`/v3/scheduling/bookings/${booking.booking_id}`)), booking);

  test('a private configuration refuses bare configuration_id and slug + client_id everywhere, bookings included', async () => {
    const booking = await bookingOf(privateId, at(3, 9));
    const salt = decodeBookingRef(booking.booking_ref)!.salt;
    for (const query of [
      { configuration_id: privateId },
      { configuration_id: privateId.toUpperCase() },
      { slug: 'back-room', client_id: 'app' },
    ]) {
      for (const call of browserCalls()) {
        assertError(
          await server.call(call.path, { token: null, query: { ...call.query, ...query } }),
          401,
          'unauthorized',
        );
      }
      assertError(
        await server.call('/v3/scheduling/bookings', {
          method: 'POST',
          token: null,
          query,
          body: { start_time: at(3, 13), end_time: at(3, 13, 30), guest },
        }),
        401,
        'unauthorized',
      );
      for (const call of bookingCalls(booking.booking_id, salt)) {
        assertError(
          await server.call(call.path, { method: call.method, token: null, query, body: call.body }),
          401,
          'unauthorized',
        );
      }
      for (const call of bookingCalls(booking.booking_id, salt)) {
        assertError(
          await server.call(call.path, { method: call.method, token: null, body: call.body }),
          401,
          'unauthorized',
        );
      }
    }
    await unchanged(booking);
  });

  test("a session of configuration A cannot read, book or touch configuration B's bookings", async () => {
    const session = await newSession({ configuration_id: otherPrivateId });
    const booking = await bookingOf(privateId, at(3, 10));
    const salt = decodeBookingRef(booking.booking_ref)!.salt;
    for (const query of [{ configuration_id: privateId }, { slug: 'back-room' }]) {
      for (const call of browserCalls())
        assertError(
          await server.call(call.path, { token: session, query: { ...call.query, ...query } }),
          401,
          'unauthorized',
        );
    }
    // Its own configuration, but B's booking: not found.
    assertError(
      await server.call('/v3/scheduling/ui-settings', { token: session, query: { booking_id: booking.booking_id } }),
      404,
      'not_found_error',
    );
    assertError(
      await server.call('/v3/scheduling/availability', {
        token: session,
        query: { start_time: at(1, 0), end_time: at(5, 0), booking_id: booking.booking_id },
      }),
      404,
      'not_found_error',
    );
    for (const call of bookingCalls(booking.booking_id, salt)) {
      assertError(
        await server.call(call.path, { method: call.method, token: session, body: call.body }),
        404,
        'not_found_error',
      );
      assertError(
        await server.call(call.path, {
          method: call.method,
          token: session,
          query: { configuration_id: privateId },
          body: call.body,
        }),
        401,
        'unauthorized',
      );
    }
    await unchanged(booking);
  });

  test('expired and deleted sessions are refused on every browser call', async () => {
    const booking = await bookingOf(privateId, at(3, 11));
    const salt = decodeBookingRef(booking.booking_ref)!.salt;
    const expired = await newSession({ configuration_id: privateId, time_to_live: 1 });
    const deleted = await newSession({ configuration_id: privateId });
    assertOk(await server.call(`/v3/scheduling/sessions/${deleted}`, { method: 'DELETE' }));
    server.clock.ms += 60_000; // exactly time_to_live later: dead
    try {
      for (const token of [expired, deleted]) {
        for (const call of browserCalls())
          assertError(await server.call(call.path, { token, query: call.query }), 401, 'invalid_session');
        const post = await server.call('/v3/scheduling/bookings', {
          method: 'POST',
          token,
          body: { start_time: at(3, 14), end_time: at(3, 14, 30), guest },
        });
        assertError(post, 401, 'invalid_session');
        for (const call of bookingCalls(booking.booking_id, salt)) {
          assertError(
            await server.call(call.path, { method: call.method, token, body: call.body }),
            401,
            'invalid_session',
          );
        }
      }
    } finally {
      server.clock.ms -= 60_000;
    }
    await unchanged(booking);
  });

  test('every API-key endpoint refuses a missing or wrong key, or a session', async () => {
    const grant = 'keyholder@example.com';
    const configurationId = await createConfiguration(server, {}, grant);
    const event = assertOk(
      await server.call(`/v3/grants/${grant}/events`, {
        method: 'POST',
        query: { calendar_id: 'primary' },
        body: { title: 'Mine', when: { start_time: at(4, 10), end_time: at(4, 11) } },
      }),
    );
    const session = await newSession({ configuration_id: publicId });
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/v3/grants/${grant}/scheduling/configurations`],
      ['POST', `/v3/grants/${grant}/scheduling/configurations`, configurationBody()],
      ['GET', `/v3/grants/${grant}/scheduling/configurations/${configurationId}`],
      ['PUT', `/v3/grants/${grant}/scheduling/configurations/${configurationId}`, { name: 'Stolen' }],
      ['DELETE', `/v3/grants/${grant}/scheduling/configurations/${configurationId}`],
      ['POST', '/v3/scheduling/sessions', { configuration_id: privateId }],
      ['DELETE', `/v3/scheduling/sessions/${session}`],
      ['GET', `/v3/grants/${grant}/calendars`],
      ['GET', `/v3/grants/${grant}/events?calendar_id=primary`],
      [
        'POST',
        `/v3/grants/${grant}/events?calendar_id=primary`,
        { when: { start_time: at(4, 12), end_time: at(4, 13) } },
      ],
      ['GET', `/v3/grants/${grant}/events/${event.id}`],
      ['PUT', `/v3/grants/${grant}/events/${event.id}`, { title: 'Stolen' }],
      ['DELETE', `/v3/grants/${grant}/events/${event.id}`],
    ];
    const wrongKeys = [null, 'test-key-', 'TEST-KEY', 'test-ke', `test-key${'x'.repeat(5000)}`, session, ''];
    for (const [method, path, body] of calls) {
      for (const token of wrongKeys) {
        const headers: Record<string, string> =
          token === '' ? { Authorization: `Basic ${Buffer.from('test-key:').toString('base64')}` } : {};
        assertError(
          await server.call(path, { method, token: token === '' ? null : token, body, headers }),
          401,
          'unauthorized',
        );
      }
    }
    assert.equal(
      assertOk(await server.call(`/v3/grants/${grant}/scheduling/configurations/${configurationId}`)).name,
      undefined,
    );
    assert.equal(assertOk(await server.call(`/v3/grants/${grant}/events/${event.id}`)).title, 'Mine');
    assert.equal(assertOk(await server.call(`/v3/grants/${grant}/scheduling/configurations`)).length, 1);
    assertOk(await server.call('/v3/scheduling/ui-settings', { token: session }));
  });

  test('the API key check hashes both sides and compares in constant time, for any length', () => {
    const isKey = apiKeyMatcher('test-key');
    assert.equal(isKey('test-key'), true);
    for (const token of ['', 'test-ke', 'test-key ', 'TEST-KEY', 'x'.repeat(100_000), '\u0000', 'test-key\u0000'])
      assert.equal(isKey(token), false);
  });

  test("grant X cannot read, change or delete grant Y's configurations, calendars or events", async () => {
    const [x, y] = ['xavier@example.com', 'yolanda@example.com'];
    const configurationId = await createConfiguration(server, {}, y);
    const before = assertOk(await server.call(`/v3/grants/${y}/scheduling/configurations/${configurationId}`));
    const [yCalendar] = assertOk(await server.call(`/v3/grants/${y}/calendars`));
    const event = assertOk(
      await server.call(`/v3/grants/${y}/events`, {
        method: 'POST',
        query: { calendar_id: 'primary' },
        body: { title: 'Y only', when: { start_time: at(4, 14), end_time: at(4, 15) } },
      }),
    );
    const base = `/v3/grants/${x}`;
    assertError(await server.call(`${base}/scheduling/configurations/${configurationId}`), 404, 'not_found_error');
    assertError(
      await server.call(`${base}/scheduling/configurations/${configurationId}`, {
        method: 'PUT',
        body: { name: 'Mine now' },
      }),
      404,
      'not_found_error',
    );
    assertError(
      await server.call(`${base}/scheduling/configurations/${configurationId}`, { method: 'DELETE' }),
      404,
      'not_found_error',
    );
    for (const calendar_id of [undefined, 'primary', yCalendar.id]) {
      const query = calendar_id ? { calendar_id } : {};
      assertError(await server.call(`${base}/events/${event.id}`, { query }), 404, 'not_found_error');
      assertError(
        await server.call(`${base}/events/${event.id}`, { method: 'PUT', query, body: { title: 'Mine now' } }),
        404,
        'not_found_error',
      );
      assertError(await server.call(`${base}/events/${event.id}`, { method: 'DELETE', query }), 404, 'not_found_error');
    }
    assertError(await server.call(`${base}/events`, { query: { calendar_id: yCalendar.id } }), 404, 'not_found_error');
    assertError(
      await server.call(`${base}/events`, {
        method: 'POST',
        query: { calendar_id: yCalendar.id },
        body: { when: { start_time: at(4, 16), end_time: at(4, 17) } },
      }),
      404,
      'not_found_error',
    );
    assert.deepEqual(
      assertOk(await server.call(`/v3/grants/${y}/scheduling/configurations/${configurationId}`)),
      before,
    );
    assert.deepEqual(assertOk(await server.call(`/v3/grants/${y}/events/${event.id}`)), event);
    assert.equal(
      assertOk(await server.call(`/v3/grants/${y}/events`, { query: { calendar_id: 'primary' } })).length,
      1,
    );
  });

  test('nothing private leaks through ui-settings, availability or booking answers', async () => {
    const [host, colleague] = ['private-host@example.com', 'private-colleague@example.com'];
    const openHours = [
      { days: [1, 2, 3, 4, 5] as Weekday[], start: '8:15', end: '16:45', timezone: 'UTC', exdates: ['2030-01-22'] },
    ];
    const participants = [host, colleague].map((email, i) => ({
      email,
      name: `Person ${i}`,
      is_organizer: i === 0,
      availability: { calendar_ids: ['primary'], open_hours: openHours },
      booking: { calendar_id: 'primary' },
    }));
    const configurationId = await createConfiguration(
      server,
      {
        participants,
        availability: { duration_minutes: 30, availability_rules: { buffer: { before: 15, after: 25 } } },
        event_booking: { title: 'Public title', booking_type: 'organizer-confirmation' },
      },
      host,
    );
    const secrets: string[] = ['Secret dentist appointment', 'Colleague therapy session'];
    for (const [i, email] of [host, colleague].entries()) {
      const [calendar] = assertOk(await server.call(`/v3/grants/${email}/calendars`));
      secrets.push(calendar.id, calendar.grant_id);
      assertOk(
        await server.call(`/v3/grants/${email}/events`, {
          method: 'POST',
          query: { calendar_id: 'primary' },
          body: {
            title: secrets[i],
            description: `${secrets[i]} notes`,
            when: { start_time: at(1, 12), end_time: at(1, 13) },
          },
        }),
      );
    }
    const publicCall = (path: string, options: Parameters<TestServer['call']>[1] = {}) =>
      server.call(path, { token: null, ...options, query: { configuration_id: configurationId, ...options.query } });
    const booking = assertOk(
      await publicCall('/v3/scheduling/bookings', {
        method: 'POST',
        body: { start_time: at(2, 10, 15), end_time: at(2, 10, 45), guest },
      }),
    );
    // The organizer's ref (read with the API key) is a secret no guest answer may hold.
    const organizerRef: string = assertOk(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`),
    ).organizer_booking_ref;
    const organizerSalt = decodeBookingRef(organizerRef)!.salt;
    secrets.push(organizerRef, organizerSalt, 'organizer_booking_ref');
    const answers = [
      await publicCall('/v3/scheduling/ui-settings'),
      await publicCall('/v3/scheduling/ui-settings', { query: { booking_id: booking.booking_id } }),
      await publicCall('/v3/scheduling/availability', { query: { start_time: at(0, 0), end_time: at(14, 0) } }),
      await publicCall('/v3/scheduling/availability', {
        query: { start_time: at(0, 0), end_time: at(14, 0), booking_id: booking.booking_id },
      }),
      await publicCall(`/v3/scheduling/bookings/${booking.booking_id}`),
      await publicCall(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PATCH',
        body: { start_time: at(2, 14, 45), end_time: at(2, 15, 15) },
      }),
      await publicCall('/v3/scheduling/bookings', {
        method: 'POST',
        body: { start_time: at(1, 12, 15), end_time: at(1, 12, 45), guest },
      }),
      await publicCall(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PUT',
        body: { salt: organizerSalt, status: 'confirmed' },
      }),
    ];
    for (const [i, answer] of answers.entries())
      assert.equal(answer.status, i === 6 ? 409 : 200, JSON.stringify(answer.body));
    const text = JSON.stringify([booking, ...answers.map((answer) => answer.body)]);
    for (const secret of [
      ...secrets,
      'Secret',
      'therapy',
      'buffer',
      'open_hours',
      'calendar',
      'grant',
      '8:15',
      '16:45',
      '2030-01-22',
      '"before"',
      '"after"',
      'primary',
    ]) {
      assert.ok(!text.includes(secret), `"${secret}" leaked`);
    }
  });
});
