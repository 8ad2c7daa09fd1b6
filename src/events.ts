import type { Booking, BookingInput, TimeSlot, UiSettings } from './api/wire.js';

/** Every public event is a `CustomEvent` that bubbles and is composed; this is its `detail`. */
export interface SchedulerEventMap {
  'scheduler-ready': CustomEvent<UiSettings>;
  'scheduler-date-select': CustomEvent<{ date: string }>;
  'scheduler-slot-select': CustomEvent<{ slot: TimeSlot }>;
  /** Cancelable: `preventDefault()` stops the booking. */
  'scheduler-before-book': CustomEvent<BookingInput>;
  'scheduler-booked': CustomEvent<Booking>;
  'scheduler-rescheduled': CustomEvent<Booking>;
  'scheduler-cancelled': CustomEvent<{ booking_id: string }>;
  'scheduler-confirmed': CustomEvent<Booking>;
  'scheduler-declined': CustomEvent<Booking>;
  'scheduler-error': CustomEvent<{ type: string; message: string; status: number }>;
}
