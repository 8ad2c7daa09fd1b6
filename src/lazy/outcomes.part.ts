// The one-file script's `outcomes` part: the steps' views and the write the manage view asks the flow for (src/lazy/writes.script.ts).
export * from '../views/outcome.js';
export { cancelInput } from '../flow/writes.js';
