/** Pure date/time helpers on Intl. Day keys 'YYYY-MM-DD', month keys 'YYYY-MM', epoch seconds. */

export { addDays, addMonths, clampKey, daysInMonth, keyToMs, monthGrid, monthOf, msToKey, weekdayOf } from './keys.js';
export { safeLocale } from './intl.js';
export { isValidTimeZone } from '../contract/validators.js';
export { browserTimeZone, dayKeyOf, monthRange, startOfDay, timeZoneNames, zoneOffsetLabel } from './zone.js';
export { defaultHourCycle, firstDayOfWeek, weekdayNames } from './locale.js';
export {
  formatDayLong,
  formatDayNumber,
  formatDuration,
  formatMonthTitle,
  formatTime,
  formatDateTimeRange,
  type TimeFormatOptions,
} from './format.js';
export { nextActiveDay, type NavBounds } from './nav.js';
