import type { ErrorBody, TimeslotUnavailableMessage } from './guest.js';

/** The message the local API answers when a slot is taken, the reason in the middle. */
export const timeslotUnavailableMessage = (why: string): TimeslotUnavailableMessage =>
  `The selected timeslot is unavailable: ${why} Please pick another time.`;

/** An unavailable slot is recognised by its type or its message prefix, whatever the status. */
export const isTimeslotUnavailable = ({ type, message }: ErrorBody): boolean =>
  type === 'timeslot_not_available' || message.startsWith('The selected timeslot is unavailable');
