/**
 * Connected calendar accounts and what their syncs left: the provider settings of a grant, the
 * remote calendars (rows of `calendars` with a `source`), each calendar's sync state, the text of
 * its objects and their busy time expanded over a horizon. Availability reads only the busy rows.
 */
import { randomUUID } from 'node:crypto';
import type { Interval } from '../availability/types.js';
import type { Db } from './db.js';

/** The account behind a grant, as it was connected; `settings` holds the password. */
export interface ConnectionRecord {
  grantId: string;
  provider: string;
  settings: Record<string, unknown>;
  scope: string[];
  state: string | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export type CalendarSource = 'caldav' | 'ics';

/** A calendar found in the account (CalDAV) or named by a feed URL (ICS). */
export interface RemoteCalendar {
  source: CalendarSource;
  remoteUrl: string;
  name: string;
  readOnly: boolean;
  timezone: string | null;
  description: string | null;
  hexColor: string | null;
}

export interface SyncedCalendar extends RemoteCalendar {
  id: string;
  grantId: string;
  isPrimary: boolean;
  /** The server's collection version (CalDAV ctag, an ICS feed's ETag) at the last sync. */
  version: string | null;
  syncToken: string | null;
  /** When the last sync succeeded (ms), null before the first one. */
  syncedAtMs: number | null;
  /** The span (Unix seconds) the stored busy time was expanded over. */
  expandedFrom: number | null;
  expandedTo: number | null;
  lastError: string | null;
}

/** Busy time as stored: floating spans are wall-clock times read as UTC, placed in a zone when read. */
export interface StoredBusy extends Interval {
  floating?: true;
}

/** One object of a calendar (a CalDAV resource, or a feed) with its busy time. */
export interface CalendarObject {
  href: string;
  etag: string | null;
  ics: string;
  busy: StoredBusy[];
}

interface SyncedRow {
  id: string;
  grant_id: string;
  name: string;
  is_primary: number;
  timezone: string | null;
  source: CalendarSource;
  remote_url: string;
  read_only: number;
  description: string | null;
  hex_color: string | null;
  version: string | null;
  sync_token: string | null;
  synced_at_ms: number | null;
  expanded_from: number | null;
  expanded_to: number | null;
  last_error: string | null;
}

interface ConnectionRow {
  grant_id: string;
  provider: string;
  settings: string;
  scope: string;
  state: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

const toSynced = (row: SyncedRow): SyncedCalendar => ({
  id: row.id,
  grantId: row.grant_id,
  isPrimary: row.is_primary === 1,
  source: row.source,
  remoteUrl: row.remote_url,
  name: row.name,
  readOnly: row.read_only === 1,
  timezone: row.timezone,
  description: row.description,
  hexColor: row.hex_color,
  version: row.version,
  syncToken: row.sync_token,
  syncedAtMs: row.synced_at_ms,
  expandedFrom: row.expanded_from,
  expandedTo: row.expanded_to,
  lastError: row.last_error,
});

/** Spans longer than this (two weeks: an all-day holiday, a sabbatical) are found through their own index. */
const LONG_SPAN_SECONDS = 14 * 86400;

const SYNCED_COLUMNS = `c.id, c.grant_id, c.name, c.is_primary, c.timezone, c.source, c.remote_url, c.read_only,
  c.description, c.hex_color, s.version, s.sync_token, s.synced_at_ms, s.expanded_from, s.expanded_to, s.last_error`;

export class CalendarSync {
  readonly #connection;
  readonly #saveConnection;
  readonly #synced;
  readonly #syncedOfGrant;
  readonly #syncedByUrl;
  readonly #insertCalendar;
  readonly #updateCalendar;
  readonly #deleteCalendar;
  readonly #moveEvents;
  readonly #clearPrimary;
  readonly #localCalendar;
  readonly #setPrimary;
  readonly #saveState;
  readonly #noteError;
  readonly #markSynced;
  readonly #objects;
  readonly #upsertObject;
  readonly #deleteObject;
  readonly #deleteObjects;
  readonly #insertBusy;
  readonly #deleteBusyOfObject;
  readonly #deleteBusy;
  readonly #busy;
  readonly #connected;

  constructor(readonly db: Db) {
    this.#connection = db.prepare<[string], ConnectionRow>('SELECT * FROM grant_connections WHERE grant_id = ?');
    this.#connected = db.prepare<[], { grant_id: string }>('SELECT grant_id FROM grant_connections ORDER BY grant_id');
    this.#saveConnection = db.prepare<[ConnectionRow]>(
      `INSERT INTO grant_connections (grant_id, provider, settings, scope, state, created_at_ms, updated_at_ms)
       VALUES (@grant_id, @provider, @settings, @scope, @state, @created_at_ms, @updated_at_ms)
       ON CONFLICT (grant_id) DO UPDATE SET provider = excluded.provider, settings = excluded.settings,
         scope = excluded.scope, state = excluded.state, updated_at_ms = excluded.updated_at_ms`,
    );
    const synced = `SELECT ${SYNCED_COLUMNS} FROM calendars c LEFT JOIN calendar_sync s ON s.calendar_id = c.id`;
    this.#synced = db.prepare<[string], SyncedRow>(`${synced} WHERE c.id = ? AND c.source IS NOT NULL`);
    this.#syncedOfGrant = db.prepare<[string], SyncedRow>(
      `${synced} WHERE c.grant_id = ? AND c.source IS NOT NULL ORDER BY c.is_primary DESC, c.name, c.id`,
    );
    this.#syncedByUrl = db.prepare<[string, string], { id: string }>(
      'SELECT id FROM calendars WHERE grant_id = ? AND remote_url = ?',
    );
    this.#insertCalendar = db.prepare<[Record<string, unknown>]>(
      `INSERT INTO calendars
         (id, grant_id, name, is_primary, timezone, source, remote_url, read_only, description, hex_color)
       VALUES (@id, @grant_id, @name, 0, @timezone, @source, @remote_url, @read_only, @description, @hex_color)`,
    );
    this.#updateCalendar = db.prepare<[Record<string, unknown>]>(
      `UPDATE calendars SET name = @name, timezone = @timezone, source = @source, read_only = @read_only,
         description = @description, hex_color = @hex_color WHERE id = @id`,
    );
    this.#deleteCalendar = db.prepare<[string]>('DELETE FROM calendars WHERE id = ?');
    this.#moveEvents = db.prepare<[string, string]>('UPDATE events SET calendar_id = ? WHERE calendar_id = ?');
    this.#clearPrimary = db.prepare<[string]>('UPDATE calendars SET is_primary = 0 WHERE grant_id = ?');
    this.#localCalendar = db.prepare<[string], { id: string }>(
      'SELECT id FROM calendars WHERE grant_id = ? AND source IS NULL ORDER BY is_primary DESC, id LIMIT 1',
    );
    this.#setPrimary = db.prepare<[string]>('UPDATE calendars SET is_primary = 1 WHERE id = ?');
    this.#saveState = db.prepare<[Record<string, unknown>]>(
      `INSERT INTO calendar_sync
         (calendar_id, version, sync_token, synced_at_ms, expanded_from, expanded_to, last_error, tried_at_ms)
       VALUES (@calendar_id, @version, @sync_token, @synced_at_ms, @expanded_from, @expanded_to, NULL, @synced_at_ms)
       ON CONFLICT (calendar_id) DO UPDATE SET version = excluded.version, sync_token = excluded.sync_token,
         synced_at_ms = excluded.synced_at_ms, expanded_from = excluded.expanded_from,
         expanded_to = excluded.expanded_to, last_error = NULL, tried_at_ms = excluded.tried_at_ms`,
    );
    this.#noteError = db.prepare<[string, string, number]>(
      `INSERT INTO calendar_sync (calendar_id, last_error, tried_at_ms) VALUES (?, ?, ?)
       ON CONFLICT (calendar_id) DO UPDATE SET last_error = excluded.last_error, tried_at_ms = excluded.tried_at_ms`,
    );
    this.#markSynced = db.prepare<[{ now: number; id: string }]>(
      'UPDATE calendar_sync SET synced_at_ms = @now, tried_at_ms = @now, last_error = NULL WHERE calendar_id = @id',
    );
    this.#objects = db.prepare<[string], { href: string; etag: string | null; ics: string }>(
      'SELECT href, etag, ics FROM calendar_objects WHERE calendar_id = ? ORDER BY href',
    );
    this.#upsertObject = db.prepare<[string, string, string | null, string]>(
      `INSERT INTO calendar_objects (calendar_id, href, etag, ics) VALUES (?, ?, ?, ?)
       ON CONFLICT (calendar_id, href) DO UPDATE SET etag = excluded.etag, ics = excluded.ics`,
    );
    this.#deleteObject = db.prepare<[string, string]>(
      'DELETE FROM calendar_objects WHERE calendar_id = ? AND href = ?',
    );
    this.#deleteObjects = db.prepare<[string]>('DELETE FROM calendar_objects WHERE calendar_id = ?');
    this.#insertBusy = db.prepare<[string, string, number, number, number]>(
      'INSERT INTO calendar_busy (calendar_id, href, start_time, end_time, floating) VALUES (?, ?, ?, ?, ?)',
    );
    this.#deleteBusyOfObject = db.prepare<[string, string]>(
      'DELETE FROM calendar_busy WHERE calendar_id = ? AND href = ?',
    );
    this.#deleteBusy = db.prepare<[string]>('DELETE FROM calendar_busy WHERE calendar_id = ?');
    // One JSON text, as Events.busyFor reads: building thousands of rows is most of the read's time.
    this.#busy = db
      .prepare<{ calendar: string; from: number; to: number }, string>(
        // A scan from the window's start back two weeks, not over every later span: a calendar
        // holds a year or more of them. Longer spans come from their own small index.
        `SELECT json_group_array(json_array(start_time, end_time, floating)) FROM (
           SELECT start_time, end_time, floating FROM calendar_busy INDEXED BY calendar_busy_by_calendar
           WHERE calendar_id = @calendar AND start_time > @from - ${LONG_SPAN_SECONDS} AND start_time < @to
             AND end_time > @from
           UNION ALL
           SELECT start_time, end_time, floating FROM calendar_busy INDEXED BY calendar_busy_long
           WHERE calendar_id = @calendar AND end_time > @from AND end_time - start_time > ${LONG_SPAN_SECONDS}
             AND start_time <= @from - ${LONG_SPAN_SECONDS})`,
      )
      .pluck();
  }

  connection(grantId: string): ConnectionRecord | undefined {
    const row = this.#connection.get(grantId);
    return (
      row && {
        grantId: row.grant_id,
        provider: row.provider,
        settings: JSON.parse(row.settings) as Record<string, unknown>,
        scope: JSON.parse(row.scope) as string[],
        state: row.state,
        createdAtMs: row.created_at_ms,
        updatedAtMs: row.updated_at_ms,
      }
    );
  }

  /** The grants that have a connected account. */
  connectedGrants(): string[] {
    return this.#connected.all().map((row) => row.grant_id);
  }

  saveConnection(connection: ConnectionRecord): void {
    this.#saveConnection.run({
      grant_id: connection.grantId,
      provider: connection.provider,
      settings: JSON.stringify(connection.settings),
      scope: JSON.stringify(connection.scope),
      state: connection.state,
      created_at_ms: connection.createdAtMs,
      updated_at_ms: connection.updatedAtMs,
    });
  }

  calendar(calendarId: string): SyncedCalendar | undefined {
    const row = this.#synced.get(calendarId);
    return row && toSynced(row);
  }

  calendarsOf(grantId: string): SyncedCalendar[] {
    return this.#syncedOfGrant.all(grantId).map(toSynced);
  }

  /**
   * Makes the grant's remote calendars exactly `remote` (matched by URL: ids stay), drops the ones
   * no longer there with what they held, and makes `primaryUrl` the grant's primary calendar.
   * Call inside a write transaction.
   */
  setCalendars(grantId: string, remote: RemoteCalendar[], primaryUrl: string | undefined): void {
    const keep = new Set(remote.map((calendar) => calendar.remoteUrl));
    const local = this.#localCalendar.get(grantId);
    for (const old of this.calendarsOf(grantId)) {
      if (keep.has(old.remoteUrl)) continue;
      // Events written here (bookings' included) stay the grant's: they move to its local calendar.
      if (local) this.#moveEvents.run(local.id, old.id);
      this.#deleteCalendar.run(old.id);
    }
    for (const calendar of remote) {
      const params = {
        grant_id: grantId,
        name: calendar.name,
        timezone: calendar.timezone,
        source: calendar.source,
        remote_url: calendar.remoteUrl,
        read_only: calendar.readOnly ? 1 : 0,
        description: calendar.description,
        hex_color: calendar.hexColor,
      };
      const found = this.#syncedByUrl.get(grantId, calendar.remoteUrl);
      if (found) this.#updateCalendar.run({ ...params, id: found.id });
      else this.#insertCalendar.run({ ...params, id: randomUUID() });
    }
    // The account's calendar becomes primary (bookings are written there); without one, the local calendar is again.
    const primary = (primaryUrl && this.#syncedByUrl.get(grantId, primaryUrl)) || this.#localCalendar.get(grantId);
    if (primary) {
      this.#clearPrimary.run(grantId);
      this.#setPrimary.run(primary.id);
    }
  }

  objects(calendarId: string): Omit<CalendarObject, 'busy'>[] {
    return this.#objects.all(calendarId);
  }

  /**
   * Stores what one sync found, in one transaction with its new state: `changed` objects replace
   * theirs, `deleted` hrefs go; with `replaceAll` every object not in `changed` goes.
   */
  applySync(
    calendarId: string,
    change: { changed: CalendarObject[]; deleted: string[]; replaceAll: boolean },
    state: {
      version: string | null;
      syncToken: string | null;
      syncedAtMs: number;
      expandedFrom: number;
      expandedTo: number;
    },
  ): void {
    if (change.replaceAll) {
      this.#deleteObjects.run(calendarId);
      this.#deleteBusy.run(calendarId);
    }
    for (const href of change.deleted) {
      this.#deleteObject.run(calendarId, href);
      this.#deleteBusyOfObject.run(calendarId, href);
    }
    for (const object of change.changed) {
      this.#upsertObject.run(calendarId, object.href, object.etag, object.ics);
      if (!change.replaceAll) this.#deleteBusyOfObject.run(calendarId, object.href);
      for (const span of object.busy) {
        this.#insertBusy.run(calendarId, object.href, span.start, span.end, span.floating ? 1 : 0);
      }
    }
    this.#saveState.run({
      calendar_id: calendarId,
      version: state.version,
      sync_token: state.syncToken,
      synced_at_ms: state.syncedAtMs,
      expanded_from: state.expandedFrom,
      expanded_to: state.expandedTo,
    });
  }

  /** A failed sync: the last good copy stays, the error is kept for the owner to see. */
  noteError(calendarId: string, error: string, nowMs: number): void {
    this.#noteError.run(calendarId, error.slice(0, 1000), nowMs);
  }

  /** A sync that found nothing changed: the stored copy is as fresh as now. */
  markSynced(calendarId: string, nowMs: number): void {
    this.#markSynced.run({ now: nowMs, id: calendarId });
  }

  /** Busy time of the calendars overlapping [from, to). */
  /** Stored busy time of the calendars overlapping [from, to) (floating spans: their wall-clock times). */
  busyFor(calendarIds: readonly string[], from: number, to: number): StoredBusy[] {
    const busy: StoredBusy[] = [];
    for (const calendarId of calendarIds) {
      const rows = JSON.parse(this.#busy.get({ calendar: calendarId, from, to })!) as [number, number, number][];
      for (const [start, end, floating] of rows) busy.push(floating ? { start, end, floating: true } : { start, end });
    }
    return busy;
  }
}
