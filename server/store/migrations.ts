import type { Database } from 'better-sqlite3';

/**
 * Schema versions, applied in order; `PRAGMA user_version` records how many ran. Append new steps,
 * never edit a released one. Times of events and bookings are Unix seconds (as on the wire);
 * bookkeeping times (`*_ms`) are milliseconds from the server clock.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE grants (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    created_at_ms INTEGER NOT NULL
  );

  CREATE TABLE calendars (
    id TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    is_primary INTEGER NOT NULL,
    timezone TEXT
  );
  CREATE INDEX calendars_by_grant ON calendars(grant_id);

  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT,
    location TEXT,
    start_time INTEGER NOT NULL,
    end_time INTEGER NOT NULL,
    busy INTEGER NOT NULL,
    status TEXT NOT NULL,
    participants TEXT NOT NULL,
    booking_id TEXT,
    created_at_ms INTEGER NOT NULL
  );
  -- Availability scans a grant's events that end after the window starts.
  CREATE INDEX events_by_grant_end ON events(grant_id, end_time);
  CREATE INDEX events_by_calendar_start ON events(calendar_id, start_time, id);

  -- Who an event invites, so a participant is busy in events on other people's calendars.
  CREATE TABLE event_participants (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    PRIMARY KEY (email, event_id)
  ) WITHOUT ROWID;
  CREATE INDEX event_participants_by_event ON event_participants(event_id);

  CREATE TABLE configurations (
    id TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    slug TEXT UNIQUE,
    requires_session_auth INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
  );
  CREATE INDEX configurations_by_grant ON configurations(grant_id, created_at_ms, id);

  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    configuration_id TEXT NOT NULL REFERENCES configurations(id) ON DELETE CASCADE,
    expires_at_ms INTEGER NOT NULL
  );
  CREATE INDEX sessions_by_configuration ON sessions(configuration_id);

  CREATE TABLE bookings (
    id TEXT PRIMARY KEY,
    configuration_id TEXT NOT NULL REFERENCES configurations(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('booked', 'pending', 'cancelled')),
    start_time INTEGER NOT NULL,
    end_time INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    location TEXT,
    host_email TEXT NOT NULL,
    host_name TEXT NOT NULL,
    guest_name TEXT NOT NULL,
    guest_email TEXT NOT NULL,
    additional_guests TEXT NOT NULL,
    additional_fields TEXT NOT NULL,
    timezone TEXT,
    salt TEXT NOT NULL,
    cancellation_reason TEXT,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
  );
  -- Round-robin fairness counts a host's recent bookings of a configuration.
  CREATE INDEX bookings_by_host ON bookings(configuration_id, host_email, created_at_ms);
  `,
  // The organizer's own salt (confirm or decline); until now the guest's salt did that too. Older
  // bookings get a fresh random one: 24 hex digits are also valid URL-safe base64 of 18 bytes.
  // And the language the guest asked for the booking's emails in.
  `
  ALTER TABLE bookings ADD COLUMN email_language TEXT;
  ALTER TABLE bookings ADD COLUMN organizer_salt TEXT NOT NULL DEFAULT '';
  UPDATE bookings SET organizer_salt = lower(hex(randomblob(12))) WHERE organizer_salt = '';
  `,
  // Group events: a single event or a recurring master per row, occurrence overrides
  // beside it; a seat is a booking whose event_id is the occurrence id.
  `
  CREATE TABLE group_events (
    id TEXT PRIMARY KEY,
    configuration_id TEXT NOT NULL REFERENCES configurations(id) ON DELETE CASCADE,
    grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    calendar_id TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
  );
  CREATE INDEX group_events_by_configuration ON group_events(configuration_id);

  CREATE TABLE group_event_exceptions (
    occurrence_id TEXT PRIMARY KEY,
    group_event_id TEXT NOT NULL REFERENCES group_events(id) ON DELETE CASCADE,
    body TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX group_event_exceptions_by_event ON group_event_exceptions(group_event_id);

  CREATE INDEX bookings_by_event ON bookings(event_id, status);
  -- One seat per guest email and occurrence, whatever the code above it does.
  CREATE UNIQUE INDEX bookings_one_seat_per_guest ON bookings(event_id, guest_email) WHERE status = 'booked';
  `,
  // Availability reads a grant's busy time from this index alone (no lookup of each event's row).
  `
  CREATE INDEX events_busy_by_grant ON events(grant_id, end_time, start_time, booking_id) WHERE busy = 1 AND status != 'cancelled';
  `,
  // A booking's event blocks its hosts only: the guest and additional guests written
  // as busy participants by earlier versions are no longer (unless the address is the booking's host).
  `
  DELETE FROM event_participants WHERE EXISTS (
    SELECT 1 FROM bookings b
    WHERE b.event_id = event_participants.event_id AND lower(b.host_email) != event_participants.email
      AND (lower(b.guest_email) = event_participants.email
        OR EXISTS (SELECT 1 FROM json_each(b.additional_guests) g WHERE lower(json_extract(g.value, '$.email')) = event_participants.email))
  );
  `,
  // Notifications: the outbox every booking write adds its messages to in its own
  // transaction (mail, webhook deliveries, reminders due later), the webhook subscriptions, the
  // local mailbox that keeps mail when no SMTP server is set, and each booking's iCalendar SEQUENCE.
  `
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook', 'fanout')),
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    booking_id TEXT,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'dropped')),
    due_at_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at_ms INTEGER NOT NULL,
    sent_at_ms INTEGER,
    finished_at_ms INTEGER
  );
  CREATE INDEX outbox_due ON outbox(due_at_ms) WHERE status = 'queued';
  -- A webhook's recent outcomes (its failing/failed status).
  CREATE INDEX outbox_by_webhook ON outbox(target, finished_at_ms) WHERE channel = 'webhook';
  CREATE INDEX outbox_by_booking ON outbox(booking_id, kind) WHERE status = 'queued';

  CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    description TEXT,
    trigger_types TEXT NOT NULL,
    webhook_url TEXT NOT NULL,
    webhook_secret TEXT NOT NULL,
    status TEXT NOT NULL,
    notification_email_addresses TEXT NOT NULL,
    compressed_delivery INTEGER NOT NULL,
    status_updated_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE mailbox (
    id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL,
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    html TEXT NOT NULL,
    ics TEXT,
    raw TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
  );

  ALTER TABLE bookings ADD COLUMN ical_sequence INTEGER NOT NULL DEFAULT 0;
  `,
  // Grant access tokens (kept as SHA-256 digests, never the token) and the database's own key for
  // signing their ID tokens: SQLite's randomblob() draws from its ChaCha20 generator, seeded by the OS.
  `
  CREATE TABLE access_tokens (
    id TEXT PRIMARY KEY,
    token_sha256 TEXT NOT NULL UNIQUE,
    grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    issuer TEXT NOT NULL,
    issued_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    revoked_at_ms INTEGER
  );
  CREATE INDEX access_tokens_by_expiry ON access_tokens(expires_at_ms);

  CREATE TABLE signing_keys (name TEXT PRIMARY KEY, secret BLOB NOT NULL) WITHOUT ROWID;
  INSERT INTO signing_keys (name, secret) VALUES ('id_token', randomblob(32));
  `,
  // Which events changed (by rowid), in commit order, whoever wrote them (another connection, a
  // cascade): busy time kept in memory is patched with these rows instead of read again whole
  // after a write (events.ts). The last 10,000 changes are kept.
  `
  CREATE TABLE event_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_rowid INTEGER NOT NULL);
  CREATE TRIGGER event_changes_prune AFTER INSERT ON event_changes BEGIN
    DELETE FROM event_changes WHERE seq <= NEW.seq - 10000;
  END;
  CREATE TRIGGER event_changes_insert AFTER INSERT ON events BEGIN
    INSERT INTO event_changes (event_rowid) VALUES (NEW.rowid);
  END;
  CREATE TRIGGER event_changes_update AFTER UPDATE ON events BEGIN
    INSERT INTO event_changes (event_rowid) VALUES (NEW.rowid);
    INSERT INTO event_changes (event_rowid) SELECT OLD.rowid WHERE OLD.rowid != NEW.rowid;
  END;
  CREATE TRIGGER event_changes_delete AFTER DELETE ON events BEGIN
    INSERT INTO event_changes (event_rowid) VALUES (OLD.rowid);
  END;
  CREATE TRIGGER event_changes_invite AFTER INSERT ON event_participants BEGIN
    INSERT INTO event_changes (event_rowid) SELECT rowid FROM events WHERE id = NEW.event_id;
  END;
  CREATE TRIGGER event_changes_uninvite AFTER DELETE ON event_participants BEGIN
    INSERT INTO event_changes (event_rowid) SELECT rowid FROM events WHERE id = OLD.event_id;
  END;
  CREATE TRIGGER event_changes_reinvite AFTER UPDATE ON event_participants BEGIN
    INSERT INTO event_changes (event_rowid)
      SELECT rowid FROM events WHERE id IN (OLD.event_id, NEW.event_id);
  END;
  `,
  // Calendar accounts (POST /v3/connect/custom): the provider and its settings per grant (the
  // password included: syncing needs it; it is never answered back), the remote calendars beside
  // the local ones, what each sync left (tokens, the objects' text, their busy time expanded over
  // a horizon), and a channel for writing bookings back to the organizer's calendar.
  `
  CREATE TABLE grant_connections (
    grant_id TEXT PRIMARY KEY REFERENCES grants(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    settings TEXT NOT NULL,
    scope TEXT NOT NULL,
    state TEXT,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
  );

  ALTER TABLE calendars ADD COLUMN source TEXT;
  ALTER TABLE calendars ADD COLUMN remote_url TEXT;
  ALTER TABLE calendars ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE calendars ADD COLUMN description TEXT;
  ALTER TABLE calendars ADD COLUMN hex_color TEXT;
  CREATE UNIQUE INDEX calendars_by_remote_url ON calendars(grant_id, remote_url) WHERE remote_url IS NOT NULL;

  CREATE TABLE calendar_sync (
    calendar_id TEXT PRIMARY KEY REFERENCES calendars(id) ON DELETE CASCADE,
    version TEXT,
    sync_token TEXT,
    synced_at_ms INTEGER,
    expanded_from INTEGER,
    expanded_to INTEGER,
    last_error TEXT,
    tried_at_ms INTEGER
  );

  CREATE TABLE calendar_objects (
    calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    href TEXT NOT NULL,
    etag TEXT,
    ics TEXT NOT NULL,
    PRIMARY KEY (calendar_id, href)
  ) WITHOUT ROWID;

  CREATE TABLE calendar_busy (
    calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    href TEXT NOT NULL,
    start_time INTEGER NOT NULL,
    end_time INTEGER NOT NULL,
    -- Wall-clock times of no zone yet (an all-day event of a calendar that names none).
    floating INTEGER NOT NULL
  );
  -- Availability reads a calendar's busy time from these indexes alone: spans starting in the window
  -- (or up to two weeks before it), and the few longer ones.
  CREATE INDEX calendar_busy_by_calendar ON calendar_busy(calendar_id, start_time, end_time, floating);
  CREATE INDEX calendar_busy_long ON calendar_busy(calendar_id, end_time, start_time, floating)
    WHERE end_time - start_time > 1209600;
  CREATE INDEX calendar_busy_by_object ON calendar_busy(calendar_id, href);

  CREATE TABLE outbox_next (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook', 'fanout', 'calendar')),
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    booking_id TEXT,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'dropped')),
    due_at_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at_ms INTEGER NOT NULL,
    sent_at_ms INTEGER,
    finished_at_ms INTEGER
  );
  INSERT INTO outbox_next SELECT id, channel, kind, target, booking_id, payload, status, due_at_ms, attempts,
    last_error, created_at_ms, sent_at_ms, finished_at_ms FROM outbox;
  DROP TABLE outbox;
  ALTER TABLE outbox_next RENAME TO outbox;
  CREATE INDEX outbox_due ON outbox(due_at_ms) WHERE status = 'queued';
  CREATE INDEX outbox_by_webhook ON outbox(target, finished_at_ms) WHERE channel = 'webhook';
  CREATE INDEX outbox_by_booking ON outbox(booking_id, kind) WHERE status = 'queued';
  `,
];

export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`The database has schema version ${current}, newer than this server knows (${MIGRATIONS.length}).`);
  }
  MIGRATIONS.slice(current).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + index + 1}`);
    })();
  });
}
