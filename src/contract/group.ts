import type { ErrorBody, EventFullMessage, GroupSeatTarget, GroupTimeSlot, TimeSlot } from './guest.js';

/** A slot of a group configuration (one occurrence with seats left): Nylas's clients know it by its `event_id`. */
export const isGroupSlot = (slot: TimeSlot | null | undefined): slot is GroupTimeSlot => !!slot && 'event_id' in slot;

/** The occurrence a booking or reschedule of `slot` names; nothing for a standard slot. */
export const seatTargetOf = (slot: TimeSlot): GroupSeatTarget | undefined =>
  isGroupSlot(slot) ? { event_id: slot.event_id, master_id: slot.master_id, calendar_id: slot.calendar_id } : undefined;

export const EVENT_FULL: EventFullMessage = 'Event is full';

/** validate-timeslot and bookings say an occurrence has no seat left with this message (any case, anywhere in it). */
export const isEventFull = ({ message }: ErrorBody): boolean => /event is full/i.test(message);
