/** What availability reads of connected calendars: their stored busy time, and how old that copy is. */
import type { ConfigurationInput, Participant } from '../../src/contract/admin.js';
import type { Interval } from '../availability/types.js';
import type { Store, SyncedCalendar } from '../store/index.js';

/**
 * The connected calendars that make a participant busy: the ones `calendar_ids` names (`primary`
 * names the grant's primary calendar), or, when it names none, every connected calendar of their
 * grant. Nylas counts only the primary calendar by default; here a connected feed counts without
 * being named, which is what connecting one is for.
 */
export function countedCalendars(
  store: Store,
  email: string,
  calendarIds: readonly string[] | undefined,
): SyncedCalendar[] {
  const grant = store.grants.findByEmail(email);
  if (!grant) return [];
  const connected = store.calendarSync.calendarsOf(grant.id);
  if (!calendarIds?.length) return connected;
  return connected.filter(
    (calendar) => calendarIds.includes(calendar.id) || (calendar.isPrimary && calendarIds.includes('primary')),
  );
}

/** A participant's busy time from their connected calendars, overlapping [from, to). */
export const connectedBusy = (store: Store, participant: Participant, from: number, to: number): Interval[] =>
  store.calendarSync.busyFor(
    countedCalendars(store, participant.email, participant.availability?.calendar_ids).map((calendar) => calendar.id),
    from,
    to,
  );

/**
 * How old the oldest copy of a connected calendar behind this configuration's availability is, in
 * whole seconds (`never` when one has not been read yet); undefined when no calendar is connected.
 * Availability answers it in the `X-Calendar-Age` header.
 */
export function calendarAge(store: Store, config: ConfigurationInput, nowMs: number): string | undefined {
  let oldest: number | undefined;
  for (const participant of config.participants) {
    for (const calendar of countedCalendars(store, participant.email, participant.availability?.calendar_ids)) {
      if (calendar.syncedAtMs === null) return 'never';
      oldest = Math.min(oldest ?? Infinity, calendar.syncedAtMs);
    }
  }
  return oldest === undefined ? undefined : String(Math.max(0, Math.floor((nowMs - oldest) / 1000)));
}
