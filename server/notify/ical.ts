/**
 * The calendar invitation attached to booking mails: an iTIP message (RFC 5546) built with ical.js,
 * which escapes TEXT values and quotes parameters as RFC 5545 §3.3.11 and §3.2 say, and folds lines
 * at 75 octets. `REQUEST` invites (and, with a higher SEQUENCE, moves) the event; `CANCEL` removes
 * it. The UID is the same for every message about one booking (see icalUid).
 */
import ICAL from 'ical.js';
import type { Person } from '../../src/contract/guest.js';
import { icalUid, type Notice } from './enqueue.js';

export type ItipMethod = 'REQUEST' | 'CANCEL';

/** A CN parameter value: RFC 5545 has no escape for a double quote inside a quoted parameter. */
const commonName = (name: string) => name.replace(/["\r\n]/g, ' ').trim();

const utc = (seconds: number) => ICAL.Time.fromJSDate(new Date(seconds * 1000), true);

function person(name: 'organizer' | 'attendee', who: Person, role?: string): ICAL.Property {
  const property = new ICAL.Property(name);
  property.setValue(`mailto:${who.email}`);
  if (who.name) property.setParameter('cn', commonName(who.name));
  if (role) {
    property.setParameter('role', role);
    property.setParameter('partstat', 'NEEDS-ACTION');
    property.setParameter('rsvp', 'TRUE');
  }
  return property;
}

/** What an event of a booking shows: the booking's times, text and people, and its iCalendar SEQUENCE. */
export type BookingEventFields = Pick<
  Notice['booking'],
  'id' | 'sequence' | 'start' | 'end' | 'title' | 'description' | 'location' | 'host' | 'guest' | 'additionalGuests'
>;

function bookingEvent(booking: BookingEventFields, status: string, stampMs: number): ICAL.Component {
  const event = new ICAL.Component('vevent');
  event.addPropertyWithValue('uid', icalUid(booking.id));
  event.addPropertyWithValue('sequence', booking.sequence);
  event.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(Math.floor(stampMs / 1000) * 1000), true));
  event.addPropertyWithValue('dtstart', utc(booking.start));
  event.addPropertyWithValue('dtend', utc(booking.end));
  event.addPropertyWithValue('summary', booking.title);
  if (booking.description) event.addPropertyWithValue('description', booking.description);
  if (booking.location) event.addPropertyWithValue('location', booking.location);
  event.addPropertyWithValue('status', status);
  event.addProperty(person('organizer', booking.host));
  for (const guest of [booking.guest, ...booking.additionalGuests])
    event.addProperty(person('attendee', guest, 'REQ-PARTICIPANT'));
  return event;
}

function calendarOf(event: ICAL.Component, method?: ItipMethod): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.addPropertyWithValue('prodid', '-//scheduler-widget//Local Scheduler API//EN');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  if (method) calendar.addPropertyWithValue('method', method);
  calendar.addSubcomponent(event);
  return `${calendar.toString()}\r\n`;
}

/** The `.ics` text of `method` for the notice's booking; `stampMs` is its DTSTAMP. */
export function invitation(notice: Notice, method: ItipMethod, stampMs: number): string {
  return calendarOf(bookingEvent(notice.booking, method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED', stampMs), method);
}

/**
 * The booking's event as the organizer's CalDAV calendar stores it: the invitation's event (same
 * UID, so calendar programs see one event), without METHOD (RFC 4791 §4.1 forbids it there);
 * TENTATIVE while the organizer has not confirmed it.
 */
export function calendarObject(booking: BookingEventFields, pending: boolean, stampMs: number): string {
  return calendarOf(bookingEvent(booking, pending ? 'TENTATIVE' : 'CONFIRMED', stampMs));
}
