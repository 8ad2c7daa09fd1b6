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
import { mulberry32 } from '../../server/seeded-random.js';

const HOUR = 3600;
const DAY = 86400;
/** Thursday 2026-01-01 00:00 UTC. */
const NOW = Date.UTC(2026, 0, 1) / 1000;
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6] as const;

/** Open hours as [from, to) whole hours UTC, every day. */
type Hours = Array<[number, number]>;

interface Case {
  participants: Array<{ email: string; hours: Hours; busy: BusyInterval[]; recentBookings: number }>;
  input: EngineInput;
}

/** One window, or two that overlap, touch, nest or lie apart. */
const HOURS_CHOICES: Hours[] = [
  [[7, 15]],
  [[8, 16]],
  [[9, 17]],
  [[10, 18]],
  [
    [9, 12],
    [11, 15],
  ],
  [
    [9, 12],
    [12, 17],
  ],
  [
    [8, 18],
    [10, 11],
  ],
  [
    [7, 10],
    [13, 18],
  ],
];

/** A random case: `people` with open hours [from, to) UTC every day, `events` busy intervals each over `days` days. */
function randomCase(
  seed: number,
  people: number,
  events: number,
  method: EngineInput['method'],
  days = 6,
  hoursChoices = HOURS_CHOICES.slice(0, 4),
): Case {
  const next = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const participants = Array.from({ length: people }, (_, p) => {
    const hours = pick(hoursChoices);
    const busy: BusyInterval[] = [];
    for (let i = 0; i < events; i++) {
      // Any second of the day, 1 s to 3 h long, some touching, overlapping or duplicated.
      const start = NOW + Math.floor(next() * days) * DAY + Math.floor(next() * DAY);
      const interval = { start, end: start + 1 + Math.floor(next() * 3 * HOUR) };
      busy.push(i % 7 === 3 ? { ...interval, bookingId: `b${i % 3}` } : interval);
      if (i % 50 === 7) busy.push({ ...interval });
    }
    return { email: `p${p}@x.test`, hours, busy, recentBookings: Math.floor(next() * 3) };
  });
  const duration = pick([15, 30, 45, 60]);
  const input: EngineInput = {
    participants: participants.map(({ email, hours, busy, recentBookings }): EngineParticipant => ({
      email,
      timezone: 'UTC',
      openHours: hours.map(([from, to]) => ({ days: [...EVERY_DAY], start: `${from}:00`, end: `${to}:00` })),
      busy,
      recentBookings,
    })),
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

/** Whether [s, e) lies inside the union of `hours` on its day. */
function inside(hours: Hours, day: number, s: number, e: number): boolean {
  const spans = hours.map(([from, to]) => [day + from * HOUR, day + to * HOUR] as const).sort((x, y) => x[0] - y[0]);
  let start = NaN;
  let end = NaN;
  for (const [from, to] of spans) {
    if (from <= end) end = Math.max(end, to);
    else [start, end] = [from, to];
    if (start <= s && e <= end) return true;
  }
  return false;
}

/**
 * Starts offered when every list in `people` must be open (each [s, s + duration) inside the
 * union of each one's hours) and no interval of `busy` blocks; the grid runs from each piece
 * where one window of each overlaps (whole hours, so every roundTo used here aligns on them).
 */
function modelStarts(c: Case, people: Hours[], busy: BusyInterval[]): number[] {
  const { input } = c;
  const duration = input.durationMinutes * 60;
  const interval = (input.intervalMinutes ?? input.durationMinutes) * 60;
  const lo = Math.max(input.window.start, input.now + input.minBookingNoticeMinutes * 60);
  const hi = Math.min(input.window.end, input.now + input.availableDaysInFuture * DAY);
  const before = input.bufferBeforeMinutes * 60;
  const after = input.bufferAfterMinutes * 60;
  let pieces: Hours = people[0]!;
  for (const hours of people.slice(1)) {
    pieces = pieces.flatMap(([a, b]) =>
      hours.flatMap(([x, y]): Hours => (Math.max(a, x) < Math.min(b, y) ? [[Math.max(a, x), Math.min(b, y)]] : [])),
    );
  }
  const out = new Set<number>();
  for (let day = Math.floor(NOW / DAY) * DAY; day < hi; day += DAY) {
    for (const [from, to] of pieces) {
      for (let s = day + from * HOUR; s < day + to * HOUR; s += interval) {
        const e = s + duration;
        if (s < lo || e > hi || !people.every((hours) => inside(hours, day, s, e))) continue;
        const blocked = busy.some(
          (b) =>
            (!input.excludeBookingId || b.bookingId !== input.excludeBookingId) &&
            s < b.end + after &&
            e > b.start - before,
        );
        if (!blocked) out.add(s);
      }
    }
  }
  return [...out].sort((x, y) => x - y);
}

function model(c: Case): EngineResult {
  const { input } = c;
  const duration = input.durationMinutes * 60;
  const max = input.maxSlots ?? Infinity;
  if (input.method === 'collective') {
    const starts = modelStarts(
      c,
      c.participants.map((p) => p.hours),
      c.participants.flatMap((p) => p.busy),
    );
    const emails = c.participants.map((p) => p.email);
    return { time_slots: starts.slice(0, max).map((s) => ({ emails, start_time: s, end_time: s + duration })) };
  }
  // The engine keeps each host's first maxSlots starts only, so max-availability ranks by those.
  const free = c.participants.map((p) => modelStarts(c, [p.hours], p.busy).slice(0, max));
  const rank = c.participants.map((_, i) => i);
  rank.sort((a, b) =>
    input.method === 'max-availability'
      ? free[b]!.length - free[a]!.length ||
        c.participants[a]!.recentBookings - c.participants[b]!.recentBookings ||
        a - b
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
  JSON.stringify({ ...c.input, participants: c.participants.map(({ hours, busy }) => ({ hours, busy: busy.length })) });

function agreeWithModel(
  seeds: number,
  people: number,
  events: number,
  method: EngineInput['method'],
  days?: number,
  hours?: Hours[],
): void {
  for (let seed = 1; seed <= seeds; seed++) {
    const c = randomCase(seed * 7919 + people * 31 + events, people, events, method, days, hours);
    const expected = model(c);
    assert.ok(
      expected.time_slots.length > 0 || c.input.maxSlots !== undefined || events > 100,
      'the model offers something',
    );
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

test('overlapping, touching, nested and separate open-hours entries: the engine offers what brute force offers', () => {
  agreeWithModel(10, 1, 10, 'collective', 6, HOURS_CHOICES);
  agreeWithModel(10, 2, 10, 'collective', 6, HOURS_CHOICES);
  agreeWithModel(6, 3, 10, 'max-availability', 6, HOURS_CHOICES);
});

test('60 days and 400 busy intervals (three radix passes): the engine offers what brute force offers', () => {
  agreeWithModel(2, 2, 400, 'collective', 60);
});

test('busy entries that block nothing: null, empty, reversed and NaN intervals, and a missing list', () => {
  const c = randomCase(42, 2, 12, 'collective');
  const clean = computeAvailability(c.input);
  assert.deepEqual(clean, model(c));
  const junk = [
    null,
    { start: NOW + DAY + 10 * HOUR, end: NOW + DAY + 10 * HOUR },
    { start: NOW + DAY + 12 * HOUR, end: NOW + DAY + 11 * HOUR },
    { start: NaN, end: NOW + 3 * DAY },
    { start: NOW, end: NaN },
  ];
  const withJunk: EngineInput = {
    ...c.input,
    participants: [
      { ...c.input.participants[0]!, busy: [...c.input.participants[0]!.busy, ...(junk as BusyInterval[])] },
      { ...c.input.participants[1]!, busy: undefined as unknown as BusyInterval[] },
    ],
  };
  const withoutSecondBusy = { ...c, participants: [c.participants[0]!, { ...c.participants[1]!, busy: [] }] };
  assert.deepEqual(computeAvailability(withJunk), model(withoutSecondBusy));
});

test('an empty excludeBookingId frees nothing, not even busy time whose bookingId is empty', () => {
  const c = randomCase(7, 1, 0, 'collective');
  const busy: BusyInterval[] = [{ start: NOW + DAY + 11 * HOUR, end: NOW + DAY + 12 * HOUR, bookingId: '' }];
  const { maxSlots: _all, ...rest } = c.input;
  const input: EngineInput = { ...rest, excludeBookingId: '', participants: [{ ...c.input.participants[0]!, busy }] };
  assert.ok(!computeAvailability(input).time_slots.some((slot) => slot.start_time === busy[0]!.start), 'blocked');
  assert.deepEqual(computeAvailability(input), model({ input, participants: [{ ...c.participants[0]!, busy }] }));
});

// ---------------------------------------------------------------- edges the random cases never reach

/** One participant per entry of `hours` (UTC, every day), 30-minute slots every 30 minutes over two days. */
function plainInput(hours: Hours[], patch: Partial<EngineInput> = {}): EngineInput {
  return {
    participants: hours.map((h, i) => ({
      email: `p${i}@x.test`,
      timezone: 'UTC',
      openHours: h.map(([from, to]) => ({
        days: [...EVERY_DAY],
        start: `${Math.floor(from)}:${String(Math.round((from % 1) * 60)).padStart(2, '0')}`,
        end: `${to}:00`,
      })),
      busy: [],
      recentBookings: 0,
    })),
    method: 'collective',
    defaultOpenHours: [],
    durationMinutes: 30,
    intervalMinutes: 30,
    roundTo: 15,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minBookingNoticeMinutes: 0,
    availableDaysInFuture: 2,
    now: NOW,
    window: { start: NOW, end: NOW + 2 * DAY },
    ...patch,
  };
}

const startsOf = (result: EngineResult) => result.time_slots.map((slot) => (slot.start_time - NOW) / HOUR);

test('a window exactly one slot long offers that slot', () => {
  const input = plainInput([[[9, 10]]], {
    durationMinutes: 60,
    window: { start: NOW + 9 * HOUR, end: NOW + 10 * HOUR },
  });
  assert.deepEqual(startsOf(computeAvailability(input)), [9]);
});

test('maxSlots below 1 (0, 0.5) means no limit; 2.7 means 2', () => {
  const all = computeAvailability(plainInput([[[9, 12]]]));
  assert.equal(all.time_slots.length, 12);
  assert.deepEqual(computeAvailability(plainInput([[[9, 12]]], { maxSlots: 0 })), all);
  assert.deepEqual(computeAvailability(plainInput([[[9, 12]]], { maxSlots: 0.5 })), all);
  assert.deepEqual(startsOf(computeAvailability(plainInput([[[9, 12]]], { maxSlots: 2.7 }))), [9, 9.5]);
});

test('malformed requests offer nothing and never throw: no window, a NaN clock, no duration, participants that are not a list', () => {
  for (const method of ['collective', 'max-fairness'] as const) {
    const input = plainInput([[[9, 12]]], { method });
    assert.ok(computeAvailability(input).time_slots.length > 0, 'the valid request offers times');
    assert.deepEqual(
      computeAvailability({ ...input, window: null as unknown as EngineInput['window'] }).time_slots,
      [],
    );
    assert.deepEqual(computeAvailability({ ...input, now: NaN }).time_slots, []);
    assert.deepEqual(computeAvailability({ ...input, durationMinutes: 0 }).time_slots, []);
    assert.deepEqual(
      computeAvailability({ ...input, participants: undefined as unknown as EngineParticipant[] }).time_slots,
      [],
    );
  }
});

test('entries of participants that are not objects are skipped: the others are judged as if alone', () => {
  const input = plainInput([[[9, 12]]]);
  const withJunk = {
    ...input,
    participants: [null, 'p9@x.test', ...input.participants] as unknown as EngineParticipant[],
  };
  assert.deepEqual(computeAvailability(withJunk), computeAvailability(input));
});

test('negative, NaN and infinite notice and buffers count as none', () => {
  const busy: BusyInterval[] = [{ start: NOW + 10 * HOUR, end: NOW + 10.5 * HOUR }];
  const base = plainInput([[[9, 12]]]);
  const input = { ...base, participants: [{ ...base.participants[0]!, busy }] };
  const expected = computeAvailability(input);
  assert.deepEqual(startsOf(expected).slice(0, 4), [9, 9.5, 10.5, 11]);
  for (const odd of [-30, NaN, Infinity]) {
    const patch = { minBookingNoticeMinutes: odd, bufferBeforeMinutes: odd, bufferAfterMinutes: odd };
    assert.deepEqual(computeAvailability({ ...input, ...patch }), expected, String(odd));
  }
});

test('round-robin order: fewest recent bookings first (max-fairness; max-availability when free time ties), then as listed', () => {
  const input = plainInput([[[9, 12]], [[9, 12]], [[9, 12]], [[9, 12]]]);
  const recent = [2, 0, 1, 0];
  const participants = input.participants.map((p, i) => ({ ...p, recentBookings: recent[i]! }));
  for (const method of ['max-fairness', 'max-availability'] as const) {
    const result = computeAvailability({ ...input, participants, method });
    assert.deepEqual(result.order, ['p1@x.test', 'p3@x.test', 'p2@x.test', 'p0@x.test'], method);
    assert.deepEqual(result.time_slots[0]!.emails, result.order, `${method}: each slot lists its hosts in that order`);
  }
});

test("collective: the grid starts where everyone is open, not at the last person's window start", () => {
  // 45-minute steps from 9:15, where both are open; from 9:00 (the second person's start) they would fall on 9:45, 10:30…
  const input = plainInput([[[9.25, 12]], [[9, 12]]], { intervalMinutes: 45, window: { start: NOW, end: NOW + DAY } });
  assert.deepEqual(startsOf(computeAvailability(input)), [9.25, 10, 10.75, 11.5]);
});
