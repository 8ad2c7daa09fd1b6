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
