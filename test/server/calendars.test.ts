/**
 * Connected calendars end to end: a real CalDAV server (Debian's radicale, started here), ICS
 * feeds from a node HTTP server, and the real local API over HTTP. Expected slots are worked out
 * here from busy intervals written by hand (UTC), not by the engine.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import Nylas from 'nylas';
import { startFaultProxy } from '../support/fault-proxy.mjs';
import {
  assertError,
  assertOk,
  at,
  book,
  configurationBody,
  createConfiguration,
  ORGANIZER,
  slots,
  startTestServer,
  T0_SECONDS,
  type TestServer,
} from './helpers.js';
import {
  BERLIN,
  calendar,
  event,
  NEW_YORK,
  radicaleInstalled,
  startRadicale,
  type Radicale,
} from '../support/radicale.mjs';

const skip = radicaleInstalled() ? false : 'radicale is not installed (apt-get install -y radicale)';

/**
 * The test server's clock is Monday 2030-01-07 08:00 UTC. A weekly Monday meeting at 11:00
 * Berlin (10:00 UTC in winter): the 14 January one moved to Tuesday 15th 15:00 Berlin, the 21
 * January one cancelled; Wednesday 9 January all day; Thursday 10th 08:00–12:00 New York marked
 * free; Friday 11th 09:00–10:00 New York busy.
 */
const WEEKLY = calendar(
  ...BERLIN,
  ...event(
    'weekly@test',
    'SUMMARY:Weekly',
    'DTSTART;TZID=Europe/Berlin:20300107T110000',
    'DTEND;TZID=Europe/Berlin:20300107T120000',
    'RRULE:FREQ=WEEKLY;COUNT=4',
    'EXDATE;TZID=Europe/Berlin:20300121T110000',
  ),
  ...event(
    'weekly@test',
    'RECURRENCE-ID;TZID=Europe/Berlin:20300114T110000',
    'SUMMARY:Weekly (moved)',
    'DTSTART;TZID=Europe/Berlin:20300115T150000',
    'DTEND;TZID=Europe/Berlin:20300115T160000',
  ),
);
const ALL_DAY = calendar(
  ...event('all-day@test', 'SUMMARY:Offsite', 'DTSTART;VALUE=DATE:20300109', 'DTEND;VALUE=DATE:20300110'),
);
const FREE_ELSEWHERE = calendar(
  ...NEW_YORK,
  ...event(
    'free@test',
    'SUMMARY:Focus (free)',
    'TRANSP:TRANSPARENT',
    'DTSTART;TZID=America/New_York:20300110T080000',
    'DTEND;TZID=America/New_York:20300110T120000',
  ),
);
const BUSY_ELSEWHERE = calendar(
  ...NEW_YORK,
  ...event(
    'busy-ny@test',
    'SUMMARY:Call with New York',
    'DTSTART;TZID=America/New_York:20300111T090000',
    'DTEND;TZID=America/New_York:20300111T100000',
  ),
);

/** The busy time above in UTC, by hand. */
const EXPECTED_BUSY = [
  [at(0, 10), at(0, 11)], // Mon 7th 11:00 Berlin
  [at(2, 0), at(3, 0)], // Wed 9th, all day (the calendar names no zone: the organizer's, UTC)
  [at(4, 14), at(4, 15)], // Fri 11th 09:00 New York
  [at(8, 14), at(8, 15)], // Tue 15th 15:00 Berlin (moved from Mon 14th)
] as const;

const WINDOW_END = at(19, 0); // Saturday 26 January: the cancelled 21st is inside

/** Starts of the 30-minute slots Mon–Fri 09:00–17:00 UTC from an hour after now, minus busy time. */
function expectedStarts(
  busy: readonly (readonly [number, number])[],
  from = T0_SECONDS + 3600,
  to = WINDOW_END,
): number[] {
  const starts: number[] = [];
  for (let day = 0; at(day, 0) < to; day++) {
    const weekday = new Date(at(day, 0) * 1000).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let start = at(day, 9); start + 1800 <= at(day, 17); start += 1800) {
      if (start < from || start + 1800 > to) continue;
      if (busy.some(([s, e]) => start < e && start + 1800 > s)) continue;
      starts.push(start);
    }
  }
  return starts;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const connect = (server: TestServer, body: unknown) => server.call('/v3/connect/custom', { method: 'POST', body });

describe('CalDAV calendars (radicale)', { skip }, () => {
  let radicale: Radicale;
  let server: TestServer;
  let work: string;

  before(async () => {
    radicale = await startRadicale();
    work = await radicale.makeCalendar('work', 'Work');
    server = await startTestServer({
      calendarSync: { intervalMs: 3_600_000, timeoutMs: 3000, bookingWaitMs: 3000 },
      notify: { retryBaseMs: 1000 },
    });
  });
  after(async () => {
    await server.stop();
    await radicale.stop();
  });

  test('a connected calendar shapes availability; a booking appears in it, moves and goes', async () => {
    const answer = await connect(server, {
      provider: 'caldav',
      settings: { url: radicale.url, username: radicale.username, password: radicale.password, email: ORGANIZER },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const grant = answer.body.data;
    assert.equal(grant.provider, 'caldav');
    assert.equal(grant.email, ORGANIZER);
    assert.equal(grant.grant_status, 'valid');
    assert.deepEqual(grant.settings, { url: radicale.url, username: radicale.username, email: ORGANIZER });
    assert.ok(!JSON.stringify(answer.body).includes(radicale.password));

    const calendars = assertOk(await server.call(`/v3/grants/${grant.id}/calendars`));
    const remote = calendars.find((entry: { name: string }) => entry.name === 'Work');
    assert.deepEqual(
      { ...remote, id: undefined },
      {
        id: undefined,
        grant_id: grant.id,
        name: 'Work',
        object: 'calendar',
        is_primary: true,
        read_only: false,
        is_owned_by_user: true,
      },
    );

    // Events written by another calendar program, then the background sync's next round.
    await radicale.put(work, 'weekly.ics', WEEKLY);
    await radicale.put(work, 'all-day.ics', ALL_DAY);
    await radicale.put(work, 'free.ics', FREE_ELSEWHERE);
    await radicale.put(work, 'busy-ny.ics', BUSY_ELSEWHERE);
    await server.calendars.sync(grant.id);

    const configurationId = await createConfiguration(server);
    const offered = await slots(server, configurationId, T0_SECONDS, WINDOW_END);
    assert.deepEqual(
      offered.map((slot) => slot.start_time),
      expectedStarts(EXPECTED_BUSY),
    );
    // The calendar names no zone: its all-day Wednesday is a day where the organizer is (Tokyo: 15:00 UTC to 15:00).
    const tokyo = await createConfiguration(server, {
      participants: [{ ...configurationBody().participants[0]!, timezone: 'Asia/Tokyo' }],
    });
    const inTokyo = EXPECTED_BUSY.map(([start, end]) =>
      start === at(2, 0) ? ([at(1, 15), at(2, 15)] as const) : ([start, end] as const),
    );
    assert.deepEqual(
      (await slots(server, tokyo, T0_SECONDS, WINDOW_END)).map((slot) => slot.start_time),
      expectedStarts(inTokyo),
    );
    const fresh = await server.call('/v3/scheduling/availability', {
      token: null,
      query: { configuration_id: configurationId, start_time: T0_SECONDS, end_time: WINDOW_END },
    });
    assert.equal(fresh.headers.get('x-calendar-age'), '0');

    // Booked: the event is written to the organizer's calendar with the invitation's UID.
    const booked = assertOk(await book(server, configurationId, at(1, 9)));
    const written = await waitFor('the booking in radicale', async () => {
      const objects = await radicale.objects(work);
      return [...objects.values()].find((text) => text.includes('SUMMARY:Test call'));
    });
    assert.match(written, /DTSTART:20300108T090000Z/);
    assert.match(written, /ATTENDEE;CN=Gus Guest;[^\r\n]*:mailto:gus@example\.org/);
    assert.match(written, /DESCRIPTION:About testing/);
    assert.match(written, /LOCATION:Online/);
    assert.match(written, /UID:[0-9a-f]{32}@scheduler-widget/);

    // Synced back from the calendar, the booking's own event does not block its reschedule.
    await server.calendars.sync(grant.id);
    const rescheduled = await server.call(`/v3/scheduling/bookings/${booked.booking_id}`, {
      method: 'PATCH',
      token: null,
      query: { configuration_id: configurationId },
      body: { start_time: at(1, 9, 30), end_time: at(1, 10) },
    });
    assertOk(rescheduled);
    await waitFor('the moved booking in radicale', async () => {
      const objects = await radicale.objects(work);
      return [...objects.values()].find(
        (text) => text.includes('DTSTART:20300108T093000Z') && text.includes('SEQUENCE:1'),
      );
    });

    assertOk(
      await server.call(`/v3/scheduling/bookings/${booked.booking_id}`, {
        method: 'DELETE',
        token: null,
        query: { configuration_id: configurationId },
        body: {},
      }),
    );
    await waitFor('the booking gone from radicale', async () => {
      const objects = await radicale.objects(work);
      return [...objects.values()].some((text) => text.includes('SUMMARY:Test call')) ? undefined : true;
    });
  });

  test('a booking re-checks the calendar: an event added elsewhere a moment ago is not double booked', async () => {
    const configurationId = await createConfiguration(server);
    const start = at(3, 9);
    assert.ok((await slots(server, configurationId, T0_SECONDS, WINDOW_END)).some((slot) => slot.start_time === start));
    await radicale.put(
      work,
      'just-added.ics',
      calendar(...event('just-added@test', 'DTSTART:20300110T090000Z', 'DTEND:20300110T093000Z')),
    );
    assertError(await book(server, configurationId, start), 409, 'timeslot_not_available');
  });

  test('the same email re-authenticates the same grant; a wrong password is refused, never echoed', async () => {
    const first = await connect(server, {
      provider: 'caldav',
      settings: { url: radicale.url, username: radicale.username, password: radicale.password, email: ORGANIZER },
      state: 'again',
    });
    assert.equal(first.status, 201);
    const calendars = assertOk(await server.call(`/v3/grants/${first.body.data.id}/calendars`));
    assert.equal(calendars.filter((entry: { name: string }) => entry.name === 'Work').length, 1);
    assert.equal(first.body.data.state, 'again');

    const wrong = await connect(server, {
      provider: 'caldav',
      settings: { url: radicale.url, username: radicale.username, password: 'not-the-password-42', email: ORGANIZER },
    });
    const message = assertError(wrong, 400, 'invalid_request_error');
    assert.match(message, /refused the username or password/);
    assert.ok(!JSON.stringify(wrong.body).includes('not-the-password-42'));

    const noEmail = await connect(server, {
      provider: 'caldav',
      settings: { url: radicale.url, username: 'ada', password: 'x' },
    });
    assert.match(assertError(noEmail, 400, 'invalid_request_error'), /settings\.email/);
    assertError(await connect(server, { provider: 'exchange', settings: {} }), 400, 'invalid_request_error');
    assertError(
      await server.call('/v3/connect/custom', { method: 'POST', token: null, body: {} }),
      401,
      'unauthorized',
    );
  });
});

describe('CalDAV faults (fault: a proxy that fails or hangs in front of radicale)', { skip }, () => {
  let radicale: Radicale;
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
  let server: TestServer;
  let work: string;
  const organizer = 'faults@example.com';

  before(async () => {
    radicale = await startRadicale('faults', 'pw-faults-1');
    work = await radicale.makeCalendar('work', 'Work');
    proxy = await startFaultProxy(radicale.url);
    server = await startTestServer({
      calendarSync: { intervalMs: 3_600_000, timeoutMs: 2000, bookingWaitMs: 300 },
      notify: { retryBaseMs: 1000 },
    });
  });
  after(async () => {
    await server.stop();
    await proxy.close();
    await radicale.stop();
  });

  test('a failed write is retried from the outbox; an unreachable server leaves the last good copy, aged', async () => {
    const grant = assertOk({
      ...(await connect(server, {
        provider: 'caldav',
        settings: { url: `${proxy.url}/`, username: 'faults', password: 'pw-faults-1', email: organizer },
      })),
      status: 200,
    });
    await radicale.put(
      work,
      'busy.ics',
      calendar(...event('busy@test', 'DTSTART:20300108T100000Z', 'DTEND:20300108T110000Z')),
    );
    await server.calendars.sync(grant.id);
    const configurationId = await createConfiguration(
      server,
      { participants: [{ ...configurationBody().participants[0]!, email: organizer }] },
      organizer,
    );
    const expected = expectedStarts([[at(1, 10), at(1, 11)]]);
    assert.deepEqual(
      (await slots(server, configurationId, T0_SECONDS, WINDOW_END)).map((slot) => slot.start_time),
      expected,
    );

    // The server hangs: a sync gives up at its deadline, availability answers from the last copy.
    // (The first write of a booking to it fails with 503.)
    proxy.setRules([
      { method: 'PROPFIND', path: '.', action: 'hang', times: 1000 },
      { method: 'PUT', path: '\\.ics', action: 'status', status: 503, times: 1 },
    ]);
    const outcome = await server.calendars.sync(grant.id);
    assert.ok(outcome.failed.length > 0);
    server.clock.ms += 120_000;
    const started = performance.now();
    const stale = await server.call('/v3/scheduling/availability', {
      token: null,
      query: { configuration_id: configurationId, start_time: T0_SECONDS, end_time: WINDOW_END },
    });
    assert.ok(performance.now() - started < 300, 'availability does not wait for the calendar server');
    const later = expectedStarts([[at(1, 10), at(1, 11)]], T0_SECONDS + 120 + 3600);
    assert.deepEqual(
      assertOk(stale).time_slots.map((slot: { start_time: number }) => slot.start_time),
      later,
    );
    assert.equal(stale.headers.get('x-calendar-age'), '120');

    // A booking waits a bounded time for the hung server, then books against the last copy; its
    // write to the calendar fails once and is retried.
    const bookingStarted = performance.now();
    assertOk(await book(server, configurationId, at(1, 13)));
    assert.ok(performance.now() - bookingStarted < 1500, 'the booking waited a bounded time');
    server.notifier.wake();
    await waitFor('the failed write', async () =>
      proxy.log().some((line) => line.startsWith('PUT')) ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(![...(await radicale.objects(work)).values()].some((text) => text.includes('SUMMARY:Test call')));
    server.clock.ms += 60_000;
    server.notifier.wake();
    await waitFor('the retried write in radicale', async () =>
      [...(await radicale.objects(work)).values()].find((text) => text.includes('DTSTART:20300108T130000Z')),
    );
  });
});

describe('background sync (radicale)', { skip }, () => {
  let radicale: Radicale;
  let server: TestServer;
  let work: string;
  const organizer = 'background@example.com';

  before(async () => {
    radicale = await startRadicale('background', 'pw-background-1');
    work = await radicale.makeCalendar('work', 'Work');
    server = await startTestServer({ calendarSync: { intervalMs: 100, timeoutMs: 3000 } });
  });
  after(async () => {
    await server.stop();
    await radicale.stop();
  });

  test("changes reach availability unasked; a calendar removed from the account keeps the grant's events", async () => {
    const grant = assertOk({
      ...(await connect(server, {
        provider: 'caldav',
        settings: { url: radicale.url, username: 'background', password: 'pw-background-1', email: organizer },
      })),
      status: 200,
    });
    const configurationId = await createConfiguration(
      server,
      { participants: [{ ...configurationBody().participants[0]!, email: organizer }] },
      organizer,
    );
    assertOk(await book(server, configurationId, at(1, 9)));
    await radicale.put(
      work,
      'later.ics',
      calendar(...event('later@test', 'DTSTART:20300110T090000Z', 'DTEND:20300110T100000Z')),
    );
    const expected = expectedStarts([
      [at(1, 9), at(1, 9, 30)],
      [at(3, 9), at(3, 10)],
    ]);
    await waitFor('the new event in availability', async () => {
      const offered = (await slots(server, configurationId, T0_SECONDS, WINDOW_END)).map((slot) => slot.start_time);
      return JSON.stringify(offered) === JSON.stringify(expected) ? true : undefined;
    });

    const response = await fetch(work, {
      method: 'DELETE',
      headers: { Authorization: `Basic ${Buffer.from('background:pw-background-1').toString('base64')}` },
    });
    assert.equal(response.ok, true);
    const local = await waitFor('the local calendar primary again', async () => {
      const calendars = assertOk(await server.call(`/v3/grants/${grant.id}/calendars`));
      return calendars.length === 1 && calendars[0].is_primary ? calendars[0] : undefined;
    });
    const events = assertOk(await server.call(`/v3/grants/${grant.id}/events`, { query: { calendar_id: local.id } }));
    assert.deepEqual(
      events.map((entry: { title: string }) => entry.title),
      ['Test call'],
    );
    assert.deepEqual(
      (await slots(server, configurationId, T0_SECONDS, WINDOW_END)).map((slot) => slot.start_time),
      expectedStarts([[at(1, 9), at(1, 9, 30)]]),
    );
  });
});

describe('ICS feeds', () => {
  let feedServer: Server;
  let feedUrl: string;
  let server: TestServer;
  let feed = calendar(
    'X-WR-CALNAME:Ada public',
    'X-WR-TIMEZONE:Europe/Berlin',
    ...event('feed-1@test', 'DTSTART;VALUE=DATE:20300108', 'DTEND;VALUE=DATE:20300109'),
  );
  const conditional: string[] = [];

  before(async () => {
    feedServer = createServer((request, response) => {
      if (request.url === '/huge.ics') {
        // Past the size a feed is read to: 21 chunks of 1 MiB.
        response.writeHead(200, { 'Content-Type': 'text/calendar' });
        for (let chunk = 0; chunk < 21; chunk++) response.write(Buffer.alloc(2 ** 20, 'X'));
        return response.end();
      }
      const etag = `"${Buffer.from(feed).length}"`;
      if (request.headers['if-none-match']) conditional.push(String(request.headers['if-none-match']));
      if (request.headers['if-none-match'] === etag) return response.writeHead(304).end();
      response.writeHead(200, { 'Content-Type': 'text/calendar', ETag: etag }).end(feed);
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/ada.ics`;
    server = await startTestServer({ calendarSync: { intervalMs: 3_600_000, timeoutMs: 2000 } });
  });
  after(async () => {
    await server.stop();
    await new Promise((resolve) => feedServer.close(resolve));
  });

  test('a feed is a read-only calendar whose events make the owner busy, fetched again only when changed', async () => {
    const answer = await connect(server, { provider: 'ics', settings: { email: ORGANIZER, feeds: [feedUrl] } });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const grant = answer.body.data;
    const calendars = assertOk(await server.call(`/v3/grants/${grant.id}/calendars`));
    const remote = calendars.find((entry: { name: string }) => entry.name === 'Ada public');
    assert.equal(remote.read_only, true);
    assert.equal(remote.is_owned_by_user, false);
    assert.equal(remote.is_primary, false);
    assert.equal(remote.timezone, 'Europe/Berlin');

    // calendar_ids names the feed; the all-day Tuesday is a Berlin day: 23:00 UTC Monday to 23:00 Tuesday.
    const organizer = configurationBody().participants[0]!;
    const participant = { ...organizer, availability: { ...organizer.availability, calendar_ids: [remote.id] } };
    const configurationId = await createConfiguration(server, { participants: [participant] });
    const busy = [[at(0, 23), at(1, 23)]] as const;
    assert.deepEqual(
      (await slots(server, configurationId, T0_SECONDS, WINDOW_END)).map((slot) => slot.start_time),
      expectedStarts(busy),
    );

    await server.calendars.sync(grant.id);
    assert.equal(conditional.length, 1, 'the second read asked with If-None-Match and got 304');
    feed = calendar(...event('feed-2@test', 'DTSTART:20300110T090000Z', 'DTEND:20300110T100000Z'));
    await server.calendars.sync(grant.id);
    assert.deepEqual(
      (await slots(server, configurationId, T0_SECONDS, WINDOW_END)).map((slot) => slot.start_time),
      expectedStarts([[at(3, 9), at(3, 10)]]),
    );

    // Three weeks away, begun long before the window: still busy until it ends (Friday 11th).
    feed = calendar(...event('holiday@test', 'DTSTART;VALUE=DATE:20291220', 'DTEND;VALUE=DATE:20300111'));
    await server.calendars.sync(grant.id);
    assert.deepEqual(
      (await slots(server, configurationId, T0_SECONDS, WINDOW_END)).map((slot) => slot.start_time),
      expectedStarts([[at(-18, 0), at(4, 0)]]),
    );
  });

  test("the Nylas Node SDK connects a feed with customAuthentication and lists the grant's calendars", async () => {
    const nylas = new Nylas({ apiKey: server.apiKey, apiUri: server.url });
    // The SDK's types name Nylas's providers only; `ics` is this API's extension.
    const requestBody = { provider: 'ics', settings: { email: 'sdk-feed@example.com', feeds: [feedUrl] } };
    const grant = await nylas.auth.customAuthentication({ requestBody: requestBody as never });
    assert.equal(grant.data.email, 'sdk-feed@example.com');
    assert.equal(grant.data.grantStatus, 'valid');
    const calendars = await nylas.calendars.list({ identifier: grant.data.id });
    const feedCalendar = calendars.data.find((entry) => entry.readOnly);
    assert.equal(feedCalendar?.isOwnedByUser, false);
    assert.equal(feedCalendar?.grantId, grant.data.id);
  });

  test('a feed that cannot be read, or is too large, is refused when connected', async () => {
    const message = assertError(
      await connect(server, {
        provider: 'ics',
        settings: {
          email: 'x@example.com',
          feeds: [feedUrl.replace('/ada.ics', '/missing.ics').replace(/:\d+\//, ':1/')],
        },
      }),
      400,
      'invalid_request_error',
    );
    assert.match(message, /settings\.feeds\[0\]/);
    const huge = await connect(server, {
      provider: 'ics',
      settings: { email: 'x@example.com', feeds: [feedUrl, feedUrl.replace('/ada.ics', '/huge.ics')] },
    });
    assert.match(assertError(huge, 400, 'invalid_request_error'), /settings\.feeds\[1\]: .* larger than 20 MiB/);
  });
});
