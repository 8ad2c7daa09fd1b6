/**
 * The availability engine of the local Scheduler API: pure functions of their input (no I/O,
 * no clock — `now` comes in — no database).
 *
 * Rules and edge decisions (the Scheduler API contract's "Availability" section, as implemented here):
 * - Open hours: each participant's own entries, else `defaultOpenHours`, else Mon–Fri
 *   9:00–17:00; an entry's `timezone` overrides the participant's. Wall times become instants
 *   with Temporal's 'compatible' disambiguation (windows.ts); a window is the real elapsed span
 *   between its two instants. "24:00" and an `end` of "0:00" mean the end of the day; an entry
 *   whose end is not after its start (overnight) opens nothing, as do malformed times and
 *   unknown zones (never a throw). `exdates` remove that entry's windows of those local days.
 * - Specific time availability (a participant's own entries, else the configuration's
 *   defaults): on each date an entry names, in its zone (else the participant's), that day's open
 *   hours give way to the entries' hours; with `onlySpecificTimes` nothing else is open.
 * - Slot grid: in each open window, starts step by `intervalMinutes` (default: the duration)
 *   from the window's start aligned up to a multiple of `roundTo` (default 15) minutes of the
 *   wall clock shown at the window's start (so 9:10 → 9:15 local, and in Asia/Kolkata a
 *   round_to of 60 gives :00 local, i.e. :30 UTC). The alignment is then added as elapsed time
 *   to the start instant, and later starts step in elapsed time: a jump of the clock inside the
 *   first `roundTo` minutes or later in the window shifts the wall labels, never the real
 *   spacing. A window start that fell in a spring-forward gap is aligned from the wall time it
 *   actually resolved to (2:10 in Lord Howe's 30-minute gap is 2:40, round_to 60 → 3:00).
 *   The grid never depends on `now` or on the window asked for.
 * - A slot [start, start + duration) must start inside its window and fit inside the
 *   participant's open time, where windows of one participant that overlap or touch count as
 *   one (so 9–12 plus 12–17 admits 11:30–12:30, and a 0:00–24:00 every day admits slots across
 *   midnight; each window still anchors its own grid, so a 24/7 grid restarts at each local
 *   midnight). Duplicate starts from overlapping windows are offered once.
 * - Collective: windows are the pairwise intersections of all participants' windows (a piece
 *   is anchored on the wall clock of the window whose start begins it — the later start; on a
 *   tie, the earlier participant in input order); busy time of all participants, widened by
 *   the buffers, blocks. `emails` = every participant, in input order; no `order`.
 * - Round-robin: each participant's own grid, own open time and own busy time; a slot (same
 *   start and end) is offered when at least one is free, `emails` = those free, in `order`.
 *   `order` lists everyone: max-fairness by fewest `recentBookings` (ties: input order);
 *   max-availability by most free slots in the clipped window (ties: fewer recentBookings,
 *   then input order).
 * - Buffers (Nylas's meaning): `before` is kept free before each busy event, `after` after it,
 *   so busy [s, e) blocks a slot when slotStart < e + after and slotEnd > s - before.
 *   Busy time of `excludeBookingId` is ignored (only when it is a non-empty string).
 * - At most `maxSlots` slots, the earliest ones.
 * - The asked window is clipped to [max(start, now + notice), min(end, now + days * 86400)]
 *   and to at most MAX_SPAN_DAYS; a slot is offered only when it lies fully inside. Bad
 *   numbers (NaN window bounds, non-finite now, duration <= 0) give no slots (infinite window
 *   bounds are simply clipped); negative buffers and notice
 *   count as 0; a non-positive interval falls back to the duration, a non-positive round_to
 *   to 15.
 *
 * Cost: one Temporal conversion per window edge per local day (memoised across calls, see
 * windows.ts), busy widened, radix-sorted and merged once per call (intervals.ts), then one
 * forward sweep per grid with moving pointers: no Temporal and no per-event work per slot.
 */
import { intersectUnions, intersectWindows, mergeBusy, unionWindows, type Spans } from './intervals.js';
import type { EngineInput, EngineParticipant, EngineResult, Interval } from './types.js';
import { effectiveOpenHours, openWindows, specificDays, specificWindows, type OpenWindow } from './windows.js';
import type { TimeSlot } from '../../src/contract/guest.js';

export { clearWindowCache } from './windows.js';

/** The clipped window never spans more than this many days, whatever the configuration says. */
export const MAX_SPAN_DAYS = 3660;

const DAY = 86400;

interface Params {
  duration: number;
  interval: number;
  align: number;
  before: number;
  after: number;
  lo: number;
  hi: number;
  maxSlots: number;
}

// Stryker disable next-line EqualityOperator: `x >= 0` is equivalent, 0 is returned either way
const nonNegative = (x: number | undefined): number => (typeof x === 'number' && x > 0 && Number.isFinite(x) ? x : 0);

/** Resolved seconds and the clipped window, or undefined when no slot can exist. */
function resolveParams(input: EngineInput): Params | undefined {
  const duration = Math.round(Number(input.durationMinutes) * 60);
  if (!(duration > 0) || !Number.isFinite(duration)) return undefined;
  let interval = Math.round(Number(input.intervalMinutes ?? input.durationMinutes) * 60);
  if (!(interval > 0) || !Number.isFinite(interval)) interval = duration;
  let align = Math.round(Number(input.roundTo ?? 15) * 60);
  if (!(align > 0) || !Number.isFinite(align)) align = 15 * 60;
  const now = Number(input.now);
  const w = input.window;
  if (w === null || typeof w !== 'object' || !Number.isFinite(now)) return undefined;
  const ws = Number(w.start);
  const we = Number(w.end);
  // Stryker disable next-line all: equivalent, an early exit; a NaN or empty window also fails the hi - lo check below
  if (Number.isNaN(ws) || Number.isNaN(we) || !(we > ws)) return undefined;
  const days = Number(input.availableDaysInFuture);
  // Stryker disable next-line all: equivalent, an early exit; NaN or no days also fail the hi - lo check below
  if (!(days > 0)) return undefined;
  const lo = Math.max(ws, now + Math.round(nonNegative(input.minBookingNoticeMinutes) * 60));
  const hi = Math.min(we, now + Math.min(days, MAX_SPAN_DAYS) * DAY, lo + MAX_SPAN_DAYS * DAY);
  if (!(hi - lo >= duration)) return undefined;
  return {
    duration,
    interval,
    align,
    before: Math.round(nonNegative(input.bufferBeforeMinutes) * 60),
    after: Math.round(nonNegative(input.bufferAfterMinutes) * 60),
    lo,
    hi,
    maxSlots: input.maxSlots !== undefined && input.maxSlots >= 1 ? Math.floor(input.maxSlots) : Infinity,
  };
}

/**
 * Candidate slot starts of every window (grid anchored at the window start aligned up on its
 * wall clock), restricted to [lo, hi - duration] and to starts inside the window; ascending,
 * possibly with duplicates.
 */
function gridStarts(windows: readonly OpenWindow[], p: Params): Float64Array | number[] {
  const { interval, align, duration, lo, hi } = p;
  const max = hi - duration;
  const out: number[] = [];
  let sorted = true;
  for (const w of windows) {
    let s = w.start + ((align - (w.wall % align)) % align);
    if (s < lo) s += Math.ceil((lo - s) / interval) * interval;
    if (s < w.end && s <= max && out.length > 0 && s < out[out.length - 1]!) sorted = false;
    for (; s < w.end && s <= max; s += interval) out.push(s);
  }
  return sorted ? out : Float64Array.from(out).sort();
}

/**
 * The free starts among `starts` (ascending): slot inside one span of `open` and overlapping
 * no span of `busy`. One forward pass; both pointers only move forward because starts and ends
 * of slots increase together. Duplicates are dropped.
 */
function freeStarts(
  starts: ArrayLike<number>,
  duration: number,
  open: readonly Interval[],
  busy: Spans,
  max: number,
): number[] {
  const out: number[] = [];
  const bs = busy.starts;
  const be = busy.ends;
  const nb = busy.length;
  let r = 0;
  let b = 0;
  let prev = NaN;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    if (s === prev) continue;
    prev = s;
    const e = s + duration;
    while (r < open.length && open[r]!.end < e) r++;
    if (r === open.length) break;
    if (open[r]!.start > s) continue;
    while (b < nb && be[b]! <= s) b++;
    if (b < nb && bs[b]! < e) continue;
    out.push(s);
    if (out.length >= max) break;
  }
  return out;
}

/**
 * A participant's open windows: open hours (own, else default, else Mon–Fri 9–17), except on the
 * dates their specific time availability (own, else the default) names, where those hours apply
 * instead; with `onlySpecificTimes`, the specific hours alone.
 */
function participantWindows(part: EngineParticipant, input: EngineInput, p: Params): OpenWindow[] {
  const own = Array.isArray(part.specificTimes) && part.specificTimes.length > 0 ? part.specificTimes : undefined;
  const specific = own ?? (Array.isArray(input.defaultSpecificTimes) ? input.defaultSpecificTimes : []);
  const special = specificWindows(specific, part.timezone, p.lo, p.hi);
  if (input.onlySpecificTimes === true) return special;
  const regular = openWindows(
    effectiveOpenHours(part.openHours, input.defaultOpenHours),
    part.timezone,
    p.lo,
    p.hi,
    specificDays(specific),
  );
  if (special.length === 0) return regular;
  return [...regular, ...special].sort((a, b) => a.start - b.start || a.end - b.end);
}

function collective(participants: readonly EngineParticipant[], input: EngineInput, p: Params): TimeSlot[] {
  let anchors: OpenWindow[] | undefined;
  let open: Interval[] | undefined;
  for (const part of participants) {
    const ws = participantWindows(part, input, p);
    const u = unionWindows(ws);
    anchors = anchors === undefined ? ws : intersectWindows(anchors, ws);
    open = open === undefined ? u : intersectUnions(open, u);
    if (anchors.length === 0) return [];
  }
  if (anchors === undefined || open === undefined) return [];
  const busy = mergeBusy(
    participants.map((x) => x.busy),
    { excludeBookingId: input.excludeBookingId, before: p.before, after: p.after, lo: p.lo, hi: p.hi },
  );
  const free = freeStarts(gridStarts(anchors, p), p.duration, open, busy, p.maxSlots);
  const emails = participants.map((x) => x.email);
  return free.map((s) => ({ emails: emails.slice(), start_time: s, end_time: s + p.duration }));
}

function roundRobin(
  participants: readonly EngineParticipant[],
  input: EngineInput,
  p: Params | undefined,
): EngineResult {
  const n = participants.length;
  const free: number[][] = [];
  for (const part of participants) {
    if (p === undefined) {
      free.push([]);
      continue;
    }
    const ws = participantWindows(part, input, p);
    const busy = mergeBusy([part.busy], {
      excludeBookingId: input.excludeBookingId,
      before: p.before,
      after: p.after,
      lo: p.lo,
      hi: p.hi,
    });
    // Each host's first maxSlots starts hold the first maxSlots starts of all hosts together.
    free.push(freeStarts(gridStarts(ws, p), p.duration, unionWindows(ws), busy, p.maxSlots));
  }

  const recent = participants.map((x) => nonNegative(x.recentBookings));
  const rank = Array.from({ length: n }, (_, i) => i);
  if (input.method === 'max-availability') {
    rank.sort((a, b) => free[b]!.length - free[a]!.length || recent[a]! - recent[b]! || a - b);
  } else {
    rank.sort((a, b) => recent[a]! - recent[b]! || a - b);
  }
  const order = rank.map((i) => participants[i]!.email);
  if (p === undefined) return { time_slots: [], order };

  let total = 0;
  for (const f of free) total += f.length;
  const all = new Float64Array(total);
  let k = 0;
  for (const f of free) for (const s of f) all[k++] = s;
  all.sort();

  const ptr = new Array<number>(n).fill(0);
  const slots: TimeSlot[] = [];
  let prev = NaN;
  for (let i = 0; i < total && slots.length < p.maxSlots; i++) {
    const s = all[i]!;
    if (s === prev) continue;
    prev = s;
    const emails: string[] = [];
    for (const idx of rank) {
      const f = free[idx]!;
      let q = ptr[idx]!;
      while (q < f.length && f[q]! < s) q++;
      ptr[idx] = q;
      if (q < f.length && f[q] === s) emails.push(participants[idx]!.email);
    }
    slots.push({ emails, start_time: s, end_time: s + p.duration });
  }
  return { time_slots: slots, order };
}

/** The time slots (and, for round-robin, the participant order) a configuration offers. */
export function computeAvailability(input: EngineInput): EngineResult {
  const participants = Array.isArray(input.participants)
    ? input.participants.filter((x) => x !== null && typeof x === 'object')
    : [];
  const p = resolveParams(input);
  if (input.method === 'max-fairness' || input.method === 'max-availability') {
    return roundRobin(participants, input, p);
  }
  if (p === undefined || participants.length === 0) return { time_slots: [] };
  return { time_slots: collective(participants, input, p) };
}
