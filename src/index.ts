// Side-effect-free exports: importing these does not register the element.
export { SchedulerWidget, type Prefill } from './scheduler-widget.js';
export { SchedulerClient, DEFAULT_API_URL, type Auth, type ClientOptions } from './api/client.js';
export { ApiError, isSlotTaken } from './api/errors.js';
export { decodeBookingRef, type BookingRef } from './api/booking-ref.js';
export type { SchedulerEventMap } from './events.js';
export type { Strings } from './i18n/index.js';
export type * from './api/wire.js';
