import type { GroupEventHost } from '../../src/contract/admin.js';
import type { Db } from './db.js';

/** What a group event (single event or recurring master) holds besides its keys. */
export interface GroupEventBody {
  title: string;
  description: string | null;
  location: string | null;
  /** Unix seconds of the (first) occurrence. */
  start: number;
  end: number;
  timezone: string;
  recurrence: string[] | null;
  capacity: number;
  /** Hosts; they never take seats. */
  participants: GroupEventHost[];
  conferencing: Record<string, unknown> | null;
  busy: boolean;
}

export interface GroupEventRecordRow {
  id: string;
  configurationId: string;
  grantId: string;
  calendarId: string;
  body: GroupEventBody;
  createdAtMs: number;
  updatedAtMs: number;
}

/** What one occurrence of a series changes; `removed` takes it out of the series. */
export interface OccurrenceOverride {
  removed?: boolean;
  capacity?: number;
  title?: string;
  description?: string | null;
  location?: string | null;
  start?: number;
  end?: number;
  participants?: GroupEventHost[];
}

interface Row {
  id: string;
  configuration_id: string;
  grant_id: string;
  calendar_id: string;
  body: string;
  created_at_ms: number;
  updated_at_ms: number;
}

const toRecord = (row: Row): GroupEventRecordRow => ({
  id: row.id,
  configurationId: row.configuration_id,
  grantId: row.grant_id,
  calendarId: row.calendar_id,
  body: JSON.parse(row.body) as GroupEventBody,
  createdAtMs: row.created_at_ms,
  updatedAtMs: row.updated_at_ms,
});

/** Group events, their occurrence overrides, and the seat counts kept in `bookings`. */
export class GroupEvents {
  readonly #get;
  readonly #byConfiguration;
  readonly #upsert;
  readonly #delete;
  readonly #overrides;
  readonly #override;
  readonly #putOverride;
  readonly #seatsUsed;
  readonly #seatsUsedByEvent;
  readonly #seatHolder;
  readonly #seatHolders;
  readonly #seriesSeats;
  readonly #moveSeat;
  readonly #cancelSeat;

  constructor(db: Db) {
    this.#get = db.prepare<[string], Row>('SELECT * FROM group_events WHERE id = ?');
    this.#byConfiguration = db.prepare<[string], Row>(
      'SELECT * FROM group_events WHERE configuration_id = ? ORDER BY id',
    );
    this.#upsert = db.prepare<[Row]>(
      `INSERT INTO group_events (id, configuration_id, grant_id, calendar_id, body, created_at_ms, updated_at_ms)
       VALUES (@id, @configuration_id, @grant_id, @calendar_id, @body, @created_at_ms, @updated_at_ms)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at_ms = excluded.updated_at_ms`,
    );
    this.#delete = db.prepare<[string]>('DELETE FROM group_events WHERE id = ?');
    this.#overrides = db.prepare<[string], { occurrence_id: string; body: string }>(
      'SELECT occurrence_id, body FROM group_event_exceptions WHERE group_event_id = ?',
    );
    this.#override = db.prepare<[string], { body: string }>(
      'SELECT body FROM group_event_exceptions WHERE occurrence_id = ?',
    );
    this.#putOverride = db.prepare<[string, string, string]>(
      `INSERT INTO group_event_exceptions (occurrence_id, group_event_id, body) VALUES (?, ?, ?)
       ON CONFLICT (occurrence_id) DO UPDATE SET body = excluded.body`,
    );
    this.#seatsUsed = db.prepare<[string], { count: number }>(
      "SELECT count(*) AS count FROM bookings WHERE event_id = ? AND status = 'booked'",
    );
    this.#seatsUsedByEvent = db.prepare<[string], { event_id: string; count: number }>(
      "SELECT event_id, count(*) AS count FROM bookings WHERE configuration_id = ? AND status = 'booked' GROUP BY event_id",
    );
    this.#seatHolder = db.prepare<[string, string], { id: string }>(
      "SELECT id FROM bookings WHERE event_id = ? AND guest_email = ? AND status = 'booked'",
    );
    this.#seatHolders = db.prepare<[string], { guest_email: string; guest_name: string }>(
      "SELECT guest_email, guest_name FROM bookings WHERE event_id = ? AND status = 'booked' ORDER BY created_at_ms, id",
    );
    // The seats of a series: on the event itself or on its occurrences (`<id>_<stamp>`).
    this.#seriesSeats = db.prepare<
      { configuration_id: string; id: string; prefix: string },
      { event_id: string; id: string }
    >(
      `SELECT event_id, id FROM bookings
       WHERE configuration_id = @configuration_id AND status = 'booked'
         AND (event_id = @id OR substr(event_id, 1, length(@prefix)) = @prefix)`,
    );
    this.#moveSeat = db.prepare<{ id: string; event_id: string; start_time: number; end_time: number; now: number }>(
      `UPDATE bookings SET event_id = @event_id, start_time = @start_time, end_time = @end_time, updated_at_ms = @now
       WHERE id = @id`,
    );
    this.#cancelSeat = db.prepare<[string | null, number, string]>(
      "UPDATE bookings SET status = 'cancelled', cancellation_reason = ?, updated_at_ms = ? WHERE id = ?",
    );
  }

  get(id: string): GroupEventRecordRow | undefined {
    const row = this.#get.get(id);
    return row && toRecord(row);
  }

  ofConfiguration(configurationId: string): GroupEventRecordRow[] {
    return this.#byConfiguration.all(configurationId).map(toRecord);
  }

  save(record: GroupEventRecordRow): void {
    this.#upsert.run({
      id: record.id,
      configuration_id: record.configurationId,
      grant_id: record.grantId,
      calendar_id: record.calendarId,
      body: JSON.stringify(record.body),
      created_at_ms: record.createdAtMs,
      updated_at_ms: record.updatedAtMs,
    });
  }

  delete(id: string): void {
    this.#delete.run(id);
  }

  /** The overrides of a series' occurrences, by occurrence id. */
  overrides(groupEventId: string): Map<string, OccurrenceOverride> {
    return new Map(
      this.#overrides.all(groupEventId).map((row) => [row.occurrence_id, JSON.parse(row.body) as OccurrenceOverride]),
    );
  }

  override(occurrenceId: string): OccurrenceOverride | undefined {
    const row = this.#override.get(occurrenceId);
    return row && (JSON.parse(row.body) as OccurrenceOverride);
  }

  putOverride(occurrenceId: string, groupEventId: string, override: OccurrenceOverride): void {
    this.#putOverride.run(occurrenceId, groupEventId, JSON.stringify(override));
  }

  /** Seats booked on an occurrence (or single event). */
  seatsUsed(occurrenceId: string): number {
    return this.#seatsUsed.get(occurrenceId)?.count ?? 0;
  }

  /** Seats booked on each occurrence (or single event) of a configuration, in one read. */
  seatsUsedByEvent(configurationId: string): Map<string, number> {
    return new Map(this.#seatsUsedByEvent.all(configurationId).map(({ event_id, count }) => [event_id, count]));
  }

  /** The booking through which `email` holds a seat on the occurrence, if any. */
  seatOf(occurrenceId: string, email: string): string | undefined {
    return this.#seatHolder.get(occurrenceId, email.toLowerCase())?.id;
  }

  /** The guests holding seats on an occurrence, in booking order. */
  seatHolders(occurrenceId: string): Array<{ email: string; name: string }> {
    return this.#seatHolders.all(occurrenceId).map((row) => ({ email: row.guest_email, name: row.guest_name }));
  }

  /** Booked seats of a series and its occurrences: booking id → occurrence id. */
  seriesSeats(configurationId: string, groupEventId: string): Array<{ bookingId: string; occurrenceId: string }> {
    return this.#seriesSeats
      .all({ configuration_id: configurationId, id: groupEventId, prefix: `${groupEventId}_` })
      .map((row) => ({ bookingId: row.id, occurrenceId: row.event_id }));
  }

  moveSeat(bookingId: string, occurrenceId: string, start: number, end: number, nowMs: number): void {
    this.#moveSeat.run({ id: bookingId, event_id: occurrenceId, start_time: start, end_time: end, now: nowMs });
  }

  cancelSeat(bookingId: string, reason: string | null, nowMs: number): void {
    this.#cancelSeat.run(reason, nowMs, bookingId);
  }
}
