/**
 * Open hours → open windows (spans of Unix seconds), per participant.
 *
 * The only place the engine touches time zones. Wall times are turned into instants by the
 * Temporal polyfill with the 'compatible' disambiguation (a wall time in a spring-forward gap
 * moves forward by the gap; an ambiguous fall-back wall time takes the earlier instant), one
 * conversion per window edge per local day. Everything else is integer arithmetic on epoch
 * seconds and on calendar day numbers (days since 1970-01-01, no zone involved).
 */
import { Temporal } from 'temporal-polyfill';
import type { OpenHours, SpecificTimeAvailability, Weekday } from '../../src/contract/admin.js';
import { isIsoDate } from '../../src/contract/validators.js';

const DAY = 86400;

/** An open window: [start, end) in Unix seconds, plus the local wall clock at its start. */
export interface OpenWindow {
  start: number;
  end: number;
  /**
   * Seconds since local midnight, read on the wall clock of the window's zone at `start`
   * (after disambiguation: a window asked for 2:10 in a 30-minute spring-forward gap starts
   * at 2:40 and this says 2:40). Slot starts are aligned to `round_to` on this clock.
   */
  wall: number;
}

/** Mon–Fri 9:00–17:00 in the participant's zone: the last fallback. */
export const FALLBACK_OPEN_HOURS: readonly OpenHours[] = Object.freeze([
  Object.freeze({ days: [1, 2, 3, 4, 5], start: '9:00', end: '17:00' }) as OpenHours,
]);

// ---------------------------------------------------------------- calendar arithmetic

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1–12, day 1–31] of a day number (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** 0 = Sunday … 6 = Saturday of a day number (1970-01-01 was a Thursday). */
export const weekdayOfDay = (days: number): number => (((days + 4) % 7) + 7) % 7;

/** A `YYYY-MM-DD` string as a day number, or undefined when it is not a real date. */
export function parseIsoDate(s: unknown): number | undefined {
  if (typeof s !== 'string' || !isIsoDate(s)) return undefined;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return daysFromCivil(y, m, d);
}

/**
 * "9:00", "17:30", "09:05" → minutes since midnight (0–1440); "24:00" is 1440. Undefined when
 * malformed (hours over 24, minutes over 59, "24:30").
 */
export function parseWallTime(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

// ---------------------------------------------------------------- wall time → instant

interface Edge {
  epoch: number;
  wall: number;
}

/**
 * (zone, day, minutes) → instant and actual wall clock. A process-wide memo (time zone rules
 * do not change while the process runs, so this keeps the engine a pure function of its input);
 * bounded, cleared when full, like the polyfill's own caches.
 */
const edgeCache = new Map<string, Edge>();
const EDGE_CACHE_MAX = 100_000;
const COMPATIBLE = { disambiguation: 'compatible' } as const;
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

/** Drops the memo of wall-time conversions (for cold-start measurements). */
export function clearWindowCache(): void {
  edgeCache.clear();
}

/**
 * The instant of a wall time; with `withWall`, also the wall clock actually shown then (only
 * window starts need it: reading the offset costs as much again as the conversion). Throws a
 * RangeError for an unknown zone or a date Temporal cannot represent.
 */
function wallToInstant(zone: string, day: number, minutes: number, withWall: boolean): Edge {
  const key = zone + '|' + day + '|' + minutes;
  let edge = edgeCache.get(key);
  if (edge === undefined || (withWall && Number.isNaN(edge.wall))) {
    let d = day;
    let min = minutes;
    if (min >= 1440) {
      d += 1; // "24:00" is the next day's midnight
      min -= 1440;
    }
    const [y, mo, dd] = civilFromDays(d);
    const zdt = new Temporal.PlainDateTime(y, mo, dd, Math.floor(min / 60), min % 60).toZonedDateTime(zone, COMPATIBLE);
    const epoch = Math.floor(zdt.epochMilliseconds / 1000);
    let wall = NaN;
    if (withWall) {
      // Differs from the wall time asked for when that one fell in a spring-forward gap.
      const local = epoch + Math.round(zdt.offsetNanoseconds / 1e9);
      wall = ((local % DAY) + DAY) % DAY;
    }
    edge = { epoch, wall };
    if (edgeCache.size >= EDGE_CACHE_MAX) edgeCache.clear();
    edgeCache.set(key, edge);
  }
  return edge;
}

// ---------------------------------------------------------------- open hours → windows

interface CompiledOpenHours {
  zone: string;
  days: boolean[];
  start: number;
  end: number;
  exdates: Set<number> | null;
}

/**
 * Undefined for an entry that can open nothing: malformed times, end not after start, no valid
 * day. An `end` of "0:00" means the end of the day (like "24:00").
 */
function compile(entry: OpenHours, participantZone: string): CompiledOpenHours | undefined {
  if (entry === null || typeof entry !== 'object') return undefined;
  const start = parseWallTime(entry.start);
  let end = parseWallTime(entry.end);
  if (start === undefined || end === undefined) return undefined;
  if (end === 0) end = 1440;
  // Also refuses a start of "24:00": no end comes after it.
  if (end <= start) return undefined;
  // Weekday numbers only: 7, -1, 1.5 or "1" open nothing.
  const days = WEEKDAYS.map((d) => Array.isArray(entry.days) && entry.days.includes(d));
  if (!days.includes(true)) return undefined;
  let exdates: Set<number> | null = null;
  if (Array.isArray(entry.exdates) && entry.exdates.length > 0) {
    exdates = new Set();
    for (const x of entry.exdates) {
      const day = parseIsoDate(x);
      if (day !== undefined) exdates.add(day);
    }
  }
  const zone =
    typeof entry.timezone === 'string' && entry.timezone.trim() !== '' ? entry.timezone.trim() : participantZone;
  return { zone, days, start, end, exdates };
}

/**
 * The window of compiled hours on local day `day`, or undefined when it is empty (swallowed by a
 * spring-forward gap, 2:30–3:00) or misses [lo, hi). Throws for an unknown zone.
 */
function windowOn(c: CompiledOpenHours, day: number, lo: number, hi: number): OpenWindow | undefined {
  const s = wallToInstant(c.zone, day, c.start, true);
  const e = wallToInstant(c.zone, day, c.end, false);
  if (e.epoch <= s.epoch || e.epoch <= lo || s.epoch >= hi) return undefined;
  return { start: s.epoch, end: e.epoch, wall: s.wall };
}

/** The open-hours entries that apply: the participant's, else the defaults, else Mon–Fri 9–17. */
export function effectiveOpenHours(
  own: readonly OpenHours[] | undefined,
  defaults: readonly OpenHours[] | undefined,
): readonly OpenHours[] {
  if (Array.isArray(own) && own.length > 0) return own;
  if (Array.isArray(defaults) && defaults.length > 0) return defaults;
  return FALLBACK_OPEN_HOURS;
}

/**
 * Every window of `entries` that overlaps [lo, hi), whole (not clipped: the slot grid is
 * anchored to the real window start), sorted by start then end. Windows may overlap or touch.
 *
 * An entry whose zone is unknown to Temporal (or whose dates fall outside Temporal's range)
 * opens nothing; it never throws.
 */
export function openWindows(
  entries: readonly OpenHours[],
  participantZone: string,
  lo: number,
  hi: number,
  /** Local days (day numbers) that open nothing, whatever the entries say. */
  closedDays?: ReadonlySet<number>,
): OpenWindow[] {
  const zone = typeof participantZone === 'string' && participantZone.trim() !== '' ? participantZone.trim() : 'UTC';
  // A window of local day D lies inside [D 00:00, D+1 00:00] local time; UTC offsets stay well
  // within ±24 h, so local days from one before lo's UTC day to one after hi's cover them all.
  const firstDay = Math.floor(lo / DAY) - 1;
  const lastDay = Math.floor(hi / DAY) + 1;
  const out: OpenWindow[] = [];
  for (const entry of entries) {
    const c = compile(entry, zone);
    if (c === undefined) continue;
    const mine: OpenWindow[] = [];
    try {
      for (let day = firstDay; day <= lastDay; day++) {
        if (!c.days[weekdayOfDay(day)] || (c.exdates !== null && c.exdates.has(day)) || closedDays?.has(day)) continue;
        const w = windowOn(c, day, lo, hi);
        if (w) mine.push(w);
      }
    } catch {
      continue; // unknown zone or out of Temporal's range: this entry opens nothing
    }
    for (const w of mine) out.push(w);
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

/** The local days (day numbers) that specific time availability entries name. */
export function specificDays(entries: readonly SpecificTimeAvailability[]): Set<number> {
  const days = new Set<number>();
  for (const entry of entries) {
    const day = parseIsoDate(entry?.date);
    if (day !== undefined) days.add(day);
  }
  return days;
}

/**
 * The windows of specific time availability entries (one date each) that overlap [lo, hi), sorted
 * like openWindows. Entries with a malformed date or times, or an unknown zone, open nothing.
 */
export function specificWindows(
  entries: readonly SpecificTimeAvailability[],
  participantZone: string,
  lo: number,
  hi: number,
): OpenWindow[] {
  const zone = typeof participantZone === 'string' && participantZone.trim() !== '' ? participantZone.trim() : 'UTC';
  const out: OpenWindow[] = [];
  for (const entry of entries) {
    const day = parseIsoDate(entry?.date);
    if (day === undefined) continue;
    // The entry is open hours of its date's weekday, on that date only.
    const c = compile(
      {
        days: [weekdayOfDay(day) as Weekday],
        start: entry.start,
        end: entry.end,
        ...(entry.timezone && { timezone: entry.timezone }),
      },
      zone,
    );
    if (c === undefined) continue;
    try {
      const w = windowOn(c, day, lo, hi);
      if (w) out.push(w);
    } catch {
      continue; // unknown zone or out of Temporal's range
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}
