import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import {
  CONFIRMATION_CONFIGURATION_ID,
  PRIVATE_CONFIGURATION_ID,
  PUBLIC_CONFIGURATION_ID,
  ROUND_ROBIN_CONFIGURATION_ID,
  seedDemo,
} from '../../server/seed.js';
import { decodeBookingRef } from '../../src/contract/booking-ref.js';
import { openStore } from '../../server/store/index.js';
import { assertOk, at, book, createConfiguration, startTestServer, T0 } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'scheduler-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const count = (path: string, table: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('database', () => {
  test('WAL, synchronous=FULL, foreign keys, busy timeout; migrations recorded and re-runnable', () => {
    const path = join(dir, 'pragmas.sqlite');
    const store = openStore(path);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(store.db.pragma('synchronous', { simple: true }), 2);
    assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(store.db.pragma('busy_timeout', { simple: true }), 5000);
    const version = store.db.pragma('user_version', { simple: true });
    assert.ok(typeof version === 'number' && version >= 1);
    store.close();
    const again = openStore(path);
    assert.equal(again.db.pragma('user_version', { simple: true }), version);
    again.close();
  });

  test('refuses a database from a newer schema', () => {
    const path = join(dir, 'future.sqlite');
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    assert.throws(() => openStore(path), /schema version 999/);
  });

  test('bookings survive a restart on the same file', async () => {
    const path = join(dir, 'restart.sqlite');
    const first = await startTestServer({ dbPath: path });
    const id = await createConfiguration(first);
    const booking = assertOk(await book(first, id, at(1, 10)));
    await first.close();

    const second = await startTestServer({ dbPath: path });
    try {
      const { organizer_booking_ref: _, ...read } = assertOk(
        await second.call(`/v3/scheduling/bookings/${booking.booking_id}`),
      );
      assert.deepEqual(read, booking);
      const again = await book(second, id, at(1, 10));
      assert.equal(again.body.error.type, 'timeslot_not_available');
    } finally {
      await second.close();
    }
  });

  test('a database from before organizer salts: its bookings get one, the guest ref still works but confirms nothing', async () => {
    const path = join(dir, 'before-organizer-salt.sqlite');
    const first = await startTestServer({ dbPath: path });
    const id = await createConfiguration(first, {
      event_booking: { title: 'Approval', booking_type: 'organizer-confirmation' },
    });
    const booking = assertOk(await book(first, id, at(1, 10)));
    await first.close();
    // Back to schema version 1: the booking has only the salt its guest holds.
    const old = new Database(path);
    old.exec(`
      DROP TABLE access_tokens; DROP TABLE signing_keys;
      DROP TABLE outbox; DROP TABLE webhooks; DROP TABLE mailbox; ALTER TABLE bookings DROP COLUMN ical_sequence;
      DROP TABLE group_event_exceptions; DROP TABLE group_events;
      DROP INDEX bookings_by_event; DROP INDEX bookings_one_seat_per_guest; DROP INDEX events_busy_by_grant;
      ALTER TABLE bookings DROP COLUMN organizer_salt; ALTER TABLE bookings DROP COLUMN email_language;
      DROP TABLE event_changes; DROP TRIGGER event_changes_insert; DROP TRIGGER event_changes_update;
      DROP TRIGGER event_changes_delete; DROP TRIGGER event_changes_invite; DROP TRIGGER event_changes_uninvite;
      DROP TRIGGER event_changes_reinvite;
      DROP TABLE calendar_busy; DROP TABLE calendar_objects; DROP TABLE calendar_sync; DROP TABLE grant_connections;
      DROP INDEX calendars_by_remote_url; ALTER TABLE calendars DROP COLUMN source;
      ALTER TABLE calendars DROP COLUMN remote_url;
      ALTER TABLE calendars DROP COLUMN read_only; ALTER TABLE calendars DROP COLUMN description;
      ALTER TABLE calendars DROP COLUMN hex_color;
    `);
    old.pragma('user_version = 1');
    old.close();

    const second = await startTestServer({ dbPath: path });
    try {
      const put = (salt: string) =>
        second.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
          method: 'PUT',
          body: { salt, status: 'confirmed' },
        });
      const read = assertOk(await second.call(`/v3/scheduling/bookings/${booking.booking_id}`));
      assert.equal(read.booking_ref, booking.booking_ref, 'the guest ref is unchanged');
      const organizerRef = decodeBookingRef(read.organizer_booking_ref)!;
      assert.equal(organizerRef.bookingId, booking.booking_id);
      assert.equal(
        (await put(decodeBookingRef(booking.booking_ref)!.salt)).status,
        400,
        'the guest salt confirms nothing',
      );
      const reschedule = await second.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PATCH',
        token: null,
        query: { configuration_id: id },
        body: { start_time: at(1, 11), end_time: at(1, 11, 30) },
      });
      assert.equal(reschedule.status, 200, 'the guest can still reschedule');
      assert.equal(assertOk(await put(organizerRef.salt)).status, 'booked');
    } finally {
      await second.close();
    }
  });
  // kill -9 under booking load: durability.test.ts.
});

describe('demo seed', () => {
  test('idempotent, tops up busy events as days pass, fixed configuration ids', () => {
    const path = join(dir, 'seed.sqlite');
    const store = openStore(path);
    const seeded = seedDemo(store, T0);
    assert.deepEqual(
      [
        seeded.publicConfigurationId,
        seeded.privateConfigurationId,
        seeded.roundRobinConfigurationId,
        seeded.confirmationConfigurationId,
      ],
      [PUBLIC_CONFIGURATION_ID, PRIVATE_CONFIGURATION_ID, ROUND_ROBIN_CONFIGURATION_ID, CONFIRMATION_CONFIGURATION_ID],
    );
    const events = count(path, 'events');
    assert.ok(events > 100, `${events} busy events`);
    assert.deepEqual(seedDemo(store, T0), seeded);
    assert.equal(count(path, 'events'), events, 'a second run adds nothing');
    assert.equal(count(path, 'configurations'), 5);
    assert.equal(count(path, 'grants'), 3);

    seedDemo(store, T0 + 14 * 86_400_000);
    assert.ok(count(path, 'events') > events, 'two weeks later the new days are filled in');
    assert.equal(count(path, 'configurations'), 5);
    store.close();
  });

  test('the seeded configurations answer as the demo pages expect', async () => {
    const server = await startTestServer({ seed: 'demo' });
    try {
      const window = { start_time: Math.floor(T0 / 1000), end_time: Math.floor(T0 / 1000) + 14 * 86400 };
      const publicSettings = assertOk(
        await server.call('/v3/scheduling/ui-settings', {
          token: null,
          query: { configuration_id: PUBLIC_CONFIGURATION_ID },
        }),
      );
      assert.equal(publicSettings.slug, 'intro-call');
      assert.equal(publicSettings.availability.duration_minutes, 30);
      assert.equal(publicSettings.scheduler.additional_fields.company.required, true);
      assert.equal(publicSettings.scheduler.additional_fields.topic.options.length, 3);
      assert.equal(publicSettings.scheduler.rescheduling_url, '/reschedule.html?booking_ref=:booking_ref');
      const slots = assertOk(
        await server.call('/v3/scheduling/availability', {
          token: null,
          query: { configuration_id: PUBLIC_CONFIGURATION_ID, ...window },
        }),
      );
      assert.ok(slots.time_slots.length > 20);

      assert.equal(
        (
          await server.call('/v3/scheduling/ui-settings', {
            token: null,
            query: { configuration_id: PRIVATE_CONFIGURATION_ID },
          })
        ).status,
        401,
      );
      const roundRobin = assertOk(
        await server.call('/v3/scheduling/availability', {
          token: null,
          query: { configuration_id: ROUND_ROBIN_CONFIGURATION_ID, ...window },
        }),
      );
      assert.equal(roundRobin.order.length, 2);
      const confirmation = assertOk(
        await server.call('/v3/scheduling/ui-settings', {
          token: null,
          query: { configuration_id: CONFIRMATION_CONFIGURATION_ID },
        }),
      );
      assert.equal(confirmation.booking_type, 'organizer-confirmation');
      assert.equal(confirmation.availability.duration_minutes, 60);
    } finally {
      await server.stop();
    }
  });
});
