// The one-file script's `outcomes` part: the steps' views and the writes the manage view asks the flow for (src/lazy/writes.script.ts).
export * from '../views/outcome.js';
export { cancelBooking, decideBooking } from '../flow/writes.js';
