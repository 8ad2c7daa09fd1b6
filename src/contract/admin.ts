/**
 * The admin and local-only half of the Scheduler API contract: configurations, sessions, the
 * local API's calendars and events, its booking extensions, and group-event hosting (the wire
 * shapes of Nylas's group events API, developer.nylas.com/docs/v3/scheduler/group-events/). Only the local API, its tests and tools use these; the
 * server's request schemas are checked against them at compile time. Type declarations only.
 */
import type { Booking, BookingType, ErrorType, Person, SchedulerSettings } from './guest.js';

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

// ---------------------------------------------------------------- bookings (local API)

/** A booking as the local API answers it: Nylas's fields plus its named extensions, always. */
export interface LocalBooking extends Booking {
  booking_ref: string;
  guest: Person;
  start_time: number;
  end_time: number;
}

// ---------------------------------------------------------------- calendars and events (local API)

export interface Calendar {
  id: string;
  grant_id: string;
  name: string;
  is_primary: boolean;
  /** An ICS feed is read-only, and so are its events. */
  read_only: boolean;
  is_owned_by_user: boolean;
  timezone?: string;
  description?: string;
  hex_color?: string;
  object: 'calendar';
}

// ---------------------------------------------------------------- grants (connect/custom)

/**
 * The providers `POST /v3/connect/custom` takes here: Nylas's `icloud` (CalDAV at iCloud with an
 * app password), and the local extensions `caldav` (any CalDAV server) and `ics` (read-only
 * feeds). `feeds` adds read-only ICS feeds to a CalDAV account's calendars.
 */
export interface CalDavSettings {
  url: string;
  username: string;
  password: string;
  /** The account's address, when `username` is not one: configurations' participants name it. */
  email?: string;
  feeds?: string[];
}

export interface IcloudSettings {
  username: string;
  password: string;
  email?: string;
  feeds?: string[];
}

export interface IcsSettings {
  email: string;
  feeds: string[];
}

export interface CalDavConnect {
  provider: 'caldav';
  settings: CalDavSettings;
  state?: string;
  scope?: string[];
}

export interface IcloudConnect {
  provider: 'icloud';
  settings: IcloudSettings;
  state?: string;
  scope?: string[];
}

export interface IcsConnect {
  provider: 'ics';
  settings: IcsSettings;
  state?: string;
  scope?: string[];
}

export type ConnectCustomInput = CalDavConnect | IcloudConnect | IcsConnect;

export type GrantProvider = ConnectCustomInput['provider'];

/** Nylas's grant; `settings` never holds the password. */
export interface Grant {
  id: string;
  provider: GrantProvider;
  scope: string[];
  created_at: number;
  updated_at: number;
  grant_status: 'valid' | 'invalid';
  email: string;
  settings: Record<string, unknown>;
  state?: string;
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
  /** Local extension: the booking this event was made for (Nylas links them only from the booking's `event_id`). */
  booking_id?: string;
}

// ---------------------------------------------------------------- configuration

export interface GroupReminder {
  type: 'email' | 'webhook';
  minutes_before_event: number;
  recipient?: 'host' | 'guest';
  email_subject?: string;
}

export interface GroupBookingSettings {
  calendar_id: string;
  booking_type?: 'booking';
  disable_emails?: boolean | null;
  reminders?: GroupReminder[];
  /** Seats of a group event that names none; 1–500, default 10. */
  default_capacity?: number;
  title?: string;
  conferencing?: Record<string, unknown>;
}

/** A configuration with `type: "group"`: no participants, availability or event_booking. */
export interface GroupConfigurationInput {
  type: 'group';
  name: string;
  group_booking: GroupBookingSettings;
  scheduler?: SchedulerSettings;
  slug?: string | null;
  requires_session_auth?: boolean | null;
  appearance?: Record<string, string> | null;
}

export type GroupConfigurationUpdate = Partial<Omit<GroupConfigurationInput, 'type'>> & { type?: 'group' };

export interface GroupConfiguration extends GroupConfigurationInput {
  id: string;
  group_booking: GroupBookingSettings & { booking_type: 'booking'; default_capacity: number };
}

// ---------------------------------------------------------------- group events (host side)

export interface GroupEventHost {
  email: string;
  name?: string;
  is_organizer?: boolean;
  timezone?: string;
}

export interface GroupEventWhen {
  start_time: number;
  end_time: number;
  start_timezone?: string;
  end_timezone?: string;
}

export interface GroupEventInput {
  title: string;
  calendar_id: string;
  capacity?: number;
  when: GroupEventWhen;
  participants?: GroupEventHost[];
  description?: string;
  location?: string;
  conferencing?: Record<string, unknown>;
  /** RRULE and EXDATE lines; the time zone comes from `when.start_timezone`. */
  recurrence?: string[];
  busy?: boolean;
}

export type GroupEventUpdate = Partial<GroupEventInput>;

export interface GroupEventParticipant {
  email: string;
  name?: string;
  status?: 'yes' | 'no' | 'maybe' | 'noreply';
}

/** The calendar event half of a group event record: a master, a single event or one occurrence. */
export interface GroupCalendarEvent {
  id: string;
  grant_id: string;
  calendar_id: string;
  object: 'event';
  title: string;
  description: string | null;
  location: string | null;
  when: GroupEventWhen & { object: 'timespan' };
  participants: GroupEventParticipant[];
  organizer: { email: string; name: string };
  conferencing?: Record<string, unknown>;
  master_event_id?: string;
  original_start_time?: number;
  recurrence?: string[];
  busy: boolean;
  read_only: boolean;
  status: 'confirmed' | 'tentative' | 'cancelled';
  created_at: number;
  updated_at: number;
}

export type GroupEventType = 'single_event' | 'master_event' | 'updated_event';

export interface GroupEventException {
  event_id: string;
  capacity: number;
  participants: GroupEventHost[];
}

export interface GroupEventInfo {
  event_id: string;
  calendar_id: string;
  /** "" for a single event. */
  master_id: string;
  config_id: string;
  capacity: number;
  type: GroupEventType;
  booked: boolean;
  finished: boolean;
  participants: GroupEventHost[];
  rrule: string[] | null;
  exceptions: GroupEventException[];
  snapshot: null;
  snapshot_expires_at: number;
}

/**
 * One entry of the host list and the create/update answer: the pair the Nylas editor reads, with
 * the flat keys of the published OpenAPI mirrored at the top level.
 */
export interface GroupEventRecord {
  event: GroupCalendarEvent;
  /** Absent for ordinary calendar events (listed with `show_all=true`). */
  group_event_info?: GroupEventInfo;
  id: string;
  calendar_id: string;
  title: string;
  capacity?: number;
  when: GroupCalendarEvent['when'];
  participants: GroupEventParticipant[];
}

export interface GroupEventImportItem {
  calendar_id: string;
  event_id: string;
  capacity?: number;
  participants?: GroupEventHost[];
  exceptions?: Array<{ event_id: string; capacity: number }>;
}

export interface GroupEventImportResult {
  imported_events: Array<{ event_id: string }>;
  import_failed: Array<{ event_id: string; reason: string }>;
}

// ---------------------------------------------------------------- grant access tokens
// Nylas's token endpoints (developer.nylas.com/docs/api/v3/admin/, "Authentication APIs"):
// answers at the top level, not in an envelope.

/** What admin calls may answer beside the guest's types: an expired or revoked access token. */
export type AdminErrorType = ErrorType | 'token.unauthorized_access';

export type TokenGrantType = 'client_credentials' | 'authorization_code' | 'refresh_token';

export interface TokenRequest {
  grant_type: TokenGrantType;
  client_id: string;
  /** The API key. */
  client_secret?: string;
  grant_id?: string;
  code?: string;
  redirect_uri?: string;
  code_verifier?: string;
  refresh_token?: string;
}

export interface TokenResponse {
  access_token: string;
  /** Seconds. */
  expires_in: number;
  /** A JWT whose `sub` is the grant id. */
  id_token: string;
  email: string;
  scope: string;
  token_type: 'Bearer';
  grant_id: string;
}

/** RFC 6749's error names, as Nylas answers them. */
export type TokenErrorName = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type';

export interface TokenError {
  error: TokenErrorName;
  error_description: string;
  error_uri: string;
  error_code: number;
}

/** `GET /v3/connect/tokeninfo`: the claims of an access or ID token. */
export interface TokenInfo {
  iss: string;
  aud: string;
  /** The grant id. */
  sub: string;
  email: string;
  /** Unix seconds. */
  iat: number;
  exp: number;
}
