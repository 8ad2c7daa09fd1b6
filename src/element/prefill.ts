import type { Person } from '../contract/guest.js';
import type { BookingFlow } from '../flow/flow.js';

export interface Prefill {
  /** Values of additional fields (including `metadata` ones), by key. */
  fields?: Record<string, string>;
  additionalGuests?: Person[];
}

/**
 * Nylas's `<nylas-scheduling>` `bookingInfo`, as far as it prefills the form
 * (https://developer.nylas.com/docs/reference/ui/scheduling/).
 */
export interface NylasBookingInfo {
  primaryParticipant?: Partial<Person>;
  guests?: Person[];
  additionalFields?: Record<string, { value: string }>;
}

/** Of the element, what prefills the guest's form. */
export interface PrefillHost {
  guestName: string;
  guestEmail: string;
  prefill: Prefill;
  prefillFromUrl: boolean;
  bookingInfo: NylasBookingInfo | null;
}

/**
 * What the page gives before the guest types: the element's values, and the page's query string
 * (each value cut to a length no real name, email or campaign needs; shown as text only, never as HTML).
 * Nylas's `booking-info` is added by `withBookingInfo` (element/booking-info.ts), loaded when it is set.
 */
export function prefillOf({
  guestName,
  guestEmail,
  prefill,
  prefillFromUrl: all,
}: PrefillHost): BookingFlow['prefill'] {
  const query = [...new URLSearchParams(location.search)];
  const params = Object.fromEntries(query.map(([key, value]) => [key, value.slice(0, 256)]));
  return {
    ...prefill,
    name: guestName || (all && params.name) || undefined,
    email: guestEmail || (all && params.email) || undefined,
    url: { params, all },
  };
}
