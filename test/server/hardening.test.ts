/**
 * No request can stall the server: linear-time patterns, bounded answers, rate limits on every
 * public route, and the client address behind a trusted proxy only.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { MAX_SLOTS } from '../../server/scheduling/availability.js';
import { assertError, assertOk, at, book, createConfiguration, slots, startTestServer, T0, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const withPattern = (pattern: string) =>
  createConfiguration(server, {
    scheduler: {
      min_booking_notice: 60,
      available_days_in_future: 30,
      additional_fields: { code: { label: 'Code', type: 'text', required: true, pattern } },
    },
  });

describe('additional-field patterns run in linear time', () => {
  test('a booking with 27 "a"s and "!" for (a+)+$ answers in milliseconds; a concurrent ui-settings is not delayed', async (t) => {
    const id = await withPattern('(a+)+$');
    const started = performance.now();
    const booking = book(server, id, at(1, 10), { additional_fields: { code: `${'a'.repeat(27)}!` } }).then((answer) => ({
      answer,
      ms: performance.now() - started,
    }));
    // Sent while the booking is in flight; before the fix it waited for the whole backtracking run.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const uiStarted = performance.now();
    const ui = await server.call('/v3/scheduling/ui-settings', { token: null, query: { configuration_id: id } });
    const uiMs = performance.now() - uiStarted;
    const { answer, ms } = await booking;
    t.diagnostic(`pathological booking: ${ms.toFixed(1)} ms; concurrent ui-settings: ${uiMs.toFixed(1)} ms`);
    assert.match(assertError(answer, 400, 'invalid_request_error'), /additional_fields\.code: Does not match/);
    assertOk(ui);
    assert.ok(ms < 1000, `the booking took ${ms} ms`);
    assert.ok(uiMs < 1000, `ui-settings took ${uiMs} ms`);
    // The pattern still works: a good value books.
    assertOk(await book(server, id, at(1, 10), { additional_fields: { code: 'aaaa' } }));
  });

  test('a realistic phone pattern stays fast however long the value', async (t) => {
    const id = await withPattern('(\\+?\\d+[ -]?)+');
    const started = performance.now();
    const answer = await book(server, id, at(1, 11), { additional_fields: { code: `+49 ${'1'.repeat(60)}!` } });
    const ms = performance.now() - started;
    t.diagnostic(`phone pattern, 65 characters: ${ms.toFixed(1)} ms`);
    assertError(answer, 400, 'invalid_request_error');
    assert.ok(ms < 1000, `took ${ms} ms`);
    assertOk(await book(server, id, at(1, 11), { additional_fields: { code: '+49 30 1234-5678' } }));
  });

  test('patterns the linear-time engine cannot run are refused when the configuration is written', async () => {
    for (const pattern of ['(a)\\1', '(?=a)a', '(?<!b)a', '[']) {
      const answer = await server.call('/v3/grants/olga@example.com/scheduling/configurations', {
        method: 'POST',
        body: {
          participants: [{ email: 'olga@example.com', is_organizer: true }],
          availability: { duration_minutes: 30 },
          event_booking: { title: 'x' },
          scheduler: { additional_fields: { code: { label: 'Code', type: 'text', required: false, pattern } } },
        },
      });
      assert.match(assertError(answer, 400, 'invalid_request_error'), /pattern/, pattern);
    }
  });
});

describe('bounded work per request', () => {
  test(`one availability answer holds at most ${MAX_SLOTS} slots, the earliest`, async () => {
    const id = await createConfiguration(server, {
      participants: [
        {
          email: 'grid@example.com',
          is_organizer: true,
          availability: { open_hours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '0:00', end: '24:00', timezone: 'UTC' }] },
        },
      ],
      availability: { duration_minutes: 1, interval_minutes: 1, round_to: 5 },
      scheduler: { min_booking_notice: 0, available_days_in_future: 60 },
    }, 'grid@example.com');
    const answer = await slots(server, id, T0 / 1000, T0 / 1000 + 60 * 86400);
    assert.equal(answer.length, MAX_SLOTS);
    assert.equal(answer[0]!.start_time, T0 / 1000);
    assert.equal(answer.at(-1)!.start_time, T0 / 1000 + (MAX_SLOTS - 1) * 60);
  });
});

describe('rate limits on every public route', () => {
  test('ui-settings, availability, reading, booking, rescheduling, cancelling and confirming are each limited; the API key is not', async () => {
    const limited = await startTestServer({ rateLimit: { availabilityPerMinute: 2, bookingsPerMinute: 2 } });
    try {
      const id = await createConfiguration(limited, { event_booking: { title: 'Approval', booking_type: 'organizer-confirmation' } });
      const anonymous = (path: string, method = 'GET', body?: unknown) =>
        limited.call(path, { method, body, token: null, query: { configuration_id: id, start_time: at(1, 0), end_time: at(2, 0) } });
      const first = assertOk(await book(limited, id, at(1, 10)));
      const second = assertOk(await book(limited, id, at(1, 11)));
      assertError(await book(limited, id, at(1, 12)), 429, 'rate_limit_error');

      const bookingPath = `/v3/scheduling/bookings/${first.booking_id}`;
      for (const path of ['/v3/scheduling/ui-settings', '/v3/scheduling/availability', bookingPath]) {
        assertOk(await anonymous(path));
        assertOk(await anonymous(path));
        assertError(await anonymous(path), 429, 'rate_limit_error');
      }
      // Reschedule, cancel and confirm share one budget of changes.
      assertOk(await anonymous(bookingPath, 'PATCH', { start_time: at(1, 13), end_time: at(1, 13, 30) }));
      assertOk(await anonymous(`/v3/scheduling/bookings/${second.booking_id}`, 'DELETE', {}));
      assertError(await anonymous(bookingPath, 'PUT', { salt: 'AAAA', status: 'confirmed' }), 429, 'rate_limit_error');
      assertError(await anonymous(bookingPath, 'DELETE', {}), 429, 'rate_limit_error');

      // The app's backend, with the API key, is never limited.
      for (let i = 0; i < 5; i++) assertOk(await limited.call(bookingPath));
      // The limiter runs on the API's clock: a minute later (no real minute waited) all is fresh.
      limited.clock.ms += 60_000;
      assertOk(await anonymous('/v3/scheduling/ui-settings'));
      assertOk(await anonymous(bookingPath, 'DELETE', {}));
    } finally {
      await limited.stop();
    }
  });

  /** GET ui-settings from 127.0.0.1 with an X-Forwarded-For header; the status. */
  const forwardedFrom = (port: number, path: string, forwardedFor: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent: false, headers: { 'X-Forwarded-For': forwardedFor } }, (res) => {
        res.resume().on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });

  test('--trust-proxy: the client is the last X-Forwarded-For address; without it the header is ignored', async () => {
    for (const trustProxy of [false, true]) {
      const limited = await startTestServer({ rateLimit: { availabilityPerMinute: 1, bookingsPerMinute: 1 }, trustProxy });
      try {
        const id = await createConfiguration(limited);
        const path = `/v3/scheduling/ui-settings?configuration_id=${id}`;
        assert.equal(await forwardedFrom(limited.port, path, '203.0.113.1'), 200);
        // A client cannot pick a fresh address by prepending one: the proxy's own entry is the last.
        assert.equal(await forwardedFrom(limited.port, path, '198.51.100.7, 203.0.113.1'), 429, `trustProxy ${trustProxy}`);
        assert.equal(await forwardedFrom(limited.port, path, '203.0.113.2'), trustProxy ? 200 : 429, `trustProxy ${trustProxy}`);
      } finally {
        await limited.stop();
      }
    }
  });
});
