/**
 * The time of one availability call, over HTTP, for a group configuration with 50 weekly series
 * over a 60-day window (a seat booked on every series' first occurrence): the median and spread
 * of 21 calls after 3 warm-ups. Part of `npm run bench`; alone: `npx tsx bench/group-availability.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/start.js';
import { summarize, type Summary } from './stats.js';

const SERIES = 50;
const DAYS = 60;
const CALLS = 21;
const DAY = 86400;
/** Monday 2030-01-07 08:00 UTC, pinned. */
const NOW = Date.UTC(2030, 0, 7, 8);

export interface GroupAvailabilityResult {
  series: number;
  days: number;
  slots: number;
  http: Summary;
}

export async function runGroupAvailabilityBench(): Promise<GroupAvailabilityResult> {
  const dir = mkdtempSync(join(tmpdir(), 'group-bench-'));
  const server = await startServer({
    port: 0,
    apiKey: 'bench-key',
    rateLimit: false,
    now: () => NOW,
    dbPath: join(dir, 'api.sqlite'),
  });
  const call = async (
    path: string,
    init: { method?: string; body?: unknown; query?: Record<string, string | number> } = {},
  ) => {
    const url = new URL(path, server.url);
    for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, String(value));
    const answer = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { Authorization: 'Bearer bench-key', 'Content-Type': 'application/json' },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    const body = (await answer.json()) as { data: any };
    if (!answer.ok) throw new Error(`${path}: ${answer.status} ${JSON.stringify(body)}`);
    return body.data;
  };

  try {
    const grant = '/v3/grants/bench@example.com/scheduling/configurations';
    const configuration = await call(grant, {
      method: 'POST',
      body: {
        type: 'group',
        name: 'Bench',
        group_booking: { calendar_id: 'primary' },
        scheduler: { available_days_in_future: DAYS, min_booking_notice: 0 },
      },
    });
    const start = NOW / 1000 + 3600;
    for (let n = 0; n < SERIES; n++) {
      const first = start + (n % 7) * DAY + (n % 10) * 1800;
      const series = await call(`${grant}/${configuration.id}/group-events`, {
        method: 'POST',
        body: {
          title: `Class ${n}`,
          calendar_id: 'primary',
          capacity: 10,
          when: {
            start_time: first,
            end_time: first + 3600,
            start_timezone: 'Europe/Berlin',
            end_timezone: 'Europe/Berlin',
          },
          recurrence: ['RRULE:FREQ=WEEKLY'],
        },
      });
      const occurrence = `${series.event.id}_${new Date(first * 1000)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '')}`;
      await call('/v3/scheduling/bookings', {
        method: 'POST',
        query: { configuration_id: configuration.id },
        body: {
          event_id: occurrence,
          master_id: series.event.id,
          start_time: first,
          end_time: first + 3600,
          guest: { name: 'G', email: `g${n}@example.com` },
        },
      });
    }
    const window = { configuration_id: configuration.id, start_time: NOW / 1000, end_time: NOW / 1000 + DAYS * DAY };
    const times: number[] = [];
    let slots = 0;
    for (let i = 0; i < CALLS + 3; i++) {
      const began = performance.now();
      slots = (await call('/v3/scheduling/availability', { query: window })).time_slots.length;
      if (i >= 3) times.push(performance.now() - began);
    }
    return { series: SERIES, days: DAYS, slots, http: summarize(times) };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { series, days, slots, http } = await runGroupAvailabilityBench();
  console.log(
    `group availability, ${series} weekly series over ${days} days: ${slots} slots; median ${http.median.toFixed(1)} ms ` +
      `(min ${http.min.toFixed(1)}, max ${http.max.toFixed(1)}, ${http.n} calls over HTTP)`,
  );
}
