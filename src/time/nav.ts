/** Keyboard movement in a month calendar (pure, so the view stays thin and this stays tested). */

import { addDays, addMonths, daysInMonth, monthOf, weekdayOf } from './keys.js';

export interface NavBounds {
  /** 0 = Sunday … 6 = Saturday. */
  firstDayOfWeek: number;
  /** First and last reachable months ('YYYY-MM'). */
  minMonth: string;
  maxMonth: string;
}

const lastDay = (month: string): string => `${month}-${daysInMonth(month)}`;

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
      next = addDays(current, -col);
      if (next < `${month}-01`) next = `${month}-01`;
      break;
    case 'End':
      next = addDays(current, 6 - col);
      if (next > lastDay(month)) next = lastDay(month);
      break;
    case 'PageUp':
    case 'PageDown': {
      const m = addMonths(month, (key === 'PageUp' ? -1 : 1) * (flags.shift ? 12 : 1));
      next = `${m}-${String(Math.min(+current.slice(8), daysInMonth(m))).padStart(2, '0')}`;
      break;
    }
    default:
      return null;
  }
  const min = `${bounds.minMonth}-01`;
  const max = lastDay(bounds.maxMonth);
  return next < min ? min : next > max ? max : next;
}
