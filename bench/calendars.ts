/**
 * Connected calendars: what they cost. A stage of `npm run bench` (`--only calendars`); alone,
 * `npx tsx bench/calendars.ts` prints the same lines. Medians (ms):
 * - availability over HTTP (30 days of 30-minute slots) for an organizer without a connected
 *   calendar, and with an ICS feed of 1k and 10k events synced into the store;
 * - sync time: an ICS feed of 1k and 10k events (first read), a Radicale calendar of 1k events
 *   (first read, a round where nothing changed, a round where one event changed);
 * - what an unreachable server costs: availability (it never waits for one) and a booking (it
 *   waits at most `bookingWaitMs` for a fresh copy) with the server refusing connections or hanging.
 * The API runs in this process on a temp database with the real clock; Radicale needs Debian's
 * `radicale` (skipped without it).
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type RunningServer } from '../server/start.js';
import { configurationBody } from '../test/server/helpers.js';
import { radicaleInstalled, startRadicale } from '../test/support/radicale.mjs';
import { refusedPortUrl, startFaultProxy } from '../test/support/fault-proxy.mjs';
import { fmt, median, summarize, type Summary } from './stats.js';

const DAY = 86400;
const CALLS = 100;
const WARMUP = 5;
const BOOKING_WAIT_MS = 2000;
/** Availability for an organizer with a synced calendar of 10k events, median over HTTP. */
export const CALENDAR_AVAILABILITY_GOAL_MS = 10;
/** 10× the synced events may cost at most this many times the time. */
export const CALENDAR_GROWTH_GOAL = 12;

export interface CalendarsResults {
  /** Availability over HTTP, 30 days of 30-minute slots, interleaved calls. */
  availability: { none: Summary; events1k: Summary; events10k: Summary };
  /** events10k / events1k medians. */
  growth: number;
  /** Connecting an ICS feed (its first read into the store), ms. */
  icsSyncMs: { events1k: number; events10k: number };
  /** A CalDAV server (Radicale) of 1k events and what it costs when it stops answering; absent without radicale. */
  caldav?: {
    firstSyncMs: number;
    unchangedRoundMs: number;
    oneChangedRoundMs: number;
    availabilityMs: number;
    bookingMs: { noCalendar: number; reachable: number; refused: number; hanging: number };
    availabilityWhileDownMs: { refused: number; hanging: number };
    bookingWaitMs: number;
  };
  caldavSkipped?: string;
}

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const stamp = (seconds: number) =>
  new Date(seconds * 1000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** `count` one-hour events in working hours over the next year; one in ten a weekly series of 10. */
function events(count: number, nowS: number): string[] {
  const next = random(count);
  const today = Math.floor(nowS / DAY) * DAY;
  return Array.from({ length: count }, (_, index) => {
    const start = today + Math.floor(next() * 365) * DAY + (8 + Math.floor(next() * 9)) * 3600;
    const rule = index % 10 === 0 ? ['RRULE:FREQ=WEEKLY;COUNT=10'] : [];
    return [
      'BEGIN:VEVENT',
      `UID:bench-${index}@bench`,
      'DTSTAMP:20300101T000000Z',
      `DTSTART:${stamp(start)}`,
      `DTEND:${stamp(start + 3600)}`,
      ...rule,
      'SUMMARY:Busy',
      'END:VEVENT',
    ].join('\r\n');
  });
}

const calendarText = (vevents: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN', ...vevents, 'END:VCALENDAR', ''].join('\r\n');

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function samples(run: () => Promise<unknown>, calls = CALLS, warmup = WARMUP): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const out: number[] = [];
  for (let i = 0; i < calls; i++) out.push(await timed(run));
  return out;
}

export async function runCalendarsBench(log: (line: string) => void): Promise<CalendarsResults> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-calendars-'));
  const server: RunningServer = await startServer({
    port: 0,
    dbPath: join(dir, 'api.sqlite'),
    apiKey: 'bench-key',
    rateLimit: false,
    calendarSync: { intervalMs: 3_600_000, timeoutMs: 10_000, bookingWaitMs: BOOKING_WAIT_MS },
  });
  const call = async (path: string, init: { method?: string; body?: unknown; auth?: boolean } = {}) => {
    const response = await fetch(new URL(path, server.url), {
      method: init.method ?? 'GET',
      headers: {
        ...(init.auth !== false && { Authorization: 'Bearer bench-key' }),
        'Content-Type': 'application/json',
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    const body = (await response.json()) as { data?: { id?: string } };
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const nowS = Math.floor(Date.now() / 1000);
  const configurationFor = async (email: string) => {
    const body = configurationBody();
    const organizer = {
      ...body.participants[0]!,
      email,
      availability: { open_hours: body.participants[0]!.availability!.open_hours! },
    };
    return (
      await call(`/v3/grants/${email}/scheduling/configurations`, {
        method: 'POST',
        body: { ...body, participants: [organizer] },
      })
    ).data!.id!;
  };
  const availability = (configurationId: string) => () =>
    call(
      `/v3/scheduling/availability?configuration_id=${configurationId}&start_time=${nowS}&end_time=${nowS + 30 * DAY}`,
      { auth: false },
    );

  const book = (configurationId: string, start: number) =>
    call(`/v3/scheduling/bookings?configuration_id=${configurationId}`, {
      method: 'POST',
      auth: false,
      body: { start_time: start, end_time: start + 1800, guest: { name: 'Bench', email: 'guest@bench.example' } },
    });
  /** The median time of booking the first `n` free slots, one after the other. */
  const bookings = async (configurationId: string, n: number) => {
    const answer = (await availability(configurationId)()) as unknown as {
      data: { time_slots: { start_time: number }[] };
    };
    const out: number[] = [];
    for (const slot of answer.data.time_slots.slice(0, n))
      out.push(await timed(() => book(configurationId, slot.start_time)));
    return median(out);
  };

  const feeds = new Map<string, string>();
  const feedServer = createServer((request, response) => {
    const text = feeds.get(request.url ?? '');
    if (!text) return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'text/calendar' }).end(text);
  });
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  const feedBase = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
  const print = log;
  const icsSyncMs: Record<number, number> = {};
  try {
    const baseline = await configurationFor('baseline@bench.example');
    const cases: [string, string][] = [['no connected calendar', baseline]];
    for (const count of [1_000, 10_000]) {
      const email = `feed-${count}@bench.example`;
      feeds.set(`/${count}.ics`, calendarText(events(count, nowS)));
      const connectMs = await timed(() =>
        call('/v3/connect/custom', {
          method: 'POST',
          body: { provider: 'ics', settings: { email, feeds: [`${feedBase}/${count}.ics`] } },
        }),
      );
      icsSyncMs[count] = connectMs;
      print(`sync of an ICS feed of ${count} events (connect with its first read): ${fmt(connectMs, 0)} ms`);
      cases.push([`ICS feed of ${count} events synced`, await configurationFor(email)]);
    }
    // Interleaved rounds, so the three see the same machine (JIT, load) and differ only in data.
    const times = cases.map(() => [] as number[]);
    for (let round = 0; round < WARMUP + CALLS; round++) {
      for (const [index, [, configurationId]] of cases.entries()) {
        const ms = await timed(availability(configurationId));
        if (round >= WARMUP) times[index]!.push(ms);
      }
    }
    print(`availability, 30 days of 30-minute slots, median of ${CALLS} interleaved calls:`);
    for (const [index, [name]] of cases.entries()) print(`  ${name}: ${fmt(median(times[index]!))} ms`);
    const [none, events1k, events10k] = times.map((samples) => summarize(samples)) as [Summary, Summary, Summary];
    const results: CalendarsResults = {
      availability: { none, events1k, events10k },
      growth: events10k.median / events1k.median,
      icsSyncMs: { events1k: icsSyncMs[1_000]!, events10k: icsSyncMs[10_000]! },
    };

    if (!radicaleInstalled()) {
      results.caldavSkipped = 'Debian radicale is not installed';
      print('radicale is not installed: CalDAV sync and fault numbers skipped');
      return results;
    }
    const radicale = await startRadicale('bench', 'bench-pw');
    try {
      const work = await radicale.makeCalendar('work', 'Work');
      const vevents = events(1000, nowS);
      for (let i = 0; i < vevents.length; i += 16) {
        await Promise.all(
          vevents.slice(i, i + 16).map((text, j) => radicale.put(work, `e${i + j}.ics`, calendarText([text]))),
        );
      }
      const email = 'caldav@bench.example';
      let grantId = '';
      const firstMs = await timed(async () => {
        grantId = (
          await call('/v3/connect/custom', {
            method: 'POST',
            body: {
              provider: 'caldav',
              settings: { url: radicale.url, username: 'bench', password: 'bench-pw', email },
            },
          })
        ).data!.id!;
      });
      print(
        'sync of a Radicale calendar with 1000 events: first (connect: discovery, sync-collection, multiget): ' +
          `${fmt(firstMs, 0)} ms`,
      );
      const unchanged = await samples(() => server.calendars.sync(grantId), 10, 1);
      print(`  a round where nothing changed (ctag): ${fmt(median(unchanged))} ms`);
      let version = 0;
      const oneChanged = await samples(
        async () => {
          await radicale.put(
            work,
            'e1.ics',
            calendarText([vevents[1]!.replace('SUMMARY:Busy', `SUMMARY:Busy ${++version}`)]),
          );
          await server.calendars.sync(grantId);
        },
        10,
        1,
      );
      print(
        `  a round where one event changed (sync token, one multiget; includes the PUT): ${fmt(median(oneChanged))} ms`,
      );

      const configurationId = await configurationFor(email);
      const reachable = median(await samples(availability(configurationId)));
      print(`availability with the Radicale calendar (1000 events): ${fmt(reachable)} ms`);
      print(`booking (re-checks the organizer's calendar first), median of 5:`);
      const noCalendar = await bookings(baseline, 5);
      print(`  no connected calendar: ${fmt(noCalendar)} ms`);
      const bookingReachable = await bookings(configurationId, 5);
      print(`  server reachable: ${fmt(bookingReachable)} ms`);

      // Unreachable: point the grant at a port nobody listens on, then at a proxy that hangs.
      const db = server.store.db;
      const point = (url: string) =>
        db
          .prepare("UPDATE grant_connections SET settings = json_set(settings, '$.url', ?) WHERE grant_id = ?")
          .run(url, grantId);
      point(`${await refusedPortUrl()}/`);
      const refused = await bookings(configurationId, 5);
      print(`  server refusing connections: ${fmt(refused)} ms`);
      const availabilityRefused = median(await samples(availability(configurationId)));
      print(`  availability then (last good copy): ${fmt(availabilityRefused)} ms`);
      const proxy = await startFaultProxy(radicale.url);
      proxy.setRules([{ path: '.', action: 'hang', times: 100_000 }]);
      point(`${proxy.url}/`);
      const hanging = await bookings(configurationId, 5);
      print(`  server hanging: ${fmt(hanging)} ms (bounded by bookingWaitMs = ${BOOKING_WAIT_MS})`);
      const availabilityHanging = median(await samples(availability(configurationId)));
      print(`  availability then (last good copy): ${fmt(availabilityHanging)} ms`);
      await proxy.close();
      results.caldav = {
        firstSyncMs: firstMs,
        unchangedRoundMs: median(unchanged),
        oneChangedRoundMs: median(oneChanged),
        availabilityMs: reachable,
        bookingMs: { noCalendar, reachable: bookingReachable, refused, hanging },
        availabilityWhileDownMs: { refused: availabilityRefused, hanging: availabilityHanging },
        bookingWaitMs: BOOKING_WAIT_MS,
      };
      return results;
    } finally {
      await radicale.stop();
    }
  } finally {
    await server.close().catch(() => undefined);
    await new Promise((resolve) => feedServer.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await runCalendarsBench(console.log);
