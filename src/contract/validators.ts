/** The contract's value checks, the same on both sides. */

/** An IANA zone name (or an alias) this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return !!zone;
  } catch {
    return false;
  }
}

/** A real calendar day written `YYYY-MM-DD` (not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return /^\d{4}-\d\d-\d\d$/.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** What names a grant in a path or a token request: its id or its email. */
export const isGrantIdentifier = (value: string): boolean => /^[A-Za-z0-9._@+-]{1,254}$/.test(value);
