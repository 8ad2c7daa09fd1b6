import { ApiError } from '../api/errors.js';
import { decodeBookingRef } from '../contract/booking-ref.js';
import type { Mode, StartOptions } from '../flow/state.js';

/** Of the element, what says which booking page this is. */
export interface BookingPageHost {
  configurationId: string;
  rescheduleBookingRef: string;
  cancelBookingRef: string;
  confirmBookingRef: string;
  organizerConfirmationBookingRef: string;
  mode: string;
  bookingRefParam: string;
}

/** Which page this is, its booking ref, and a problem with it. */
export type Page = Pick<StartOptions, 'mode' | 'ref' | 'error'>;

/**
 * A page opened from a booking link: which one (from a `*-booking-ref` attribute, or `mode` with the
 * page's query parameter) and its booking ref, decoded; or why it cannot be used. A chunk of its own,
 * loaded only by such pages: the first bookable time of a new booking needs none of it.
 */
export function bookingPage(host: BookingPageHost): Page {
  const confirmRef = host.confirmBookingRef || host.organizerConfirmationBookingRef;
  const [mode, raw]: [Mode, string] = host.rescheduleBookingRef
    ? ['reschedule', host.rescheduleBookingRef]
    : host.cancelBookingRef
      ? ['cancel', host.cancelBookingRef]
      : confirmRef
        ? ['confirm', confirmRef]
        : [host.mode as Mode, new URLSearchParams(location.search).get(host.bookingRefParam) ?? ''];
  const ref = decodeBookingRef(raw);
  // The page's own configuration acts on its own bookings only (the API refuses a ref outside a session's or slug's).
  const error = !ref
    ? new ApiError('invalid_ref', 'The booking ref is not valid.', 0)
    : host.configurationId && ref.configurationId !== host.configurationId.toLowerCase()
      ? new ApiError('invalid_ref', 'The booking ref is not for this configuration-id.', 0)
      : undefined;
  return { mode, ref, error };
}
