/**
 * The local API over loopback under concurrent clients (autocannon in this process, the API in
 * a child process started with `--rate-limit off`, a fresh seeded database):
 * - GET availability of the public demo configuration, a 7-day and a 30-day window;
 * - POST bookings on a configuration open 24/7 (5-minute slots, a year ahead), each request
 *   for a distinct free slot, so a 409 means the API refused a slot that was free.
 */
import autocannon, { type Options, type RequestData, type Result } from 'autocannon';
import { PUBLIC_CONFIGURATION_ID } from '../server/seed.js';
import { callApi } from '../test/support/api-process.mjs';

export const CONNECTIONS = 10;
export const DURATION_S = 5;
const WARMUP_S = 1;

export interface LoadResult {
  name: string;
  connections: number;
  durationS: number;
  requests: number;
  /** Completed requests per second over the run. */
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Status code → count. */
  statuses: Record<string, number>;
  non2xx: number;
  /** Bookings only: slot taken / not offered. */
  conflicts409?: number;
  errors: number;
  timeouts: number;
}

export interface ApiResults {
  availability7d: LoadResult;
  availability30d: LoadResult;
  bookings: LoadResult;
}

export interface ApiTarget {
  url: string;
  apiKey: string;
}

function summarizeLoad(name: string, r: Result, durationS: number): LoadResult {
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]));
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    name,
    connections: CONNECTIONS,
    durationS: r.duration ?? durationS,
    requests,
    rps: requests / (r.duration || durationS),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: r.latency.mean },
    statuses,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

const run = (options: Options): Promise<Result> => Promise.resolve(autocannon(options));

async function availabilityLoad(api: ApiTarget, days: number): Promise<LoadResult> {
  const start = Math.floor(Date.now() / 1000 / 60) * 60;
  const path =
    `/v3/scheduling/availability?configuration_id=${PUBLIC_CONFIGURATION_ID}` +
    `&start_time=${start}&end_time=${start + days * 86400}`;
  const check = await fetch(new URL(path, api.url));
  const body = (await check.json()) as { data?: { time_slots?: unknown[] } };
  if (!check.ok) throw new Error(`availability ${days}d answered ${check.status}: ${JSON.stringify(body)}`);
  const options: Options = {
    url: new URL(path, api.url).href,
    connections: CONNECTIONS,
    headers: { accept: 'application/json' },
  };
  await run({ ...options, duration: WARMUP_S });
  const result = await run({ ...options, duration: DURATION_S });
  return {
    ...summarizeLoad(
      `availability ${days}-day window (${body.data?.time_slots?.length ?? '?'} slots)`,
      result,
      DURATION_S,
    ),
  };
}

const BENCH_HOST = 'bench-host@bench.test';

/** A public configuration open 24/7 (UTC), 5-minute slots, bookable a year ahead, no notice. */
async function createOpenConfiguration(api: ApiTarget): Promise<string> {
  const response = await callApi(api, {
    method: 'POST',
    path: `/v3/grants/${encodeURIComponent(BENCH_HOST)}/scheduling/configurations`,
    body: {
      name: 'Bench: always open',
      requires_session_auth: false,
      participants: [
        {
          email: BENCH_HOST,
          name: 'Bench Host',
          is_organizer: true,
          timezone: 'UTC',
          availability: { open_hours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '0:00', end: '24:00', timezone: 'UTC' }] },
        },
      ],
      availability: { duration_minutes: 5, interval_minutes: 5, round_to: 5 },
      event_booking: { title: 'Bench booking', booking_type: 'booking' },
      scheduler: { available_days_in_future: 366, min_booking_notice: 0, min_cancellation_notice: 0 },
    },
  });
  if (response.status !== 200)
    throw new Error(`creating the bench configuration: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { data: { id: string } }).data.id;
}

async function bookingLoad(api: ApiTarget): Promise<LoadResult> {
  const configurationId = await createOpenConfiguration(api);
  const path = `/v3/scheduling/bookings?configuration_id=${configurationId}`;
  // Slots from 10 minutes ahead, 5 minutes apart, ~340 days: more than any run can book.
  const first = Math.ceil((Date.now() / 1000 + 600) / 300) * 300;
  const SLOTS = 98_000;
  let next = 0;
  let exhausted = false;
  const requests = [
    {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      setupRequest: (request: RequestData): RequestData => {
        if (next >= SLOTS) exhausted = true;
        const i = next++ % SLOTS;
        const start = first + i * 300;
        return {
          ...request,
          body: JSON.stringify({
            start_time: start,
            end_time: start + 300,
            guest: { name: 'Bench Guest', email: `guest${i}@bench.test` },
            timezone: 'UTC',
          }),
        };
      },
    },
  ];
  // Warm-up books slots too (they come from the same sequence, so measured ones stay distinct).
  await run({ url: api.url, connections: CONNECTIONS, duration: WARMUP_S, requests });
  const result = await run({ url: api.url, connections: CONNECTIONS, duration: DURATION_S, requests });
  if (exhausted) throw new Error('bench ran out of distinct slots');
  const load = summarizeLoad('booking creation (distinct free slots)', result, DURATION_S);
  load.conflicts409 = load.statuses['409'] ?? 0;
  return load;
}

export async function runApiBench(api: ApiTarget, log: (line: string) => void = () => {}): Promise<ApiResults> {
  const availability7d = await availabilityLoad(api, 7);
  log(
    `  api ${availability7d.name}: ${availability7d.rps.toFixed(0)} req/s, p50 ${availability7d.latencyMs.p50} ms, p99 ${availability7d.latencyMs.p99} ms`,
  );
  const availability30d = await availabilityLoad(api, 30);
  log(
    `  api ${availability30d.name}: ${availability30d.rps.toFixed(0)} req/s, p50 ${availability30d.latencyMs.p50} ms, p99 ${availability30d.latencyMs.p99} ms`,
  );
  const bookings = await bookingLoad(api);
  log(
    `  api ${bookings.name}: ${bookings.rps.toFixed(0)} req/s, p50 ${bookings.latencyMs.p50} ms, p99 ${bookings.latencyMs.p99} ms, statuses ${JSON.stringify(bookings.statuses)}`,
  );
  return { availability7d, availability30d, bookings };
}
