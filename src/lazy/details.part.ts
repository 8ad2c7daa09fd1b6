// The one-file script's `details` part: the step's view and the write it asks the flow for (src/lazy/writes.script.ts).
export * from '../views/details.js';
export { submitBooking } from '../flow/writes.js';
