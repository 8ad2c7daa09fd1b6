/**
 * The background sync, inside the API process: every connected grant, one after the other, each
 * interval; a grant is never synced twice at once (a booking's refresh joins the sync running).
 */
import type { ConfigurationInput } from '../../src/contract/admin.js';
import type { ConnectCustomInput } from '../../src/contract/admin.js';
import type { ConnectionRecord, GrantRecord } from '../store/index.js';
import { connectAccount } from './connect.js';
import { syncGrant, type CalendarContext, type SyncOutcome } from './sync.js';

export interface CalendarSyncOptions {
  /** Between two rounds over every connected grant (default 60 s). */
  intervalMs?: number | undefined;
  /** One grant's sync gives up after this (default 20 s); its last good copy stays. */
  timeoutMs?: number | undefined;
  /** A booking waits at most this long for a fresh copy of its hosts' calendars (default 2 s). */
  bookingWaitMs?: number | undefined;
}

const DEFAULTS = { intervalMs: 60_000, timeoutMs: 20_000, bookingWaitMs: 2_000 };

export class CalendarSyncer {
  readonly #context: CalendarContext;
  readonly #options: Required<{ [K in keyof CalendarSyncOptions]: number }>;
  readonly #running = new Map<string, Promise<SyncOutcome>>();
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(context: CalendarContext, options: CalendarSyncOptions = {}) {
    this.#context = context;
    this.#options = {
      intervalMs: options.intervalMs ?? DEFAULTS.intervalMs,
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      bookingWaitMs: options.bookingWaitMs ?? DEFAULTS.bookingWaitMs,
    };
  }

  /** Connects an account to the grant of its email (waits at most `timeoutMs` for its server, then syncs it). */
  connect(input: ConnectCustomInput): Promise<{ grant: GrantRecord; connection: ConnectionRecord }> {
    const sync = (grantId: string) => this.sync(grantId);
    return connectAccount({ ...this.#context, sync, timeoutMs: this.#options.timeoutMs }, input);
  }

  start(): void {
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await Promise.allSettled([...this.#running.values()]);
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#round().finally(() => this.#schedule(this.#options.intervalMs)), delayMs);
    this.#timer.unref();
  }

  async #round(): Promise<void> {
    const { store } = this.#context;
    if (!store.db.open) return;
    for (const grantId of store.calendarSync.connectedGrants()) {
      if (this.#stopped || !store.db.open) return;
      await this.sync(grantId);
    }
  }

  /** Syncs a grant now, or joins its sync already running. Never rejects: failures are in the outcome and the store. */
  sync(grantId: string): Promise<SyncOutcome> {
    const running = this.#running.get(grantId);
    if (running) return running;
    const work = syncGrant(this.#context, grantId, AbortSignal.timeout(this.#options.timeoutMs))
      .catch((error: unknown): SyncOutcome => {
        // The store closing under a sync (shutdown); anything else is a bug worth a line in the log.
        if (this.#context.store.db.open) console.error(`calendar sync of grant ${grantId}:`, (error as Error).message);
        return { failed: [] };
      })
      .finally(() => this.#running.delete(grantId));
    this.#running.set(grantId, work);
    return work;
  }

  /**
   * Refreshes the connected calendars of a configuration's hosts before a booking is written, so
   * an event added elsewhere a minute ago is seen; waits at most `bookingWaitMs`, then the
   * booking is checked against the last good copy (the sync goes on in the background).
   */
  async refreshHosts(config: ConfigurationInput): Promise<void> {
    const { store } = this.#context;
    const grants = config.participants.flatMap((participant) => {
      const grant = store.grants.findByEmail(participant.email);
      return grant && store.calendarSync.connection(grant.id) ? [grant.id] : [];
    });
    if (grants.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(grants.map((grantId) => this.sync(grantId))),
      new Promise((resolve) => (timer = setTimeout(resolve, this.#options.bookingWaitMs))),
    ]);
    clearTimeout(timer);
  }
}
