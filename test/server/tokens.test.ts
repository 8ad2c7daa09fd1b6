/**
 * Grant access tokens (`/v3/connect/token`, revoke, tokeninfo) over HTTP: what one opens (its
 * grant's calls, also as `/v3/grants/me/…`), what it never opens, its hour on the pinned clock,
 * revocation, and the OAuth error shape of the token call.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { FAILED_KEYS_PER_MINUTE } from '../../server/http/rate-limit.js';
import { decodeBookingRef } from '../../src/contract/booking-ref.js';
import {
  assertError,
  assertOk,
  at,
  book,
  configurationBody,
  createConfiguration,
  ORGANIZER,
  startTestServer,
  type Answer,
  type TestServer,
} from './helpers.js';

let server: TestServer;
let grantId: string;
let configurationId: string;
let otherConfigurationId: string;
const OTHER = 'someone-else@example.com';

before(async () => {
  server = await startTestServer();
  configurationId = await createConfiguration(server);
  otherConfigurationId = await createConfiguration(server, configurationBody({}), OTHER);
  grantId = server.store.grants.find(ORGANIZER)!.id;
});
after(() => server.stop());

const requestToken = (body: unknown, headers: Record<string, string> = {}) =>
  server.call('/v3/connect/token', { method: 'POST', token: null, body, headers });

const credentials = (grant = grantId) => ({
  grant_type: 'client_credentials',
  client_id: 'editor-app',
  client_secret: server.apiKey,
  grant_id: grant,
});

async function mint(grant = grantId): Promise<{ access_token: string; id_token: string; grant_id: string }> {
  const answer = await requestToken(credentials(grant));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

const decodeJwt = (jwt: string) =>
  jwt
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));

/** Asserts Nylas's OAuth error shape: 400 and the four top-level fields. */
function assertTokenError(answer: Answer, error: string): string {
  assert.equal(answer.status, 400, JSON.stringify(answer.body));
  assert.equal(answer.body.error, error);
  assert.equal(typeof answer.body.error_description, 'string');
  assert.match(answer.body.error_uri, /^https:\/\//);
  assert.equal(typeof answer.body.error_code, 'number');
  return answer.body.error_description;
}

describe('POST /v3/connect/token with client_credentials', () => {
  test("answers at the top level a one-hour Bearer token of the grant, with an ID token whose sub is the grant's id", async () => {
    const answer = await requestToken(credentials());
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const { access_token, id_token, ...rest } = answer.body;
    assert.deepEqual(rest, {
      expires_in: 3600,
      email: ORGANIZER,
      scope: 'calendar scheduling',
      token_type: 'Bearer',
      grant_id: grantId,
    });
    assert.match(access_token, /^[A-Za-z0-9_-]{43}$/);
    const [header, claims] = decodeJwt(id_token);
    assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
    assert.equal(claims.sub, grantId);
    assert.equal(claims.email, ORGANIZER);
    assert.equal(claims.aud, 'editor-app');
    assert.equal(claims.iat, server.clock.ms / 1000);
    assert.equal(claims.exp, server.clock.ms / 1000 + 3600);
    const [head, payload, signature] = id_token.split('.');
    const expected = createHmac('sha256', server.store.accessTokens.signingKey())
      .update(`${head}.${payload}`)
      .digest('base64url');
    assert.equal(signature, expected, 'signed HS256 with the database key');
    assert.ok(
      !server.store.db
        .prepare('SELECT * FROM access_tokens')
        .all()
        .some((row) => JSON.stringify(row).includes(access_token)),
      'kept hashed only',
    );
  });

  test('takes a form body too, and a grant named by its email', async () => {
    const form = new URLSearchParams({ ...credentials(ORGANIZER) }).toString();
    const answer = await server.call('/v3/connect/token', {
      method: 'POST',
      token: null,
      body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.grant_id, grantId);
  });

  test('refusals: 400 with error, error_description, error_uri and error_code', async () => {
    assertTokenError(await requestToken({ ...credentials(), client_secret: 'not-the-key' }), 'invalid_client');
    const { client_secret: _secret, ...withoutSecret } = credentials();
    assertTokenError(await requestToken(withoutSecret), 'invalid_client');
    assertTokenError(await requestToken({ ...credentials(), grant_id: undefined }), 'invalid_request');
    assertTokenError(await requestToken({ ...credentials(), grant_id: 'no spaces allowed' }), 'invalid_request');
    assertTokenError(await requestToken({ ...credentials(), client_id: undefined }), 'invalid_request');
    assertTokenError(
      await requestToken({
        grant_type: 'authorization_code',
        client_id: 'editor-app',
        code: 'c',
        redirect_uri: 'https://x.test',
      }),
      'unsupported_grant_type',
    );
    assertTokenError(
      await requestToken({ grant_type: 'refresh_token', client_id: 'editor-app', refresh_token: 'r' }),
      'unsupported_grant_type',
    );
    assertTokenError(await requestToken({ ...credentials(), grant_type: 'password' }), 'unsupported_grant_type');
    assertTokenError(await requestToken('{"grant_type": '), 'invalid_request');
    assertTokenError(await requestToken('null'), 'invalid_request');
  });

  test('wrong client secrets count as wrong keys: the address is refused once it tried too many', async () => {
    const limited = await startTestServer({ rateLimit: { availabilityPerMinute: 100, bookingsPerMinute: 100 } });
    try {
      const body = { ...credentials('limited@example.com'), client_secret: 'guess' };
      for (let i = 0; i < FAILED_KEYS_PER_MINUTE; i++) {
        const answer = await limited.call('/v3/connect/token', { method: 'POST', token: null, body });
        assert.equal(answer.body.error, 'invalid_client');
      }
      const refused = await limited.call('/v3/connect/token', {
        method: 'POST',
        token: null,
        body: { ...body, client_secret: limited.apiKey },
      });
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error, 'invalid_request');
    } finally {
      await limited.stop();
    }
  });
});

describe('what a token opens', () => {
  test("its grant's calls, by id, by email and as /v3/grants/me", async () => {
    const { access_token: token } = await mint();
    for (const grant of [grantId, ORGANIZER, 'me']) {
      const listed = await server.call(`/v3/grants/${grant}/scheduling/configurations`, { token });
      assert.ok(
        assertOk(listed).some((configuration: { id: string }) => configuration.id === configurationId),
        grant,
      );
      assertOk(await server.call(`/v3/grants/${grant}/scheduling/configurations/${configurationId}`, { token }));
      assert.equal(assertOk(await server.call(`/v3/grants/${grant}/calendars`, { token }))[0].grant_id, grantId);
    }
    const created = assertOk(
      await server.call('/v3/grants/me/scheduling/configurations', {
        method: 'POST',
        token,
        body: configurationBody(),
      }),
    );
    assert.equal(server.store.configurations.get(created.id)!.grantId, grantId);
    assertOk(await server.call(`/v3/grants/me/scheduling/configurations/${created.id}`, { method: 'DELETE', token }));
  });

  test("never another grant's calls, nor the calls that need the API key", async () => {
    const { access_token: token } = await mint();
    assertError(await server.call(`/v3/grants/${OTHER}/scheduling/configurations`, { token }), 401, 'unauthorized');
    assertError(await server.call(`/v3/grants/${OTHER}/calendars`, { token }), 401, 'unauthorized');
    // Another grant's configuration does not exist under this grant.
    assertError(
      await server.call(`/v3/grants/me/scheduling/configurations/${otherConfigurationId}`, { token }),
      404,
      'not_found_error',
    );
    assertError(
      await server.call('/v3/scheduling/sessions', {
        method: 'POST',
        token,
        body: { configuration_id: configurationId },
      }),
      401,
      'unauthorized',
    );
    assertError(await server.call('/v3/webhooks', { token }), 401, 'unauthorized');
    const importPath = `/v3/scheduling/configurations/${configurationId}/import-group-events`;
    assertError(await server.call(importPath, { method: 'POST', token, body: [] }), 401, 'unauthorized');
    // Nor is it a session: the guest's calls refuse it.
    assertError(
      await server.call('/v3/scheduling/ui-settings', { token, query: { configuration_id: configurationId } }),
      401,
      'invalid_session',
    );
  });

  test('/v3/grants/me needs an access token, never the API key', async () => {
    assertError(await server.call('/v3/grants/me/scheduling/configurations'), 401, 'unauthorized');
    assertError(await server.call('/v3/grants/me/calendars', { token: null }), 401, 'unauthorized');
  });
});

describe("the organizer's bookings with an access token (local extension, for the editor)", () => {
  test("reads, confirms and cancels its grant's bookings; another grant's are not found", async () => {
    const { access_token: token } = await mint();
    const pendingConfiguration = await createConfiguration(server, {
      event_booking: { title: 'Needs a yes', booking_type: 'organizer-confirmation' },
    });
    const pending = assertOk(await book(server, pendingConfiguration, at(1, 10)));
    const seen = assertOk(await server.call(`/v3/scheduling/bookings/${pending.booking_id}`, { token }));
    assert.equal(seen.status, 'pending');
    const salt = decodeBookingRef(seen.organizer_booking_ref)!.salt;
    const path = `/v3/scheduling/bookings/${pending.booking_id}`;
    const confirmed = await server.call(path, { method: 'PUT', token, body: { salt, status: 'confirmed' } });
    assert.equal(assertOk(confirmed).status, 'booked');

    const booked = assertOk(await book(server, configurationId, at(1, 12)));
    assertOk(await server.call(`/v3/scheduling/bookings/${booked.booking_id}`, { method: 'DELETE', token, body: {} }));
    assert.equal(server.store.bookings.get(booked.booking_id)!.status, 'cancelled');

    const others = assertOk(await book(server, otherConfigurationId, at(1, 14)));
    const othersPath = `/v3/scheduling/bookings/${others.booking_id}`;
    assertError(await server.call(othersPath, { token }), 404, 'not_found_error');
    assertError(await server.call(othersPath, { method: 'DELETE', token, body: {} }), 404, 'not_found_error');
    assert.equal(server.store.bookings.get(others.booking_id)!.status, 'booked');
  });

  test('a revoked token is no longer the organizer there either', async () => {
    const { access_token: token } = await mint();
    const booking = assertOk(await book(server, configurationId, at(2, 10)));
    await server.call('/v3/connect/revoke', { method: 'POST', token: null, query: { token } });
    assertError(await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, { token }), 401, 'invalid_session');
  });
});

describe('expiry, revocation and tokeninfo', () => {
  test('a token works for its hour on the server clock, then is refused with token.unauthorized_access', async () => {
    const { access_token: token, id_token } = await mint();
    const issued = server.clock.ms;
    try {
      server.clock.ms = issued + 3600_000 - 1;
      assertOk(await server.call('/v3/grants/me/calendars', { token }));
      server.clock.ms = issued + 3600_000;
      assertError(await server.call('/v3/grants/me/calendars', { token }), 401, 'token.unauthorized_access');
      assertError(
        await server.call(`/v3/grants/${grantId}/scheduling/configurations`, { token }),
        401,
        'token.unauthorized_access',
      );
      assertError(
        await server.call('/v3/connect/tokeninfo', { token: null, query: { id_token } }),
        401,
        'token.unauthorized_access',
      );
    } finally {
      server.clock.ms = issued;
    }
  });

  test('revoke stops the token at once and answers {}; an unknown token is no error', async () => {
    const { access_token: token, id_token } = await mint();
    const kept = await mint();
    const revoked = await server.call('/v3/connect/revoke', { method: 'POST', token: null, query: { token } });
    assert.equal(revoked.status, 200);
    assert.deepEqual(revoked.body, {});
    assertError(await server.call('/v3/grants/me/calendars', { token }), 401, 'token.unauthorized_access');
    assertError(
      await server.call('/v3/connect/tokeninfo', { token: null, query: { access_token: token } }),
      401,
      'token.unauthorized_access',
    );
    assertError(
      await server.call('/v3/connect/tokeninfo', { token: null, query: { id_token } }),
      401,
      'token.unauthorized_access',
    );
    assertOk(await server.call('/v3/grants/me/calendars', { token: kept.access_token }));
    assert.deepEqual(
      (await server.call('/v3/connect/revoke', { method: 'POST', token: null, query: { token: 'never-minted' } })).body,
      {},
    );
    assertTokenError(await server.call('/v3/connect/revoke', { method: 'POST', token: null }), 'invalid_request');
  });

  test('tokeninfo answers the claims of an access token or its ID token; a forged ID token is refused', async () => {
    const { access_token, id_token } = await mint();
    const expected = {
      iss: server.url.replace(/\/$/, ''),
      aud: 'editor-app',
      sub: grantId,
      email: ORGANIZER,
      iat: server.clock.ms / 1000,
      exp: server.clock.ms / 1000 + 3600,
    };
    assert.deepEqual(
      assertOk(await server.call('/v3/connect/tokeninfo', { token: null, query: { access_token } })),
      expected,
    );
    assert.deepEqual(
      assertOk(await server.call('/v3/connect/tokeninfo', { token: null, query: { id_token } })),
      expected,
    );
    const [head, payload, signature] = id_token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone' })).toString('base64url')}.${signature}`;
    assertError(
      await server.call('/v3/connect/tokeninfo', { token: null, query: { id_token: forged } }),
      401,
      'token.unauthorized_access',
    );
    assertError(
      await server.call('/v3/connect/tokeninfo', { token: null, query: { id_token: 'a.b' } }),
      401,
      'token.unauthorized_access',
    );
    assertError(await server.call('/v3/connect/tokeninfo', { token: null }), 400, 'invalid_request_error');
  });
});
