import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { parseRateLimit } from '../../server/http/rate-limit.js';
import { openStore } from '../../server/store/index.js';
import {
  assertError,
  assertOk,
  at,
  createConfiguration,
  startTestServer,
  T0,
  UUID_V4,
  type TestServer,
} from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ corsOrigins: ['https://shop.example'], bodyLimitBytes: 64 * 1024 });
});
after(() => server.stop());

/** Sends raw bytes and returns the raw answer (the server closes or we stop after one response). */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

const jsonOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

/** POSTs `size` bytes with node:http (optionally chunked) and reads the whole answer. */
function postLarge(size: number, chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/v3/scheduling/sessions',
        headers: {
          Authorization: `Bearer ${server.apiKey}`,
          'Content-Type': 'application/json',
          ...(chunked ? {} : { 'Content-Length': String(size) }),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    for (let sent = 0; sent < size; sent += chunk.length)
      req.write(chunk.subarray(0, Math.min(chunk.length, size - sent)));
    req.end();
  });
}

describe('envelopes of the HTTP layer', () => {
  test('every answer has a request id (body and X-Request-Id)', async () => {
    const answer = await server.call('/v3/grants/http@example.com/calendars');
    assert.match(answer.body.request_id, UUID_V4);
    assert.equal(answer.headers.get('x-request-id'), answer.body.request_id);
  });

  test('unknown route 404, wrong method 405 with Allow', async () => {
    assertError(await server.call('/v3/nothing-here'), 404, 'not_found_error');
    assertError(await server.call('/'), 404, 'not_found_error');
    const wrong = await server.call('/v3/scheduling/sessions', { method: 'GET' });
    assertError(wrong, 405, 'invalid_request_error');
    assert.equal(wrong.headers.get('allow'), 'POST');
    assertError(
      await server.call('/v3/scheduling/availability', { method: 'POST', body: {} }),
      405,
      'invalid_request_error',
    );
  });

  test('only Nylas error types; any method the API does not serve (TRACE, CONNECT, WebDAV, unknown) is 405 with the envelope', async () => {
    for (const [method, target] of [
      ['TRACE', '/v3/scheduling/ui-settings'],
      ['CONNECT', '127.0.0.1:443'],
      ['PROPFIND', '/v3/scheduling/bookings'],
      ['MKCOL', '/'],
      ['BREW', '/v3/scheduling/availability'],
    ]) {
      const answer = await raw(`${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.match(answer, /^HTTP\/1\.1 405 /, method);
      assert.match(answer, /\r\nallow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n/i, method);
      const body = jsonOf(answer);
      assert.equal(body.error.type, 'invalid_request_error', method);
      assert.match(body.request_id, UUID_V4);
    }
  });

  test('bad JSON 400, non-JSON content type 415', async () => {
    const sessions = '/v3/scheduling/sessions';
    assertError(
      await server.call(sessions, { method: 'POST', body: '{"configuration_id":' }),
      400,
      'invalid_request_error',
    );
    assertError(
      await server.call(sessions, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' }),
      415,
      'invalid_request_error',
    );
    const form = await fetch(new URL(sessions, server.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.apiKey}` },
      body: new URLSearchParams({ configuration_id: 'x' }),
    });
    assert.equal(form.status, 415);
    assert.equal(((await form.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
  });

  test('a body over the limit is 413 with the envelope, drained, never a reset (with and without Content-Length)', async () => {
    for (const chunked of [false, true]) {
      const answer = await postLarge(2 * 1024 * 1024, chunked);
      assert.equal(answer.status, 413, `chunked: ${chunked}`);
      assert.equal(JSON.parse(answer.body).error.type, 'invalid_request_error');
    }
    const viaFetch = await server.call('/v3/scheduling/sessions', { method: 'POST', body: 'x'.repeat(100 * 1024) });
    assertError(viaFetch, 413, 'invalid_request_error');
  });

  test('URL too long 414, headers too large 431, broken HTTP 400 — all JSON envelopes', async () => {
    assertError(
      await server.call(`/v3/scheduling/ui-settings?pad=${'a'.repeat(9000)}`, { token: null }),
      414,
      'invalid_request_error',
    );

    const longLine = await raw(`GET /v3/scheduling/ui-settings?pad=${'a'.repeat(20000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.match(longLine, /^HTTP\/1\.1 414 /);
    assert.equal(jsonOf(longLine).error.type, 'invalid_request_error');

    const bigHeaders = await raw(
      `GET /v3/scheduling/ui-settings HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(20000)}\r\n\r\n`,
    );
    assert.match(bigHeaders, /^HTTP\/1\.1 431 /);
    assert.equal(jsonOf(bigHeaders).error.type, 'invalid_request_error');
    assert.match(jsonOf(bigHeaders).request_id, UUID_V4);

    const broken = await raw('GET /v3 NOT-HTTP\r\n\r\n');
    assert.match(broken, /^HTTP\/1\.1 400 /);
    assert.equal(jsonOf(broken).error.type, 'invalid_request_error');
  });

  test('the adapter’s own refusals (bad Host, backslash, `*`, no Host on HTTP/1.1) are envelopes too; HEAD gets no body', async () => {
    for (const head of [
      'GET /v3/scheduling/ui-settings HTTP/1.1\r\nHost: a b\r\n',
      'GET /v3/scheduling/ui-settings HTTP/1.1\r\nHost: localhost:99999\r\n',
      'GET /v3\\..\\scheduling HTTP/1.1\r\nHost: x\r\n',
      'GET * HTTP/1.1\r\nHost: x\r\n',
      'GET http://[::1/v3 HTTP/1.1\r\nHost: x\r\n',
      'GET /v3/scheduling/ui-settings HTTP/1.1\r\n',
    ]) {
      const answer = await raw(`${head}Connection: close\r\n\r\n`);
      assert.match(answer, /^HTTP\/1\.1 400 /, head);
      const body = jsonOf(answer);
      assert.equal(body.error.type, 'invalid_request_error', head);
      assert.match(body.request_id, UUID_V4);
    }
    // HTTP/1.0 needs no Host.
    assert.match(await raw('GET /v3/scheduling/ui-settings HTTP/1.0\r\n\r\n'), /^HTTP\/1\.1 401 /);
    const head = await raw('HEAD /v3/\u00ff HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 400 /);
    assert.ok(head.endsWith('\r\n\r\n'), 'no body after the head of a HEAD answer');
  });

  test('bodies nested deeper than 32 levels are refused with 400 before anything walks them', async () => {
    const grant = '/v3/grants/deep@example.com/scheduling/configurations';
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const configuration = (conferencing: string) =>
      `{"participants":[{"email":"deep@example.com","is_organizer":true}],"availability":{"duration_minutes":30},` +
      `"event_booking":{"title":"Deep","conferencing":{"details":${conferencing}}}}`;
    for (const body of [
      nested(10_000),
      `{"a":`.repeat(10_000) + '1' + '}'.repeat(10_000),
      configuration(nested(10_000)),
      configuration(nested(30)),
    ]) {
      const message = assertError(await server.call(grant, { method: 'POST', body }), 400, 'invalid_request_error');
      assert.equal(message, 'The request body nests arrays and objects more than 32 levels deep.');
    }
    // Brackets inside strings do not count; 32 levels are fine.
    const fine = assertOk(
      await server.call(grant, { method: 'POST', body: configuration(`{"x":"${'['.repeat(100)}","y":${nested(28)}}`) }),
    );
    assert.equal(fine.event_booking.conferencing.details.x, '['.repeat(100));
  });

  test('nonsense input never causes a 500', async () => {
    const id = await createConfiguration(server, {}, 'fuzz@example.com');
    const bodies: unknown[] = [
      null,
      0,
      'x',
      [],
      [1],
      { start_time: {} },
      { guest: [] },
      { start_time: 1e300, end_time: 1e301, guest: {} },
    ];
    for (const body of bodies) {
      for (const [method, path] of [
        ['POST', '/v3/scheduling/bookings'],
        ['POST', '/v3/scheduling/sessions'],
        ['POST', '/v3/grants/fuzz@example.com/scheduling/configurations'],
        ['PUT', `/v3/grants/fuzz@example.com/scheduling/configurations/${id}`],
        ['POST', '/v3/grants/fuzz@example.com/events'],
      ] as const) {
        const answer = await server.call(path, {
          method,
          body: JSON.stringify(body),
          query: { configuration_id: id, calendar_id: 'primary' },
        });
        assert.ok(answer.status < 500, `${method} ${path} ${JSON.stringify(body)} → ${answer.status}`);
        if (answer.status !== 200) assert.equal(typeof answer.body.error.type, 'string');
      }
    }
    for (const query of [
      { start_time: '1e3', end_time: '2e3' },
      { start_time: '99999999999999', end_time: '1' },
    ]) {
      const answer = await server.call('/v3/scheduling/availability', {
        token: null,
        query: { configuration_id: id, ...query },
      });
      assertError(answer, 400, 'invalid_request_error');
    }
    assertError(await server.call('/v3/scheduling/bookings/%E0%A4%A', { token: null }), 401, 'unauthorized');
  });

  test('an unexpected failure is a 500 internal_error envelope', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scheduler-500-'));
    const store = openStore(join(dir, 'db.sqlite'));
    const app = createApp({ store, apiKey: 'k', rateLimit: false });
    store.close();
    const original = console.error;
    console.error = () => {};
    try {
      const answer = await app.request('/v3/grants/a@example.com/calendars', {
        headers: { Authorization: 'Bearer k' },
      });
      assert.equal(answer.status, 500);
      const body = (await answer.json()) as { request_id: string; error: { type: string } };
      assert.equal(body.error.type, 'internal_error');
      assert.match(body.request_id, UUID_V4);
    } finally {
      console.error = original;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CORS', () => {
  test('preflight allows the configured origin, methods and headers; exposes Retry-After and X-Request-Id', async () => {
    const answer = await fetch(new URL('/v3/scheduling/bookings', server.url), {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        // What Nylas's own web elements send besides the usual two.
        'Access-Control-Request-Headers':
          'authorization, content-type, x-source, x-nylas-web-elements-version, x-nylas-application-public-id',
      },
    });
    assert.ok(answer.status === 204 || answer.status === 200);
    assert.equal(answer.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.equal(answer.headers.get('access-control-allow-methods'), 'GET,POST,PUT,PATCH,DELETE,OPTIONS');
    assert.equal(
      answer.headers.get('access-control-allow-headers'),
      'authorization,content-type,x-source,x-nylas-web-elements-version,x-nylas-application-public-id',
    );
    assert.match(answer.headers.get('vary') ?? '', /Access-Control-Request-Headers/);
    assert.equal(answer.headers.get('access-control-allow-credentials'), null);

    const actual = await server.call('/v3/scheduling/ui-settings', {
      token: null,
      headers: { Origin: 'https://shop.example' },
    });
    assert.equal(actual.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(actual.headers.get('access-control-expose-headers') ?? '', /Retry-After,X-Request-Id/);

    const stranger = await server.call('/v3/scheduling/ui-settings', {
      token: null,
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
  });

  test('any origin by default', async () => {
    const open = await startTestServer();
    try {
      const answer = await open.call('/v3/scheduling/ui-settings', {
        token: null,
        headers: { Origin: 'https://anyone.example' },
      });
      assert.equal(answer.headers.get('access-control-allow-origin'), '*');
    } finally {
      await open.stop();
    }
  });
});

describe('rate limiting', () => {
  test('--rate-limit: off, or availability=<n>,bookings=<n> (either alone); anything else is refused', () => {
    assert.equal(parseRateLimit('off'), false);
    assert.deepEqual(parseRateLimit('availability=300,bookings=30'), {
      availabilityPerMinute: 300,
      bookingsPerMinute: 30,
    });
    assert.deepEqual(parseRateLimit(' bookings = 5 '), { availabilityPerMinute: 600, bookingsPerMinute: 5 });
    assert.deepEqual(parseRateLimit('availability=1'), { availabilityPerMinute: 1, bookingsPerMinute: 60 });
    for (const bad of [
      '',
      'on',
      '300/60',
      'availability=0',
      'availability=-1',
      'availability=1.5',
      'bookings=5,bookings=6',
      'sessions=5',
      'availability=5;bookings=1',
      '__proto__=1',
    ]) {
      assert.throws(() => parseRateLimit(bad), /--rate-limit/, bad);
    }
  });

  test('limits count per client address', async () => {
    const limited = await startTestServer({ rateLimit: { availabilityPerMinute: 2, bookingsPerMinute: 1 } });
    try {
      const id = await createConfiguration(limited);
      const path = `/v3/scheduling/availability?configuration_id=${id}&start_time=${at(1, 0)}&end_time=${at(2, 0)}`;
      const from = (localAddress: string) =>
        new Promise<{ status: number; retryAfter: string | undefined; body: any }>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: limited.port, path, localAddress, agent: false }, (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                retryAfter: res.headers['retry-after'] as string | undefined,
                body: JSON.parse(text),
              }),
            );
          });
          req.on('error', reject);
          req.end();
        });
      assert.equal((await from('127.0.0.1')).status, 200);
      assert.equal((await from('127.0.0.1')).status, 200);
      const refused = await from('127.0.0.1');
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.type, 'rate_limit_error');
      assert.match(refused.body.request_id, UUID_V4);
      assert.equal(refused.retryAfter, '60');
      assert.equal((await from('127.0.0.2')).status, 200, 'another address has its own budget');
    } finally {
      await limited.stop();
    }
  });

  test('availability and booking creation per client address: 429 with Retry-After', async () => {
    const limited = await startTestServer({ rateLimit: { availabilityPerMinute: 3, bookingsPerMinute: 2 } });
    try {
      const id = await createConfiguration(limited);
      const availability = () =>
        limited.call('/v3/scheduling/availability', {
          token: null,
          query: { configuration_id: id, start_time: at(1, 0), end_time: at(2, 0) },
        });
      for (let i = 0; i < 3; i++) assertOk(await availability());
      limited.clock.ms = T0 + 45_000;
      const refused = await availability();
      assertError(refused, 429, 'rate_limit_error');
      assert.equal(refused.headers.get('retry-after'), '15');

      const post = () =>
        limited.call('/v3/scheduling/bookings', {
          method: 'POST',
          token: null,
          query: { configuration_id: id },
          body: {},
        });
      assertError(await post(), 400, 'invalid_request_error');
      assertError(await post(), 400, 'invalid_request_error');
      assertError(await post(), 429, 'rate_limit_error');
      assertOk(await limited.call('/v3/scheduling/ui-settings', { token: null, query: { configuration_id: id } }));

      limited.clock.ms = T0 + 60_000;
      assertOk(await availability());
    } finally {
      await limited.stop();
    }
  });
});
