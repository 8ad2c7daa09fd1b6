import type { BookingFlow } from '../flow/flow.js';
import type { PrefillHost } from './prefill.js';

/**
 * Nylas's `booking-info` under what the element's own values and the page's query string prefill
 * (`prefillOf`): its guest after `guest-name` / `guest-email`, its guests and additional fields'
 * values under `prefill`'s. A chunk of its own: only a page that came from Nylas's element sets it.
 */
export function withBookingInfo(base: BookingFlow['prefill'], host: PrefillHost): BookingFlow['prefill'] {
  const { primaryParticipant: guest, guests, additionalFields = {} } = host.bookingInfo ?? {};
  return {
    ...base,
    additionalGuests: host.prefill.additionalGuests ?? guests,
    fields: {
      ...Object.fromEntries(Object.entries(additionalFields).map(([key, field]) => [key, field.value])),
      ...host.prefill.fields,
    },
    name: host.guestName || guest?.name || base.name,
    email: host.guestEmail || guest?.email || base.email,
  };
}
