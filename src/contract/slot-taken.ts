import type { ErrorBody, TimeslotUnavailableMessage } from './guest.js';

/** The message the local API answers when a slot is taken, the reason in the middle. */
export const timeslotUnavailableMessage = (why: string): TimeslotUnavailableMessage =>
  `The selected timeslot is unavailable: ${why} Please pick another time.`;

/**
 * An unavailable slot is recognised by its type or by Nylas's message, in any case and anywhere in
 * it, whatever the status, as Nylas's
 * `<nylas-scheduling>` does (https://developer.nylas.com/docs/reference/ui/scheduling/).
 */
export const isTimeslotUnavailable = ({ type, message }: ErrorBody): boolean =>
  type === 'timeslot_not_available' || /the selected timeslot is unavailable/i.test(message);
