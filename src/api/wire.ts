/**
 * The Scheduler API contract (Nylas v3 compatible) as TypeScript types.
 *
 * This is the one place both halves take the wire shapes from: the widget's client (`src/api`)
 * and the local API's request schemas (`server/schemas.ts`, which is checked against these types
 * at compile time). Type declarations only: no runtime code, so importing it costs no bytes.
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

export type ErrorType =
  | 'invalid_request_error'
  | 'unauthorized'
  | 'invalid_session'
  | 'not_found_error'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'headers_too_large'
  | 'unsupported_media_type'
  | 'timeslot_not_available'
  | 'booking_not_modifiable'
  | 'invalid_salt'
  | 'cancellation_notice_passed'
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


// ---------------------------------------------------------------- configurations

/** 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface OpenHours {
  days: Weekday[];
  /** "9:00", "17:30" (24-hour, local to `timezone`). */
  start: string;
  end: string;
  /** IANA zone; defaults to the participant's. */
  timezone?: string;
  /** Days off, `YYYY-MM-DD` in `timezone`. */
  exdates?: string[];
}

/** Hours for one date: they replace that day's open hours (or are the only hours, see the rules). */
export interface SpecificTimeAvailability {
  /** `YYYY-MM-DD` in `timezone`. */
  date: string;
  start: string;
  end: string;
  /** IANA zone; defaults to the participant's. */
  timezone?: string;
}

export interface ParticipantAvailability {
  calendar_ids?: string[];
  open_hours?: OpenHours[];
  specific_time_availability?: SpecificTimeAvailability[];
}

export interface Participant {
  email: string;
  name?: string;
  is_organizer?: boolean;
  timezone?: string;
  availability?: ParticipantAvailability;
  booking?: { calendar_id: string };
  grant_id?: string;
}

export type AvailabilityMethod = 'collective' | 'max-fairness' | 'max-availability';

export interface AvailabilityRules {
  availability_method?: AvailabilityMethod;
  buffer?: { before?: number; after?: number };
  default_open_hours?: OpenHours[];
  round_robin_group_id?: string;
  default_specific_time_availability?: SpecificTimeAvailability[];
  /** Only the specific time availability is bookable; open hours are ignored. */
  only_specific_time_availability?: boolean;
}

export interface ConfigurationAvailability {
  duration_minutes: number;
  interval_minutes?: number;
  round_to?: number;
  availability_rules?: AvailabilityRules;
}

export type BookingType = 'booking' | 'organizer-confirmation';

export interface EventBooking {
  title: string;
  description?: string;
  location?: string;
  timezone?: string;
  booking_type?: BookingType;
  conferencing?: Record<string, unknown>;
  reminders?: Array<Record<string, unknown>>;
  disable_emails?: boolean;
  hide_participants?: boolean;
  notify_participants?: boolean;
}

export type AdditionalFieldType =
  | 'text'
  | 'multi_line_text'
  | 'email'
  | 'phone_number'
  | 'dropdown'
  | 'date'
  | 'checkbox'
  | 'radio_button'
  | 'metadata';

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

/** The body of a configuration create (POST); a PUT takes any subset of it. */
export interface ConfigurationInput {
  participants: Participant[];
  availability: ConfigurationAvailability;
  event_booking: EventBooking;
  scheduler?: SchedulerSettings;
  slug?: string | null;
  requires_session_auth?: boolean;
  name?: string;
  appearance?: Record<string, string>;
}

export type ConfigurationUpdate = Partial<ConfigurationInput>;

export interface Configuration extends ConfigurationInput {
  id: string;
}

// ---------------------------------------------------------------- sessions

export interface SessionInput {
  configuration_id?: string;
  slug?: string;
  /** Minutes, 1–30; default 5. */
  time_to_live?: number;
}

export interface Session {
  session_id: string;
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

/** A booking as the local API answers it: Nylas's fields plus its named extensions, always. */
export interface LocalBooking extends Booking {
  booking_ref: string;
  guest: Person;
  start_time: number;
  end_time: number;
}

/**
 * The `detail` of the widget's outcome events and what its done screen shows: the API's answer
 * (when it sends one) over what the guest chose (time, guest) and the id of the booking.
 */
export type BookingResult = Partial<Booking> & { booking_id: string };

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
}

// ---------------------------------------------------------------- calendars and events (local API)

export interface Calendar {
  id: string;
  grant_id: string;
  name: string;
  is_primary: boolean;
  read_only: boolean;
  timezone?: string;
  object: 'calendar';
}

export interface EventWhenInput {
  start_time: number;
  end_time: number;
}

export interface EventParticipant {
  email: string;
  name?: string;
  status?: 'yes' | 'no' | 'maybe' | 'noreply';
}

export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';

export interface EventInput {
  title?: string;
  description?: string;
  location?: string;
  when: EventWhenInput;
  busy?: boolean;
  participants?: EventParticipant[];
  status?: EventStatus;
}

export type EventUpdate = Partial<EventInput>;

export interface CalendarEvent {
  id: string;
  grant_id: string;
  calendar_id: string;
  title: string;
  description: string | null;
  location: string | null;
  when: EventWhenInput & { object: 'timespan' };
  busy: boolean;
  participants: EventParticipant[];
  status: EventStatus;
  object: 'event';
}

/** Clients recognise an unavailable slot by this message prefix (or the type), whatever the status. */
export type TimeslotUnavailableMessage = `The selected timeslot is unavailable${string}`;
