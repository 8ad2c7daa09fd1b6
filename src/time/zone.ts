/** Instants ↔ calendar days in an IANA time zone, and zone names. Epoch values are seconds. */

import { cached, dtf } from './intl.js';
import { addMonths, keyToMs, msToKey } from './keys.js';

const DAY = 86400;

/** The calendar day ('YYYY-MM-DD') of the instant `epochSec` in `timeZone` (RangeError if the zone is invalid). */
export function dayKeyOf(epochSec: number, timeZone: string): string {
  // Runs for every slot, so the fast `format` (not `formatToParts`), with a formatter per zone.
  const format = cached(
    'k' + timeZone,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  );
  const key = format.format(epochSec * 1e3);
  // en-CA formats as YYYY-MM-DD; should an ICU ever change that, read the wall clock instead.
  return /^\d{4}-\d\d-\d\d$/.test(key) ? key : msToKey(wallClock(epochSec, timeZone) * 1e3);
}

/** The local wall-clock time of `epochSec` in `timeZone`, read as if it were UTC (seconds). */
export function wallClock(epochSec: number, timeZone: string): number {
  const p: Record<string, number> = {};
  const f = dtf('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  for (const { type, value } of f.formatToParts(epochSec * 1e3)) p[type] = +value;
  const t = new Date(0);
  t.setUTCFullYear(p.year!, p.month! - 1, p.day!);
  t.setUTCHours(p.hour! % 24, p.minute!, p.second!);
  return t.getTime() / 1e3;
}

/**
 * The first instant (epoch seconds) of the local day `dayKey` in `timeZone`: local midnight, or,
 * where midnight is skipped by a transition (e.g. America/Santiago in September), the first instant
 * that exists that day (the transition). If midnight occurs twice, the earlier one.
 *
 * It is the smallest instant whose wall time is ≥ the day's midnight. That instant lies between
 * the two candidates made with the zone offsets a day before and a day after; when the offsets
 * agree (almost every day) it is that candidate, otherwise a binary search over seconds finds it.
 */
export function startOfDay(dayKey: string, timeZone: string): number {
  const midnight = keyToMs(dayKey) / 1e3;
  const a = midnight - wallClock(midnight - DAY, timeZone) + (midnight - DAY);
  const b = midnight - wallClock(midnight + DAY, timeZone) + (midnight + DAY);
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallClock(mid, timeZone) >= midnight) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The month `monthKey` in `timeZone` as epoch seconds: [start, end) with end the next month's start. */
export const monthRange = (monthKey: string, timeZone: string): { start: number; end: number } => ({
  start: startOfDay(`${monthKey}-01`, timeZone),
  end: startOfDay(`${addMonths(monthKey, 1)}-01`, timeZone),
});

let zones: string[] | undefined;

/** IANA time zones known to this browser (always including 'UTC'). */
export function timeZoneNames(): string[] {
  if (!zones) {
    const sv = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf;
    zones = sv ? sv('timeZone') : [browserTimeZone()];
    if (!zones.includes('UTC')) zones = [...zones, 'UTC'];
  }
  return zones;
}

/** The zone's localized UTC offset at an instant, e.g. "GMT+09:00" ("GMT" for UTC). */
export const zoneOffsetLabel = (timeZone: string, atEpochSec: number, locale?: string): string =>
  dtf(locale, { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(atEpochSec * 1e3)
    .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;

/** The browser's time zone ('UTC' if it cannot tell). */
export const browserTimeZone = (): string => new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
