import type { KeyFailures } from './http/rate-limit.js';
import type { CalendarSyncer } from './calendars/worker.js';
import type { OperationContext } from './scheduling/context.js';
import type { Store } from './store/index.js';

/** What the routes share: the database, the clock and the API key check. */
export interface Deps {
  store: Store;
  /** Milliseconds since the epoch. */
  now: () => number;
  isApiKey: (token: string) => boolean;
  /** The connected calendars' sync (a booking refreshes its hosts' copy through it). */
  calendars: CalendarSyncer;
  /** Failed tokens per client address, when rate limiting is on. */
  keyFailures?: KeyFailures | undefined;
  /** Test-only: called when a booking's, reschedule's or seat's slot was found free, before its writes. */
  onSlotChecked?: (() => void) | undefined;
}

/** The context a route hands an operation: routes reach the store only through it. */
export const contextOf = (deps: Deps): OperationContext => ({
  store: deps.store,
  now: deps.now(),
  onSlotChecked: deps.onSlotChecked,
});
