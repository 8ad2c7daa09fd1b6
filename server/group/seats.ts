/**
 * A guest's seats in group events (Nylas's group events: developer.nylas.com/docs/v3/scheduler/group-events/): availability
 * lists occurrences with seats left; booking, rescheduling and cancelling a seat each check the
 * seat count and write in one immediate transaction, so racers for the last seats cannot overbook.
 */
import { randomUUID } from 'node:crypto';
import type { CancelInput, GroupBookingInput, GroupRescheduleInput, GroupTimeSlot } from '../../src/contract/guest.js';
import { checkAdditionalFields } from '../scheduling/additional-fields.js';
import { mintSalt } from '../scheduling/salt.js';
import { notifyBooking } from '../notify/enqueue.js';
import { invalidRequest, notFound } from '../domain-errors.js';
import {
  ANSWER_OVERHEAD_BYTES,
  MAX_ANSWER_BYTES,
  MAX_SLOTS,
  MAX_WINDOW_DAYS,
  nextTurn,
  TURN_BYTES,
} from '../scheduling/availability.js';
import { schedulerSettings } from '../scheduling/configuration.js';
import { assertNotice, bookingOfConfiguration } from '../scheduling/bookings.js';
import type { OperationContext } from '../scheduling/context.js';
import type { BookingRecord, ConfigurationRecord, Store } from '../store/index.js';
import {
  assertBookable,
  assertConfigurationCalendar,
  eventFull,
  groupBodyOf,
  occurrencesInOrder,
  organizerOf,
  remainingSeats,
  seatsLeft,
  targetOccurrence,
  type Occurrence,
} from './model.js';

const DAY = 86400;

/**
 * Occurrences in the window a guest may book now, with their free seats; full ones left out. Built
 * in turns of TURN_BYTES, the store read in the first (so the answer is of one state of it).
 */
export async function groupAvailability(
  { store, now: nowMs }: OperationContext,
  configuration: ConfigurationRecord,
  window: { start: number; end: number },
): Promise<{ time_slots: GroupTimeSlot[] }> {
  const settings = schedulerSettings(groupBodyOf(configuration));
  const now = nowMs / 1000;
  const from = Math.max(window.start, now + settings.min_booking_notice * 60);
  const to = Math.min(
    window.end,
    now + Math.min(settings.available_days_in_future, MAX_WINDOW_DAYS) * DAY,
    from + MAX_WINDOW_DAYS * DAY,
  );
  if (to <= from) return { time_slots: [] };
  const time_slots: GroupTimeSlot[] = [];
  // The same budgets as every availability answer: MAX_SLOTS slots and MAX_ANSWER_BYTES bytes, the earliest.
  let bytes = ANSWER_OVERHEAD_BYTES;
  let turnEnds = TURN_BYTES;
  const used = store.groupEvents.seatsUsedByEvent(configuration.id);
  const { calendar_id } = groupBodyOf(configuration).group_booking;
  for (const occurrence of occurrencesInOrder(store, configuration.id, from, to)) {
    if (occurrence.start < from || occurrence.end > to) continue;
    const capacity = seatsLeft(occurrence, used.get(occurrence.id) ?? 0);
    if (capacity === 0) continue;
    const slot: GroupTimeSlot = {
      start_time: occurrence.start,
      end_time: occurrence.end,
      emails: occurrence.hosts.map((host) => host.email),
      event_id: occurrence.id,
      master_id: occurrence.masterId,
      calendar_id,
      capacity,
      title: occurrence.title,
    };
    bytes += Buffer.byteLength(JSON.stringify(slot)) + 1;
    if (bytes > MAX_ANSWER_BYTES || time_slots.length === MAX_SLOTS) break;
    time_slots.push(slot);
    if (bytes >= turnEnds) {
      turnEnds += TURN_BYTES;
      await nextTurn();
    }
  }
  await nextTurn();
  return { time_slots };
}

/** The checks a seat on `occurrence` needs for `email` beyond notice and horizon. */
function assertSeatFree(store: Store, occurrence: Occurrence, email: string): void {
  if (store.groupEvents.seatOf(occurrence.id, email)) {
    throw invalidRequest(`${email} already holds a seat in this session.`);
  }
  if (remainingSeats(store, occurrence) === 0) throw eventFull();
}

export function bookSeat(
  { store, now, onSlotChecked }: OperationContext,
  configurationId: string,
  input: GroupBookingInput,
): BookingRecord {
  return store.write(() => {
    const configuration = store.configurations.get(configurationId);
    if (!configuration) throw notFound(`Configuration ${configurationId} not found.`);
    assertConfigurationCalendar(store, configuration, input.calendar_id);
    const additionalFields = checkAdditionalFields(
      schedulerSettings(groupBodyOf(configuration)).additional_fields,
      input.additional_fields ?? {},
    );
    const occurrence = targetOccurrence(store, configuration, input, now);
    assertBookable(configuration, occurrence, now);
    assertSeatFree(store, occurrence, input.guest.email);
    onSlotChecked?.();
    const record: BookingRecord = {
      id: randomUUID(),
      configurationId: configuration.id,
      eventId: occurrence.id,
      status: 'booked',
      start: occurrence.start,
      end: occurrence.end,
      title: occurrence.title,
      description: occurrence.description,
      location: occurrence.location,
      host: organizerOf(store, occurrence),
      guest: input.guest,
      additionalGuests: [],
      additionalFields,
      timezone: input.timezone ?? null,
      salt: mintSalt(),
      organizerSalt: mintSalt(),
      emailLanguage: input.email_language ?? null,
      cancellationReason: null,
      createdAtMs: now,
    };
    store.bookings.insert(record, now);
    notifyBooking(store, 'created', record, configuration, now);
    return record;
  });
}

/** A seat may change only while booked and before the cancellation notice. */
function assertChangeable(
  configuration: ConfigurationRecord,
  booking: BookingRecord,
  action: string,
  now: number,
): void {
  if (booking.status !== 'booked') throw invalidRequest(`This booking is ${booking.status} and cannot be ${action}.`);
  assertNotice(schedulerSettings(groupBodyOf(configuration)), booking, now);
}

/** Re-reads the booking and its configuration inside the write transaction. */
function current(store: Store, bookingId: string): { booking: BookingRecord; configuration: ConfigurationRecord } {
  const booking = bookingOfConfiguration(store, undefined, bookingId);
  const configuration = store.configurations.get(booking.configurationId);
  if (!configuration) throw notFound(`Booking ${bookingId} not found.`);
  return { booking, configuration };
}

/** Moves the seat to another occurrence: one seat freed, one taken, in one transaction. */
export const rescheduleSeat = (
  { store, now, onSlotChecked }: OperationContext,
  bookingId: string,
  input: GroupRescheduleInput,
): BookingRecord =>
  store.write(() => {
    const { booking, configuration } = current(store, bookingId);
    assertChangeable(configuration, booking, 'rescheduled', now);
    assertConfigurationCalendar(store, configuration, input.calendar_id);
    const occurrence = targetOccurrence(store, configuration, input, now);
    if (occurrence.id === booking.eventId) return booking;
    assertBookable(configuration, occurrence, now);
    assertSeatFree(store, occurrence, booking.guest.email);
    onSlotChecked?.();
    store.groupEvents.moveSeat(booking.id, occurrence.id, occurrence.start, occurrence.end, now);
    const moved = store.bookings.get(booking.id)!;
    notifyBooking(store, 'rescheduled', moved, configuration, now, booking);
    return moved;
  });

/** Frees the seat; the group event itself stays. */
export const cancelSeat = ({ store, now }: OperationContext, bookingId: string, input: CancelInput): void =>
  store.write(() => {
    const { booking, configuration } = current(store, bookingId);
    if (booking.status === 'cancelled') throw notFound(`Booking ${bookingId} is already cancelled.`);
    assertChangeable(configuration, booking, 'cancelled', now);
    store.groupEvents.cancelSeat(booking.id, input.cancellation_reason ?? null, now);
    notifyBooking(store, 'cancelled', store.bookings.get(booking.id)!, configuration, now, booking);
  });

export const refuseConfirmation = () => {
  throw invalidRequest('Group bookings need no organizer confirmation: a seat is booked at once.');
};
