import type { Booking } from './contract/guest.js';

/** A booking with what a calendar entry needs: its time, title and organizer. */
export type CalendarEntry = Booking & { start_time: number; end_time: number };

const stamp = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '');

/** RFC 5545 text escaping, and lines folded at 75 octets (approximated by characters). */
const escape = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
const fold = (line: string) => line.match(/.{1,73}/gu)?.join('\r\n ') ?? '';

/** A one-event calendar file for "add to calendar". */
export function bookingToIcs(booking: CalendarEntry, nowSeconds: number): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//scheduler-widget//EN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${booking.booking_id}@scheduler-widget`,
    `DTSTAMP:${stamp(nowSeconds)}`,
    `DTSTART:${stamp(booking.start_time)}`,
    `DTEND:${stamp(booking.end_time)}`,
    `SUMMARY:${escape(booking.title)}`,
    booking.description ? `DESCRIPTION:${escape(booking.description)}` : '',
    booking.location ? `LOCATION:${escape(booking.location)}` : '',
    `ORGANIZER;CN=${escape(booking.organizer.name || booking.organizer.email)}:mailto:${booking.organizer.email}`,
    `STATUS:${booking.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.filter(Boolean).map(fold).join('\r\n') + '\r\n';
}

/**
 * "Add to calendar" links of the web calendars, prefilled with the booking (opened in a new tab;
 * nothing is sent anywhere until the guest saves it there).
 */
export function calendarLinks(booking: CalendarEntry): Array<[name: string, url: string]> {
  const { title, description = '', location = '' } = booking;
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000', '');
  const google = new URLSearchParams({
    action: 'TEMPLATE',
    text: title,
    dates: `${stamp(booking.start_time)}/${stamp(booking.end_time)}`,
    details: description,
    location,
  });
  const outlook = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: title,
    startdt: iso(booking.start_time),
    enddt: iso(booking.end_time),
    body: description,
    location,
  });
  return [
    ['Google Calendar', `https://calendar.google.com/calendar/render?${google}`],
    ['Outlook.com', `https://outlook.live.com/calendar/0/deeplink/compose?${outlook}`],
    ['Microsoft 365', `https://outlook.office.com/calendar/0/deeplink/compose?${outlook}`],
  ];
}
