/**
 * Calendar keys: day keys 'YYYY-MM-DD' and month keys 'YYYY-MM'. Pure arithmetic on UTC dates,
 * no time zone involved (a key names a calendar day, not an instant). Keys compare as strings.
 */

const DAY_MS = 864e5;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** 00:00 UTC of a day key (a month key means its 1st) in epoch milliseconds. */
export function keyToMs(key: string): number {
  const [y = 1970, m = 1, d = 1] = key.split('-').map(Number);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d); // unlike Date.UTC, keeps years 0..99 literal
  return t.getTime();
}

/** The day key of a UTC date given in epoch milliseconds. */
export function msToKey(ms: number): string {
  const t = new Date(ms);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export const monthOf = (dayKey: string): string => dayKey.slice(0, 7);

export const addDays = (dayKey: string, n: number): string => msToKey(keyToMs(dayKey) + n * DAY_MS);

export function addMonths(monthKey: string, n: number): string {
  const [y = 1970, m = 1] = monthKey.split('-').map(Number);
  const i = y * 12 + m - 1 + n;
  return `${pad(Math.floor(i / 12), 4)}-${pad((i % 12) + 1)}`;
}

/** Number of days (28..31) in a month key. */
export const daysInMonth = (monthKey: string): number =>
  new Date(keyToMs(addMonths(monthKey, 1)) - DAY_MS).getUTCDate();

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (dayKey: string): number => new Date(keyToMs(dayKey)).getUTCDay();

export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The month as weeks of 7 day keys, starting on `firstDayOfWeek` (0 = Sunday), with null for the
 * leading and trailing cells outside the month; 4 to 6 rows.
 */
export function monthGrid(monthKey: string, firstDayOfWeek: number): (string | null)[][] {
  const first = `${monthKey}-01`;
  const cells: (string | null)[] = Array((weekdayOf(first) - firstDayOfWeek + 7) % 7).fill(null);
  for (let d = 1, n = daysInMonth(monthKey); d <= n; d++) cells.push(`${monthKey}-${pad(d)}`);
  while (cells.length % 7) cells.push(null);
  const rows: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  return rows;
}
