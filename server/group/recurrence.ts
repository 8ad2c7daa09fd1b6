/**
 * Recurring group events: RRULE and EXDATE lines (RFC 5545) expanded into occurrences in the
 * event's own time zone.
 *
 * ical.js iterates the rule on wall-clock ("floating") times, so a 09:00 Monday class stays a
 * 09:00 Monday class; Temporal turns each wall-clock time into an instant in the zone, which is
 * where daylight saving time is applied (a 02:30 that does not exist moves forward, as calendars do).
 */
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';

export interface Series {
  /** Unix seconds of the first occurrence. */
  start: number;
  end: number;
  timezone: string;
  /** RRULE / EXDATE lines; null or empty for a single event. */
  recurrence: string[] | null;
}

/** An occurrence by its original start (Unix seconds); its end keeps the series' duration. */
export interface Slot {
  start: number;
  end: number;
}

/** Expanding never walks further than this many occurrences from the series' start. */
const MAX_OCCURRENCES = 20000;
const CACHED_SERIES = 2000;

/** What is kept of a series between calls, by what determines it (first start, zone, lines). */
interface Kept {
  /** A rule whose occurrences are computed (steadyStep): its step and first wall-clock start. */
  steady?: { rule: Rule; step: number; first: number };
  /**
   * Any other rule: the starts ical.js has found walking it from the first start, and the rest of
   * the walk, taken further when a caller asks for more (so each rule is walked once, as far as
   * asked for).
   */
  walk?: { starts: number[]; rest: Iterator<number> | undefined };
}
/** Undefined for lines that no longer parse. */
const kept = new Map<string, Kept | undefined>();

/**
 * An expansion examines at most this many candidate dates. An RFC 5545 rule can match nothing
 * (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31`) and ical.js then searches forever; a rule whose second
 * occurrence is not found within this many is refused when written, and every expansion stops
 * here. 20,000 is the most occurrences an expansion keeps (a rule without BY parts takes a step
 * an occurrence), four years of days (29 February comes), and about 0.1 s of ical.js for an
 * impossible daily rule on a loaded machine (100,000 took 0.6 s).
 */
export const MAX_EXPANSION_STEPS = 20_000;

class StepsExhausted extends Error {}

/** Work done expanding rules since the process started: tests and the bench measure by it, not by the clock. */
export const recurrenceWork = { steps: 0 };

interface Rule {
  recur: ICAL.Recur;
  /** Excluded instants (Unix seconds) and excluded local days (`YYYY-MM-DD`). */
  excludedInstants: Set<number>;
  excludedDays: Set<string>;
}

const STAMP = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;

const localDateTime = (seconds: number, zone: string): Temporal.PlainDateTime =>
  Temporal.Instant.fromEpochMilliseconds(seconds * 1000)
    .toZonedDateTimeISO(zone)
    .toPlainDateTime();

const instantOf = (local: Temporal.PlainDateTime, zone: string): number =>
  local.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds / 1000;

const two = (n: number) => (n < 10 ? '0' : '') + n;

/** `YYYYMMDDTHHMMSSZ` of an instant, the suffix recurring occurrence ids carry (as Google's do). */
export function utcStamp(seconds: number): string {
  // By hand: every occurrence in an availability answer gets one, and toISOString with two
  // replaces took a quarter of a 60,000-occurrence answer.
  const date = new Date(seconds * 1000);
  return `${String(date.getUTCFullYear()).padStart(4, '0')}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}T${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
}

/** The instant of a `YYYYMMDDTHHMMSSZ` stamp, or undefined. */
export function stampSeconds(stamp: string): number | undefined {
  const match = STAMP.exec(stamp);
  if (!match || match[4] === undefined || match[7] !== 'Z') return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  return Number.isNaN(ms) || utcStamp(ms / 1000) !== stamp ? undefined : ms / 1000;
}

/**
 * The rule of a series, or a message saying why the lines are not one. `UNTIL` given in UTC is
 * turned into the zone's wall clock, as the iteration runs on wall-clock times.
 */
function parseRule(lines: string[], zone: string): Rule | string {
  let recur: ICAL.Recur | undefined;
  const excludedInstants = new Set<number>();
  const excludedDays = new Set<string>();
  for (const line of lines) {
    const match = /^([A-Z-]+)((?:;[A-Z-]+=[^;:]*)*):(.+)$/i.exec(line.trim());
    if (!match) return `recurrence: "${line}" is not an RRULE or EXDATE line`;
    const name = match[1]!.toUpperCase();
    const params = new Map(
      match[2]!
        .split(';')
        .filter(Boolean)
        .map((param) => param.split('=') as [string, string]),
    );
    const value = match[3]!;
    if (name === 'RRULE') {
      if (recur) return 'recurrence: Only one RRULE is supported';
      const withLocalUntil = value.replace(/UNTIL=(\d{8}T\d{6}Z)/i, (_all, stamp: string) => {
        const seconds = stampSeconds(stamp.toUpperCase());
        if (seconds === undefined) return `UNTIL=${stamp}`;
        return `UNTIL=${localDateTime(seconds, zone).toString().replace(/[-:]/g, '').slice(0, 15)}`;
      });
      try {
        recur = ICAL.Recur.fromString(withLocalUntil);
      } catch (error) {
        return `recurrence: ${(error as Error).message}`;
      }
      if (!recur.freq) return 'recurrence: RRULE needs FREQ';
      if (recur.interval < 1 || recur.interval > 1000) return 'recurrence: INTERVAL must be 1-1000';
    } else if (name === 'EXDATE') {
      const exZone = params.get('TZID') ?? zone;
      for (const item of value.split(',')) {
        const stamp = STAMP.exec(item.trim());
        if (!stamp) return `recurrence: EXDATE value "${item}" is not a date or date-time`;
        const [, y, mo, d, h, mi, s, utc] = stamp;
        const day = `${y}-${mo}-${d}`;
        try {
          if (h === undefined) {
            excludedDays.add(Temporal.PlainDate.from(day).toString());
          } else if (utc === 'Z') {
            excludedInstants.add(Date.parse(`${day}T${h}:${mi}:${s}Z`) / 1000);
          } else {
            excludedInstants.add(instantOf(Temporal.PlainDateTime.from(`${day}T${h}:${mi}:${s}`), exZone));
          }
        } catch {
          return `recurrence: EXDATE value "${item}" is not a real date`;
        }
        if ([...excludedInstants].some(Number.isNaN)) return `recurrence: EXDATE value "${item}" is not a real date`;
      }
    } else {
      return `recurrence: ${name} lines are not supported (only RRULE and EXDATE; the time zone comes from "when")`;
    }
  }
  if (!recur) return 'recurrence: An RRULE line is required';
  return { recur, excludedInstants, excludedDays };
}

/**
 * The rule's iterator from the series' first start, examining at most MAX_EXPANSION_STEPS
 * candidate dates: past that, `next()` throws StepsExhausted. ical.js calls
 * `check_contracting_rules` once per candidate in every frequency's search loop.
 */
function boundedIterator(rule: Rule, start: number, zone: string): ICAL.RecurIterator {
  const first = localDateTime(start, zone);
  const iterator = rule.recur.iterator(
    ICAL.Time.fromData({
      year: first.year,
      month: first.month,
      day: first.day,
      hour: first.hour,
      minute: first.minute,
      second: first.second,
      isDate: false,
    }),
  );
  const check = iterator.check_contracting_rules.bind(iterator);
  let left = MAX_EXPANSION_STEPS;
  iterator.check_contracting_rules = () => {
    recurrenceWork.steps++;
    if (--left < 0) throw new StepsExhausted();
    return check();
  };
  return iterator;
}

/**
 * Why `lines` cannot be a series' recurrence starting at `start`, or undefined when they can.
 * Besides parsing, the rule must yield its second occurrence (or end) within MAX_EXPANSION_STEPS
 * candidate dates: a rule that matches nothing would otherwise be expanded forever.
 */
export function recurrenceProblem(lines: string[], zone: string, start: number): string | undefined {
  const rule = parseRule(lines, zone);
  if (typeof rule === 'string') return rule;
  try {
    // ical.js refuses some rules only when iterating them (BYMONTHDAY with FREQ=WEEKLY).
    const iterator = boundedIterator(rule, start, zone);
    iterator.next();
    iterator.next();
  } catch (error) {
    if (!(error instanceof StepsExhausted)) return `recurrence: ${(error as Error).message}`;
    return `recurrence: The rule yields no occurrence after its first within ${MAX_EXPANSION_STEPS} candidate dates (e.g. BYMONTH=2;BYMONTHDAY=31 never matches)`;
  }
  return undefined;
}

export const isRecurring = (series: Series): boolean => (series.recurrence?.length ?? 0) > 0;

/**
 * The starts (Unix seconds) of the series' occurrences overlapping [from, to), in order, found as
 * they are taken: a caller that stops after n of them (an answer's budget) has walked about n. A
 * single event is its own one occurrence. The lines were checked when stored; a series whose
 * lines no longer parse has none.
 */
export function* occurrenceStarts(series: Series, from: number, to: number): Generator<number> {
  const duration = series.end - series.start;
  if (!isRecurring(series)) {
    if (series.end > from && series.start < to) yield series.start;
    return;
  }
  const key = JSON.stringify([series.start, series.timezone, series.recurrence]);
  const known = kept.has(key);
  const entry = known ? kept.get(key) : keep(series);
  if (known) kept.delete(key);
  else if (kept.size >= CACHED_SERIES) kept.delete(kept.keys().next().value!);
  kept.set(key, entry);
  if (!entry) return;
  const after = from - duration;
  const starts = entry.steady ? steadyStarts(series, entry.steady, after) : keptWalk(series, entry, after);
  for (const start of starts) {
    if (start >= to) return;
    if (start + duration > from) yield start;
  }
}

/** The occurrences of a series overlapping [from, to), in order (all of `occurrenceStarts`). */
export function occurrencesBetween(series: Series, from: number, to: number): Slot[] {
  const duration = series.end - series.start;
  return Array.from(occurrenceStarts(series, from, to), (start) => ({ start, end: start + duration }));
}

/** A series' rule, parsed once: computed when steady, else expanded (later) by ical.js. */
function keep(series: Series): Kept | undefined {
  const rule = parseRule(series.recurrence!, series.timezone);
  if (typeof rule === 'string') return undefined;
  const step = steadyStep(rule);
  if (step === undefined) return {};
  return { steady: { rule, step, first: wallSeconds(localDateTime(series.start, series.timezone)) } };
}

/**
 * The starts of a rule ical.js walks, from about `from` on (the first found after it, or the walk
 * taken on until there): what was walked before is kept, the rest walked as it is taken.
 */
function* keptWalk(series: Series, entry: Kept, from: number): Generator<number> {
  const walk = (entry.walk ??= { starts: [], rest: walkedStarts(series) });
  const { starts } = walk;
  let i = firstAfter(starts, from);
  for (; ; i++) {
    if (i === starts.length) {
      const next = walk.rest?.next();
      if (!next || next.done) {
        walk.rest = undefined;
        return;
      }
      starts.push(next.value);
    }
    yield starts[i]!;
  }
}

/** The index of the first of `sorted` greater than `value` (`sorted.length` when none is). */
function firstAfter(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Wall-clock seconds of each frequency a rule without BY parts steps by. */
const STEADY_FREQUENCIES: Partial<Record<string, number>> = {
  SECONDLY: 1,
  MINUTELY: 60,
  HOURLY: 3600,
  DAILY: 86400,
  WEEKLY: 7 * 86400,
};

/**
 * The wall-clock step between occurrences of a rule whose every step is an occurrence (FREQ up to
 * WEEKLY with INTERVAL, COUNT or UNTIL, and no BY part), or undefined: ical.js yields the first start
 * and then one occurrence per step (one candidate date each), so the k-th is computed, not walked.
 */
function steadyStep(rule: Rule): number | undefined {
  const unit = STEADY_FREQUENCIES[rule.recur.freq];
  if (unit === undefined || Object.keys(rule.recur.parts).length > 0) return undefined;
  return unit * rule.recur.interval;
}

/**
 * The starts of a steady rule's occurrences from about `from` on (a day and the zone's largest
 * offset earlier), as ical.js gives them (walkedStarts): the same MAX_OCCURRENCES counted from the
 * series' first start, COUNT, UNTIL (compared on the wall clock, as ical.js does) and EXDATEs.
 */
function* steadyStarts(series: Series, steady: NonNullable<Kept['steady']>, from: number): Generator<number> {
  const { rule, step, first } = steady;
  const { count, until } = rule.recur;
  const last = Math.min(MAX_OCCURRENCES, count ? count : Infinity);
  // UTC offsets lie within ±26 h: a wall time two days before `from`'s UTC reading starts before it.
  const skipped = Math.max(0, Math.ceil((from - 2 * 86400 - first) / step));
  const untilWall = until ? wallSeconds(until) : Infinity;
  const toInstant = wallClockConverter(series.timezone);
  for (let k = skipped; k < last; k++) {
    const wall = first + k * step;
    if (wall > untilWall) return;
    const start = toInstant(wall);
    if (rule.excludedInstants.has(start)) continue;
    if (rule.excludedDays.size > 0 && rule.excludedDays.has(wallDay(wall))) continue;
    yield start;
  }
}

/**
 * The starts of a recurring series' occurrences as ical.js walks its rule from the first start,
 * EXDATEs left out, in order: at most MAX_OCCURRENCES of them, found within MAX_EXPANSION_STEPS
 * candidate dates. (The tests' oracle for the steady rules' computed starts.)
 */
export function* walkedStarts(series: Series): Generator<number> {
  const rule = parseRule(series.recurrence!, series.timezone);
  if (typeof rule === 'string') return;
  let iterator: ICAL.RecurIterator;
  try {
    iterator = boundedIterator(rule, series.start, series.timezone);
  } catch {
    return;
  }
  const toInstant = wallClockConverter(series.timezone);
  for (let count = 0; count < MAX_OCCURRENCES; count++) {
    let next: ICAL.Time | null;
    try {
      next = iterator.next();
    } catch {
      // Out of steps (a rule stored before the write-time check, or a sparse one): what was found stands.
      return;
    }
    if (!next) return;
    const wall = wallSeconds(next);
    const start = toInstant(wall);
    if (rule.excludedInstants.has(start)) continue;
    if (rule.excludedDays.size > 0 && rule.excludedDays.has(wallDay(wall))) continue;
    yield start;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * A wall-clock reading as seconds, as if it were UTC (a floating time: no zone, no daylight
 * saving), for any year (Date.UTC would take years 0-99 for 1900-1999).
 */
function wallSeconds(time: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(time.year, time.month - 1, time.day);
  date.setUTCHours(time.hour, time.minute, time.second);
  return date.getTime() / 1000;
}

/** The `YYYY-MM-DD` of a wall-clock reading (wallSeconds), as EXDATE days are kept. */
function wallDay(wall: number): string {
  const date = new Date(wall * 1000);
  return new Temporal.PlainDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()).toString();
}

/** A zone's UTC offset between two of its transitions [from, until) (Unix seconds). */
interface OffsetPeriod {
  from: number;
  until: number;
  offset: number;
}
/** The periods met so far, by zone: finding a transition is most of a Temporal conversion's cost. */
const offsetPeriods = new Map<string, OffsetPeriod[]>();
const MAX_PERIODS_PER_ZONE = 1000;

/**
 * Wall-clock times (wallSeconds) of one zone to instants, as `instantOf` gives them. The zone's
 * offset holds between two transitions: a time more than a day from both is its wall clock less
 * that offset, with no Temporal call (a minutely series spent most of its expansion there); near a
 * transition, the exact conversion.
 */
function wallClockConverter(zone: string): (wall: number) => number {
  let periods = offsetPeriods.get(zone);
  if (!periods || periods.length > MAX_PERIODS_PER_ZONE) offsetPeriods.set(zone, (periods = []));
  const known = periods;
  const inside = (period: OffsetPeriod, wall: number) =>
    wall - period.offset >= period.from + 86400 && wall - period.offset < period.until - 86400;
  let current: OffsetPeriod = { from: Infinity, until: -Infinity, offset: 0 };
  return (wall) => {
    if (inside(current, wall)) return wall - current.offset;
    const found = known.find((period) => inside(period, wall));
    if (found) {
      current = found;
      return wall - found.offset;
    }
    const fields = new Date(wall * 1000);
    const local = new Temporal.PlainDateTime(
      fields.getUTCFullYear(),
      fields.getUTCMonth() + 1,
      fields.getUTCDate(),
      fields.getUTCHours(),
      fields.getUTCMinutes(),
      fields.getUTCSeconds(),
    );
    const exact = instantOf(local, zone);
    if (exact >= current.from && exact < current.until) return exact;
    const holding = known.find((period) => exact >= period.from && exact < period.until);
    if (holding) {
      current = holding;
      return exact;
    }
    const zoned = Temporal.Instant.fromEpochMilliseconds(exact * 1000).toZonedDateTimeISO(zone);
    // The period's start: the last transition at or before `exact` ('previous' is strictly before
    // the instant asked about, hence a millisecond later).
    const after = Temporal.Instant.fromEpochMilliseconds(exact * 1000 + 1).toZonedDateTimeISO(zone);
    current = {
      from: (after.getTimeZoneTransition('previous')?.epochMilliseconds ?? -Infinity) / 1000,
      until: (zoned.getTimeZoneTransition('next')?.epochMilliseconds ?? Infinity) / 1000,
      offset: zoned.offsetNanoseconds / 1e9,
    };
    known.push(current);
    return exact;
  };
}

/** Whether the series has an occurrence starting exactly at `start`. */
export const hasOccurrenceAt = (series: Series, start: number): boolean =>
  occurrencesBetween(series, start, start + 1).some((slot) => slot.start === start);
