/**
 * A guest's seats in group events (`shared/group-events.md` §5.1, §5.3–5.5, §6): availability
 * lists occurrences with seats left; booking, rescheduling and cancelling a seat each check the
 * seat count and write in one immediate transaction, so racers for the last seats cannot overbook.
 */
import { randomUUID } from 'node:crypto';
import type { GroupTimeSlot } from '../../src/contract/guest.js';
import { checkAdditionalFields } from '../additional-fields.js';
import { mintSalt } from '../scheduling/salt.js';
import type { Deps } from '../deps.js';
import { invalidRequest, notFound, ok, okEmpty, parseBody, type AppContext } from '../http.js';
import { toBooking } from '../present.js';
import { MAX_WINDOW_DAYS, schedulerSettings } from '../scheduling.js';
import { cancelInput } from '../schemas.js';
import type { BookingRecord, ConfigurationRecord } from '../store/index.js';
import {
  assertBookable,
  assertConfigurationCalendar,
  eventFull,
  groupBodyOf,
  occurrencesOf,
  organizerOf,
  remainingSeats,
  targetOccurrence,
  type Occurrence,
} from './model.js';
import { groupBookingInput, groupRescheduleInput } from './schemas.js';

const DAY = 86400;

/** Occurrences in the window a guest may book now, with their free seats; full ones left out. */
export function groupAvailability(
  deps: Deps,
  configuration: ConfigurationRecord,
  window: { start: number; end: number },
): { time_slots: GroupTimeSlot[] } {
  const settings = schedulerSettings(groupBodyOf(configuration));
  const now = deps.now() / 1000;
  const from = Math.max(window.start, now + settings.min_booking_notice * 60);
  const to = Math.min(window.end, now + Math.min(settings.available_days_in_future, MAX_WINDOW_DAYS) * DAY, from + MAX_WINDOW_DAYS * DAY);
  if (to <= from) return { time_slots: [] };
  const time_slots: GroupTimeSlot[] = [];
  for (const occurrence of occurrencesOf(deps.store, configuration.id, from, to)) {
    if (occurrence.start < from || occurrence.end > to) continue;
    const capacity = remainingSeats(deps.store, occurrence);
    if (capacity === 0) continue;
    time_slots.push({
      start_time: occurrence.start,
      end_time: occurrence.end,
      emails: occurrence.hosts.map((host) => host.email),
      event_id: occurrence.id,
      master_id: occurrence.masterId,
      calendar_id: groupBodyOf(configuration).group_booking.calendar_id,
      capacity,
      title: occurrence.title,
    });
  }
  return { time_slots };
}

/** The checks a seat on `occurrence` needs for `email` beyond notice and horizon. */
function assertSeatFree(deps: Deps, occurrence: Occurrence, email: string): void {
  if (deps.store.groupEvents.seatOf(occurrence.id, email)) {
    throw invalidRequest(`${email} already holds a seat in this session.`);
  }
  if (remainingSeats(deps.store, occurrence) === 0) throw eventFull();
}

export async function bookSeat(c: AppContext, deps: Deps, addressed: ConfigurationRecord) {
  const { store } = deps;
  const input = await parseBody(c, groupBookingInput);
  const booking = store.write(() => {
    const configuration = store.configurations.get(addressed.id);
    if (!configuration) throw notFound(`Configuration ${addressed.id} not found.`);
    assertConfigurationCalendar(store, configuration, input.calendar_id);
    const additionalFields = checkAdditionalFields(
      schedulerSettings(groupBodyOf(configuration)).additional_fields,
      input.additional_fields ?? {},
    );
    const occurrence = targetOccurrence(store, configuration, input);
    assertBookable(configuration, occurrence, deps.now());
    assertSeatFree(deps, occurrence, input.guest.email);
    const now = deps.now();
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
      emailLanguage: null,
      cancellationReason: null,
      createdAtMs: now,
    };
    store.bookings.insert(record, now);
    return record;
  });
  return ok(c, toBooking(booking));
}

/** A seat may change only while booked and before the cancellation notice. */
function assertChangeable(deps: Deps, configuration: ConfigurationRecord, booking: BookingRecord, action: string): void {
  if (booking.status !== 'booked') throw invalidRequest(`This booking is ${booking.status} and cannot be ${action}.`);
  const notice = schedulerSettings(groupBodyOf(configuration)).min_cancellation_notice;
  if (deps.now() / 1000 + notice * 60 > booking.start) {
    throw invalidRequest(
      notice > 0
        ? `This booking can be changed only up to ${notice} minutes before it starts.`
        : 'This booking has already started and can no longer be changed.',
    );
  }
}

/** Re-reads the booking and its configuration inside the write transaction. */
function current(deps: Deps, bookingId: string): { booking: BookingRecord; configuration: ConfigurationRecord } {
  const booking = deps.store.bookings.get(bookingId);
  const configuration = booking && deps.store.configurations.get(booking.configurationId);
  if (!booking || !configuration) throw notFound(`Booking ${bookingId} not found.`);
  return { booking, configuration };
}

/** Moves the seat to another occurrence: one seat freed, one taken, in one transaction. */
export async function rescheduleSeat(c: AppContext, deps: Deps, bookingId: string) {
  const { store } = deps;
  const input = await parseBody(c, groupRescheduleInput);
  const moved = store.write(() => {
    const { booking, configuration } = current(deps, bookingId);
    assertChangeable(deps, configuration, booking, 'rescheduled');
    assertConfigurationCalendar(store, configuration, input.calendar_id);
    const occurrence = targetOccurrence(store, configuration, input);
    if (occurrence.id === booking.eventId) return booking;
    assertBookable(configuration, occurrence, deps.now());
    assertSeatFree(deps, occurrence, booking.guest.email);
    store.groupEvents.moveSeat(booking.id, occurrence.id, occurrence.start, occurrence.end, deps.now());
    return store.bookings.get(booking.id)!;
  });
  return ok(c, toBooking(moved));
}

/** Frees the seat; the group event itself stays. */
export async function cancelSeat(c: AppContext, deps: Deps, bookingId: string) {
  const input = await parseBody(c, cancelInput);
  deps.store.write(() => {
    const { booking, configuration } = current(deps, bookingId);
    if (booking.status === 'cancelled') throw notFound(`Booking ${bookingId} is already cancelled.`);
    assertChangeable(deps, configuration, booking, 'cancelled');
    deps.store.groupEvents.cancelSeat(booking.id, input.cancellation_reason ?? null, deps.now());
  });
  return okEmpty(c);
}

export const refuseConfirmation = () => {
  throw invalidRequest('Group bookings need no organizer confirmation: a seat is booked at once.');
};
