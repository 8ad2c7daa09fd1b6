import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBookingRef, encodeBookingRef } from '../../src/contract/booking-ref.js';
import { isEventFull } from '../../src/contract/group.js';
import { isTimeslotUnavailable, timeslotUnavailableMessage } from '../../src/contract/slot-taken.js';
import { isIsoDate, isValidTimeZone } from '../../src/contract/validators.js';

const configurationId = '5eed0001-c0f1-4a1b-8c2d-000000000001';
const bookingId = 'ffffffff-0000-4000-8000-123456789abc';
const salt = Buffer.from([0xfb, 0xff, 0xbf, 1, 2, 3, 4, 5]).toString('base64url');

test('booking ref: URL-safe base64 without padding, decoded raw, URL-encoded or as standard base64', () => {
  const ref = encodeBookingRef({ configurationId, bookingId, salt });
  assert.match(ref, /^[A-Za-z0-9_-]+$/);
  assert.match(ref, /[-_]/, 'the salt bytes chosen need the URL-safe alphabet');
  const standard = Buffer.from(ref, 'base64url').toString('base64');
  for (const text of [ref, encodeURIComponent(ref), standard, encodeURIComponent(standard), ` ${ref}\n`]) {
    assert.deepEqual(decodeBookingRef(text), { configurationId, bookingId, salt }, text);
  }
});

test("booking ref: the two UUIDs with an empty salt (32 bytes) are a ref, as Nylas's element takes them; 31 bytes are not", () => {
  const uuids = Buffer.from(configurationId.replace(/-/g, '') + bookingId.replace(/-/g, ''), 'hex');
  assert.deepEqual(decodeBookingRef(uuids.toString('base64url')), { configurationId, bookingId, salt: '' });
  assert.equal(decodeBookingRef(uuids.subarray(0, 31).toString('base64url')), undefined);
  assert.deepEqual(decodeBookingRef(Buffer.concat([uuids, Buffer.from([7])]).toString('base64url')), {
    configurationId,
    bookingId,
    salt: 'Bw',
  });
});

test('booking ref: malformed text is refused, and encoding refuses a non-UUID', () => {
  for (const bad of ['', 'abc', '%E0%A4%A', 'not a ref!', 'A'.repeat(45)])
    assert.equal(decodeBookingRef(bad), undefined, bad);
  assert.throws(() => encodeBookingRef({ configurationId: 'nope', bookingId, salt }));
});

test('slot taken: recognised by the type or by the message the local API sends, whatever the type', () => {
  const message = timeslotUnavailableMessage('Someone booked it first.');
  assert.ok(isTimeslotUnavailable({ type: 'invalid_request_error', message }));
  assert.ok(
    isTimeslotUnavailable({
      type: 'invalid_request_error',
      message: 'The selected timeslot is unavailable. Please choose another.',
    }),
  );
  assert.ok(isTimeslotUnavailable({ type: 'timeslot_not_available', message: 'Gone.' }));
  assert.ok(!isTimeslotUnavailable({ type: 'invalid_request_error', message: 'Event is full' }));
});

test("slot taken and event full: Nylas's messages recognised in any case, anywhere in the message", () => {
  for (const message of [
    'the selected timeslot is unavailable',
    'Booking failed: The Selected Timeslot Is Unavailable.',
    'THE SELECTED TIMESLOT IS UNAVAILABLE',
  ]) {
    assert.ok(isTimeslotUnavailable({ type: 'invalid_request_error', message }), message);
  }
  for (const message of ['Event is full', 'event is full', 'Could not book: EVENT IS FULL.'])
    assert.ok(isEventFull({ type: 'invalid_request_error', message }), message);
  assert.ok(!isEventFull({ type: 'invalid_request_error', message: 'The selected timeslot is unavailable' }));
});

test('validators: IANA zones and real YYYY-MM-DD days', () => {
  for (const zone of ['UTC', 'Asia/Tokyo', 'America/Santiago']) assert.ok(isValidTimeZone(zone), zone);
  for (const zone of ['', 'Mars/Olympus_Mons', 'UTC+25']) assert.ok(!isValidTimeZone(zone), zone);
  for (const day of ['2024-02-29', '2026-12-31', '0001-01-01']) assert.ok(isIsoDate(day), day);
  for (const day of ['2026-02-29', '2026-13-01', '2026-1-01', ' 2026-01-01', '2026-01-01T00:00', '+02026-01-01', '']) {
    assert.ok(!isIsoDate(day), day);
  }
});
