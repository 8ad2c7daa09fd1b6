import { isSlotTaken } from '../api/errors.js';
import { isGroupSlot, seatTargetOf } from '../contract/group.js';
import type { Booking, BookingInput, CancelInput, GroupBookingInput, Person, TimeSlot, UiSettings } from '../contract/guest.js';
import { filled, type GuestForm } from './form.js';

/**
 * The bodies of the flow's writes, built from plain values: no state, no client, no DOM. Only the
 * steps after choosing a time need them: the one-file script takes them from its parts
 * (src/lazy/writes.script.ts).
 */

/** A slot's times, and the occurrence a group session's seat names. */
export const slotTimes = (slot: TimeSlot) => ({ start_time: slot.start_time, end_time: slot.end_time, ...seatTargetOf(slot) });

export const trimmed = ({ name, email }: Person): Person => ({ name: name.trim(), email: email.trim() });

/**
 * The booking of `slot` from the form: trimmed, blank fields and guests left out, unknown fields
 * dropped. A group session's seat names its occurrence and is for one guest: no additional guests.
 */
export function bookingInput(
  slot: TimeSlot,
  { form, settings, timeZone }: { form: GuestForm; settings: UiSettings | null; timeZone: string },
  emailLanguage?: string,
): BookingInput | GroupBookingInput {
  const fields = settings!.scheduler.additional_fields;
  const additional = Object.fromEntries(Object.entries(filled(form.fields)).filter(([key]) => key in fields));
  const guests = isGroupSlot(slot) ? [] : form.additionalGuests.filter((g) => g.email.trim());
  return {
    ...slotTimes(slot),
    guest: trimmed(form),
    timezone: timeZone,
    ...(Object.keys(additional).length ? { additional_fields: additional } : {}),
    ...(guests.length ? { additional_guests: guests.map(trimmed) } : {}),
    ...(emailLanguage ? { email_language: emailLanguage } : {}),
  };
}

/** The typed reason as the API takes it: none when blank. */
export function cancelInput(form: GuestForm): CancelInput {
  const reason = form.cancellationReason.trim();
  return reason ? { cancellation_reason: reason } : {};
}

/**
 * Books `input`. Round-robin (`order` given): asks the hosts free in this slot in the API's order,
 * the next one when one was just taken.
 */
export async function bookWithHosts(
  create: (input: BookingInput) => Promise<Booking>,
  input: BookingInput,
  slot: TimeSlot,
  order: string[],
): Promise<Booking> {
  if (!order.length) return create(input);
  const hosts = [...order.filter((email) => slot.emails.includes(email)), ...slot.emails.filter((e) => !order.includes(e))];
  let lastError: unknown;
  for (const email of hosts) {
    try {
      return await create({ ...input, participants: [{ email }] });
    } catch (error) {
      if (!isSlotTaken(error)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
