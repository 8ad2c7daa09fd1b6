import type { ApiError } from '../api/errors.js';
import type { BookingRef } from '../contract/booking-ref.js';
import type { BookingDetails, BookingResult, TimeSlot, UiSettings } from '../contract/guest.js';
import type { SchedulerEventDetail, SchedulerEventName } from '../events.js';
import type { SchedulerClient } from '../api/client.js';
import type { GuestForm } from './form.js';
import type { MonthAvailability } from './months.js';

/**
 * The booking flow's types: its state, what it asks of its host, what a view may ask of it. Apart
 * from the flow (`flow.ts`), so that the writes and the views that use them import no flow code.
 */
export type Mode = 'book' | 'reschedule' | 'cancel' | 'confirm';
export type Step = 'loading' | 'schedule' | 'details' | 'manage' | 'done' | 'fatal';
export type Outcome = 'booked' | 'rescheduled' | 'cancelled' | 'confirmed' | 'declined';

export interface FlowState {
  mode: Mode;
  step: Step;
  settings: UiSettings | null;
  /** The booking being rescheduled, cancelled or confirmed. */
  existing: BookingDetails | null;
  timeZone: string;
  month: string;
  activeDay: string;
  selectedDay: string | null;
  slot: TimeSlot | null;
  form: GuestForm;
  /** A write is in flight: further submits are ignored. */
  busy: boolean;
  /** A recoverable problem, shown beside what the guest was doing. */
  notice: ApiError | null;
  /** Nothing can be shown without fixing this (unknown configuration, expired session, bad ref). */
  fatal: ApiError | null;
  outcome: Outcome | null;
  /** After a write: the booking as far as it is known (the answer over what the guest chose). */
  booking: BookingResult | null;
  /** Next month with times when the shown one has none; `undefined` while looking. */
  nextMonthWithTimes: string | null | undefined;
}

export interface FlowHost {
  /** State changed: render. */
  changed(): void;
  /** Fires a public event; returns false when a listener cancelled it. */
  emit<K extends SchedulerEventName>(name: K, detail: SchedulerEventDetail<K>, cancelable?: boolean): boolean;
  /** The locale the guest sees: booking emails in its language, if the API writes them in it (the writes decide). */
  emailLanguage?(): string;
}

/** What a view may read of the flow and ask of it; nothing else of it (no client, no requests) is in a view's reach. */
export interface ViewActions {
  /** The state now (a view renders a snapshot of it; a handler may need what changed since). */
  readonly state: FlowState;
  /** Click, Enter or Space on an available day. */
  selectDay(day: string): void;
  /** The active day moved (keyboard or click); it may be in another month: show that month. */
  activateDay(day: string): void;
  /** Previous / next month, or the next month with times. */
  showMonth(month: string): void;
  /** A month's availability in the guest's zone as fetched so far (the week view reads the months its days are in). */
  monthState(month: string): MonthAvailability | undefined;
  /** Fetches a month once (cached). */
  loadMonth(month: string): Promise<void>;
  selectSlot(slot: TimeSlot): void;
  setTimeZone(timeZone: string): void;
  updateForm(patch: Partial<GuestForm> | ((form: GuestForm) => Partial<GuestForm>)): void;
  back(): void;
  submit(): void;
  cancelBooking(): void;
  decide(status: 'confirmed' | 'cancelled'): void;
  /**
   * From a cancelled booking's page: book the same configuration anew; after booking or
   * rescheduling (`mode`): reschedule or cancel that booking here (no ref or link needed).
   */
  rebook(mode?: 'reschedule' | 'cancel'): void;
  retry(): void;
}

/** What the views show besides the state, as plain values, read once per render. */
export interface ScheduleView {
  /** The shown month's availability (a value: never changed once read). */
  month: MonthAvailability | undefined;
  /** Today and the last bookable day, in the guest's zone. */
  today: string;
  lastDay: string;
  /** The selected day's times. */
  slots: TimeSlot[];
}

export interface StartOptions {
  client: SchedulerClient | null;
  mode: Mode;
  ref: BookingRef | undefined;
  /**
   * A problem found before any request (a malformed booking ref, a setup mistake): told a task
   * later, unless started again first.
   */
  error?: ApiError;
  /** With `error`: what a retry does (loads a part that did not load); without, a retry starts the same again. */
  again?: () => void;
}
