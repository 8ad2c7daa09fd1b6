/** Safe locales and cached Intl formatters (one instance per locale + options). */

const formatters = new Map<string, unknown>();

/** `make()` once per key (keys start with the formatter's kind, locale and options). */
export function cached<T>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (f === undefined) formatters.set(key, (f = make()));
  return f;
}

/** A canonical BCP 47 tag for `locale`, or 'en' when it is missing or invalid. Never throws. */
export const safeLocale = (locale?: string | null): string =>
  cached('c' + (locale ?? ''), () => {
    try {
      return Intl.getCanonicalLocales(locale ?? '')[0] ?? 'en';
    } catch {
      return 'en';
    }
  });

/**
 * A cached `Intl.DateTimeFormat`. Options with an undefined value are ignored. Throws a
 * RangeError for an invalid `timeZone` (check with `isValidTimeZone` first).
 */
export function dtf(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const loc = safeLocale(locale);
  return cached('d' + loc + JSON.stringify(options), () => new Intl.DateTimeFormat(loc, options));
}
