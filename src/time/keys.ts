/**
 * Calendar keys: day keys 'YYYY-MM-DD' and month keys 'YYYY-MM'. Pure arithmetic on UTC dates,
 * no time zone involved (a key names a calendar day, not an instant). Keys compare as strings;
 * years have four digits (0000..9999).
 */

const DAY_MS = 864e5;

/** 00:00 UTC of a day key (a month key means its 1st) in epoch milliseconds. */
export const keyToMs = (key: string): number => Date.parse(key); // ISO dates are UTC; years 0..99 stay literal

/** The day key of a UTC date given in epoch milliseconds (years 0..9999). */
export const msToKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const monthOf = (dayKey: string): string => dayKey.slice(0, 7);

export const addDays = (dayKey: string, n: number): string => msToKey(keyToMs(dayKey) + n * DAY_MS);

export function addMonths(monthKey: string, n: number): string {
  const t = new Date(keyToMs(monthKey));
  return monthOf(msToKey(t.setUTCMonth(t.getUTCMonth() + n)));
}

/** Number of days (28..31) in a month key. */
export const daysInMonth = (monthKey: string): number =>
  new Date(keyToMs(addMonths(monthKey, 1)) - DAY_MS).getUTCDate();

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (dayKey: string): number => new Date(keyToMs(dayKey)).getUTCDay();

/** `key` kept within [min, max]. */
export const clampKey = (key: string, min: string, max: string): string => (key < min ? min : key > max ? max : key);

/**
 * The month as weeks of 7 day keys, starting on `firstDayOfWeek` (0 = Sunday), with null for the
 * leading and trailing cells outside the month; 4 to 6 rows.
 */
export function monthGrid(monthKey: string, firstDayOfWeek: number): (string | null)[][] {
  const first = `${monthKey}-01`;
  const cells: (string | null)[] = Array((weekdayOf(first) - firstDayOfWeek + 7) % 7).fill(null);
  for (let day = first; day.startsWith(monthKey); day = addDays(day, 1)) cells.push(day);
  while (cells.length % 7) cells.push(null);
  const rows: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  return rows;
}
