/**
 * No request can stall the server: linear-time patterns, bounded answers, rate limits on every
 * public route, and the client address behind a trusted proxy only.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { decodeBookingRef } from '../../src/contract/booking-ref.js';
import { Temporal } from 'temporal-polyfill';
import { MAX_EXPANSION_STEPS, occurrencesBetween, recurrenceWork } from '../../server/group/recurrence.js';
import type { AppEnv } from '../../server/http/envelope.js';
import { FAILED_KEYS_PER_MINUTE, rateLimit } from '../../server/http/rate-limit.js';
import { MAX_ANSWER_BYTES, MAX_SLOTS } from '../../server/scheduling/availability.js';
import { linearPattern } from '../../server/scheduling/additional-fields.js';
import { RE2JS } from 're2js';
import {
  assertError,
  assertOk,
  at,
  book,
  configurationBody,
  createConfiguration,
  guest,
  ORGANIZER,
  slots,
  startTestServer,
  T0,
  type TestServer,
} from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

/** GET ui-settings from 127.0.0.1 with an X-Forwarded-For header; the status. */
const forwardedFromProxy = (port: number, path: string, forwardedFor: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent: false, headers: { 'X-Forwarded-For': forwardedFor } },
      (res) => {
        res.resume().on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });

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
    const booking = book(server, id, at(1, 10), { additional_fields: { code: `${'a'.repeat(27)}!` } }).then(
      (answer) => ({
        answer,
        ms: performance.now() - started,
      }),
    );
    // Sent while the booking is in flight; before the fix it waited for the whole backtracking run.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const uiStarted = performance.now();
    const ui = await server.call('/v3/scheduling/ui-settings', { token: null, query: { configuration_id: id } });
    const uiMs = performance.now() - uiStarted;
    const { answer, ms } = await booking;
    t.diagnostic(`pathological booking: ${ms.toFixed(1)} ms; concurrent ui-settings: ${uiMs.toFixed(1)} ms`);
    assert.match(assertError(answer, 400, 'invalid_request_error'), /additional_fields\.code: Does not match/);
    assertOk(ui);
    // Linear time by construction (RE2JS), not by a timer: a backtracking engine would take
    // seconds here and forever with a few more "a"s.
    assert.ok(linearPattern('(a+)+$') instanceof RE2JS, 'patterns run on RE2JS');
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
    assert.ok(linearPattern('(\\+?\\d+[ -]?)+') instanceof RE2JS, 'patterns run on RE2JS');
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
    const id = await createConfiguration(
      server,
      {
        participants: [
          {
            email: 'grid@example.com',
            is_organizer: true,
            availability: {
              open_hours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '0:00', end: '24:00', timezone: 'UTC' }],
            },
          },
        ],
        availability: { duration_minutes: 1, interval_minutes: 1, round_to: 5 },
        scheduler: { min_booking_notice: 0, available_days_in_future: 60 },
      },
      'grid@example.com',
    );
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
      const id = await createConfiguration(limited, {
        event_booking: { title: 'Approval', booking_type: 'organizer-confirmation' },
      });
      const anonymous = (path: string, method = 'GET', body?: unknown) =>
        limited.call(path, {
          method,
          body,
          token: null,
          query: { configuration_id: id, start_time: at(1, 0), end_time: at(2, 0) },
        });
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

  const forwardedFrom = (port: number, path: string, forwardedFor: string) =>
    forwardedFromProxy(port, path, forwardedFor);

  test('--trust-proxy: the client is the last X-Forwarded-For address; without it the header is ignored', async () => {
    for (const trustProxy of [false, true]) {
      const limited = await startTestServer({
        rateLimit: { availabilityPerMinute: 1, bookingsPerMinute: 1 },
        trustProxy,
      });
      try {
        const id = await createConfiguration(limited);
        const path = `/v3/scheduling/ui-settings?configuration_id=${id}`;
        assert.equal(await forwardedFrom(limited.port, path, '203.0.113.1'), 200);
        // A client cannot pick a fresh address by prepending one: the proxy's own entry is the last.
        assert.equal(
          await forwardedFrom(limited.port, path, '198.51.100.7, 203.0.113.1'),
          429,
          `trustProxy ${trustProxy}`,
        );
        assert.equal(
          await forwardedFrom(limited.port, path, '203.0.113.2'),
          trustProxy ? 200 : 429,
          `trustProxy ${trustProxy}`,
        );
      } finally {
        await limited.stop();
      }
    }
  });
});

// ------------------------------------------------------------------ requests that could stall the API

const TIMEOUT = { timeout: 60_000 };
const configurationsOf = (grant: string) => `/v3/grants/${grant}/scheduling/configurations`;

/** A syntactically valid address of exactly 254 characters (the longest the API takes), distinct per `n`. */
export const longEmail = (n: number): string => {
  const local = `h${n}`.padEnd(64, 'x');
  const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(254 - 64 - 1 - 63 - 1 - 63 - 1 - 4)}.com`;
  return `${local}@${domain}`;
};

async function groupConfigurationOn(target: TestServer, scheduler: Record<string, unknown> = {}): Promise<string> {
  const body = { name: 'Class', type: 'group', group_booking: { calendar_id: 'primary' }, scheduler };
  return assertOk(await target.call(configurationsOf(ORGANIZER), { method: 'POST', body })).id;
}

const postGroupEvent = (target: TestServer, configurationId: string, body: Record<string, unknown>) =>
  target.call(`${configurationsOf(ORGANIZER)}/${configurationId}/group-events`, {
    method: 'POST',
    body: { title: 'Class', calendar_id: 'primary', ...body },
  });

const seat = (
  target: TestServer,
  configurationId: string,
  slot: { event_id: string; start_time: number; end_time: number },
) =>
  target.call('/v3/scheduling/bookings', {
    method: 'POST',
    token: null,
    query: { configuration_id: configurationId },
    body: { ...slot, guest: { name: 'Guest', email: 'guest@example.org' } },
  });

const availabilityAnswer = (target: TestServer, configurationId: string, start: number, end: number) =>
  target.call('/v3/scheduling/availability', {
    token: null,
    query: { configuration_id: configurationId, start_time: start, end_time: end },
  });

describe('round three: far-future occurrence ids', () => {
  test(
    'a booking or validate-timeslot naming an occurrence in 2500 is refused (4xx) before the series is expanded',
    TIMEOUT,
    async () => {
      const id = await groupConfigurationOn(server, { available_days_in_future: 30, min_booking_notice: 0 });
      const start = at(1, 10);
      const series = assertOk(
        await postGroupEvent(server, id, {
          when: { start_time: start, end_time: start + 3600 },
          recurrence: ['RRULE:FREQ=DAILY'],
        }),
      ).event.id as string;
      // Warm: what a guest's page asks first expands the window it may book.
      assertOk(await availabilityAnswer(server, id, start - 60, start + 30 * 86400));
      const far = Date.UTC(2500, 0, 1, 10) / 1000;
      const target = {
        event_id: `${series}_25000101T100000Z`,
        master_id: series,
        start_time: far,
        end_time: far + 3600,
      };
      const before = recurrenceWork.steps;
      for (let i = 0; i < 3; i++) {
        const booking = await seat(server, id, target);
        assert.ok(booking.status >= 400 && booking.status < 500, JSON.stringify(booking.body));
        assert.equal(booking.body.error.type, booking.status === 404 ? 'not_found_error' : 'invalid_request_error');
        const validate = await server.call(`/v3/scheduling/configurations/${id}/group-events/validate-timeslot`, {
          method: 'POST',
          token: null,
          body: target,
        });
        assert.ok(validate.status >= 400 && validate.status < 500, JSON.stringify(validate.body));
      }
      // Six requests: the daily rule is not walked towards the year 2500 (that is 173,000 days away).
      const walked = recurrenceWork.steps - before;
      assert.ok(walked <= 200, `the far-future requests walked ${walked} recurrence steps`);
      // An occurrence inside the window still books.
      const near = assertOk(await availabilityAnswer(server, id, start - 60, start + 86400)).time_slots[0];
      assertOk(await seat(server, id, near));
    },
  );
});

describe('round three: recurrences that yield nothing', () => {
  test('an RRULE with no second occurrence within the step budget is refused when written (400)', TIMEOUT, async () => {
    const id = await groupConfigurationOn(server);
    const start = at(1, 10);
    for (const rule of [
      'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31',
      'RRULE:FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30',
      'RRULE:FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31',
    ]) {
      const answer = await postGroupEvent(server, id, {
        when: { start_time: start, end_time: start + 3600 },
        recurrence: [rule],
      });
      assert.match(assertError(answer, 400, 'invalid_request_error'), /recurrence/, rule);
    }
    // Sparse but real rules are kept: 29 February comes every four years.
    assertOk(
      await postGroupEvent(server, id, {
        when: { start_time: start, end_time: start + 3600 },
        recurrence: ['RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29'],
      }),
    );
    assertOk(
      await postGroupEvent(server, id, {
        when: { start_time: start, end_time: start + 3600 },
        recurrence: ['RRULE:FREQ=DAILY;COUNT=1;BYMONTH=2;BYMONTHDAY=31'],
      }),
    );
  });

  test(
    'a stored impossible rule (written before the check) is expanded within a bounded number of steps',
    TIMEOUT,
    async () => {
      const id = await groupConfigurationOn(server, { min_booking_notice: 0 });
      const start = at(1, 10);
      const series = assertOk(
        await postGroupEvent(server, id, {
          when: { start_time: start, end_time: start + 3600 },
          recurrence: ['RRULE:FREQ=DAILY;COUNT=2'],
        }),
      );
      const db = new Database(server.dbPath);
      const row = db.prepare('SELECT body FROM group_events WHERE id = ?').get(series.event.id) as { body: string };
      const body = { ...JSON.parse(row.body), recurrence: ['RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31'] };
      db.prepare('UPDATE group_events SET body = ? WHERE id = ?').run(JSON.stringify(body), series.event.id);
      db.close();
      const before = recurrenceWork.steps;
      const answer = assertOk(await availabilityAnswer(server, id, start - 60, start + 30 * 86400));
      assert.equal(answer.time_slots.length, 1, 'its first occurrence is its start');
      assert.ok(recurrenceWork.steps - before <= MAX_EXPANSION_STEPS + 10, `${recurrenceWork.steps - before} steps`);
    },
  );
});

describe('round three: every answer has a byte budget', () => {
  test(
    `10 hosts with 254-character addresses: one availability answer stays under ${MAX_ANSWER_BYTES} bytes`,
    TIMEOUT,
    async () => {
      const hosts = Array.from({ length: 10 }, (_, n) => longEmail(n));
      const id = await createConfiguration(server, {
        participants: hosts.map((email, n) => ({
          email,
          is_organizer: n === 0,
          availability: { open_hours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '0:00', end: '24:00', timezone: 'UTC' }] },
        })),
        availability: { duration_minutes: 5, interval_minutes: 5, round_to: 5 },
        scheduler: { min_booking_notice: 0, available_days_in_future: 60 },
      });
      const answer = await server.call('/v3/scheduling/availability', {
        token: null,
        query: { configuration_id: id, start_time: T0 / 1000, end_time: T0 / 1000 + 60 * 86400 },
      });
      const bytes = Buffer.byteLength(JSON.stringify(answer.body));
      const timeSlots = assertOk(answer).time_slots;
      assert.ok(bytes <= MAX_ANSWER_BYTES, `${bytes} bytes`);
      // The earliest slots, contiguous: a client asks again from after the last one.
      assert.ok(timeSlots.length > 100);
      assert.equal(timeSlots[0].start_time, T0 / 1000);
      assert.equal(timeSlots.at(-1).start_time, T0 / 1000 + (timeSlots.length - 1) * 300);
      assert.equal(timeSlots[0].emails.length, 10);
    },
  );

  test(
    'group configurations: slot cap and byte budget (3 minutely series; one with 50 long-addressed hosts)',
    TIMEOUT,
    async () => {
      const id = await groupConfigurationOn(server, { min_booking_notice: 0, available_days_in_future: 60 });
      const start = at(1, 0);
      for (let n = 0; n < 3; n++) {
        assertOk(
          await postGroupEvent(server, id, {
            when: { start_time: start + n * 20, end_time: start + n * 20 + 60 },
            recurrence: ['RRULE:FREQ=MINUTELY'],
          }),
        );
      }
      const many = assertOk(await availabilityAnswer(server, id, start - 60, start + 60 * 86400));
      assert.ok(many.time_slots.length <= MAX_SLOTS, `${many.time_slots.length} slots`);
      assert.ok(Buffer.byteLength(JSON.stringify(many)) <= MAX_ANSWER_BYTES);

      const wide = await groupConfigurationOn(server, { min_booking_notice: 0, available_days_in_future: 60 });
      const hosts = Array.from({ length: 50 }, (_, n) => ({ email: longEmail(n), is_organizer: n === 0 }));
      assertOk(
        await postGroupEvent(server, wide, {
          when: { start_time: start, end_time: start + 60 },
          participants: hosts,
          recurrence: ['RRULE:FREQ=MINUTELY;INTERVAL=5'],
        }),
      );
      const answer = await availabilityAnswer(server, wide, start - 60, start + 60 * 86400);
      const bytes = Buffer.byteLength(JSON.stringify(answer.body));
      const timeSlots = assertOk(answer).time_slots;
      assert.ok(bytes <= MAX_ANSWER_BYTES, `${bytes} bytes`);
      assert.ok(timeSlots.length > 10);
      assert.equal(timeSlots[0].start_time, start);
    },
  );
});

describe('round three: only hosts are made busy by a booking', () => {
  test(
    "naming a private configuration's host as guest or additional guest takes none of that host's time",
    TIMEOUT,
    async () => {
      const host = 'paula@example.com';
      const privateId = await createConfiguration(
        server,
        {
          participants: [
            {
              email: host,
              is_organizer: true,
              availability: { open_hours: [{ days: [1, 2, 3, 4, 5], start: '9:00', end: '17:00', timezone: 'UTC' }] },
            },
          ],
          requires_session_auth: false,
        },
        host,
      );
      const open = await slots(server, privateId, at(3, 0), at(4, 0));
      const publicId = await createConfiguration(server);
      assertOk(await book(server, publicId, at(3, 13), { guest: { name: 'Paula', email: host } }));
      assertOk(await book(server, publicId, at(3, 14), { additional_guests: [{ name: 'Paula', email: host }] }));
      assert.deepEqual(await slots(server, privateId, at(3, 0), at(4, 0)), open);
      // The organizer is still made busy.
      const organizerSlots = (await slots(server, publicId, at(3, 0), at(4, 0))).map((slot) => slot.start_time);
      assert.ok(!organizerSlots.includes(at(3, 13)) && !organizerSlots.includes(at(3, 14)));
    },
  );
});

describe('round three: confirmation cannot be bypassed by rescheduling', () => {
  test(
    'rescheduling a confirmed booking of an organizer-confirmation configuration makes it pending again',
    TIMEOUT,
    async () => {
      const id = await createConfiguration(server, {
        event_booking: { title: 'Approval', booking_type: 'organizer-confirmation' },
      });
      const booking = assertOk(await book(server, id, at(2, 10)));
      const organizerSalt = decodeBookingRef(
        assertOk(await server.call(`/v3/scheduling/bookings/${booking.booking_id}`)).organizer_booking_ref,
      )!.salt;
      const confirm = () =>
        server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
          method: 'PUT',
          query: { configuration_id: id },
          body: { salt: organizerSalt, status: 'confirmed' },
        });
      assert.equal(assertOk(await confirm()).status, 'booked');
      assertOk(
        await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
          method: 'PATCH',
          token: null,
          query: { configuration_id: id },
          body: { start_time: at(2, 14), end_time: at(2, 14, 30) },
        }),
      );
      const moved = assertOk(await server.call(`/v3/scheduling/bookings/${booking.booking_id}`));
      assert.equal(moved.status, 'pending');
      const event = assertOk(
        await server.call(`/v3/grants/${ORGANIZER}/events/${booking.event_id}`, { query: { calendar_id: 'primary' } }),
      );
      assert.equal(event.status, 'tentative');
      // The organizer decides again.
      assert.equal(assertOk(await confirm()).status, 'booked');
    },
  );
});

describe('round three: two rules', () => {
  test('reschedule, cancel and confirm spend the write budget, not the read budget', TIMEOUT, async () => {
    const limited = await startTestServer({ rateLimit: { availabilityPerMinute: 50, bookingsPerMinute: 1 } });
    try {
      const id = await createConfiguration(limited);
      const booking = assertOk(
        await limited.call('/v3/scheduling/bookings', {
          method: 'POST',
          query: { configuration_id: id },
          body: { start_time: at(1, 10), end_time: at(1, 10, 30), guest },
        }),
      );
      const path = `/v3/scheduling/bookings/${booking.booking_id}`;
      const change = (method: string, body: unknown) =>
        limited.call(path, { method, body, token: null, query: { configuration_id: id } });
      assertOk(await change('PATCH', { start_time: at(1, 11), end_time: at(1, 11, 30) }));
      assertError(await change('DELETE', {}), 429, 'rate_limit_error');
      assertError(await change('PUT', { salt: 'AAAA', status: 'confirmed' }), 429, 'rate_limit_error');
      assertError(await change('PATCH', { start_time: at(1, 12), end_time: at(1, 12, 30) }), 429, 'rate_limit_error');
      // Reads have their own, larger budget.
      assertOk(await limited.call(path, { token: null, query: { configuration_id: id } }));
    } finally {
      await limited.stop();
    }
  });

  test(
    'a group session that starts inside available_days_in_future but ends after it: not offered, not bookable',
    TIMEOUT,
    async () => {
      const id = await groupConfigurationOn(server, { min_booking_notice: 0, available_days_in_future: 2 });
      const edge = T0 / 1000 + 2 * 86400;
      const event = assertOk(
        await postGroupEvent(server, id, { when: { start_time: edge - 1800, end_time: edge + 1800 } }),
      ).event;
      const inside = assertOk(
        await postGroupEvent(server, id, { when: { start_time: edge - 7200, end_time: edge - 3600 } }),
      ).event;
      const offered = assertOk(await availabilityAnswer(server, id, T0 / 1000, T0 / 1000 + 5 * 86400)).time_slots;
      assert.deepEqual(
        offered.map((slot: { event_id: string }) => slot.event_id),
        [inside.id],
      );
      const answer = await seat(server, id, { event_id: event.id, start_time: edge - 1800, end_time: edge + 1800 });
      assert.match(assertError(answer, 400, 'invalid_request_error'), /days ahead/);
    },
  );
});

describe('round three: the rate limiter and the API key', () => {
  const limitedApp = (maxClients: number) => {
    const app = new Hono<AppEnv>();
    app.use(
      rateLimit({
        perMinute: 1,
        now: () => T0,
        clientOf: (c) => c.req.header('x-client') ?? '',
        exempt: () => false,
        maxClients,
      }),
    );
    app.get('/', (c) => c.text('ok'));
    app.onError((error) => new Response(null, { status: (error as { status?: number }).status ?? 500 }));
    return app;
  };

  test('the limiter keeps at most maxClients addresses a minute; later ones share one budget', TIMEOUT, async () => {
    const app = limitedApp(3);
    const from = async (client: string) => (await app.request('/', { headers: { 'x-client': client } })).status;
    for (const client of ['a', 'b', 'c', 'd']) assert.equal(await from(client), 200, client);
    assert.equal(await from('e'), 429, 'a fifth address shares the overflow budget with the fourth');
    assert.equal(await from('a'), 429);
  });

  test('the limiter keys on at most 64 characters of an address', TIMEOUT, async () => {
    const app = limitedApp(100);
    const from = async (client: string) => (await app.request('/', { headers: { 'x-client': client } })).status;
    assert.equal(await from(`${'x'.repeat(5000)}1`), 200);
    assert.equal(await from(`${'x'.repeat(5000)}2`), 429);
  });

  test(
    '--trust-proxy: an X-Forwarded-For hop that is not an IP address counts as the proxy itself',
    TIMEOUT,
    async () => {
      const limited = await startTestServer({
        rateLimit: { availabilityPerMinute: 1, bookingsPerMinute: 1 },
        trustProxy: true,
      });
      try {
        const id = await createConfiguration(limited);
        const path = `/v3/scheduling/ui-settings?configuration_id=${id}`;
        assert.equal(await forwardedFromProxy(limited.port, path, 'x'.repeat(3000)), 200);
        assert.equal(await forwardedFromProxy(limited.port, path, 'y'.repeat(3000)), 429);
        assert.equal(await forwardedFromProxy(limited.port, path, '203.0.113.9'), 200);
      } finally {
        await limited.stop();
      }
    },
  );

  test('failed API keys are throttled per address; absurdly long keys are refused', TIMEOUT, async () => {
    const limited = await startTestServer({ rateLimit: { availabilityPerMinute: 600, bookingsPerMinute: 60 } });
    try {
      const list = configurationsOf(ORGANIZER);
      assertError(await limited.call(list, { token: 'k'.repeat(10_000) }), 401, 'unauthorized');
      let refused = 0;
      for (let i = 0; i < 40; i++) {
        const answer = await limited.call(list, { token: `guess-${i}` });
        if (answer.status === 429) {
          assertError(answer, 429, 'rate_limit_error');
          refused++;
        } else assertError(answer, 401, 'unauthorized');
      }
      assert.ok(refused >= 40 - FAILED_KEYS_PER_MINUTE, `${refused} of 40 guesses refused`);
      assertError(await limited.call(list), 429, 'rate_limit_error');
      limited.clock.ms += 60_000;
      assertOk(await limited.call(list));
    } finally {
      await limited.stop();
    }
  });
});

describe('round three: reserved field keys', () => {
  test(
    'fields named toString and constructor are stored, required and answered like any other; __proto__ is refused when written',
    TIMEOUT,
    async () => {
      const reserved = JSON.parse('{"__proto__":{"label":"C","type":"text","required":true}}');
      const refused = await server.call(configurationsOf(ORGANIZER), {
        method: 'POST',
        body: JSON.stringify(configurationBody()).replace(
          /}$/,
          `,"scheduler":{"additional_fields":${JSON.stringify(reserved)}}}`,
        ),
      });
      assert.match(assertError(refused, 400, 'invalid_request_error'), /__proto__/);
      const fields = {
        toString: { label: 'A', type: 'text' as const, required: true, pattern: '[a-z]+' },
        constructor: { label: 'B', type: 'text' as const, required: false },
      };
      const id = await createConfiguration(server, {
        scheduler: { min_booking_notice: 60, available_days_in_future: 30, additional_fields: fields },
      });
      const ui = assertOk(
        await server.call('/v3/scheduling/ui-settings', { token: null, query: { configuration_id: id } }),
      );
      assert.deepEqual(Object.keys(ui.scheduler.additional_fields).sort(), ['constructor', 'toString']);
      const values = (text: string) =>
        server.call('/v3/scheduling/bookings', {
          method: 'POST',
          token: null,
          query: { configuration_id: id },
          body: `{"start_time":${at(4, 10)},"end_time":${at(4, 10, 30)},"guest":{"name":"G","email":"g@example.org"},"additional_fields":${text}}`,
        });
      assert.match(
        assertError(await values('{"constructor":"y"}'), 400, 'invalid_request_error'),
        /toString: Required/,
      );
      assert.match(
        assertError(await values('{"toString":"1"}'), 400, 'invalid_request_error'),
        /toString: Does not match/,
      );
      assert.match(
        assertError(await values('{"toString":"x","hasOwnProperty":"z"}'), 400, 'invalid_request_error'),
        /hasOwnProperty: Unknown field/,
      );
      const booking = assertOk(await values('{"toString":"x","constructor":"y","__proto__":"z"}'));
      const read = assertOk(
        await server.call('/v3/scheduling/ui-settings', {
          token: null,
          query: { configuration_id: id, booking_id: booking.booking_id },
        }),
      );
      assert.deepEqual(Object.entries(read.booking.additional_fields).sort(), [
        ['constructor', 'y'],
        ['toString', 'x'],
      ]);
    },
  );
});

describe('round three: expansion without a Temporal call per occurrence', () => {
  test(
    'hourly and 7-minutely series across two years of transitions give the instants Temporal gives each wall time',
    TIMEOUT,
    () => {
      for (const zone of [
        'Europe/Berlin',
        'America/New_York',
        'Australia/Lord_Howe',
        'America/Santiago',
        'Asia/Kathmandu',
        'UTC',
      ]) {
        for (const [rule, days] of [
          ['RRULE:FREQ=HOURLY;INTERVAL=1', 800],
          ['RRULE:FREQ=MINUTELY;INTERVAL=7', 120],
        ] as const) {
          const first = Temporal.PlainDateTime.from('2030-01-07T02:30:00').toZonedDateTime(zone, {
            disambiguation: 'compatible',
          });
          const start = first.epochMilliseconds / 1000;
          const found = occurrencesBetween(
            { start, end: start + 600, timezone: zone, recurrence: [rule] },
            start,
            start + days * 86400,
          ).map((slot) => slot.start);
          const step = rule.includes('HOURLY') ? { hours: 1 } : { minutes: 7 };
          const expected: number[] = [];
          for (let wall = first.toPlainDateTime(); expected.length < found.length; wall = wall.add(step)) {
            expected.push(wall.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds / 1000);
          }
          assert.ok(found.length > 1000, `${zone} ${rule}: ${found.length}`);
          assert.deepEqual(found, expected, `${zone} ${rule}`);
        }
      }
    },
  );
});
