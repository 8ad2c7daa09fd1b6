import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { demoBackendMiddleware } from '../../server/demo-backend.js';
import { ORGANIZER_GRANT_ID, PUBLIC_CONFIGURATION_ID } from '../../server/seed.js';
import { createNodeListener } from '../../server/start.js';
import { assertOk, at, book, createConfiguration, startTestServer, UUID_V4, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

test("store: the bookings awaiting the organizer's decision (the demo backend's organizer list), earliest first", async () => {
  const instant = await createConfiguration(server);
  const needsConfirmation = await createConfiguration(server, {
    event_booking: { title: 'Mentoring', booking_type: 'organizer-confirmation' },
  });
  const later = assertOk(await book(server, needsConfirmation, at(1, 11)));
  const earlier = assertOk(await book(server, needsConfirmation, at(1, 10)));
  assertOk(await book(server, instant, at(1, 9)));
  assert.deepEqual(server.store.bookings.pending().map((booking) => booking.id), [earlier.booking_id, later.booking_id]);
  assertOk(await server.call(`/v3/scheduling/bookings/${earlier.booking_id}`, { method: 'DELETE', query: { configuration_id: needsConfirmation }, body: {} }));
  assert.deepEqual(server.store.bookings.pending().map((booking) => booking.id), [later.booking_id]);
});

describe('the demo backend (npm start) against hostile requests', () => {
  test('minting a session never sends the API key to the address the Host header names, and a bad Host does not crash it', { timeout: 30_000 }, async () => {
    // A listener standing in for whatever a hostile Host header names: it records what it is sent.
    const seen: string[] = [];
    const trap = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('not json');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const dir = mkdtempSync(join(tmpdir(), 'demo-backend-'));
    const api = await createNodeListener({ dbPath: join(dir, 'demo.sqlite'), seed: 'demo' });
    const middleware = demoBackendMiddleware(api);
    const demo = createServer((req, res) => middleware(req, res, () => res.writeHead(404).end()));
    await new Promise<void>((resolve) => demo.listen(0, '127.0.0.1', resolve));
    const port = (demo.address() as AddressInfo).port;
    const trapPort = (trap.address() as AddressInfo).port;
    const mint = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/demo-backend/session', method: 'POST', agent: false, headers: { Host: host } }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      for (const host of [`127.0.0.1:${trapPort}`, 'a b', '[::1', `127.0.0.1:${port}`]) {
        const answer = await mint(host);
        assert.equal(answer.status, 200, `${host}: ${answer.body}`);
        assert.match(JSON.parse(answer.body).session_id, UUID_V4, host);
      }
      assert.deepEqual(seen, [], 'the trap was never called');
    } finally {
      await new Promise((resolve) => demo.close(resolve));
      await new Promise((resolve) => trap.close(resolve));
      api.store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test("the demo backend mints the organizer's access token: the connect/token answer, good on the organizer's grant", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-backend-'));
  const api = await createNodeListener({ dbPath: join(dir, 'demo.sqlite'), seed: 'demo' });
  const middleware = demoBackendMiddleware(api);
  const demo = createServer((req, res) => middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => demo.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(demo.address() as AddressInfo).port}`;
  try {
    const answer = await fetch(`${base}/demo-backend/organizer-token`, { method: 'POST' });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    const token = (await answer.json()) as Record<string, unknown>;
    assert.equal(token.grant_id, ORGANIZER_GRANT_ID);
    assert.equal(token.token_type, 'Bearer');
    assert.equal(token.expires_in, 3600);
    const listed = await fetch(`${base}/v3/grants/me/scheduling/configurations`, { headers: { Authorization: `Bearer ${token.access_token}` } });
    const ids = ((await listed.json()) as { data: Array<{ id: string }> }).data.map((configuration) => configuration.id);
    assert.ok(ids.includes(PUBLIC_CONFIGURATION_ID), ids.join());
  } finally {
    await new Promise((resolve) => demo.close(resolve));
    await api.notifier.stop();
    api.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
