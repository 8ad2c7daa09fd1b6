import type { EventParticipant, EventStatus } from '../../src/contract/admin.js';
import type { BusyInterval } from '../availability/types.js';
import type { Db } from './db.js';

export interface EventRecord {
  id: string;
  grantId: string;
  calendarId: string;
  title: string;
  description: string | null;
  location: string | null;
  /** Unix seconds. */
  start: number;
  end: number;
  busy: boolean;
  status: EventStatus;
  participants: EventParticipant[];
  bookingId: string | null;
  /**
   * Who the event makes busy besides its calendar's owner, when not every participant: a
   * booking's event invites the guests but blocks only its hosts. Written with the event; an
   * update of a booking's event without it keeps who it blocks.
   */
  blocks?: string[];
}

interface EventRow {
  id: string;
  grant_id: string;
  calendar_id: string;
  title: string;
  description: string | null;
  location: string | null;
  start_time: number;
  end_time: number;
  busy: number;
  status: EventStatus;
  participants: string;
  booking_id: string | null;
}

export interface EventListQuery {
  calendarId: string;
  /** Only events ending after / starting before these Unix seconds. */
  start?: number;
  end?: number;
  limit: number;
  /** Keyset cursor: continue after this (start_time, id). */
  after?: { key: number; id: string };
}

const toRecord = (row: EventRow): EventRecord => ({
  id: row.id,
  grantId: row.grant_id,
  calendarId: row.calendar_id,
  title: row.title,
  description: row.description,
  location: row.location,
  start: row.start_time,
  end: row.end_time,
  busy: row.busy === 1,
  status: row.status,
  participants: JSON.parse(row.participants) as EventParticipant[],
  bookingId: row.booking_id,
});

const toParams = (event: EventRecord) => ({
  id: event.id,
  grant_id: event.grantId,
  calendar_id: event.calendarId,
  title: event.title,
  description: event.description,
  location: event.location,
  start_time: event.start,
  end_time: event.end,
  busy: event.busy ? 1 : 0,
  status: event.status,
  participants: JSON.stringify(event.participants),
  booking_id: event.bookingId,
});

type EventParams = ReturnType<typeof toParams>;

const MAX_TIME = Number.MAX_SAFE_INTEGER;

/** A participant's busy time from `from` on, as read at one state of the database. */
interface BusySince {
  from: number;
  intervals: BusyInterval[];
}

/** Busy intervals kept between writes, all participants together (beyond it the memo starts over): ~60 MB. */
const BUSY_MEMO_INTERVALS = 1_000_000;

export class Events {
  readonly #get;
  readonly #insert;
  readonly #update;
  readonly #delete;
  readonly #list;
  readonly #busy;
  readonly #dataVersion;
  readonly #ownChanges;
  /**
   * Busy time read from the database, by participant, valid while the database is unchanged: no
   * write by this connection (total_changes) nor a commit by another one (data_version, e.g. a
   * second server on the same file). Reading thousands of rows is most of an availability answer
   * for a big calendar, and availability is read far more often than calendars change.
   */
  #busyMemo = new Map<string, BusySince>();
  #busyMemoState = '';
  #busyMemoIntervals = 0;
  readonly #db: Db;
  readonly #addParticipant;
  readonly #clearParticipants;
  readonly #writeParticipants;

  constructor(db: Db) {
    this.#db = db;
    this.#get = db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?');
    this.#insert = db.prepare<[EventParams & { created_at_ms: number }]>(
      `INSERT OR IGNORE INTO events (id, grant_id, calendar_id, title, description, location, start_time, end_time,
         busy, status, participants, booking_id, created_at_ms)
       VALUES (@id, @grant_id, @calendar_id, @title, @description, @location, @start_time, @end_time,
         @busy, @status, @participants, @booking_id, @created_at_ms)`,
    );
    this.#update = db.prepare<[EventParams]>(
      `UPDATE events SET calendar_id = @calendar_id, title = @title, description = @description, location = @location,
         start_time = @start_time, end_time = @end_time, busy = @busy, status = @status,
         participants = @participants, booking_id = @booking_id
       WHERE id = @id AND grant_id = @grant_id`,
    );
    this.#delete = db.prepare<[string]>('DELETE FROM events WHERE id = ?');
    this.#list = db.prepare<[string, number, number, number, number, string, number], EventRow>(
      `SELECT * FROM events
       WHERE calendar_id = ? AND end_time > ? AND start_time < ?
         AND (start_time > ? OR (start_time = ? AND id > ?))
       ORDER BY start_time, id LIMIT ?`,
    );
    // A participant is busy in the events of their own grant and in any event that invites them.
    // One JSON text instead of a row per event: building thousands of rows is most of the read's
    // time (10 people × 1k events: 16 ms as rows, 10 ms as one text). An event of their own grant
    // that also invites them comes twice, which busy time does not mind (intervals are merged).
    this.#busy = db
      .prepare<{ email: string; grant_id: string | null; from: number; to: number }, string>(
        `SELECT json_group_array(json_array(start_time, end_time, booking_id)) FROM (
           SELECT start_time, end_time, booking_id FROM events INDEXED BY events_busy_by_grant
           WHERE grant_id = @grant_id AND end_time > @from AND start_time < @to AND busy = 1 AND status != 'cancelled'
           UNION ALL
           SELECT e.start_time, e.end_time, e.booking_id FROM event_participants p JOIN events e ON e.id = p.event_id
           WHERE p.email = @email AND e.end_time > @from AND e.start_time < @to AND e.busy = 1 AND e.status != 'cancelled')`,
      )
      .pluck();
    this.#dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.#ownChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
    this.#addParticipant = db.prepare<[string, string]>(
      'INSERT OR IGNORE INTO event_participants (event_id, email) VALUES (?, ?)',
    );
    this.#clearParticipants = db.prepare<[string]>('DELETE FROM event_participants WHERE event_id = ?');
    this.#writeParticipants = (event: EventRecord) => {
      this.#clearParticipants.run(event.id);
      for (const email of event.blocks ?? event.participants.map((participant) => participant.email)) {
        this.#addParticipant.run(event.id, email.toLowerCase());
      }
    };
    this.insert = db.transaction((event: EventRecord, nowMs: number) => {
      if (this.#insert.run({ ...toParams(event), created_at_ms: nowMs }).changes === 0) return false;
      this.#writeParticipants(event);
      return true;
    });
    this.update = db.transaction((event: EventRecord) => {
      this.#update.run(toParams(event));
      if (event.blocks || event.bookingId === null) this.#writeParticipants(event);
    });
  }

  /** Inserts an event; false (and no change) when its id exists already. */
  readonly insert: (event: EventRecord, nowMs: number) => boolean;
  readonly update: (event: EventRecord) => void;

  get(id: string): EventRecord | undefined {
    const row = this.#get.get(id);
    return row && toRecord(row);
  }

  delete(id: string): void {
    this.#delete.run(id);
  }

  /** One page in (start, id) order plus whether more follow. */
  list(query: EventListQuery): { events: EventRecord[]; more: boolean } {
    const after = query.after ?? { key: -1, id: '' };
    const rows = this.#list.all(
      query.calendarId,
      query.start ?? -1,
      query.end ?? MAX_TIME,
      after.key,
      after.key,
      after.id,
      query.limit + 1,
    );
    return { events: rows.slice(0, query.limit).map(toRecord), more: rows.length > query.limit };
  }

  /** Busy time of a participant overlapping [from, to); `grantId` is their own grant, when they have one. */
  busyFor(email: string, grantId: string | undefined, from: number, to: number): BusyInterval[] {
    const address = email.toLowerCase();
    // Inside a transaction the memo is neither read nor filled: what it reads may yet be rolled back.
    if (this.#db.inTransaction) return this.#readBusy(address, grantId, from, to);
    const state = `${this.#dataVersion.get()}:${this.#ownChanges.get()}`;
    if (state !== this.#busyMemoState || this.#busyMemoIntervals > BUSY_MEMO_INTERVALS) {
      this.#busyMemo = new Map();
      this.#busyMemoState = state;
      this.#busyMemoIntervals = 0;
    }
    const key = `${address}|${grantId ?? ''}`;
    let since = this.#busyMemo.get(key);
    if (!since || from < since.from) {
      since = { from, intervals: this.#readBusy(address, grantId, from, MAX_TIME) };
      this.#busyMemo.set(key, since);
      this.#busyMemoIntervals += since.intervals.length;
    }
    return since.intervals.filter((busy) => busy.end > from && busy.start < to);
  }

  #readBusy(email: string, grantId: string | undefined, from: number, to: number): BusyInterval[] {
    const rows = JSON.parse(this.#busy.get({ email, grant_id: grantId ?? null, from, to })!) as [number, number, string | null][];
    return rows.map(([start, end, bookingId]) => (bookingId ? { start, end, bookingId } : { start, end }));
  }
}
