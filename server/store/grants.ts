import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';

export interface GrantRecord {
  id: string;
  email: string;
}

export interface CalendarRecord {
  id: string;
  grantId: string;
  name: string;
  isPrimary: boolean;
  timezone: string | null;
  /** Where a connected calendar comes from (`caldav`, `ics`); null for the local calendar. */
  source: string | null;
  readOnly: boolean;
  description: string | null;
  hexColor: string | null;
}

interface CalendarRow {
  id: string;
  grant_id: string;
  name: string;
  is_primary: number;
  timezone: string | null;
  source: string | null;
  read_only: number;
  description: string | null;
  hex_color: string | null;
}

/** The email a grant gets when it is first addressed by an id that is not an email. */
const PLACEHOLDER_DOMAIN = '@grants.local';

const toCalendar = (row: CalendarRow): CalendarRecord => ({
  id: row.id,
  grantId: row.grant_id,
  name: row.name,
  isPrimary: row.is_primary === 1,
  timezone: row.timezone,
  source: row.source,
  readOnly: row.read_only === 1,
  description: row.description,
  hexColor: row.hex_color,
});

/** Grants stand in for connected accounts: each has an email and at least a primary calendar. */
export class Grants {
  readonly #byId;
  readonly #byEmail;
  readonly #insert;
  readonly #insertCalendar;
  readonly #setEmail;
  readonly #calendars;
  readonly #calendar;
  readonly #primary;
  readonly #create;

  constructor(db: Db) {
    this.#byId = db.prepare<[string], GrantRecord>('SELECT id, email FROM grants WHERE id = ?');
    this.#byEmail = db.prepare<[string], GrantRecord>('SELECT id, email FROM grants WHERE email = ?');
    this.#insert = db.prepare<[string, string, number]>(
      'INSERT INTO grants (id, email, created_at_ms) VALUES (?, ?, ?)',
    );
    this.#insertCalendar = db.prepare<[string, string, string]>(
      'INSERT INTO calendars (id, grant_id, name, is_primary) VALUES (?, ?, ?, 1)',
    );
    this.#setEmail = db.prepare<[string, string]>('UPDATE grants SET email = ? WHERE id = ?');
    this.#calendars = db.prepare<[string], CalendarRow>(
      'SELECT * FROM calendars WHERE grant_id = ? ORDER BY is_primary DESC, id',
    );
    this.#calendar = db.prepare<[string, string], CalendarRow>('SELECT * FROM calendars WHERE grant_id = ? AND id = ?');
    this.#primary = db.prepare<[string], CalendarRow>('SELECT * FROM calendars WHERE grant_id = ? AND is_primary = 1');
    this.#create = db.transaction((id: string, email: string, nowMs: number) => {
      this.#insert.run(id, email, nowMs);
      this.#insertCalendar.run(randomUUID(), id, email);
      return { id, email };
    });
  }

  /** A grant by its id or its email. */
  find(idOrEmail: string): GrantRecord | undefined {
    const key = idOrEmail.toLowerCase();
    return this.#byId.get(key) ?? this.#byEmail.get(key);
  }

  findByEmail(email: string): GrantRecord | undefined {
    return this.#byEmail.get(email.toLowerCase());
  }

  /**
   * Finds a grant, creating it (with a primary calendar) on first use. A grant addressed by an email
   * gets a fresh id and that email; one addressed by another id keeps it and gets a placeholder email.
   */
  ensure(idOrEmail: string, nowMs: number): GrantRecord {
    const found = this.find(idOrEmail);
    if (found) return found;
    const key = idOrEmail.toLowerCase();
    return key.includes('@')
      ? this.#create(randomUUID(), key, nowMs)
      : this.#create(key, `${key}${PLACEHOLDER_DOMAIN}`, nowMs);
  }

  /** Creates a grant with a known id and email (the demo seed); no-op when the id exists. */
  ensureWithId(id: string, email: string, nowMs: number): GrantRecord {
    return this.#byId.get(id) ?? this.#create(id, email.toLowerCase(), nowMs);
  }

  /** A grant first seen by id learns its real email from the organizer of its configuration. */
  learnEmail(grant: GrantRecord, email: string): GrantRecord {
    const address = email.toLowerCase();
    if (!grant.email.endsWith(PLACEHOLDER_DOMAIN) || this.#byEmail.get(address)) return grant;
    this.#setEmail.run(address, grant.id);
    return { ...grant, email: address };
  }

  calendars(grantId: string): CalendarRecord[] {
    return this.#calendars.all(grantId).map(toCalendar);
  }

  /** A calendar of the grant by id; `primary` names the primary calendar, as on Nylas. */
  calendar(grantId: string, calendarId: string): CalendarRecord | undefined {
    const row = calendarId === 'primary' ? this.#primary.get(grantId) : this.#calendar.get(grantId, calendarId);
    return row && toCalendar(row);
  }

  primaryCalendar(grantId: string): CalendarRecord {
    const row = this.#primary.get(grantId);
    if (!row) throw new Error(`grant ${grantId} has no primary calendar`);
    return toCalendar(row);
  }
}
