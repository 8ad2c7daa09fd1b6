import type { BookingStatus, Person } from '../../src/contract/guest.js';
import type { Db } from './db.js';

export interface BookingRecord {
  id: string;
  configurationId: string;
  eventId: string;
  status: BookingStatus;
  /** Unix seconds. */
  start: number;
  end: number;
  title: string;
  description: string | null;
  location: string | null;
  /** The organizer of this booking: for round-robin, the host it went to. */
  host: Person;
  guest: Person;
  additionalGuests: Person[];
  additionalFields: Record<string, string>;
  timezone: string | null;
  /** One of Nylas's email languages, as the guest asked. */
  emailLanguage: string | null;
  /** URL-safe base64 of the salt bytes in the guest's booking ref (reschedule, cancel). */
  salt: string;
  /** The salt of the organizer's booking ref: the only one that confirms or declines. */
  organizerSalt: string;
  cancellationReason: string | null;
  createdAtMs: number;
}

interface BookingRow {
  id: string;
  configuration_id: string;
  event_id: string;
  status: BookingStatus;
  start_time: number;
  end_time: number;
  title: string;
  description: string | null;
  location: string | null;
  host_email: string;
  host_name: string;
  guest_name: string;
  guest_email: string;
  additional_guests: string;
  additional_fields: string;
  timezone: string | null;
  email_language: string | null;
  salt: string;
  organizer_salt: string;
  cancellation_reason: string | null;
  created_at_ms: number;
}

const toRecord = (row: BookingRow): BookingRecord => ({
  id: row.id,
  configurationId: row.configuration_id,
  eventId: row.event_id,
  status: row.status,
  start: row.start_time,
  end: row.end_time,
  title: row.title,
  description: row.description,
  location: row.location,
  host: { name: row.host_name, email: row.host_email },
  guest: { name: row.guest_name, email: row.guest_email },
  additionalGuests: JSON.parse(row.additional_guests) as Person[],
  additionalFields: JSON.parse(row.additional_fields) as Record<string, string>,
  timezone: row.timezone,
  emailLanguage: row.email_language,
  salt: row.salt,
  organizerSalt: row.organizer_salt,
  cancellationReason: row.cancellation_reason,
  createdAtMs: row.created_at_ms,
});

export class Bookings {
  readonly #get;
  readonly #insert;
  readonly #update;
  readonly #countRecent;
  readonly #pending;

  constructor(db: Db) {
    this.#get = db.prepare<[string], BookingRow>('SELECT * FROM bookings WHERE id = ?');
    this.#insert = db.prepare<[Omit<BookingRow, 'cancellation_reason'> & { now: number }]>(
      `INSERT INTO bookings (id, configuration_id, event_id, status, start_time, end_time, title, description, location,
         host_email, host_name, guest_name, guest_email, additional_guests, additional_fields, timezone, email_language, salt,
         organizer_salt, created_at_ms, updated_at_ms)
       VALUES (@id, @configuration_id, @event_id, @status, @start_time, @end_time, @title, @description, @location,
         @host_email, @host_name, @guest_name, @guest_email, @additional_guests, @additional_fields, @timezone, @email_language, @salt,
         @organizer_salt, @created_at_ms, @now)`,
    );
    this.#update = db.prepare<{
      id: string;
      status: BookingStatus;
      start_time: number;
      end_time: number;
      cancellation_reason: string | null;
      now: number;
    }>(
      `UPDATE bookings SET status = @status, start_time = @start_time, end_time = @end_time,
         cancellation_reason = @cancellation_reason, updated_at_ms = @now
       WHERE id = @id`,
    );
    this.#countRecent = db.prepare<[string, string, number], { count: number }>(
      `SELECT count(*) AS count FROM bookings
       WHERE configuration_id = ? AND host_email = ? AND created_at_ms >= ? AND status != 'cancelled'`,
    );
    this.#pending = db.prepare<[], BookingRow>(
      `SELECT * FROM bookings WHERE status = 'pending' ORDER BY start_time, id`,
    );
  }

  get(id: string): BookingRecord | undefined {
    const row = this.#get.get(id.toLowerCase());
    return row && toRecord(row);
  }

  insert(booking: BookingRecord, nowMs: number): void {
    this.#insert.run({
      id: booking.id,
      configuration_id: booking.configurationId,
      event_id: booking.eventId,
      status: booking.status,
      start_time: booking.start,
      end_time: booking.end,
      title: booking.title,
      description: booking.description,
      location: booking.location,
      host_email: booking.host.email,
      host_name: booking.host.name,
      guest_name: booking.guest.name,
      guest_email: booking.guest.email,
      additional_guests: JSON.stringify(booking.additionalGuests),
      additional_fields: JSON.stringify(booking.additionalFields),
      timezone: booking.timezone,
      email_language: booking.emailLanguage,
      salt: booking.salt,
      organizer_salt: booking.organizerSalt,
      created_at_ms: booking.createdAtMs,
      now: nowMs,
    });
  }

  /** Writes a booking's status, times and cancellation reason. */
  update(booking: BookingRecord, nowMs: number): void {
    this.#update.run({
      id: booking.id,
      status: booking.status,
      start_time: booking.start,
      end_time: booking.end,
      cancellation_reason: booking.cancellationReason,
      now: nowMs,
    });
  }

  /** Every booking awaiting the organizer's decision, earliest first. */
  pending(): BookingRecord[] {
    return this.#pending.all().map(toRecord);
  }

  /** Non-cancelled bookings of a configuration a host took since `sinceMs` (round-robin fairness). */
  countRecent(configurationId: string, hostEmail: string, sinceMs: number): number {
    return this.#countRecent.get(configurationId, hostEmail.toLowerCase(), sinceMs)?.count ?? 0;
  }
}
