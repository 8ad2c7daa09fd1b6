/**
 * Requests that could stall the API, measured from outside: the local API in a child process (fresh
 * database, `--rate-limit off`, the tests' pinned clock), this process the attacker and a
 * bystander. For each attack: its wall time, the bytes answered, the bystander's ui-settings
 * latencies while it runs (one request after another, every 20 ms), and the server's peak memory.
 *
 *   npx tsx bench/hardening.ts
 *
 * 1. far-future occurrence ids: 10 concurrent anonymous group bookings naming `<series>_<stamp>`
 *    of ten different centuries (so no expansion is reused);
 * 2. an impossible rule: `RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31` written, then one anonymous
 *    availability GET (given up after 10 s: a server that never answers is reported as such);
 * 3. byte budget: 3 concurrent anonymous availability GETs of 50 hosts with 254-character
 *    addresses, open 24/7, 5-minute slots, 62 days; and one of a group configuration of 3
 *    minutely series.
 *
 * It needs only the HTTP API, so the same file measures an older commit (copy it there).
 */
import { readFileSync } from 'node:fs';
import { startApiProcess } from '../test/support/api-process.mjs';

const T0 = Date.UTC(2030, 0, 7, 8);
const T0_SECONDS = T0 / 1000;
const GIVE_UP_MS = 10_000;
const api = await startApiProcess({ seed: '', extraArgs: ['--rate-limit', 'off'], clock: { pinnedMs: T0, originMs: Date.now() } });
const grant = 'olga@example.com';
const configurations = `/v3/grants/${grant}/scheduling/configurations`;

interface Answer {
  status: number;
  bytes: number;
  ms: number;
  body: any;
}

async function call(path: string, { method = 'GET', body, key = false }: { method?: string; body?: unknown; key?: boolean } = {}): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(new URL(path, api.url), {
      method,
      headers: { ...(key && { Authorization: `Bearer ${api.apiKey}` }), ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(GIVE_UP_MS),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, bytes: Buffer.byteLength(text), ms: performance.now() - started, body: parsed };
  } catch {
    return { status: 0, bytes: 0, ms: performance.now() - started, body: undefined };
  }
}

const admin = (path: string, body: unknown, method = 'POST') => call(path, { method, body, key: true });

/** The server's peak resident memory so far (Linux), MB. */
const peakMb = () => {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${api.child.pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
};

const longEmail = (n: number) =>
  `${`h${n}`.padEnd(64, 'x')}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(254 - 64 - 1 - 63 - 1 - 63 - 1 - 4)}.com`;
const openAllWeek = { open_hours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '0:00', end: '24:00', timezone: 'UTC' }] };

// The bystander: an ordinary public configuration.
const bystander = (await admin(configurations, {
  participants: [{ email: grant, is_organizer: true, availability: openAllWeek }],
  availability: { duration_minutes: 30 },
  event_booking: { title: 'Bystander' },
})).body.data.id as string;
const uiSettings = () => call(`/v3/scheduling/ui-settings?configuration_id=${bystander}`);
await uiSettings();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Runs `attack` while the bystander asks for ui-settings again and again; what each saw. */
async function during(name: string, attack: () => Promise<Answer[]>) {
  const idle = [];
  for (let i = 0; i < 5; i++) idle.push((await uiSettings()).ms);
  let done = false;
  const probes: number[] = [];
  const probing = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    while (!done) {
      const probe = await uiSettings();
      probes.push(probe.status === 200 ? probe.ms : Infinity);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  const answers = await attack();
  const ms = performance.now() - started;
  done = true;
  await probing;
  const statuses = answers.map((answer) => answer.status || 'no answer').join(',');
  console.log(
    `${name}: ${ms.toFixed(0)} ms, ${answers.reduce((sum, answer) => sum + answer.bytes, 0)} B answered (statuses ${statuses}); ` +
      `concurrent ui-settings: max ${Math.max(...probes).toFixed(1)} ms, median ${median(probes).toFixed(1)} ms over ${probes.length} ` +
      `(idle median ${median(idle).toFixed(1)} ms); server peak RSS ${peakMb()} MB`,
  );
}

// ---------------------------------------------------------------- 1. far-future occurrence ids
const group = (await admin(configurations, { name: 'Class', type: 'group', group_booking: { calendar_id: 'primary' }, scheduler: { min_booking_notice: 0 } })).body.data
  .id as string;
const start = T0_SECONDS + 86400 + 7200;
const series = (await admin(`${configurations}/${group}/group-events`, {
  title: 'Daily',
  calendar_id: 'primary',
  when: { start_time: start, end_time: start + 3600 },
  recurrence: ['RRULE:FREQ=DAILY'],
})).body.data.event.id as string;
await during('1. far-future ids (10 bookings)', () =>
  Promise.all(
    Array.from({ length: 10 }, (_, n) => {
      const year = 2100 + n * 40;
      const far = Date.UTC(year, 0, 8, 10) / 1000;
      return call(`/v3/scheduling/bookings?configuration_id=${group}`, {
        method: 'POST',
        body: { event_id: `${series}_${year}0108T100000Z`, master_id: series, start_time: far, end_time: far + 3600, guest: { name: 'A', email: `a${n}@example.org` } },
      });
    }),
  ),
);

// ---------------------------------------------------------------- 3. byte budget
const wide = (await admin(configurations, {
  participants: Array.from({ length: 50 }, (_, n) => ({ email: longEmail(n), is_organizer: n === 0, availability: openAllWeek })),
  availability: { duration_minutes: 5, interval_minutes: 5, round_to: 5 },
  event_booking: { title: 'Wide' },
  scheduler: { min_booking_notice: 0, available_days_in_future: 62 },
})).body.data.id as string;
const window = `start_time=${T0_SECONDS}&end_time=${T0_SECONDS + 62 * 86400}`;
await during('3a. 50 long-addressed hosts (3 availability GETs)', () =>
  Promise.all(Array.from({ length: 3 }, () => call(`/v3/scheduling/availability?configuration_id=${wide}&${window}`))),
);
const minutely = (await admin(configurations, { name: 'Minutely', type: 'group', group_booking: { calendar_id: 'primary' }, scheduler: { min_booking_notice: 0, available_days_in_future: 62 } }))
  .body.data.id as string;
for (let n = 0; n < 3; n++) {
  await admin(`${configurations}/${minutely}/group-events`, {
    title: 'Minutely',
    calendar_id: 'primary',
    when: { start_time: start + n * 20, end_time: start + n * 20 + 60 },
    recurrence: ['RRULE:FREQ=MINUTELY'],
  });
}
await during('3b. 3 minutely group series (1 availability GET, cold)', async () => [await call(`/v3/scheduling/availability?configuration_id=${minutely}&${window}`)]);
await during('3b. the same again (expansions cached)', async () => [await call(`/v3/scheduling/availability?configuration_id=${minutely}&${window}`)]);

// ---------------------------------------------------------------- 2. an impossible rule (last: it may wedge the server)
const impossible = (await admin(configurations, { name: 'Never', type: 'group', group_booking: { calendar_id: 'primary' }, scheduler: { min_booking_notice: 0 } })).body.data
  .id as string;
const written = await admin(`${configurations}/${impossible}/group-events`, {
  title: 'Never',
  calendar_id: 'primary',
  when: { start_time: start, end_time: start + 3600 },
  recurrence: ['RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31'],
});
console.log(`2. impossible RRULE written: ${written.status} ${written.body?.error?.message ?? ''}`);
await during(`2. availability of it (given up after ${GIVE_UP_MS / 1000} s)`, async () => [
  await call(`/v3/scheduling/availability?configuration_id=${impossible}&${window}`),
]);

api.child.kill('SIGKILL');
api.stop();
process.exit(0);
