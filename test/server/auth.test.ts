import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertError, assertOk, at, createConfiguration, guest, startTestServer, UUID_V4, type TestServer } from './helpers.js';

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
    assertError(await server.call(path, { token: null, headers: { Authorization: 'Basic dGVzdC1rZXk6' } }), 401, 'unauthorized');
    assertError(await server.call('/v3/scheduling/sessions', { method: 'POST', token: 'test-key-', body: { configuration_id: publicId } }), 401, 'unauthorized');
    assertError(await server.call('/v3/grants/someone@example.com/calendars', { token: null }), 401, 'unauthorized');
    assertOk(await server.call(path));
  });

  test('a session id is not an API key', async () => {
    const session = await newSession({ configuration_id: publicId });
    assertError(await server.call('/v3/grants/someone@example.com/scheduling/configurations', { token: session }), 401, 'unauthorized');
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
    for (const time_to_live of [0, 31, 1.5, '5']) {
      assertError(
        await server.call('/v3/scheduling/sessions', { method: 'POST', body: { configuration_id: privateId, time_to_live } }),
        400,
        'invalid_request_error',
      );
    }
    assertError(await server.call('/v3/scheduling/sessions', { method: 'POST', body: {} }), 400, 'invalid_request_error');
    assertError(
      await server.call('/v3/scheduling/sessions', { method: 'POST', body: { configuration_id: '7c1e4b7e-0000-4000-8000-000000000000' } }),
      404,
      'not_found_error',
    );
  });

  test('a session opens its private configuration', async () => {
    const session = await newSession({ configuration_id: privateId });
    for (const call of browserCalls()) assertOk(await server.call(call.path, { token: session, query: call.query }));
    for (const call of browserCalls(privateId)) assertOk(await server.call(call.path, { token: session, query: call.query }));
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
      for (const call of browserCalls()) assertError(await server.call(call.path, { token: session, query: call.query }), 401, 'invalid_session');
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
    for (const call of browserCalls(privateId)) assertError(await server.call(call.path, { token: session, query: call.query }), 401, 'unauthorized');
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
    for (const call of browserCalls(publicId)) assertOk(await server.call(call.path, { token: null, query: call.query }));
    assertOk(await server.call('/v3/scheduling/ui-settings', { token: null, query: { slug: 'open-door', client_id: 'app' } }));
    assertError(await server.call('/v3/scheduling/ui-settings', { token: null, query: { slug: 'open-door' } }), 400, 'invalid_request_error');
    assertError(await server.call('/v3/scheduling/ui-settings', { token: null, query: { slug: 'nope', client_id: 'app' } }), 404, 'not_found_error');
  });

  test('a private configuration never answers to a bare configuration_id or slug', async () => {
    for (const call of browserCalls(privateId)) assertError(await server.call(call.path, { token: null, query: call.query }), 401, 'unauthorized');
    assertError(await server.call('/v3/scheduling/ui-settings', { token: null, query: { slug: 'back-room', client_id: 'app' } }), 401, 'unauthorized');
    const booking = await server.call('/v3/scheduling/bookings', {
      method: 'POST',
      token: null,
      query: { configuration_id: privateId },
      body: { start_time: at(2, 15), end_time: at(2, 15, 30), guest },
    });
    assertError(booking, 401, 'unauthorized');
  });

  test('no configuration at all is 401', async () => {
    for (const call of browserCalls()) assertError(await server.call(call.path, { token: null, query: call.query }), 401, 'unauthorized');
  });
});
