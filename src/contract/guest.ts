/**
 * The guest-facing half of the Scheduler API contract (Nylas v3 compatible): what a booking UI
 * (the widget) sends and receives. The package's public types are exactly these. Admin and
 * local-only shapes are in `admin.ts`. Type declarations only: importing it costs no bytes.
 * Field names are snake_case, times are Unix seconds, ids are lowercase UUIDs.
 */

// ---------------------------------------------------------------- envelopes

export interface SuccessEnvelope<T> {
  request_id: string;
  data: T;
}

export interface ListEnvelope<T> extends SuccessEnvelope<T[]> {
  next_cursor: string | null;
}

/** What calls that return nothing (DELETE) answer. */
export interface EmptyEnvelope {
  request_id: string;
}

/** The error types Nylas clients know, and the only ones the API sends (a reason goes in the message). */
export type ErrorType =
  | 'invalid_request_error'
  | 'unauthorized'
  | 'invalid_session'
  | 'not_found_error'
  | 'timeslot_not_available'
  | 'rate_limit_error'
  | 'internal_error';

export interface ErrorBody {
  type: ErrorType | (string & {});
  message: string;
}

export interface ErrorEnvelope {
  request_id: string;
  error: ErrorBody;
}

// ---------------------------------------------------------------- scheduler settings

export type BookingType = 'booking' | 'organizer-confirmation';

/** Every type an additional field may have (`multi_select`: the chosen options, in their order, joined by commas). */
export const ADDITIONAL_FIELD_TYPES = [
  'text',
  'multi_line_text',
  'email',
  'phone_number',
  'dropdown',
  'date',
  'checkbox',
  'radio_button',
  'multi_select',
  'metadata',
] as const;

export type AdditionalFieldType = (typeof ADDITIONAL_FIELD_TYPES)[number];

export interface AdditionalField {
  label: string;
  type: AdditionalFieldType;
  required: boolean;
  default?: string;
  pattern?: string;
  order?: number;
  options?: string[];
}

export interface SchedulerSettings {
  available_days_in_future?: number;
  min_booking_notice?: number;
  min_cancellation_notice?: number;
  cancellation_policy?: string;
  rescheduling_url?: string;
  cancellation_url?: string;
  organizer_confirmation_url?: string;
  confirmation_redirect_url?: string;
  hide_rescheduling_options?: boolean;
  hide_cancellation_options?: boolean;
  hide_additional_guests?: boolean;
  additional_fields?: Record<string, AdditionalField>;
  email_template?: EmailTemplate;
  notetaker_settings?: Record<string, unknown>;
}

/** The confirmation email's logo and texts (Nylas sends it; the local API only keeps it). */
export interface EmailTemplate {
  logo?: string;
  booking_confirmed?: { title?: string; body?: string };
}

// ---------------------------------------------------------------- ui settings

/** The `scheduler` settings a booking UI may see, defaults filled in. */
export interface PublicSchedulerSettings extends SchedulerSettings {
  available_days_in_future: number;
  min_booking_notice: number;
  min_cancellation_notice: number;
  additional_fields: Record<string, AdditionalField>;
}

/**
 * What Nylas answers to ui-settings, and all the widget relies on. The fields marked "local
 * extension" only the local API sends; a client shows them when present and works without them.
 */
export interface UiSettings {
  configuration_id: string;
  /** Nylas's application id (the local API has no applications and omits it). */
  app_client_id?: string;
  name: string | null;
  slug: string | null;
  organizer: Person;
  booking_type: BookingType;
  appearance: Record<string, string>;
  scheduler: PublicSchedulerSettings;
  /** Present when asked with `booking_id`. */
  booking?: BookingDetails;
  /** Local extension. */
  participants?: Person[];
  /** Local extension: Nylas takes the title from `name` (else the organizer). */
  event_booking?: { title: string; description?: string; location?: string; timezone?: string };
  /** Local extension: Nylas's clients take the duration from a slot's length. */
  availability?: { duration_minutes: number };
}

// ---------------------------------------------------------------- availability

export interface TimeSlot {
  emails: string[];
  start_time: number;
  end_time: number;
}

export interface Availability {
  time_slots: TimeSlot[];
  /** Round-robin only: participants ranked, first preferred. */
  order?: string[];
}

// ---------------------------------------------------------------- bookings

export interface Person {
  name: string;
  email: string;
}

export interface BookingInput {
  start_time: number;
  end_time: number;
  guest: Person;
  participants?: Array<{ email: string }>;
  additional_guests?: Person[];
  additional_fields?: Record<string, string>;
  timezone?: string;
  email_language?: string;
}

export interface RescheduleInput {
  start_time: number;
  end_time: number;
}

export interface CancelInput {
  cancellation_reason?: string;
}

export interface ConfirmInput {
  salt: string;
  status: 'confirmed' | 'cancelled';
  cancellation_reason?: string;
}

export type BookingStatus = 'booked' | 'pending' | 'cancelled';

/** A booking as Nylas answers it: no times and no guest (a client shows what the guest chose). */
export interface Booking {
  booking_id: string;
  event_id: string;
  title: string;
  organizer: Person;
  status: BookingStatus;
  description?: string;
  booking_ref?: string;
  /** Local extensions. */
  guest?: Person;
  start_time?: number;
  end_time?: number;
  location?: string;
}

/**
 * The `detail` of the widget's outcome events and what its done screen shows: the API's answer
 * (when it sends one) over what the guest chose (time, guest) and the id of the booking.
 */
export type BookingResult = Partial<Booking> & Partial<GroupSeatTarget> & { booking_id: string };

/** What ui-settings with `booking_id` adds: what a reschedule, cancel or confirm screen shows. */
export interface BookingDetails {
  guest: Person;
  additional_guests: Person[];
  additional_fields: Record<string, string>;
  /** Local extensions: Nylas does not send the booking's time or status here. */
  start_time?: number;
  end_time?: number;
  timezone?: string | null;
  status?: BookingStatus;
  /** Nylas's event of the booking: its time, when given, is under `when` (never at `start_time`). */
  event_data?: { location?: string; when?: { start_time?: number; end_time?: number } };
}

/** Clients recognise an unavailable slot by this message prefix (or the type), whatever the status. */
export type TimeslotUnavailableMessage = `The selected timeslot is unavailable${string}`;

// ---------------------------------------------------------------- group events (guest side)

/** An availability slot of a group configuration: one occurrence with seats left. */
export interface GroupTimeSlot extends TimeSlot {
  event_id: string;
  /** "" for a single event. */
  master_id: string;
  calendar_id: string;
  /** Seats still free, at least 1. */
  capacity: number;
  /** Local extension: the occurrence's title (Nylas's clients show the configuration's). */
  title?: string;
}

export interface ValidateTimeslotInput {
  calendar_id: string;
  event_id: string;
  start_time: number;
  end_time: number;
  master_id?: string;
  capacity?: number;
  emails?: string[];
}

/** What a booking or reschedule of a group configuration adds to the standard body. */
export interface GroupSeatTarget {
  event_id: string;
  master_id?: string;
  /** The documented reschedule spelling of `master_id`. */
  master_event_id?: string;
  calendar_id?: string;
}

export interface GroupBookingInput extends GroupSeatTarget {
  start_time: number;
  end_time: number;
  guest: Person;
  additional_guests?: Person[];
  additional_fields?: Record<string, string>;
  timezone?: string;
  email_language?: string;
}

export interface GroupRescheduleInput extends GroupSeatTarget {
  start_time: number;
  end_time: number;
}

/** Exactly what validate-timeslot and a booking answer when the occurrence has no seat left. */
export type EventFullMessage = 'Event is full';

/** What ui-settings answers for a group configuration; the duration is each occurrence's own. */
export interface GroupUiSettings extends UiSettings {
  type: 'group';
}
