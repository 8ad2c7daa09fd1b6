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

/** A participant's busy time from `from` on, kept up to date with the events that change. */
interface BusySince {
  address: string;
  grantId: string | undefined;
  from: number;
  intervals: BusyInterval[];
  /** The rowid of each interval's event (an event of their grant that also invites them comes twice). */
  rowids: number[];
}

/** An event's busy time as a write left it, and who it makes busy. */
interface ChangedEvent {
  grantId: string;
  interval: BusyInterval;
  invites: Set<string>;
}

type BusyRead = Pick<BusySince, 'intervals' | 'rowids'>;
type ChangedRow = Pick<EventRow, 'grant_id' | 'start_time' | 'end_time' | 'booking_id'>;

/** Busy intervals kept, all participants together (beyond it the memo starts over): ~60 MB. */
const BUSY_MEMO_INTERVALS = 1_000_000;
/** Beyond this many events changed since the memo's state, it is read again rather than patched. */
const MAX_PATCHED_EVENTS = 1000;

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
   * Busy time read from the database, by participant. When the database changed (a write by this
   * connection, total_changes, or a commit by another one, data_version: e.g. a second server on
   * the same file), the events the `event_changes` log names since are read and patched in.
   * Reading thousands of rows is most of an availability answer for a big calendar, and a write
   * (a booking) changes one event.
   */
  #busyMemo = new Map<string, BusySince>();
  #busyMemoState = '';
  #busyMemoIntervals = 0;
  /** The last `event_changes` row the memo holds; -1 before the first read. */
  #busyMemoSeq = -1;
  readonly #changesSince;
  readonly #lastChange;
  readonly #oldestChange;
  readonly #changedEvent;
  readonly #invitedTo;
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
        `SELECT json_group_array(json_array(start_time, end_time, booking_id, rowid)) FROM (
           SELECT start_time, end_time, booking_id, rowid FROM events INDEXED BY events_busy_by_grant
           WHERE grant_id = @grant_id AND end_time > @from AND start_time < @to AND busy = 1 AND status != 'cancelled'
           UNION ALL
           SELECT e.start_time, e.end_time, e.booking_id, e.rowid
           FROM event_participants p JOIN events e ON e.id = p.event_id
           WHERE p.email = @email AND e.end_time > @from AND e.start_time < @to AND e.busy = 1 AND e.status != 'cancelled')`,
      )
      .pluck();
    this.#changesSince = db
      .prepare<[number], number>('SELECT DISTINCT event_rowid FROM event_changes WHERE seq > ?')
      .pluck();
    this.#lastChange = db.prepare<[], number | null>('SELECT max(seq) FROM event_changes').pluck();
    this.#oldestChange = db.prepare<[], number | null>('SELECT min(seq) FROM event_changes').pluck();
    this.#changedEvent = db.prepare<[number], ChangedRow>(
      `SELECT grant_id, start_time, end_time, booking_id FROM events
       WHERE rowid = ? AND busy = 1 AND status != 'cancelled'`,
    );
    this.#invitedTo = db
      .prepare<[number], string>(
        'SELECT p.email FROM event_participants p JOIN events e ON e.id = p.event_id WHERE e.rowid = ?',
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
    if (this.#db.inTransaction) return this.#readBusy(address, grantId, from, to).intervals;
    this.#catchUp();
    const key = `${address}|${grantId ?? ''}`;
    let since = this.#busyMemo.get(key);
    if (!since || from < since.from) {
      this.#busyMemoIntervals -= since?.intervals.length ?? 0;
      since = { address, grantId, from, ...this.#readBusy(address, grantId, from, MAX_TIME) };
      this.#busyMemo.set(key, since);
      this.#busyMemoIntervals += since.intervals.length;
    }
    return since.intervals.filter((busy) => busy.end > from && busy.start < to);
  }

  /** Brings the memo to the database's state: patched with the events changed since, or emptied. */
  #catchUp(): void {
    if (this.#busyMemoIntervals > BUSY_MEMO_INTERVALS) this.#forgetBusy();
    const state = `${this.#dataVersion.get()}:${this.#ownChanges.get()}`;
    if (state === this.#busyMemoState) return;
    this.#busyMemoState = state;
    const seq = this.#busyMemoSeq;
    // Read before the rows it stands for: one committed in between is patched in again next
    // time, which changes nothing.
    const last = this.#lastChange.get() ?? 0;
    if (last === seq) return;
    this.#busyMemoSeq = last;
    // The log keeps the last changes only: one the memo has not seen may be gone.
    const complete = seq >= 0 && (this.#oldestChange.get() ?? Infinity) <= seq + 1;
    const changed = complete ? this.#changesSince.all(seq) : undefined;
    if (!changed || changed.length > MAX_PATCHED_EVENTS) {
      this.#forgetBusy();
      return;
    }
    if (this.#busyMemo.size === 0) return;
    const events = new Map<number, ChangedEvent | undefined>();
    for (const rowid of changed) {
      const row = this.#changedEvent.get(rowid);
      events.set(
        rowid,
        row && {
          grantId: row.grant_id,
          interval: busyInterval(row.start_time, row.end_time, row.booking_id),
          invites: new Set(this.#invitedTo.all(rowid)),
        },
      );
    }
    for (const since of this.#busyMemo.values()) {
      this.#busyMemoIntervals -= since.intervals.length;
      patch(since, events);
      this.#busyMemoIntervals += since.intervals.length;
    }
  }

  #forgetBusy(): void {
    this.#busyMemo = new Map();
    this.#busyMemoIntervals = 0;
  }

  #readBusy(email: string, grantId: string | undefined, from: number, to: number): BusyRead {
    const text = this.#busy.get({ email, grant_id: grantId ?? null, from, to })!;
    const rows = JSON.parse(text) as [number, number, string | null, number][];
    return {
      intervals: rows.map(([start, end, bookingId]) => busyInterval(start, end, bookingId)),
      rowids: rows.map((row) => row[3]),
    };
  }
}

const busyInterval = (start: number, end: number, bookingId: string | null): BusyInterval =>
  bookingId ? { start, end, bookingId } : { start, end };

/** `since` with the changed events' intervals replaced by what they are now, for this participant. */
function patch(since: BusySince, events: ReadonlyMap<number, ChangedEvent | undefined>): void {
  // A new event (a booking) is appended; the list is copied only when it held a changed event.
  const held =
    events.size <= 16
      ? [...events.keys()].some((rowid) => since.rowids.includes(rowid))
      : since.rowids.some((rowid) => events.has(rowid));
  if (held) {
    const intervals: BusyInterval[] = [];
    const rowids: number[] = [];
    since.rowids.forEach((rowid, i) => {
      if (events.has(rowid)) return;
      intervals.push(since.intervals[i]!);
      rowids.push(rowid);
    });
    since.intervals = intervals;
    since.rowids = rowids;
  }
  for (const [rowid, event] of events) {
    if (!event || event.interval.end <= since.from) continue;
    if (event.grantId !== since.grantId && !event.invites.has(since.address)) continue;
    since.intervals.push(event.interval);
    since.rowids.push(rowid);
  }
}
