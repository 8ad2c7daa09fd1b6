import { monthRange } from '../time/index.js';

/** The availability windows the flow asks for, from plain values: no state, no client, no DOM (the writes' bodies are in `writes.ts`). */

export { filled, type GuestForm } from './form.js';

export interface AvailabilityWindow {
  start: number;
  end: number;
}

/** A month in a zone, from now on (whole minutes); `null` once the month is over. */
export function availabilityWindow(month: string, timeZone: string, now: number): AvailabilityWindow | null {
  const range = monthRange(month, timeZone);
  const start = Math.max(range.start, Math.floor(now / 60) * 60);
  return start < range.end ? { start, end: range.end } : null;
}

/** `availabilityWindow` of this month in the browser's own zone, from `Date` alone: no Intl, whose first use in a page costs tens of ms. */
export const localMonthWindow = (now: number, today = new Date(now * 1e3)): AvailabilityWindow => ({
  start: now - (now % 60),
  end: +new Date(today.getFullYear(), today.getMonth() + 1) / 1e3,
});
