/** Locale conventions from Intl: first day of the week, 12/24-hour clock, weekday names. */

import { cached, dtf, safeLocale } from './intl.js';

type WeekInfo = { firstDay: number };
type LocaleWithWeek = Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };

// CLDR regions whose week starts on Sunday / Saturday (2-letter codes, concatenated), used only
// where Intl.Locale has no week info (Firefox < 140 and older engines); default Monday.
const SUN =
  'AGASBDBRBSBTBWBZCACODMDOETGTGUHKHNIDILINJMJPKEKHKRLAMHMMMOMTMXMZNINPPAPEPHPKPRPTPYSASGSVTHTTTWUMUSVEVIWSYEZAZW';
const SAT = 'AEAFBHDJDZEGIQIRJOKWLYOMQASDSY';
const has = (list: string, region: string): boolean => new RegExp(`^(..)*${region}`).test(list);

/** The first day of the week for a locale: 0 = Sunday … 6 = Saturday. */
export function firstDayOfWeek(locale?: string): number {
  const loc = safeLocale(locale);
  return cached('w' + loc, () => {
    const l = new Intl.Locale(loc) as LocaleWithWeek;
    const first = (l.getWeekInfo?.() ?? l.weekInfo)?.firstDay;
    if (first) return first % 7;
    const region = l.maximize().region ?? '';
    return /^[A-Z]{2}$/.test(region) ? (has(SUN, region) ? 0 : has(SAT, region) ? 6 : 1) : 1;
  });
}

/** The locale's usual clock: 'h12' (h11/h12) or 'h23' (h23/h24). */
export function defaultHourCycle(locale?: string): 'h12' | 'h23' {
  const o = dtf(locale, { hour: 'numeric' }).resolvedOptions();
  return (o.hourCycle ? /h1[12]/.test(o.hourCycle) : o.hour12) ? 'h12' : 'h23';
}

/** Seven weekday names starting at `firstDay` (0 = Sunday). */
export function weekdayNames(
  locale: string | undefined,
  firstDay: number,
  width: 'narrow' | 'short' | 'long',
): string[] {
  const f = dtf(locale, { timeZone: 'UTC', weekday: width });
  // 1970-01-04 (epoch day 3) was a Sunday.
  return Array.from({ length: 7 }, (_, i) => f.format((3 + ((firstDay + i) % 7)) * 864e5));
}
