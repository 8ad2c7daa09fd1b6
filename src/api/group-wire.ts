/**
 * Group events (seated classes, webinars, tours): the wire shapes of `shared/group-events.md`.
 * Type declarations only, like `wire.ts`; the local API's group schemas are checked against them.
 */
import type { Person, SchedulerSettings, TimeSlot, UiSettings } from './wire.js';

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

/** What ui-settings answers for a group configuration; the duration is each occurrence's own. */
export interface GroupUiSettings extends UiSettings {
  type: 'group';
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

// ---------------------------------------------------------------- guest side

/** An availability slot of a group configuration: one occurrence with seats left. */
export interface GroupTimeSlot extends TimeSlot {
  event_id: string;
  /** "" for a single event. */
  master_id: string;
  calendar_id: string;
  /** Seats still free, at least 1. */
  capacity: number;
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
