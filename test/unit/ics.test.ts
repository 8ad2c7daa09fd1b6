/** The .ics the widget offers: no capability in it, every value escaped or quoted as RFC 5545 says. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ICAL from 'ical.js';
import { bookingToIcs, type CalendarEntry } from '../../src/ics.js';

const booking: CalendarEntry = {
  booking_id: 'ffffffff-0000-4000-8000-123456789abc',
  event_id: 'eeeeeeee-0000-4000-8000-123456789abc',
  title: 'Intro call',
  status: 'booked',
  organizer: { name: 'Olga Organizer', email: 'olga@example.com' },
  start_time: 1893916800,
  end_time: 1893918600,
};

const eventOf = (text: string) => new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;

test(
  'ics: the UID is stable per booking but does not carry the booking id (it reads, moves and cancels)',
  { timeout: 10_000 },
  () => {
    const text = bookingToIcs(booking, 1893000000);
    const uid = String(eventOf(text).getFirstPropertyValue('uid'));
    assert.ok(!text.toLowerCase().includes(booking.booking_id.replace(/-/g, '').slice(0, 12)), text);
    assert.ok(!text.includes(booking.booking_id), text);
    assert.equal(
      String(eventOf(bookingToIcs(booking, 1893000999)).getFirstPropertyValue('uid')),
      uid,
      'the same booking, the same UID',
    );
    const other = String(
      eventOf(
        bookingToIcs({ ...booking, booking_id: 'ffffffff-0000-4000-8000-123456789abd' }, 1893000000),
      ).getFirstPropertyValue('uid'),
    );
    assert.notEqual(other, uid);
  },
);

test(
  "ics: an organizer's name cannot add parameters or properties; text values are escaped",
  { timeout: 10_000 },
  () => {
    const name = 'Evil";ROLE=CHAIR;SENT-BY="mailto:x@evil.test":mailto:x@evil.test\r\nATTENDEE:mailto:y@evil.test,a\\b';
    const text = bookingToIcs(
      {
        ...booking,
        title: 'Title;with,all\\\nthe\r\nBEGIN:VALARM',
        description: 'line one\nDESCRIPTION:two',
        location: 'Room 1; floor 2, \u0000\u0007west',
        organizer: { name, email: 'olga@example.com' },
      },
      1893000000,
    );
    const event = eventOf(text);
    const organizer = event.getFirstProperty('organizer')!;
    assert.deepEqual(Object.keys(organizer.toJSON()[1]).sort(), ['cn'], 'only CN');
    assert.equal(organizer.getFirstValue(), 'mailto:olga@example.com');
    assert.equal(event.getAllProperties('attendee').length, 0);
    assert.equal(event.getAllSubcomponents('valarm').length, 0);
    assert.equal(event.getAllProperties('description').length, 1);
    assert.equal(event.getFirstPropertyValue('summary'), 'Title;with,all\\\nthe\nBEGIN:VALARM');
    assert.equal(event.getFirstPropertyValue('location'), 'Room 1; floor 2, west');
    // Every physical line is at most 75 octets.
    for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
  },
);
