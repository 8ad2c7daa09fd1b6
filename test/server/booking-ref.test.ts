import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { decodeBookingRef, encodeBookingRef } from '../../src/contract/booking-ref.js';
import { mintSalt } from '../../server/scheduling/salt.js';

test('round trip: configuration id, booking id and salt come back', () => {
  for (let i = 0; i < 50; i++) {
    const ref = { configurationId: randomUUID(), bookingId: randomUUID(), salt: mintSalt() };
    const encoded = encodeBookingRef(ref);
    assert.match(encoded, /^[A-Za-z0-9_-]+$/, 'URL-safe base64 without padding');
    assert.deepEqual(decodeBookingRef(encoded), ref);
    assert.deepEqual(decodeBookingRef(encodeURIComponent(encoded)), ref);
  }
});

test('layout: 16 + 16 bytes of the UUIDs, then the salt bytes', () => {
  const configurationId = '5eed0001-c0f1-4a1b-8c2d-000000000001';
  const bookingId = 'ffffffff-0000-4000-8000-123456789abc';
  const salt = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).toString('base64url');
  const bytes = Buffer.from(encodeBookingRef({ configurationId, bookingId, salt }), 'base64url');
  assert.equal(bytes.length, 40);
  assert.equal(bytes.subarray(0, 16).toString('hex'), configurationId.replace(/-/g, ''));
  assert.equal(bytes.subarray(16, 32).toString('hex'), bookingId.replace(/-/g, ''));
  assert.deepEqual([...bytes.subarray(32)], [1, 2, 3, 4, 5, 6, 7, 8]);
});

test('salts are 8-16 random bytes', () => {
  const salts = new Set(Array.from({ length: 100 }, mintSalt));
  assert.equal(salts.size, 100);
  for (const salt of salts) {
    const length = Buffer.from(salt, 'base64url').length;
    assert.ok(length >= 8 && length <= 16);
  }
});

test('tolerates URL-encoding and standard base64; rejects malformed refs', () => {
  const ref = { configurationId: randomUUID(), bookingId: randomUUID(), salt: mintSalt() };
  const standard = Buffer.from(encodeBookingRef(ref), 'base64url').toString('base64');
  assert.deepEqual(decodeBookingRef(standard), ref);
  assert.deepEqual(decodeBookingRef(encodeURIComponent(standard)), ref);
  for (const bad of ['', 'abc', '%E0%A4%A', 'not a ref!', Buffer.alloc(31).toString('base64url')]) {
    assert.equal(decodeBookingRef(bad), undefined, bad);
  }
});
