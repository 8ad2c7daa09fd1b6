/** Keyboard movement in a month calendar (pure, so the view stays thin and this stays tested). */

import { addDays, addMonths, clampKey, daysInMonth, monthOf, weekdayOf } from './keys.js';

export interface NavBounds {
  /** 0 = Sunday … 6 = Saturday. */
  firstDayOfWeek: number;
  /** First and last reachable months ('YYYY-MM'). */
  minMonth: string;
  maxMonth: string;
}

const lastDay = (month: string): string => `${month}-${daysInMonth(month)}`;

/** `day` kept within `month`. */
const inMonth = (day: string, month: string): string => clampKey(day, `${month}-01`, lastDay(month));

/**
 * The day that key `key` (a KeyboardEvent.key) moves the active day `current` to, or null when
 * the key is not a calendar key. ArrowLeft/Right ±1 day (mirrored when `rtl`), ArrowUp/Down ±7,
 * PageUp/PageDown ±1 month (±1 year with `shift`) keeping the day number clamped to the month
 * length, Home/End the first/last day of the week (kept within the current month). The result is
 * clamped to [first day of minMonth, last day of maxMonth]; it may equal `current`.
 */
export function nextActiveDay(
  key: string,
  current: string,
  bounds: NavBounds,
  flags: { rtl?: boolean; shift?: boolean } = {},
): string | null {
  const month = monthOf(current);
  const col = (weekdayOf(current) - bounds.firstDayOfWeek + 7) % 7;
  let next: string;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowRight':
      next = addDays(current, (key === 'ArrowRight') !== !!flags.rtl ? 1 : -1);
      break;
    case 'ArrowUp':
    case 'ArrowDown':
      next = addDays(current, key === 'ArrowUp' ? -7 : 7);
      break;
    case 'Home':
      next = inMonth(addDays(current, -col), month);
      break;
    case 'End':
      next = inMonth(addDays(current, 6 - col), month);
      break;
    case 'PageUp':
    case 'PageDown': {
      const m = addMonths(month, (key === 'PageUp' ? -1 : 1) * (flags.shift ? 12 : 1));
      next = inMonth(m + current.slice(7), m);
      break;
    }
    default:
      return null;
  }
  return clampKey(next, `${bounds.minMonth}-01`, lastDay(bounds.maxMonth));
}
