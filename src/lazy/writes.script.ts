// The one-file script's stand-in for `flow/writes.ts`: only the steps after choosing a time write,
// and their parts bring the real functions (src/lazy/*.part.ts), so the script leaves them out
// and calls them there. A write is only ever asked for from its step's part, so it has loaded.
import type * as Writes from '../flow/writes.js';
import { loadedPart } from './index.js';

const from = (name: 'details' | 'outcomes') => loadedPart(name) as unknown as typeof Writes;

export const submitBooking: typeof Writes.submitBooking = (writer) => from('details').submitBooking(writer);
export const cancelBooking: typeof Writes.cancelBooking = (writer) => from('outcomes').cancelBooking(writer);
export const decideBooking: typeof Writes.decideBooking = (writer, status) => from('outcomes').decideBooking(writer, status);
