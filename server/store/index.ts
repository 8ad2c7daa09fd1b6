import { AccessTokens } from './access-tokens.js';
import { Bookings } from './bookings.js';
import { CalendarSync } from './calendar-sync.js';
import { Configurations } from './configurations.js';
import { openDatabase, type Db } from './db.js';
import { Events } from './events.js';
import { Grants } from './grants.js';
import { GroupEvents } from './group-events.js';
import { Outbox } from './outbox.js';
import { Sessions } from './sessions.js';
import { Webhooks } from './webhooks.js';

export type { AccessTokenRecord, AccessTokenState } from './access-tokens.js';
export type { BookingRecord } from './bookings.js';
export type { ConfigurationRecord } from './configurations.js';
export type { EventRecord } from './events.js';
export type { CalendarRecord, GrantRecord } from './grants.js';
export type {
  CalendarObject,
  CalendarSource,
  ConnectionRecord,
  RemoteCalendar,
  StoredBusy,
  SyncedCalendar,
} from './calendar-sync.js';
export type { MailboxRow, NewOutboxRow, OutboxRow } from './outbox.js';
export type { WebhookRecord, WebhookStatus } from './webhooks.js';
export type { GroupEventBody, GroupEventRecordRow, OccurrenceOverride } from './group-events.js';

/** The local API's SQLite database: one file, prepared statements grouped by table. */
export class Store {
  readonly grants: Grants;
  readonly events: Events;
  readonly configurations: Configurations;
  readonly sessions: Sessions;
  readonly bookings: Bookings;
  readonly groupEvents: GroupEvents;
  readonly outbox: Outbox;
  readonly webhooks: Webhooks;
  readonly calendarSync: CalendarSync;
  readonly accessTokens: AccessTokens;

  constructor(readonly db: Db) {
    this.grants = new Grants(db);
    this.events = new Events(db);
    this.configurations = new Configurations(db);
    this.sessions = new Sessions(db);
    this.bookings = new Bookings(db);
    this.groupEvents = new GroupEvents(db);
    this.outbox = new Outbox(db);
    this.webhooks = new Webhooks(db);
    this.calendarSync = new CalendarSync(db);
    this.accessTokens = new AccessTokens(db);
  }

  /**
   * Runs `fn` in a write (`BEGIN IMMEDIATE`) transaction: what it reads cannot change under it, even
   * from another process, before it commits. Throwing rolls everything back.
   */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openStore(path: string): Store {
  return new Store(openDatabase(path));
}
