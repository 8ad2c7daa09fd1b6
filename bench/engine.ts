/**
 * The availability engine alone (server/availability/engine.ts), in this process: 60 days of
 * 30-minute slots, collective, for 1, 10 and 50 participants holding 1k, 10k and 100k busy
 * events in total. Each participant has the default open hours (Mon–Fri 9–17 in their own zone;
 * the zones rotate through ZONES) and busy events of 30–120 minutes inside those working hours,
 * from a seeded PRNG, so every run computes the same inputs. That grid is a stress test: most of
 * its cells are booked solid and offer no slot. The headlines are REALISTIC workloads instead (a
 * few meetings per working day, so hundreds of slots stay free), timed warm (the wall-time memo
 * filled by earlier calls) and cold (memo cleared before each call).
 */
import { Temporal } from 'temporal-polyfill';
import { clearWindowCache, computeAvailability } from '../server/availability/engine.js';
import type { BusyInterval, EngineInput, EngineParticipant } from '../server/availability/types.js';
import { fmt, summarize, type Summary } from './stats.js';
import { mulberry32 } from '../server/seeded-random.js';

export const PARTICIPANTS = [1, 10, 50] as const;
export const EVENTS = [1_000, 10_000, 100_000] as const;
/** Zones whose 9–17 overlap (14:00–16:00 UTC in winter), so a collective still has open time. */
export const ZONES = ['Europe/London', 'America/New_York', 'Europe/Berlin', 'Europe/Lisbon'] as const;
const DAYS = 60;
const DAY = 86400;
/** Monday 2026-03-02 00:00 UTC: the window crosses the US (Mar 8) and EU (Mar 29) DST changes. */
const NOW = Date.UTC(2026, 2, 2) / 1000;

export interface EngineCell {
  participants: number;
  events: number;
  /** Per call, milliseconds. */
  time: Summary;
  slots: number;
}

export interface RealisticCell {
  name: string;
  participants: number;
  method: EngineInput['method'];
  meetingsPerWorkday: number;
  events: number;
  slots: number;
  warm: Summary;
  cold: Summary;
}

/** The headline workloads: the shapes a booking page meets, each offering hundreds of slots. */
export const REALISTIC = [
  { name: 'one organizer', participants: 1, method: 'collective', meetingsPerWorkday: 4 },
  { name: 'three people', participants: 3, method: 'collective', meetingsPerWorkday: 2 },
  { name: 'ten hosts', participants: 10, method: 'max-availability', meetingsPerWorkday: 4 },
  { name: 'fifty hosts', participants: 50, method: 'max-fairness', meetingsPerWorkday: 4 },
] as const;

export interface EngineResults {
  window: { start: string; days: number; durationMinutes: number; zones: readonly string[] };
  cells: EngineCell[];
  /** time(10× events) / time(events), per participant count: [1k→10k, 10k→100k]. */
  growth: Array<{ participants: number; from1kTo10k: number; from10kTo100k: number }>;
  worstGrowth: number;
  realistic: RealisticCell[];
  extras: {
    /** 10 participants / 10k events, round-robin max-availability. */
    roundRobin10x10k: Summary;
    /** 10 participants / 10k events, collective, with the wall-time memo cleared before each call. */
    coldCache10x10k: Summary;
  };
}

/** Epoch seconds of 9:00 local on each working day (Mon–Fri, local) of the window, per zone. */
function workdayStarts(zone: string): number[] {
  const out: number[] = [];
  const first = Temporal.Instant.fromEpochMilliseconds(NOW * 1000)
    .toZonedDateTimeISO(zone)
    .toPlainDate();
  for (let i = 0; i <= DAYS; i++) {
    const date = first.add({ days: i });
    if (date.dayOfWeek > 5) continue;
    const nine = date.toZonedDateTime({ timeZone: zone, plainTime: new Temporal.PlainTime(9) });
    const s = nine.epochMilliseconds / 1000;
    if (s >= NOW && s + 8 * 3600 <= NOW + DAYS * DAY) out.push(s);
  }
  return out;
}

/** `count` busy events inside working hours: 30–120 min (15-min steps), starts on the quarter hour. */
function busyEvents(count: number, days: number[], next: () => number): BusyInterval[] {
  const out: BusyInterval[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const day = days[Math.floor(next() * days.length)]!;
    const minutes = 30 + 15 * Math.floor(next() * 7); // 30..120
    const startMinute = 15 * Math.floor(next() * ((480 - minutes) / 15 + 1)); // ends by 17:00
    const start = day + startMinute * 60;
    out[i] = { start, end: start + minutes * 60 };
  }
  return out;
}

/**
 * `events` busy events in all (spread evenly), or, with `meetingsPerWorkday`, that many per
 * participant per working day of the window (then `events` is ignored).
 */
export function makeInput(
  participants: number,
  events: number,
  method: EngineInput['method'] = 'collective',
  meetingsPerWorkday?: number,
): EngineInput {
  const next = mulberry32(participants * 1_000_003 + events + (meetingsPerWorkday ?? 0));
  const starts = new Map<string, number[]>();
  const people: EngineParticipant[] = [];
  for (let p = 0; p < participants; p++) {
    const zone = ZONES[p % ZONES.length]!;
    if (!starts.has(zone)) starts.set(zone, workdayStarts(zone));
    const mine =
      meetingsPerWorkday === undefined
        ? Math.floor(events / participants) + (p < events % participants ? 1 : 0)
        : meetingsPerWorkday * starts.get(zone)!.length;
    people.push({
      email: `p${p}@bench.test`,
      timezone: zone,
      openHours: [],
      busy: busyEvents(mine, starts.get(zone)!, next),
      recentBookings: p % 3,
    });
  }
  return {
    participants: people,
    method,
    defaultOpenHours: [],
    durationMinutes: 30,
    intervalMinutes: 30,
    roundTo: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minBookingNoticeMinutes: 0,
    availableDaysInFuture: DAYS,
    now: NOW,
    window: { start: NOW, end: NOW + DAYS * DAY },
  };
}

/**
 * Median time of one call: warm up (≥ 5 calls and ≥ 150 ms), then time calls until ≥ 400 ms
 * and ≥ 15 calls have run (at most 400 calls), one timing per call.
 */
function timeCalls(run: () => void, before?: () => void): Summary {
  const warmEnd = performance.now() + 150;
  for (let i = 0; i < 5 || performance.now() < warmEnd; i++) {
    before?.();
    run();
  }
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < 400 && (samples.length < 15 || performance.now() - started < 400)) {
    before?.();
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export function runEngineBench(log: (line: string) => void = () => {}): EngineResults {
  const cells: EngineCell[] = [];
  for (const participants of PARTICIPANTS) {
    for (const events of EVENTS) {
      const input = makeInput(participants, events);
      const slots = computeAvailability(input).time_slots.length;
      const time = timeCalls(() => void computeAvailability(input));
      cells.push({ participants, events, time, slots });
      log(
        `  engine ${participants} participants × ${events} events: ${fmt(time.median)} ms/call (n=${time.n}, ${slots} slots)`,
      );
    }
  }
  const at = (p: number, e: number) => cells.find((c) => c.participants === p && c.events === e)!.time.median;
  const growth = PARTICIPANTS.map((p) => ({
    participants: p,
    from1kTo10k: at(p, 10_000) / at(p, 1_000),
    from10kTo100k: at(p, 100_000) / at(p, 10_000),
  }));
  const worstGrowth = Math.max(...growth.flatMap((g) => [g.from1kTo10k, g.from10kTo100k]));

  const realistic = REALISTIC.map(({ name, participants, method, meetingsPerWorkday }): RealisticCell => {
    const input = makeInput(participants, 0, method, meetingsPerWorkday);
    const cold = timeCalls(() => void computeAvailability(input), clearWindowCache);
    const warm = timeCalls(() => void computeAvailability(input));
    const events = input.participants.reduce((sum, person) => sum + person.busy.length, 0);
    const slots = computeAvailability(input).time_slots.length;
    log(
      `  engine ${name} (${events} events, ${slots} slots): warm ${fmt(warm.median)} ms, cold ${fmt(cold.median)} ms`,
    );
    return { name, participants, method, meetingsPerWorkday, events, slots, warm, cold };
  });

  const rrInput = makeInput(10, 10_000, 'max-availability');
  const roundRobin10x10k = timeCalls(() => void computeAvailability(rrInput));
  const coldInput = makeInput(10, 10_000);
  const coldCache10x10k = timeCalls(() => void computeAvailability(coldInput), clearWindowCache);
  log(
    `  engine extras: round-robin 10×10k ${fmt(roundRobin10x10k.median)} ms, cold memo 10×10k ${fmt(coldCache10x10k.median)} ms`,
  );

  return {
    window: { start: new Date(NOW * 1000).toISOString(), days: DAYS, durationMinutes: 30, zones: ZONES },
    cells,
    growth,
    worstGrowth,
    realistic,
    extras: { roundRobin10x10k, coldCache10x10k },
  };
}
