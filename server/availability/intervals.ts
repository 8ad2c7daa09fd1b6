/**
 * Interval arithmetic on Unix seconds for the availability engine: union of busy time (sorted
 * once, merged), union and intersection of open windows. No time zones here.
 */
import type { BusyInterval, Interval } from './types.js';
import type { OpenWindow } from './windows.js';

/** Disjoint, sorted, non-touching spans [starts[i], ends[i]) — a union of intervals. */
export interface Spans {
  starts: Float64Array;
  ends: Float64Array;
  length: number;
}

export interface BusyOptions {
  /** Busy time held by this booking is ignored (rescheduling). */
  excludeBookingId?: string | undefined;
  /** Seconds kept free before each busy interval: it reaches this much earlier. */
  before: number;
  /** Seconds kept free after each busy interval: it reaches this much later. */
  after: number;
  /** Only what can touch a slot inside [lo, hi] matters. */
  lo: number;
  hi: number;
}

/**
 * The union of busy intervals from any number of lists (any order, overlapping, duplicated),
 * each widened to [start - before, end + after) so that a slot [s, e) is blocked exactly when
 * it overlaps a span: s < end + after and e > start - before. Invalid intervals (NaN,
 * end <= start) are dropped, and only what reaches into [lo, hi] is kept, clamped to just
 * outside it (which blocks exactly the same slots inside). Starts are floored and ends ceiled
 * to whole seconds (the same slots blocked, since slot bounds are whole seconds).
 *
 * Starts and ends are sorted separately (the union only depends on how many intervals cover
 * each instant) as 32-bit offsets from lo with a radix sort: linear in the number of events,
 * no per-interval objects.
 */
export function mergeBusy(lists: ReadonlyArray<readonly BusyInterval[] | undefined>, o: BusyOptions): Spans {
  let total = 0;
  for (const l of lists) if (Array.isArray(l)) total += l.length;
  const base = Math.floor(o.lo) - 1;
  const top = Math.ceil(o.hi) + 1;
  if (!(top - base < 0xffffffff)) throw new RangeError('mergeBusy: [lo, hi] too wide');
  const starts = new Uint32Array(total);
  const ends = new Uint32Array(total);
  const exclude = typeof o.excludeBookingId === 'string' && o.excludeBookingId !== '' ? o.excludeBookingId : undefined;
  let n = 0;
  for (const l of lists) {
    if (!Array.isArray(l)) continue;
    for (let i = 0; i < l.length; i++) {
      const b = l[i];
      if (b === null || typeof b !== 'object') continue;
      if (exclude !== undefined && b.bookingId === exclude) continue;
      const s = b.start - o.before;
      const e = b.end + o.after;
      // `!(x < y)` also drops NaN.
      if (!(b.start < b.end) || !(e > o.lo) || !(s < o.hi)) continue;
      starts[n] = (s > base ? Math.floor(s) : base) - base;
      ends[n] = (e < top ? Math.ceil(e) : top) - base;
      n++;
    }
  }
  const S = radixSort(starts.subarray(0, n), top - base);
  const E = radixSort(ends.subarray(0, n), top - base);
  const outStarts = new Float64Array(n);
  const outEnds = new Float64Array(n);
  // Sweep the sorted starts and ends, counting how many intervals cover; a span closes when
  // the count falls back to 0. Starts go first on ties, so touching intervals merge. (The k-th
  // smallest end always exceeds the k-th smallest start, so the count never goes negative.)
  let k = 0;
  let i = 0;
  let j = 0;
  while (i < n) {
    const spanStart = S[i]!;
    let active = 0;
    do {
      if (i < n && S[i]! <= E[j]!) {
        active++;
        i++;
      } else {
        active--;
        j++;
      }
    } while (active > 0);
    outStarts[k] = spanStart + base;
    outEnds[k] = E[j - 1]! + base;
    k++;
  }
  return { starts: outStarts, ends: outEnds, length: k };
}

const RADIX_BITS = 11;
const RADIX_MASK = (1 << RADIX_BITS) - 1;

/** Sorts `a` (values <= max) ascending: LSD radix, 11 bits a pass; returns `a`. */
function radixSort(a: Uint32Array, max: number): Uint32Array {
  const n = a.length;
  if (n < 256) return a.sort();
  const count = new Uint32Array(RADIX_MASK + 1);
  let src: Uint32Array = a;
  let dst: Uint32Array = new Uint32Array(n);
  for (let shift = 0; shift < 32 && max >= 2 ** shift; shift += RADIX_BITS) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i]! >>> shift) & RADIX_MASK]!++;
    let sum = 0;
    for (let d = 0; d <= RADIX_MASK; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      dst[count[(v >>> shift) & RADIX_MASK]!++] = v;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== a) a.set(src);
  return a;
}

/** The union of windows sorted by start: disjoint, sorted intervals (touching ones merged). */
export function unionWindows(sorted: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && w.start <= last.end) {
      if (w.end > last.end) last.end = w.end;
    } else {
      out.push({ start: w.start, end: w.end });
    }
  }
  return out;
}

/** Intersection of two unions (disjoint, sorted): disjoint, sorted. */
export function intersectUnions(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const s = Math.max(x.start, y.start);
    const e = Math.min(x.end, y.end);
    if (s < e) out.push({ start: s, end: e });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/**
 * Pairwise intersections of two window lists sorted by start (windows inside a list may
 * overlap): every non-empty piece [max start, min end), sorted by start. A piece keeps the wall
 * clock of the window that starts it — the later start; on a tie, the one from `a`.
 */
export function intersectWindows(a: readonly OpenWindow[], b: readonly OpenWindow[]): OpenWindow[] {
  const out: OpenWindow[] = [];
  let from = 0;
  let sorted = true;
  for (const x of a) {
    // b[from] ends before x starts, so before every later x too.
    while (from < b.length && b[from]!.end <= x.start) from++;
    for (let j = from; j < b.length; j++) {
      const y = b[j]!;
      if (y.start >= x.end) break;
      const e = Math.min(x.end, y.end);
      if (y.start > x.start) {
        if (y.start < e) {
          if (out.length > 0 && y.start < out[out.length - 1]!.start) sorted = false;
          out.push({ start: y.start, end: e, wall: y.wall });
        }
      } else if (x.start < e) {
        if (out.length > 0 && x.start < out[out.length - 1]!.start) sorted = false;
        out.push({ start: x.start, end: e, wall: x.wall });
      }
    }
  }
  if (!sorted) out.sort((p, q) => p.start - q.start || p.end - q.end);
  return out;
}
