/** Stored records → the contract's JSON shapes. */
import type { BookingDetails, UiSettings } from '../../src/contract/guest.js';
import type {
  Calendar,
  CalendarEvent,
  Configuration,
  Grant,
  GrantProvider,
  LocalBooking,
} from '../../src/contract/admin.js';
import { encodeBookingRef } from '../../src/contract/booking-ref.js';
import { organizerOf, schedulerSettings } from './configuration.js';
import type {
  BookingRecord,
  CalendarRecord,
  ConfigurationRecord,
  ConnectionRecord,
  EventRecord,
  GrantRecord,
} from '../store/index.js';

export const toConfiguration = (record: ConfigurationRecord): Configuration => ({ ...record.body, id: record.id });

/** A booking as the API key sees it: with the organizer's ref, the only one that confirms. */
export type OrganizerBooking = LocalBooking & { organizer_booking_ref?: string };

const refOf = (booking: BookingRecord, salt: string) =>
  encodeBookingRef({ configurationId: booking.configurationId, bookingId: booking.id, salt });

/** The organizer's booking ref, for `organizer_confirmation_url` and the API key's answers. */
export const organizerBookingRef = (booking: BookingRecord): string => refOf(booking, booking.organizerSalt);

/** Nylas's booking (`booking_id` … `booking_ref`) plus the local extensions `guest`, times and `location`; `organizer_booking_ref` only for the API key, never in an answer a guest sees. */
export const toBooking = (booking: BookingRecord, forApiKey = false): OrganizerBooking => ({
  booking_id: booking.id,
  event_id: booking.eventId,
  title: booking.title,
  organizer: booking.host,
  guest: booking.guest,
  start_time: booking.start,
  end_time: booking.end,
  status: booking.status,
  ...(booking.description !== null && { description: booking.description }),
  ...(booking.location !== null && { location: booking.location }),
  booking_ref: refOf(booking, booking.salt),
  ...(forApiKey && { organizer_booking_ref: organizerBookingRef(booking) }),
});

/** Nylas's `guest`, `additional_guests`, `additional_fields`, plus the local extensions time, zone and status. */
export const toBookingDetails = (booking: BookingRecord): BookingDetails => ({
  guest: booking.guest,
  additional_guests: booking.additionalGuests,
  start_time: booking.start,
  end_time: booking.end,
  timezone: booking.timezone,
  additional_fields: booking.additionalFields,
  status: booking.status,
});

/**
 * What a booking UI may know of a configuration: no grant, calendar, buffer or open hours. Nylas's
 * fields, plus the local extensions `participants`, `event_booking` and `availability`.
 */
export function toUiSettings(record: ConfigurationRecord, booking?: BookingRecord): UiSettings {
  const config = record.body;
  const organizer = organizerOf(config);
  const { title, description, location, timezone } = config.event_booking;
  return {
    configuration_id: record.id,
    name: config.name ?? null,
    slug: config.slug ?? null,
    organizer: { name: organizer.name ?? '', email: organizer.email },
    participants: config.participants.map((participant) => ({
      name: participant.name ?? '',
      email: participant.email,
    })),
    booking_type: config.event_booking.booking_type ?? 'booking',
    appearance: config.appearance ?? {},
    event_booking: {
      title,
      ...(description !== undefined && { description }),
      ...(location !== undefined && { location }),
      ...(timezone !== undefined && { timezone }),
    },
    availability: { duration_minutes: config.availability.duration_minutes },
    scheduler: schedulerSettings(config),
    ...(booking && { booking: toBookingDetails(booking) }),
  };
}

export const toCalendar = (calendar: CalendarRecord): Calendar => ({
  id: calendar.id,
  grant_id: calendar.grantId,
  name: calendar.name,
  is_primary: calendar.isPrimary,
  read_only: calendar.readOnly,
  // An ICS feed is someone's published calendar; a CalDAV account's and the local one are the grant's own.
  is_owned_by_user: calendar.source !== 'ics',
  ...(calendar.timezone !== null && { timezone: calendar.timezone }),
  ...(calendar.description !== null && { description: calendar.description }),
  ...(calendar.hexColor !== null && { hex_color: calendar.hexColor }),
  object: 'calendar',
});

/** Nylas's grant of a connected account: its settings without the password, ever. */
export function toGrant(grant: GrantRecord, connection: ConnectionRecord): Grant {
  const { password: _password, ...settings } = connection.settings;
  return {
    id: grant.id,
    provider: connection.provider as GrantProvider,
    scope: connection.scope,
    created_at: Math.floor(connection.createdAtMs / 1000),
    updated_at: Math.floor(connection.updatedAtMs / 1000),
    grant_status: 'valid',
    email: grant.email,
    settings,
    ...(connection.state !== null && { state: connection.state }),
  };
}

export const toEvent = (event: EventRecord): CalendarEvent => ({
  id: event.id,
  grant_id: event.grantId,
  calendar_id: event.calendarId,
  title: event.title,
  description: event.description,
  location: event.location,
  when: { start_time: event.start, end_time: event.end, object: 'timespan' },
  busy: event.busy,
  participants: event.participants,
  status: event.status,
  object: 'event',
  ...(event.bookingId !== null && { booking_id: event.bookingId }),
});
