import type { TimeSlot } from '../../src/contract/guest.js';
import type { AvailabilityMethod, OpenHours, SpecificTimeAvailability } from '../../src/contract/admin.js';

/** A half-open span of Unix seconds: [start, end). */
export interface Interval {
  start: number;
  end: number;
}

export interface BusyInterval extends Interval {
  /** Set when the time is held by a booking (so a reschedule of that booking can ignore it). */
  bookingId?: string;
}

export interface EngineParticipant {
  email: string;
  /** IANA zone used for open hours that name none. */
  timezone: string;
  /**
   * The participant's own open hours; when empty, the configuration's `default_open_hours`;
   * when both are empty, Mon–Fri 9:00–17:00 in `timezone`.
   */
  openHours: OpenHours[];
  /**
   * Hours for given dates: each date's entries replace that day's open hours. When empty, the
   * configuration's `defaultSpecificTimes`.
   */
  specificTimes?: SpecificTimeAvailability[];
  /** Busy time from every calendar of this participant, in any order. */
  busy: BusyInterval[];
  /** Bookings this participant took recently (for `max-fairness` ordering). */
  recentBookings?: number;
}

export interface EngineInput {
  participants: EngineParticipant[];
  method: AvailabilityMethod;
  defaultOpenHours: OpenHours[];
  defaultSpecificTimes?: SpecificTimeAvailability[];
  /** Only specific time availability is open; open hours are ignored. */
  onlySpecificTimes?: boolean;
  durationMinutes: number;
  /** Step between slot starts; defaults to the duration. */
  intervalMinutes?: number;
  /** Slot starts fall on multiples of this, in the open-hours window's wall clock; default 15. */
  roundTo?: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minBookingNoticeMinutes: number;
  availableDaysInFuture: number;
  /** Unix seconds. */
  now: number;
  /** The window asked for; clipped to the rules, never an error. */
  window: Interval;
  /** Rescheduling: this booking's own busy time counts as free. */
  excludeBookingId?: string;
  /** At most this many slots, the earliest (bounds what one request can make the server do). */
  maxSlots?: number;
}

export interface EngineResult {
  time_slots: TimeSlot[];
  /** Round-robin only. */
  order?: string[];
}
