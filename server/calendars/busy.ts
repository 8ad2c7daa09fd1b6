/** What availability reads of connected calendars: their stored busy time, and how old that copy is. */
import { Temporal } from 'temporal-polyfill';
import type { ConfigurationInput, Participant } from '../../src/contract/admin.js';
import type { Interval } from '../availability/types.js';
import type { Store, SyncedCalendar } from '../store/index.js';
import type { OperationContext } from '../scheduling/context.js';
import { FLOATING_SLACK_SECONDS } from './parse.js';

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

/** Wall-clock seconds (read as UTC) as the instant they are in `zone`. */
function placed(wallClock: number, zone: string): number {
  const date = new Date(wallClock * 1000);
  const local = new Temporal.PlainDateTime(
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  );
  return local.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds / 1000;
}

/**
 * A participant's busy time from their connected calendars, overlapping [from, to). Floating
 * spans (all-day events of a calendar that names no zone) are days in `zone`, the participant's.
 */
export function connectedBusy(
  store: Store,
  participant: Participant,
  zone: string,
  from: number,
  to: number,
): Interval[] {
  const calendars = countedCalendars(store, participant.email, participant.availability?.calendar_ids);
  if (calendars.length === 0) return [];
  const ids = calendars.map((calendar) => calendar.id);
  return store.calendarSync
    .busyFor(ids, from - FLOATING_SLACK_SECONDS, to + FLOATING_SLACK_SECONDS)
    .map((span) => (span.floating ? { start: placed(span.start, zone), end: placed(span.end, zone) } : span));
}

/**
 * How old the oldest copy of a connected calendar behind this configuration's availability is, in
 * whole seconds (`never` when one has not been read yet); undefined when no calendar is connected.
 * Availability answers it in the `X-Calendar-Age` header.
 */
export function calendarAge({ store, now: nowMs }: OperationContext, config: ConfigurationInput): string | undefined {
  let oldest: number | undefined;
  for (const participant of config.participants) {
    for (const calendar of countedCalendars(store, participant.email, participant.availability?.calendar_ids)) {
      if (calendar.syncedAtMs === null) return 'never';
      oldest = Math.min(oldest ?? Infinity, calendar.syncedAtMs);
    }
  }
  return oldest === undefined ? undefined : String(Math.max(0, Math.floor((nowMs - oldest) / 1000)));
}
