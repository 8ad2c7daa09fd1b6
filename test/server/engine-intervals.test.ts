/**
 * server/availability/intervals.ts on its own, against what each function promises: the busy
 * union blocks exactly the slots the raw intervals block and is disjoint, sorted and never
 * touching; the window intersections are the exact pieces, sorted, each with its wall clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  intersectUnions,
  intersectWindows,
  mergeBusy,
  unionWindows,
  type BusyOptions,
  type Spans,
} from '../../server/availability/intervals.js';
import type { BusyInterval } from '../../server/availability/types.js';
import type { OpenWindow } from '../../server/availability/windows.js';
import { mulberry32 } from '../../server/seeded-random.js';

const spans = (s: Spans) => Array.from({ length: s.length }, (_, i) => [s.starts[i]!, s.ends[i]!]);

/** Whether the slot [t, t + d) overlaps a raw busy interval widened by the buffers (the definition). */
const blockedByRaw = (lists: BusyInterval[][], o: BusyOptions, t: number, d: number) =>
  lists.some((list) =>
    list.some(
      (b) =>
        typeof b === 'object' &&
        b !== null &&
        (o.excludeBookingId === undefined || b.bookingId !== o.excludeBookingId) &&
        b.start < b.end &&
        t < b.end + o.after &&
        t + d > b.start - o.before,
    ),
  );
const blockedBySpans = (s: Spans, t: number, d: number) => spans(s).some(([start, end]) => t < end! && t + d > start!);

function checkUnion(lists: BusyInterval[][], o: BusyOptions, d: number, label: string): void {
  const merged = mergeBusy(lists, o);
  const pairs = spans(merged);
  for (let i = 0; i < pairs.length; i++) {
    assert.ok(pairs[i]![0]! < pairs[i]![1]!, `${label}: span ${i} is not empty`);
    if (i > 0)
      assert.ok(pairs[i - 1]![1]! < pairs[i]![0]!, `${label}: spans ${i - 1} and ${i} neither overlap nor touch`);
  }
  for (let t = Math.ceil(o.lo); t + d <= o.hi; t += 1) {
    assert.equal(blockedBySpans(merged, t, d), blockedByRaw(lists, o, t, d), `${label}: slot at ${t}`);
  }
}

test('mergeBusy blocks exactly the slots the raw intervals block, at every whole second, and its spans neither overlap nor touch', () => {
  const next = mulberry32(17);
  // 2039: lo + hi is past 2^32, so only the difference of the two may be used as a bound.
  const lo = 2_200_000_000 + 0.5;
  for (const count of [0, 1, 12, 300]) {
    for (const [before, after] of [
      [0, 0],
      [3, 0],
      [0, 4],
      [2, 5],
    ] as const) {
      const lists: BusyInterval[][] = [[], []];
      for (let i = 0; i < count; i++) {
        const start = lo - 40 + Math.floor(next() * 320) + (i % 5 === 0 ? 0.25 : 0);
        const end = start + (i % 17 === 0 ? -3 : 1 + Math.floor(next() * 30));
        lists[i % 2]!.push(i % 7 === 0 ? { start, end, bookingId: 'moved' } : { start, end });
      }
      // Touching, duplicated, ending just after lo, starting just before hi, reaching far past hi.
      lists[0]!.push(
        { start: lo + 100, end: lo + 110 },
        { start: lo + 110, end: lo + 120 },
        { start: lo + 100, end: lo + 110 },
      );
      lists[1]!.push(
        { start: lo - 50, end: lo + 0.75 },
        { start: lo + 249.5, end: lo + 260 },
        { start: lo + 230, end: lo + 2 ** 32 + 100 },
      );
      // Entries that are not intervals block nothing.
      lists[1]!.push(null as unknown as BusyInterval, 5 as unknown as BusyInterval);
      for (const excludeBookingId of [undefined, 'moved']) {
        const o: BusyOptions = { before, after, lo, hi: lo + 250, excludeBookingId };
        checkUnion(lists, o, 7, `${count} intervals, buffers ${before}/${after}, excluding ${excludeBookingId}`);
      }
    }
  }
});

test('mergeBusy: a range of exactly 2^11 and 2^22 seconds, where the radix sort needs its last pass for one value', () => {
  const next = mulberry32(5);
  for (const width of [2 ** 11, 2 ** 22]) {
    // lo and hi whole seconds: the offsets run from 0 to width, the top one held by what reaches past hi.
    const lo = 2_000_000_000;
    const hi = lo + width - 2;
    const step = Math.max(1, Math.floor(width / 2000));
    const list: BusyInterval[] = [];
    for (let i = 0; i < 300; i++) {
      const start = lo - 5 + Math.floor(next() * (width + 10));
      list.push({ start, end: start + step * (1 + Math.floor(next() * 3)) });
    }
    list.push({ start: hi - 1, end: hi + 10 }, { start: lo + width / 2, end: lo + width / 2 + 1 });
    const o: BusyOptions = { before: 0, after: 0, lo, hi };
    const merged = mergeBusy([list], o);
    // Every span and gap of the union, checked at its edges.
    const sorted = [...list].sort((a, b) => a.start - b.start);
    const union: Array<[number, number]> = [];
    for (const b of sorted) {
      const last = union[union.length - 1];
      if (last && b.start <= last[1]) last[1] = Math.max(last[1], b.end);
      else union.push([b.start, b.end]);
    }
    const clamp = (t: number) => Math.min(Math.max(t, lo - 1), hi + 1);
    const expected = union.map(([a, b]) => [clamp(a), clamp(b)]).filter(([a, b]) => a! < b! && b! > lo && a! < hi);
    assert.deepEqual(spans(merged), expected, `width ${width}`);
  }
});

test('mergeBusy: touching intervals merge into one span; a range 2^32 seconds wide is refused', () => {
  const o = { before: 0, after: 0, lo: 1000, hi: 2000 };
  assert.deepEqual(spans(mergeBusy([[{ start: 1100, end: 1200 }], [{ start: 1200, end: 1300 }]], o)), [[1100, 1300]]);
  // Only a non-empty string names a booking to leave out.
  const held = [{ start: 1100, end: 1200, bookingId: 5 as unknown as string }];
  assert.deepEqual(spans(mergeBusy([held], { ...o, excludeBookingId: 5 as unknown as string })), [[1100, 1200]]);
  assert.throws(() => mergeBusy([], { ...o, lo: 0, hi: 2 ** 32 - 3 }), { name: 'RangeError', message: /too wide/ });
  assert.doesNotThrow(() => mergeBusy([], { ...o, lo: 0, hi: 2 ** 32 - 4 }));
});

test('unionWindows and intersectUnions: exact pieces, no empty ones where unions only touch', () => {
  assert.deepEqual(
    unionWindows([
      { start: 0, end: 10 },
      { start: 5, end: 8 },
      { start: 10, end: 12 },
      { start: 20, end: 30 },
    ]),
    [
      { start: 0, end: 12 },
      { start: 20, end: 30 },
    ],
  );
  const a = [
    { start: 0, end: 10 },
    { start: 20, end: 30 },
  ];
  const b = [
    { start: 10, end: 20 },
    { start: 25, end: 30 },
    { start: 35, end: 40 },
  ];
  assert.deepEqual(intersectUnions(a, b), [{ start: 25, end: 30 }]);
  assert.deepEqual(intersectUnions(b, a), [{ start: 25, end: 30 }]);
});

test("intersectWindows: every overlapping pair, ending at the earlier end, with the later start's wall clock (a's on a tie), sorted by start then end", () => {
  const w = (start: number, end: number, wall: number): OpenWindow => ({ start, end, wall });
  // a's windows overlap each other, so the pieces come out of order and must be sorted.
  const a = [w(0, 100, 1), w(10, 20, 2)];
  const b = [w(0, 15, 3), w(10, 12, 4), w(50, 60, 5), w(100, 110, 6)];
  assert.deepEqual(intersectWindows(a, b), [w(0, 15, 1), w(10, 12, 4), w(10, 12, 2), w(10, 15, 2), w(50, 60, 5)]);
  // A piece started by b's window can come out of order too.
  assert.deepEqual(intersectWindows([w(0, 100, 1), w(10, 20, 2)], [w(12, 14, 3), w(50, 60, 4)]), [
    w(12, 14, 3),
    w(12, 14, 3),
    w(50, 60, 4),
  ]);
  // A window of b that ends before x starts, listed after one that overlaps x, adds nothing.
  assert.deepEqual(intersectWindows([w(10, 20, 1)], [w(0, 100, 2), w(5, 8, 3)]), [w(10, 20, 1)]);
  // Touching windows share no piece.
  assert.deepEqual(intersectWindows([w(0, 10, 1)], [w(10, 20, 2)]), []);
});
