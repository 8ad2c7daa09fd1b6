/**
 * Availability over HTTP for big calendars: 10 people (zones and working-hours busy events as in
 * the engine benchmark) holding 1k, 10k and 100k busy events in all, stored in the API's SQLite
 * database, 60 days of 30-minute slots, round-robin and collective. The API runs in this process
 * (pinned clock, fresh database) so one request can be split into its parts: database reads
 * (the engine's input), the engine, the JSON answer, and the rest (HTTP, routing, auth, the
 * client) as the difference to the request's time. Each is timed twice: with the busy time the
 * previous request read kept (nothing written since), and right after a write (an event that makes
 * every person busy, as a collective booking's does).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AvailabilityMethod, ConfigurationInput } from '../src/contract/admin.js';
import { clearWindowCache, computeAvailability } from '../server/availability/engine.js';
import { engineInput, type AvailabilityQuery } from '../server/scheduling/availability.js';
import { startServer, type RunningServer } from '../server/start.js';
import { makeInput } from './engine.js';
import { runGroupAvailabilityBench, type GroupAvailabilityResult } from './group-availability.js';
import { fmt, summarize, type Summary } from './stats.js';

export const PEOPLE = 10;
export const HTTP_EVENTS = [1_000, 10_000, 100_000] as const;
const METHODS: AvailabilityMethod[] = ['max-availability', 'collective'];
const DAYS = 60;
const DAY = 86400;
const CALLS = 25;
const WARMUP = 5;
/** The goal for 10 people × 10k events. */
export const HTTP_GOAL_MS = 10;

export interface HttpAvailabilityCell {
  method: AvailabilityMethod;
  events: number;
  slots: number;
  bytes: number;
  /** One GET over loopback (the client in this process), busy time kept from the previous call. */
  http: Summary;
  /** The same, right after a write (a new event making every person busy). */
  afterWrite: Summary;
  /**
   * The parts of one request, each timed in-process (medians): database reads (the engine's input;
   * kept / after a write), the engine, the JSON answer, and the rest (HTTP, routing, auth, client).
   */
  profile: { dbMs: number; dbAfterWriteMs: number; engineMs: number; jsonMs: number; restMs: number };
}

export interface HttpAvailabilityResults {
  people: number;
  days: number;
  cells: HttpAvailabilityCell[];
  /** time(10× events) / time(events), worst over methods and both steps (busy time kept). */
  worstGrowth: number;
  /** 50 weekly group series over 60 days (see bench/group-availability.ts). */
  group: GroupAvailabilityResult;
}

/** Times `run` CALLS times after WARMUP calls (`before` each, untimed); milliseconds. */
async function timeRuns(run: () => unknown, before?: () => void): Promise<Summary> {
  for (let i = 0; i < WARMUP; i++) {
    before?.();
    await run();
  }
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    before?.();
    const began = performance.now();
    await run();
    samples.push(performance.now() - began);
  }
  return summarize(samples);
}

/** A server holding `events` busy events for PEOPLE people, and one configuration per method. */
async function serverWith(
  events: number,
): Promise<{ server: RunningServer; dir: string; now: number; configurations: Map<AvailabilityMethod, string> }> {
  const input = makeInput(PEOPLE, events);
  const dir = mkdtempSync(join(tmpdir(), 'http-availability-'));
  const server = await startServer({
    port: 0,
    apiKey: 'bench-key',
    rateLimit: false,
    now: () => input.now * 1000,
    dbPath: join(dir, 'api.sqlite'),
  });
  const { store } = server;
  store.write(() => {
    let n = 0;
    for (const person of input.participants) {
      const grant = store.grants.ensure(person.email, 0);
      const calendar = store.grants.primaryCalendar(grant.id);
      for (const busy of person.busy) {
        const base = { grantId: grant.id, calendarId: calendar.id, title: 'Busy', description: null, location: null };
        store.events.insert(
          {
            ...base,
            id: `e${n++}`,
            start: busy.start,
            end: busy.end,
            busy: true,
            status: 'confirmed',
            participants: [],
            bookingId: null,
          },
          0,
        );
      }
    }
  });
  const configurations = new Map<AvailabilityMethod, string>();
  for (const method of METHODS) {
    const body = {
      name: `Bench ${method}`,
      requires_session_auth: false,
      participants: input.participants.map((person, i) => ({
        email: person.email,
        name: `Person ${i}`,
        is_organizer: i === 0,
        timezone: person.timezone,
        availability: { calendar_ids: ['primary'] },
      })),
      availability: {
        duration_minutes: 30,
        interval_minutes: 30,
        round_to: 30,
        availability_rules: { availability_method: method },
      },
      event_booking: { title: 'Bench', booking_type: 'booking' },
      scheduler: { available_days_in_future: DAYS, min_booking_notice: 0 },
    };
    const answer = await fetch(
      `${server.url}/v3/grants/${encodeURIComponent(input.participants[0]!.email)}/scheduling/configurations`,
      {
        method: 'POST',
        headers: { Authorization: 'Bearer bench-key', 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    const json = (await answer.json()) as { data: { id: string } };
    if (!answer.ok) throw new Error(`configuration: ${answer.status} ${JSON.stringify(json)}`);
    configurations.set(method, json.data.id);
  }
  return { server, dir, now: input.now, configurations };
}

async function measureCell(
  server: RunningServer,
  now: number,
  configurationId: string,
  method: AvailabilityMethod,
  events: number,
): Promise<HttpAvailabilityCell> {
  const url = `${server.url}/v3/scheduling/availability?configuration_id=${configurationId}&start_time=${now}&end_time=${now + DAYS * DAY}`;
  let bytes = 0;
  let slots = 0;
  // A write as a booking's: one event on the first person's calendar that makes every person busy
  // (a collective booking's hosts), each at another half hour of the window; the busy time kept
  // from the previous request is patched with it.
  const { store } = server;
  const emails = (store.configurations.get(configurationId)!.body as ConfigurationInput).participants.map(
    (p) => p.email,
  );
  const organizer = store.grants.findByEmail(emails[0]!)!;
  const calendarId = store.grants.primaryCalendar(organizer.id).id;
  let writes = 0;
  const write = () => {
    const start = now + ((writes * 7919) % (DAYS * 48)) * 1800;
    store.events.insert(
      {
        id: `write-${method}-${writes++}`,
        grantId: organizer.id,
        calendarId,
        title: 'Booked',
        description: null,
        location: null,
        start,
        end: start + 1800,
        busy: true,
        status: 'confirmed',
        participants: emails.map((email) => ({ email, status: 'yes' as const })),
        bookingId: null,
      },
      0,
    );
  };
  const get = async () => {
    // A connection idle while this process was busy may have been closed by the server: ask again.
    const answer = await fetch(url).catch(() => fetch(url));
    const text = await answer.text();
    if (!answer.ok) throw new Error(`availability: ${answer.status} ${text}`);
    bytes = Buffer.byteLength(text);
    slots = (JSON.parse(text) as { data: { time_slots: unknown[] } }).data.time_slots.length;
  };
  const http = await timeRuns(get);
  const afterWrite = await timeRuns(get, write);
  const record = server.store.configurations.get(configurationId)!;
  const query: AvailabilityQuery = {
    configurationId,
    config: record.body as ConfigurationInput,
    nowMs: now * 1000,
    window: { start: now, end: now + DAYS * DAY },
  };
  const input = engineInput(server.store, query);
  const result = computeAvailability(input);
  const db = await timeRuns(() => engineInput(server.store, query));
  const dbAfterWrite = await timeRuns(() => engineInput(server.store, query), write);
  const engine = await timeRuns(() => computeAvailability(input));
  const json = await timeRuns(() => JSON.stringify({ request_id: 'x', data: result }));
  const dbMs = db.median;
  const engineMs = engine.median;
  const jsonMs = json.median;
  const profile = {
    dbMs,
    dbAfterWriteMs: dbAfterWrite.median,
    engineMs,
    jsonMs,
    restMs: Math.max(0, http.median - dbMs - engineMs - jsonMs),
  };
  return { method, events, slots, bytes, http, afterWrite, profile };
}

export async function runHttpAvailabilityBench(
  log: (line: string) => void = () => {},
): Promise<HttpAvailabilityResults> {
  const cells: HttpAvailabilityCell[] = [];
  for (const events of HTTP_EVENTS) {
    const { server, dir, now, configurations } = await serverWith(events);
    try {
      clearWindowCache();
      for (const method of METHODS) {
        const cell = await measureCell(server, now, configurations.get(method)!, method, events);
        cells.push(cell);
        const p = cell.profile;
        log(
          `  http availability ${method} ${PEOPLE}×${events / 1000}k: ${fmt(cell.http.median)} ms, after a write ${fmt(cell.afterWrite.median)} ms ` +
            `(${cell.slots} slots, ${cell.bytes} B; db ${fmt(p.dbMs)} / after a write ${fmt(p.dbAfterWriteMs)}, engine ${fmt(p.engineMs)}, JSON ${fmt(p.jsonMs)}, rest ${fmt(p.restMs)})`,
        );
      }
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const at = (method: AvailabilityMethod, events: number) =>
    cells.find((c) => c.method === method && c.events === events)!.http.median;
  const worstGrowth = Math.max(
    ...METHODS.flatMap((m) => [at(m, 10_000) / at(m, 1_000), at(m, 100_000) / at(m, 10_000)]),
  );
  const group = await runGroupAvailabilityBench();
  log(
    `  http group availability, ${group.series} weekly series over ${group.days} days: ${fmt(group.http.median)} ms (${group.slots} slots)`,
  );
  return { people: PEOPLE, days: DAYS, cells, worstGrowth, group };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runHttpAvailabilityBench(console.log);
}
