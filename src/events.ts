import type { WidgetErrorType } from './api/errors.js';
import type {
  BookingInput,
  BookingResult,
  GroupBookingInput,
  GroupTimeSlot,
  TimeSlot,
  UiSettings,
} from './contract/guest.js';

/** Every public event is a `CustomEvent` that bubbles and is composed; this is its `detail`. */
export interface SchedulerEventMap {
  'scheduler-ready': CustomEvent<UiSettings>;
  'scheduler-date-select': CustomEvent<{ date: string }>;
  /** A group configuration's slot is a session: `event_id`, `master_id`, `calendar_id`, `capacity` (seats left). */
  'scheduler-slot-select': CustomEvent<{ slot: TimeSlot | GroupTimeSlot }>;
  /** Cancelable: `preventDefault()` stops the booking. A group session's names it (`event_id`, `master_id`, `calendar_id`). */
  'scheduler-before-book': CustomEvent<BookingInput | GroupBookingInput>;
  /** The API's answer over the chosen time and guest. */
  'scheduler-booked': CustomEvent<BookingResult>;
  /** `booking_id` and the new time, with the API's answer when it sends one (Nylas does not). */
  'scheduler-rescheduled': CustomEvent<BookingResult>;
  /** `event_id`: the booking's event (a group seat's session), when the API told it (`GET bookings/{id}`). */
  'scheduler-cancelled': CustomEvent<{ booking_id: string; event_id?: string }>;
  'scheduler-confirmed': CustomEvent<BookingResult>;
  'scheduler-declined': CustomEvent<{ booking_id: string }>;
  'scheduler-error': CustomEvent<{ type: WidgetErrorType; message: string; status: number }>;
  /** The widget was first shown (inline: its first step painted; popup: first opened), for analytics. */
  'scheduler-view': CustomEvent<{ configuration_id: string; display: 'inline' | 'popup' | 'floating' }>;
  /** The guest moved to another month (`YYYY-MM`). */
  'scheduler-month-change': CustomEvent<{ month: string }>;
  /** The zone times are shown in changed (the guest picked one, or the page set `timezone`). */
  'scheduler-timezone-change': CustomEvent<{ timeZone: string }>;
  /** The guest typed or chose something in the details form for the first time. */
  'scheduler-form-start': CustomEvent<{ configuration_id: string }>;
  /** The popup's modal opened (`display="popup"` or `"floating"`). */
  'scheduler-open': CustomEvent<null>;
  /** The popup's modal closed (Esc, its close button, a click outside, or `close()`). */
  'scheduler-close': CustomEvent<null>;
}

export type SchedulerEventName = keyof SchedulerEventMap;
export type SchedulerEventDetail<K extends SchedulerEventName> = SchedulerEventMap[K]['detail'];
