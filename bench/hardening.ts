/**
 * Requests that could stall the API, measured from outside: the local API in a child process (fresh
 * database, `--rate-limit off`, the tests' pinned clock), this process the attacker and a
 * bystander. Each attack runs HARDENING_ROUNDS times (default 7); for each: its median wall time,
 * the server's CPU time a round (stat in /proc), the bytes answered, the bystander's ui-settings latencies while it runs (one request after
 * another, 5 ms apart; the worst of each round, median and range over the rounds) beside its
 * latency alone, and the server's peak memory. On a shared machine the ratio is the fairer figure.
 *
 *   npx tsx bench/hardening.ts
 *   HARDENING_PROFILE_DIR=/tmp/prof npx tsx bench/hardening.ts     (the server writes a CPU profile there)
 *
 * 1. far-future occurrence ids: 10 concurrent anonymous group bookings naming `<series>_<stamp>`
 *    of ten different centuries (so no expansion is reused);
 * 2. an impossible rule: `RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31` written, then one anonymous
 *    availability GET (given up after 10 s: a server that never answers is reported as such);
 * 3. byte budget: 3 concurrent anonymous availability GETs of 50 hosts with 254-character
 *    addresses, open 24/7, 5-minute slots, 62 days; and one of a group configuration of 3
 *    minutely series, cold (new series each round) and with their expansions cached; the same with
 *    `BYSECOND=0` (a rule ical.js walks).
 *
 * It needs only the HTTP API, so the same file measures an older commit (copy it there).
 */
import { readFileSync } from 'node:fs';
import { startApiProcess } from '../test/support/api-process.mjs';
import { fmt, summarize } from './stats.js';

const T0 = Date.UTC(2030, 0, 7, 8);
const T0_SECONDS = T0 / 1000;
const GIVE_UP_MS = 10_000;
const profileDir = process.env.HARDENING_PROFILE_DIR;
const api = await startApiProcess({
  seed: '',
  extraArgs: ['--rate-limit', 'off'],
  ...(profileDir && { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir] }),
  clock: { pinnedMs: T0, originMs: Date.now() },
});
const grant = 'olga@example.com';
const configurations = `/v3/grants/${grant}/scheduling/configurations`;

interface Answer {
  status: number;
  bytes: number;
  ms: number;
  body: any;
}

async function call(
  path: string,
  { method = 'GET', body, key = false }: { method?: string; body?: unknown; key?: boolean } = {},
): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(new URL(path, api.url), {
      method,
      headers: {
        ...(key && { Authorization: `Bearer ${api.apiKey}` }),
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
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

/**
 * The server's CPU time so far (Linux, user + system), ms: the work an attack costs, which other
 * processes on a shared machine do not inflate as they do wall times (10 ms resolution).
 */
const cpuMs = () => {
  try {
    const fields = readFileSync(`/proc/${api.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
};

const longEmail = (n: number) =>
  `${`h${n}`.padEnd(64, 'x')}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(254 - 64 - 1 - 63 - 1 - 63 - 1 - 4)}.com`;
const openAllWeek = { open_hours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '0:00', end: '24:00', timezone: 'UTC' }] };

// The bystander: an ordinary public configuration.
const bystander = (
  await admin(configurations, {
    participants: [{ email: grant, is_organizer: true, availability: openAllWeek }],
    availability: { duration_minutes: 30 },
    event_booking: { title: 'Bystander' },
  })
).body.data.id as string;
const uiSettings = () => call(`/v3/scheduling/ui-settings?configuration_id=${bystander}`);
await uiSettings();

/** Rounds of each attack: the bystander's figures are medians over them. */
const ROUNDS = Number(process.env.HARDENING_ROUNDS) || 7;

/**
 * Runs `attack` ROUNDS times (`attack(round)` may set up its own data first, untimed, through
 * `prepare`) while the bystander asks for ui-settings again and again, and prints what each saw:
 * the bystander's worst latency per round (median over rounds), beside its latency alone.
 */
async function during(
  name: string,
  attack: (round: number) => Promise<Answer[]>,
  prepare?: (round: number) => Promise<void>,
) {
  const alone: number[] = [];
  const worst: number[] = [];
  const walls: number[] = [];
  let cpu = 0;
  let answers: Answer[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await prepare?.(round);
    for (let i = 0; i < 3; i++) alone.push((await uiSettings()).ms);
    let done = false;
    const probes: number[] = [];
    const probing = (async () => {
      // The attack's requests are sent first; the bystander's arrives while they are being answered.
      await new Promise((resolve) => setTimeout(resolve, 2));
      do {
        const probe = await uiSettings();
        probes.push(probe.status === 200 ? probe.ms : Infinity);
        await new Promise((resolve) => setTimeout(resolve, 5));
      } while (!done);
    })();
    const started = performance.now();
    const cpuBefore = cpuMs();
    answers = await attack(round);
    walls.push(performance.now() - started);
    cpu += cpuMs() - cpuBefore;
    done = true;
    await probing;
    worst.push(Math.max(...probes));
  }
  const statuses = answers.map((answer) => answer.status || 'no answer').join(',');
  const aloneMs = summarize(alone).median;
  const worstMs = summarize(worst);
  console.log(
    `${name}: ${fmt(summarize(walls).median)} ms (server CPU ${fmt(cpu / ROUNDS)} ms a round), ` +
      `${answers.reduce((sum, { bytes }) => sum + bytes, 0)} B answered ` +
      `(statuses ${statuses}); concurrent ui-settings, worst per round: median ${fmt(worstMs.median)} ms ` +
      `(${fmt(worstMs.min)}–${fmt(worstMs.max)}, ${ROUNDS} rounds), alone ${fmt(aloneMs)} ms, ` +
      `ratio ${fmt(worstMs.median / aloneMs)}; server peak RSS ${peakMb()} MB`,
  );
}

// ---------------------------------------------------------------- 1. far-future occurrence ids
const group = (
  await admin(configurations, {
    name: 'Class',
    type: 'group',
    group_booking: { calendar_id: 'primary' },
    scheduler: { min_booking_notice: 0 },
  })
).body.data.id as string;
const start = T0_SECONDS + 86400 + 7200;
const series = (
  await admin(`${configurations}/${group}/group-events`, {
    title: 'Daily',
    calendar_id: 'primary',
    when: { start_time: start, end_time: start + 3600 },
    recurrence: ['RRULE:FREQ=DAILY'],
  })
).body.data.event.id as string;
await during('1. far-future ids (10 bookings)', () =>
  Promise.all(
    Array.from({ length: 10 }, (_, n) => {
      const year = 2100 + n * 40;
      const far = Date.UTC(year, 0, 8, 10) / 1000;
      return call(`/v3/scheduling/bookings?configuration_id=${group}`, {
        method: 'POST',
        body: {
          event_id: `${series}_${year}0108T100000Z`,
          master_id: series,
          start_time: far,
          end_time: far + 3600,
          guest: { name: 'A', email: `a${n}@example.org` },
        },
      });
    }),
  ),
);

// ---------------------------------------------------------------- 3. byte budget
const wide = (
  await admin(configurations, {
    participants: Array.from({ length: 50 }, (_, n) => ({
      email: longEmail(n),
      is_organizer: n === 0,
      availability: openAllWeek,
    })),
    availability: { duration_minutes: 5, interval_minutes: 5, round_to: 5 },
    event_booking: { title: 'Wide' },
    scheduler: { min_booking_notice: 0, available_days_in_future: 62 },
  })
).body.data.id as string;
const window = `start_time=${T0_SECONDS}&end_time=${T0_SECONDS + 62 * 86400}`;
await during('3a. 50 long-addressed hosts (3 availability GETs)', () =>
  Promise.all(Array.from({ length: 3 }, () => call(`/v3/scheduling/availability?configuration_id=${wide}&${window}`))),
);
/** A group configuration of 3 minutely series; `shift` seconds make its expansions new to the server. */
async function minutelyClasses(shift: number, rule = 'RRULE:FREQ=MINUTELY'): Promise<string> {
  const id = (
    await admin(configurations, {
      name: 'Minutely',
      type: 'group',
      group_booking: { calendar_id: 'primary' },
      scheduler: { min_booking_notice: 0, available_days_in_future: 62 },
    })
  ).body.data.id as string;
  for (let n = 0; n < 3; n++) {
    const first = start + shift + n * 20;
    await admin(`${configurations}/${id}/group-events`, {
      title: 'Minutely',
      calendar_id: 'primary',
      when: { start_time: first, end_time: first + 60 },
      recurrence: [rule],
    });
  }
  return id;
}
const groupAvailability = (id: string) => call(`/v3/scheduling/availability?configuration_id=${id}&${window}`);
let minutely = '';
await during(
  '3b. 3 minutely group series (1 availability GET, cold)',
  async () => [await groupAvailability(minutely)],
  async (round) => {
    minutely = await minutelyClasses(round + 1);
  },
);
await during('3b. the same again (expansions cached)', async () => [await groupAvailability(minutely)]);
// A BY part that changes nothing makes ical.js walk the rule from its first start.
await during(
  '3c. 3 minutely series with BYSECOND=0 (1 availability GET, cold)',
  async () => [await groupAvailability(minutely)],
  async (round) => {
    minutely = await minutelyClasses(100 + round, 'RRULE:FREQ=MINUTELY;BYSECOND=0');
  },
);

// ---------------------------------------------------------------- 2. an impossible rule (last: it may wedge the server)
const impossible = (
  await admin(configurations, {
    name: 'Never',
    type: 'group',
    group_booking: { calendar_id: 'primary' },
    scheduler: { min_booking_notice: 0 },
  })
).body.data.id as string;
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

// SIGTERM lets the server exit by itself (and write its profile).
const exited = new Promise((resolve) => api.child.once('exit', resolve));
api.stop();
await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
api.child.kill('SIGKILL');
process.exit(0);
