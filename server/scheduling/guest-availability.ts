import type { Availability } from '../../src/contract/guest.js';
import type { ConfigurationRecord } from '../store/index.js';
import type { Interval } from '../availability/types.js';
import { availabilityInTurns } from './availability.js';
import { bookingOfConfiguration } from './bookings.js';
import type { OperationContext } from './context.js';

/**
 * A standard configuration's bookable times in `window`; while a guest reschedules `bookingId`
 * (which must be a booking of this configuration), its own time counts as free. Built in turns
 * (availabilityInTurns).
 */
export async function guestAvailability(
  { store, now }: OperationContext,
  configuration: ConfigurationRecord,
  window: Interval,
  bookingId?: string,
): Promise<Availability> {
  if (bookingId) bookingOfConfiguration(store, configuration.id, bookingId);
  return availabilityInTurns(store, {
    configurationId: configuration.id,
    config: configuration.body,
    nowMs: now,
    window,
    ...(bookingId && { excludeBookingId: bookingId.toLowerCase() }),
  });
}
