// The one-file script's stand-in for `flow/writes.ts`: only the steps after choosing a time write,
// and their parts bring the real functions (src/lazy/*.part.ts), so the script leaves them out
// and calls them there. A write is only ever asked for from its step's part, so it has loaded.
import type * as Writes from '../flow/writes.js';
import { loadedPart } from './index.js';

const from = (name: 'details' | 'outcomes') => loadedPart(name) as unknown as typeof Writes;

export const bookingInput: typeof Writes.bookingInput = (...args) => from('details').bookingInput(...args);
export const bookWithHosts: typeof Writes.bookWithHosts = (...args) => from('details').bookWithHosts(...args);
export const cancelInput: typeof Writes.cancelInput = (form) => from('outcomes').cancelInput(form);
export const slotTimes: typeof Writes.slotTimes = (slot) => from('details').slotTimes(slot);
export const trimmed: typeof Writes.trimmed = (person) => from('details').trimmed(person);
