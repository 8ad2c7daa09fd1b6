import { bookingPath, isAnything, isBooking, type SchedulerClient, type ShapeCheck } from './client.js';
import type {
  Booking,
  BookingInput,
  CancelInput,
  ConfirmInput,
  GroupBookingInput,
  GroupRescheduleInput,
  RescheduleInput,
} from '../contract/guest.js';

// The booking writes of the contract. Only the steps after choosing a time make them, so they are
// not methods of `SchedulerClient`: they load with those steps, not before the first bookable time.

/** Nylas answers a reschedule (and a declining PUT) with `{request_id}` only; the local API adds the booking. */
const isBookingOrNothing: ShapeCheck<Booking | undefined> = (data): data is Booking | undefined =>
  data === undefined || isBooking(data);

export const createBooking = (
  client: SchedulerClient,
  body: BookingInput | GroupBookingInput,
  signal?: AbortSignal,
): Promise<Booking> => client.request('POST', 'bookings', { body, signal }, isBooking);

export const rescheduleBooking = (
  client: SchedulerClient,
  bookingId: string,
  body: RescheduleInput | GroupRescheduleInput,
  signal?: AbortSignal,
): Promise<Booking | undefined> =>
  client.request('PATCH', bookingPath(bookingId), { body, signal }, isBookingOrNothing);

export async function cancelBooking(
  client: SchedulerClient,
  bookingId: string,
  body: CancelInput,
  signal?: AbortSignal,
): Promise<void> {
  await client.request('DELETE', bookingPath(bookingId), { body, signal }, isAnything);
}

/** The organizer confirms or declines a pending booking. */
export const confirmBooking = (
  client: SchedulerClient,
  bookingId: string,
  body: ConfirmInput,
  signal?: AbortSignal,
): Promise<Booking | undefined> => client.request('PUT', bookingPath(bookingId), { body, signal }, isBookingOrNothing);
