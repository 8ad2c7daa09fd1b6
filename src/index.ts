// The side-effect-free entry (`scheduler-widget`): importing it defines no element, so an app that
// only wants the client or the types bundles nothing else. `scheduler-widget/define` registers the tag.
export { SchedulerWidget, type NylasBookingInfo, type Prefill } from './scheduler-widget.js';
export { SchedulerClient, DEFAULT_API_URL, type Auth, type ClientOptions } from './api/client.js';
export { createBooking, rescheduleBooking, cancelBooking, confirmBooking } from './api/bookings.js';
export { ApiError, isSlotTaken } from './api/errors.js';
export { decodeBookingRef, type BookingRef } from './contract/booking-ref.js';
export type { SchedulerEventMap } from './events.js';
export type { Language, Strings } from './i18n/index.js';
export type * from './contract/guest.js';
