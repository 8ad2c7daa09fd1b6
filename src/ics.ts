import type { Booking } from './contract/guest.js';

/** A booking with what a calendar entry needs: its time, title and organizer. */
export type CalendarEntry = Booking & { start_time: number; end_time: number };

const stamp = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '');

/* eslint-disable no-control-regex -- control characters are what these remove */
/** Control characters but tab and the line breaks (RFC 5545 values take none but tab and, escaped, the break). */
const CONTROLS_BUT_BREAKS = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
const CONTROLS = /[\0-\x1f\x7f]/g;
/* eslint-enable no-control-regex */
/** RFC 5545 §3.3.11 TEXT: `\ ; ,` and line breaks escaped. */
const escape = (text: string) =>
  text
    .replace(CONTROLS_BUT_BREAKS, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n?|\n/g, '\\n');
/** A value that must stay on its line (the organizer's address). */
const oneLine = (text: string) => text.replace(CONTROLS, '');
/** RFC 5545 §3.2 parameter value: always quoted, so `; : ,` stay inside it; a DQUOTE cannot appear in one. */
const quoted = (text: string) => `"${oneLine(text).replace(/"/g, '')}"`;
/** Lines folded at 75 octets (RFC 5545 §3.1), never inside a character. */
function fold(line: string): string {
  let out = '';
  let width = 0;
  for (const ch of line) {
    const code = ch.codePointAt(0)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (width + size > 75) {
      out += '\r\n ';
      width = 1;
    }
    out += ch;
    width += size;
  }
  return out;
}

/**
 * The event's UID: the same for the same booking (a calendar updates it instead of adding a
 * second), but not the booking id, which reads, moves and cancels the booking: anyone holding the
 * file would hold that key. A 64-bit hash of it (cyrb53's mixing) names it without revealing it.
 */
function uidOf(bookingId: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < bookingId.length; i++) {
    const code = bookingId.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(16)}${(h1 >>> 0).toString(16).padStart(8, '0')}`;
}

/** A one-event calendar file for "add to calendar". */
export function bookingToIcs(booking: CalendarEntry, nowSeconds: number): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//scheduler-widget//EN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${uidOf(booking.booking_id)}@scheduler-widget`,
    `DTSTAMP:${stamp(nowSeconds)}`,
    `DTSTART:${stamp(booking.start_time)}`,
    `DTEND:${stamp(booking.end_time)}`,
    `SUMMARY:${escape(booking.title)}`,
    booking.description ? `DESCRIPTION:${escape(booking.description)}` : '',
    booking.location ? `LOCATION:${escape(booking.location)}` : '',
    `ORGANIZER;CN=${quoted(booking.organizer.name || booking.organizer.email)}:mailto:${oneLine(booking.organizer.email)}`,
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
