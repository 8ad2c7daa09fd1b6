import type { Store } from '../store/index.js';

/** What every domain operation runs against: the store and the time of the request. */
export interface OperationContext {
  store: Store;
  /** Milliseconds since the epoch. */
  now: number;
  /** Test-only: called when a booking's, reschedule's or seat's slot was found free, before its writes. */
  onSlotChecked?: (() => void) | undefined;
}
