// The one-file script's `details` part: the step's view and the writes it asks the flow for (src/lazy/writes.script.ts).
export * from '../views/details.js';
export { bookingInput, bookWithHosts, slotTimes, trimmed } from '../flow/writes.js';
