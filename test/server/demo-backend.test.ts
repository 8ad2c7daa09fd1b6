import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connectDemoCalendar, demoBackendMiddleware } from '../../server/demo-backend.js';
import type { FeedSpan } from '../../server/demo-calendar.js';
import { MAX_WINDOW_DAYS } from '../../server/scheduling/availability.js';
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
  assert.deepEqual(
    server.store.bookings.pending().map((booking) => booking.id),
    [earlier.booking_id, later.booking_id],
  );
  assertOk(
    await server.call(`/v3/scheduling/bookings/${earlier.booking_id}`, {
      method: 'DELETE',
      query: { configuration_id: needsConfirmation },
      body: {},
    }),
  );
  assert.deepEqual(
    server.store.bookings.pending().map((booking) => booking.id),
    [later.booking_id],
  );
});

describe('the demo backend (npm start) against hostile requests', () => {
  test(
    'minting a session never sends the API key to the address the Host header names, and a bad Host does not crash it',
    { timeout: 30_000 },
    async () => {
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
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: '/demo-backend/session',
              method: 'POST',
              agent: false,
              headers: { Host: host },
            },
            (res) => {
              let body = '';
              res
                .on('data', (chunk) => (body += chunk))
                .on('end', () => resolve({ status: res.statusCode ?? 0, body }));
            },
          );
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
    },
  );
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
    const listed = await fetch(`${base}/v3/grants/me/scheduling/configurations`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    const ids = ((await listed.json()) as { data: Array<{ id: string }> }).data.map(
      (configuration) => configuration.id,
    );
    assert.ok(ids.includes(PUBLIC_CONFIGURATION_ID), ids.join());
  } finally {
    await new Promise((resolve) => demo.close(resolve));
    await api.notifier.stop();
    api.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

type Slot = { start_time: number; end_time: number };

test("the demo organizer's calendar feed, connected as any ICS feed, shapes the demo's availability", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-backend-'));
  const api = createNodeListener({ dbPath: join(dir, 'demo.sqlite'), seed: 'demo' });
  const middleware = demoBackendMiddleware(api);
  const demo = createServer((req, res) => middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => demo.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(demo.address() as AddressInfo).port}/`;
  // The widest window a request may ask for: the API cuts it to the configuration's booking window.
  const start = Math.floor(Date.now() / 1000);
  const end = start + MAX_WINDOW_DAYS * 86_400;
  const availability = async () => {
    const query = new URLSearchParams({
      configuration_id: PUBLIC_CONFIGURATION_ID,
      start_time: `${start}`,
      end_time: `${end}`,
    });
    const answer = await fetch(`${origin}v3/scheduling/availability?${query}`);
    assert.equal(answer.status, 200);
    const body = (await answer.json()) as { data: { time_slots: Slot[] } };
    return { slots: body.data.time_slots, age: answer.headers.get('x-calendar-age') };
  };
  try {
    const before = await availability();
    assert.equal(before.age, null, 'no calendar is connected yet');
    assert.equal(await connectDemoCalendar(api, origin), 201);
    const after = await availability();
    assert.match(after.age ?? '', /^\d+$/, 'availability says how old its copy of the feed is');

    // The feed's events as the page names them; the test's own expectations come from the same spans.
    const described = (await (await fetch(`${origin}demo-backend/calendar`)).json()) as {
      busy: FeedSpan[];
      not_busy: FeedSpan[];
    };
    const overlaps = (slot: Slot, spans: FeedSpan[]) =>
      spans.some((span) => slot.start_time < span.end && span.start < slot.end_time);
    const key = (slot: Slot) => slot.start_time;
    const kept = new Set(after.slots.map(key));
    const removed = before.slots.filter((slot) => !kept.has(key(slot)));

    const offeredBefore = new Set(before.slots.map(key));
    assert.deepEqual(
      after.slots.filter((slot) => !offeredBefore.has(key(slot))),
      [],
      'the feed only takes times away',
    );
    const insideBusy = after.slots.filter((slot) => overlaps(slot, described.busy));
    assert.deepEqual(insideBusy, [], 'no time offered inside a busy event of the feed');
    assert.ok(removed.length > 0, 'the feed took offered times away');
    // The public configuration keeps 10 minutes after a meeting: a slot ending that close before one goes too.
    const padded = described.busy.map((span) => ({ ...span, end: span.end + 10 * 60 }));
    const unexplained = removed.filter((slot) => !overlaps(slot, padded));
    assert.deepEqual(unexplained, [], 'every time taken away is explained by a busy event');
    const freeButOffered = before.slots.filter((slot) => overlaps(slot, described.not_busy) && !overlaps(slot, padded));
    const blockedByFree = freeButOffered.filter((slot) => !kept.has(key(slot)));
    assert.deepEqual(blockedByFree, [], 'the cancelled occurrence and the free event block nothing');
  } finally {
    await new Promise((resolve) => demo.close(resolve));
    await api.notifier.stop();
    api.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
