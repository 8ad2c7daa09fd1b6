/** Localized formatting of instants, days, months and durations (all formatters cached). */

import { cached, dtf, safeLocale } from './intl.js';
import { keyToMs } from './keys.js';

export interface TimeFormatOptions {
  locale?: string;
  timeZone: string;
  /** Omit for the locale's default. */
  hourCycle?: 'h12' | 'h23';
}

const time = (o: TimeFormatOptions, extra?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  dtf(o.locale, { timeZone: o.timeZone, hourCycle: o.hourCycle, hour: 'numeric', minute: '2-digit', ...extra });

/** Hour and minute of an instant in a zone, e.g. "9:00 AM" / "09:00". */
export const formatTime = (epochSec: number, o: TimeFormatOptions): string => time(o).format(epochSec * 1e3);

const LONG_DATE = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' } as const;

/**
 * Date, start–end times and zone, all placed and punctuated by Intl for the language, e.g.
 * "Wednesday, November 25, 2026, 9:00 – 9:30 AM Germany Time".
 */
export const formatDateTimeRange = (startSec: number, endSec: number, o: TimeFormatOptions): string =>
  time(o, { ...LONG_DATE, timeZoneName: 'shortGeneric' }).formatRange(startSec * 1e3, endSec * 1e3);

// Day and month keys are formatted as UTC dates in UTC, so they never shift a day.
const day = (key: string, locale: string | undefined, o: Intl.DateTimeFormatOptions): string =>
  dtf(locale, { timeZone: 'UTC', ...o }).format(keyToMs(key));

/** E.g. "Wednesday, November 25, 2026". */
export const formatDayLong = (dayKey: string, locale?: string): string =>
  day(dayKey, locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

/** The day of the month in the locale's digits, e.g. "25" or "٢٥", without a suffix ("10", not Japanese "10日": calendar cells stay one line). */
export const formatDayNumber = (dayKey: string, locale?: string): string =>
  dtf(locale, { timeZone: 'UTC', day: 'numeric' })
    .formatToParts(keyToMs(dayKey))
    .find((part) => part.type === 'day')!.value;

/** E.g. "November 2026". */
export const formatMonthTitle = (monthKey: string, locale?: string): string =>
  day(monthKey, locale, { year: 'numeric', month: 'long' });

/** E.g. "30 min", "1 hr", "1 hr 30 min" (short units joined as a narrow unit list). */
export function formatDuration(minutes: number, locale?: string): string {
  const loc = safeLocale(locale);
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes - h * 60);
  const unit = (u: 'hour' | 'minute', v: number): string =>
    cached('n' + loc + u, () => new Intl.NumberFormat(loc, { style: 'unit', unit: u, unitDisplay: 'short' })).format(v);
  const parts = [...(h ? [unit('hour', h)] : []), ...(m || !h ? [unit('minute', m)] : [])];
  return cached('l' + loc, () => new Intl.ListFormat(loc, { type: 'unit', style: 'narrow' })).format(parts);
}
