/**
 * Bookings written back to the organizer's CalDAV calendar. A booking write queues an outbox row
 * (`channel: calendar`) in its own transaction when its event sits on a connected, writable
 * calendar; the notifier hands the row here after the commit. The row carries no copy of the
 * booking: the booking as it is when the row is sent is written (created or updated with PUT), or
 * removed once cancelled, so a retry after a later change never writes an old state.
 */
import type { OutboxRow } from '../store/index.js';
import { icalUid, type CalendarWritePayload } from '../notify/enqueue.js';
import { calendarObject } from '../notify/ical.js';
import { deleteObject, objectUrl, putObject } from './remote.js';
import { accountOf, type CalendarContext } from './sync.js';

/**
 * Writes one row's booking to its calendar; throws a ProviderError when the server fails (the
 * notifier retries). A calendar or connection removed since is nothing left to write: false.
 */
export async function writeBack(context: CalendarContext, row: OutboxRow, signal: AbortSignal): Promise<boolean> {
  const { store } = context;
  const calendar = store.calendarSync.calendar(row.target);
  const connection = calendar && store.calendarSync.connection(calendar.grantId);
  const account = connection && accountOf(connection).caldav;
  if (!calendar || !account || row.booking_id === null) return false;
  const booking = store.bookings.get(row.booking_id);
  const url = objectUrl(calendar.remoteUrl, icalUid(row.booking_id));
  if (!booking || booking.status === 'cancelled') {
    await deleteObject(account, url, signal);
    return true;
  }
  const { sequence } = JSON.parse(row.payload) as CalendarWritePayload;
  await putObject(
    account,
    url,
    calendarObject({ ...booking, sequence }, booking.status === 'pending', context.now()),
    signal,
  );
  return true;
}
