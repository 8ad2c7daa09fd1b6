/**
 * The availability engine against a brute-force model, on seeded random calendars: written to
 * kill the mutants of server/availability/** that engine.test.ts let survive (`npm run mutate
 * engine`). The model checks every grid start against every busy interval, so it shares none of
 * the engine's shortcuts (radix sort, merged spans, moving pointers, early exits).
 * Open hours are whole hours in UTC, so wall clock and elapsed time agree and the grid is simple.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeAvailability } from '../../server/availability/engine.js';
import type { BusyInterval, EngineInput, EngineParticipant, EngineResult } from '../../server/availability/types.js';

const HOUR = 3600;
const DAY = 86400;
/** Thursday 2026-01-01 00:00 UTC. */
const NOW = Date.UTC(2026, 0, 1) / 1000;
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6] as const;

/** mulberry32: the same calendars on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  participants: Array<{ email: string; from: number; to: number; busy: BusyInterval[]; recentBookings: number }>;
  input: EngineInput;
}

/** A random case: `people` with open hours [from, to) UTC every day, `events` busy intervals each over `days` days. */
function randomCase(seed: number, people: number, events: number, method: EngineInput['method'], days = 6): Case {
  const next = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const participants = Array.from({ length: people }, (_, p) => {
    const from = pick([7, 8, 9, 10]);
    const to = pick([15, 16, 17, 18]);
    const busy: BusyInterval[] = [];
    for (let i = 0; i < events; i++) {
      // Any second of the day, 1 s to 3 h long, some touching, overlapping or duplicated.
      const start = NOW + Math.floor(next() * days) * DAY + Math.floor(next() * DAY);
      const interval = { start, end: start + 1 + Math.floor(next() * 3 * HOUR) };
      busy.push(i % 7 === 3 ? { ...interval, bookingId: `b${i % 3}` } : interval);
      if (i % 50 === 7) busy.push({ ...interval });
    }
    return { email: `p${p}@x.test`, from, to, busy, recentBookings: Math.floor(next() * 3) };
  });
  const duration = pick([15, 30, 45, 60]);
  const input: EngineInput = {
    participants: participants.map(
      ({ email, from, to, busy, recentBookings }): EngineParticipant => ({
        email,
        timezone: 'UTC',
        openHours: [{ days: [...EVERY_DAY], start: `${from}:00`, end: `${to}:00` }],
        busy,
        recentBookings,
      }),
    ),
    method,
    defaultOpenHours: [],
    durationMinutes: duration,
    intervalMinutes: pick([undefined, 10, 15, 20, 30]),
    roundTo: pick([undefined, 5, 15, 30, 60]),
    bufferBeforeMinutes: pick([0, 0, 5, 10, 30]),
    bufferAfterMinutes: pick([0, 0, 5, 15]),
    minBookingNoticeMinutes: pick([0, 17, 90, 600]),
    availableDaysInFuture: days,
    now: NOW + pick([0, 7, 3600 + 13 * 60]),
    window: { start: NOW, end: NOW + days * DAY },
    ...(next() < 0.5 && { excludeBookingId: pick(['b0', 'b1']) }),
    ...(next() < 0.3 && { maxSlots: 1 + Math.floor(next() * 40) }),
  };
  return { participants, input };
}

/** Starts offered to one participant of the case, by brute force. */
function modelStarts(c: Case, p: Case['participants'][number], open: { from: number; to: number }): number[] {
  const { input } = c;
  const duration = input.durationMinutes * 60;
  const interval = (input.intervalMinutes ?? input.durationMinutes) * 60;
  const align = (input.roundTo ?? 15) * 60;
  const lo = Math.max(input.window.start, input.now + input.minBookingNoticeMinutes * 60);
  const hi = Math.min(input.window.end, input.now + input.availableDaysInFuture * DAY);
  const before = input.bufferBeforeMinutes * 60;
  const after = input.bufferAfterMinutes * 60;
  const out: number[] = [];
  for (let day = Math.floor(NOW / DAY) * DAY - DAY; day < hi; day += DAY) {
    const windowStart = day + open.from * HOUR;
    const windowEnd = day + open.to * HOUR;
    for (let s = windowStart + ((align - ((open.from * HOUR) % align)) % align); s + duration <= windowEnd; s += interval) {
      if (s < lo || s + duration > hi) continue;
      const blocked = p.busy.some(
        (b) => b.bookingId !== input.excludeBookingId || b.bookingId === undefined
          ? s < b.end + after && s + duration > b.start - before
          : false,
      );
      if (!blocked) out.push(s);
    }
  }
  return out;
}

function model(c: Case): EngineResult {
  const { input } = c;
  const duration = input.durationMinutes * 60;
  const max = input.maxSlots ?? Infinity;
  if (input.method === 'collective') {
    // Everyone's hours intersect to [latest from, earliest to); everyone's busy time blocks.
    const open = { from: Math.max(...c.participants.map((p) => p.from)), to: Math.min(...c.participants.map((p) => p.to)) };
    const everyone = { ...c.participants[0]!, busy: c.participants.flatMap((p) => p.busy) };
    const emails = c.participants.map((p) => p.email);
    return { time_slots: modelStarts(c, everyone, open).slice(0, max).map((s) => ({ emails, start_time: s, end_time: s + duration })) };
  }
  // The engine keeps each host's first maxSlots starts only, so max-availability ranks by those.
  const free = c.participants.map((p) => modelStarts(c, p, p).slice(0, max));
  const rank = c.participants.map((_, i) => i);
  rank.sort((a, b) =>
    input.method === 'max-availability'
      ? free[b]!.length - free[a]!.length || c.participants[a]!.recentBookings - c.participants[b]!.recentBookings || a - b
      : c.participants[a]!.recentBookings - c.participants[b]!.recentBookings || a - b,
  );
  const starts = [...new Set(free.flat())].sort((a, b) => a - b).slice(0, max);
  return {
    time_slots: starts.map((s) => ({
      emails: rank.filter((i) => free[i]!.includes(s)).map((i) => c.participants[i]!.email),
      start_time: s,
      end_time: s + duration,
    })),
    order: rank.map((i) => c.participants[i]!.email),
  };
}

const describeCase = (c: Case) =>
  JSON.stringify({ ...c.input, participants: c.participants.map(({ from, to, busy }) => ({ from, to, busy: busy.length })) });

function agreeWithModel(seeds: number, people: number, events: number, method: EngineInput['method']): void {
  for (let seed = 1; seed <= seeds; seed++) {
    const c = randomCase(seed * 7919 + people * 31 + events, people, events, method);
    const expected = model(c);
    assert.ok(expected.time_slots.length > 0 || c.input.maxSlots !== undefined || events > 100, 'the model offers something');
    assert.deepEqual(computeAvailability(c.input), expected, describeCase(c));
  }
}

test('collective, one person, a few busy intervals (insertion-sorted path): the engine offers what brute force offers', () => {
  agreeWithModel(12, 1, 12, 'collective');
});

test('collective, three people, 300 busy intervals each (radix-sorted path): the engine offers what brute force offers', () => {
  agreeWithModel(6, 3, 300, 'collective');
});

test('round-robin max-fairness and max-availability: the same slots, hosts and order as brute force', () => {
  agreeWithModel(6, 3, 20, 'max-fairness');
  agreeWithModel(6, 4, 20, 'max-availability');
  agreeWithModel(2, 3, 300, 'max-availability');
});
