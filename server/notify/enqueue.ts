/**
 * The one call a booking write makes: `notifyBooking`, inside its transaction. It snapshots what
 * the messages need (the booking, the configuration's mail settings, the refs) and adds outbox
 * rows: a mail per recipient, a delivery per webhook subscribed to the trigger, and the reminders
 * due later. Nothing is sent here: the notifier sends after the commit, so a write is never slowed
 * or failed by a mail server or a webhook receiver, and a rolled-back write leaves no message.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ConfigurationInput, GroupConfigurationInput } from '../../src/contract/admin.js';
import type { Person } from '../../src/contract/guest.js';
import { encodeBookingRef } from '../../src/contract/booking-ref.js';
import type { BookingRecord, ConfigurationRecord, Store } from '../store/index.js';

/** What happened to the booking. */
export type BookingChange = 'created' | 'pending' | 'confirmed' | 'declined' | 'rescheduled' | 'cancelled';

/** The booking webhook triggers Nylas defines (developer.nylas.com/docs/reference/notifications/scheduler/). */
export const BOOKING_TRIGGERS = [
  'booking.created',
  'booking.pending',
  'booking.rescheduled',
  'booking.cancelled',
  'booking.reminder',
] as const;

/**
 * Which trigger a change fires. Nylas documents none for the organizer's decision: a confirmed
 * booking fires `booking.created` (the booking now exists), a declined one `booking.cancelled`.
 */
const TRIGGER: Record<BookingChange, string> = {
  created: 'booking.created',
  pending: 'booking.pending',
  confirmed: 'booking.created',
  declined: 'booking.cancelled',
  rescheduled: 'booking.rescheduled',
  cancelled: 'booking.cancelled',
};

export interface Reminder {
  type: 'email' | 'webhook';
  minutes_before_event: number;
  recipient: 'all' | 'host' | 'guest';
  email_subject?: string;
}

/** Everything a mail or a webhook about one booking change is rendered from (stored as JSON). */
export interface Notice {
  change: BookingChange | 'reminder';
  booking: Pick<
    BookingRecord,
    | 'id'
    | 'configurationId'
    | 'eventId'
    | 'status'
    | 'start'
    | 'end'
    | 'title'
    | 'description'
    | 'location'
    | 'host'
    | 'guest'
    | 'additionalGuests'
    | 'additionalFields'
    | 'timezone'
    | 'emailLanguage'
  > & {
    oldStart?: number;
    oldEnd?: number;
    cancellationReason: string | null;
    /** The guest's ref (reschedule, cancel) and the organizer's (confirm, decline). */
    guestRef: string;
    organizerRef: string;
    /** iCalendar SEQUENCE of this change; the UID is derived from the booking id (icalUid). */
    sequence: number;
    /** Whether the guests had been sent a REQUEST (a pending booking's guests have not). */
    invited: boolean;
  };
  settings: {
    organizerTimezone: string;
    isGroup: boolean;
    calendarId: string | null;
    logo: string | null;
    confirmedTitle: string | null;
    confirmedBody: string | null;
    /** With `:booking_ref` replaced; null when not configured or hidden. */
    reschedulingUrl: string | null;
    cancellationUrl: string | null;
    confirmationUrl: string | null;
    hideRescheduling: boolean;
    hideCancellation: boolean;
    disableEmails: boolean;
  };
  reminder?: Reminder;
}

/** The payload of an email row. */
export interface EmailPayload {
  notice: Notice;
  role: 'guest' | 'host';
}

/** The payload of a webhook row (and of a fanout row, which becomes webhook rows when due). */
export interface WebhookPayload {
  notice: Notice;
  trigger: string;
}

/**
 * The invitation's UID: stable for a booking, but not its id (a booking id is half of the
 * capability to cancel it, and calendar programs show UIDs to anyone the invite reaches).
 */
export const icalUid = (bookingId: string): string =>
  `${createHash('sha256').update(`scheduler-widget ical uid ${bookingId}`).digest('hex').slice(0, 32)}@scheduler-widget`;

const isGroup = (body: ConfigurationInput): boolean => (body as unknown as { type?: string }).type === 'group';

/** `event_booking.reminders` (group configurations: `group_booking.reminders`), defaults filled in. */
export function remindersOf(body: ConfigurationInput): Reminder[] {
  const raw = isGroup(body)
    ? (body as unknown as GroupConfigurationInput).group_booking.reminders
    : (body.event_booking.reminders as unknown[] | undefined);
  const reminders: Reminder[] = [];
  for (const item of raw ?? []) {
    const value = item as Partial<Reminder>;
    const minutes = Number(value.minutes_before_event);
    if ((value.type !== 'email' && value.type !== 'webhook') || !Number.isInteger(minutes) || minutes < 1) continue;
    reminders.push({
      type: value.type,
      minutes_before_event: minutes,
      recipient: value.recipient === 'host' || value.recipient === 'guest' ? value.recipient : 'all',
      ...(typeof value.email_subject === 'string' && value.email_subject && { email_subject: value.email_subject }),
    });
  }
  return reminders;
}

/** The zone the organizer's mails speak in: the booking settings', else the organizer's own. */
function organizerTimezoneOf(body: ConfigurationRecord['body']): string {
  if (isGroup(body)) return 'UTC';
  const organizer = body.participants.find((p) => p.is_organizer) ?? body.participants[0];
  return (
    body.event_booking.timezone ?? organizer?.timezone ?? organizer?.availability?.open_hours?.[0]?.timezone ?? 'UTC'
  );
}

/** The guest's and the organizer's links, with `:booking_ref` filled in; hidden options give none. */
function linksOf(
  scheduler: NonNullable<ConfigurationRecord['body']['scheduler']>,
  guestRef: string,
  organizerRef: string,
) {
  const fill = (url: string | undefined, ref: string) =>
    url ? url.replaceAll(':booking_ref', encodeURIComponent(ref)) : null;
  const hideRescheduling = scheduler.hide_rescheduling_options === true;
  const hideCancellation = scheduler.hide_cancellation_options === true;
  return {
    reschedulingUrl: hideRescheduling ? null : fill(scheduler.rescheduling_url, guestRef),
    cancellationUrl: hideCancellation ? null : fill(scheduler.cancellation_url, guestRef),
    confirmationUrl: fill(scheduler.organizer_confirmation_url, organizerRef),
    hideRescheduling,
    hideCancellation,
  };
}

function settingsOf(
  store: Store,
  configuration: ConfigurationRecord,
  booking: BookingRecord,
  guestRef: string,
  organizerRef: string,
): Notice['settings'] {
  const body = configuration.body;
  const scheduler = body.scheduler ?? {};
  const template = scheduler.email_template;
  const group = isGroup(body);
  const groupBooking = group ? (body as unknown as GroupConfigurationInput).group_booking : undefined;
  return {
    organizerTimezone: organizerTimezoneOf(body),
    isGroup: group,
    calendarId: groupBooking
      ? (groupBooking.calendar_id ?? null)
      : (store.events.get(booking.eventId)?.calendarId ?? null),
    logo: template?.logo ?? null,
    confirmedTitle: template?.booking_confirmed?.title ?? null,
    confirmedBody: template?.booking_confirmed?.body ?? null,
    ...linksOf(scheduler, guestRef, organizerRef),
    disableEmails: (groupBooking ?? body.event_booking)?.disable_emails === true,
  };
}

/** Who gets a mail about `change`, by role (see docs/mail-and-webhooks.md). */
function recipients(booking: BookingRecord): { guests: Person[]; host: Person } {
  const guests = [booking.guest, ...booking.additionalGuests].filter(
    (person, index, all) =>
      all.findIndex((other) => other.email.toLowerCase() === person.email.toLowerCase()) === index,
  );
  return { guests, host: booking.host };
}

/** A booking ref; none for ids that are no UUIDs (only tests write such records). */
function refOf(booking: BookingRecord, salt: string): string {
  try {
    return encodeBookingRef({ configurationId: booking.configurationId, bookingId: booking.id, salt });
  } catch {
    return '';
  }
}

export const CALENDAR_WRITE = 'calendar.write';

export interface CalendarWritePayload {
  /** The booking's iCalendar SEQUENCE at this change. */
  sequence: number;
}

/**
 * Bookings on a connected CalDAV calendar are written back to it (server/calendars/write-back.ts).
 * Queues writing `booking` to the calendar its event is on, when that is a connected CalDAV
 * calendar. Call inside the booking's write transaction, before its event is deleted.
 */
export function queueCalendarWrite(store: Store, booking: BookingRecord, sequence: number, nowMs: number): void {
  const event = store.events.get(booking.eventId);
  const calendar = event && store.calendarSync.calendar(event.calendarId);
  if (!calendar || calendar.source !== 'caldav' || calendar.readOnly) return;
  store.outbox.dropQueued(booking.id, CALENDAR_WRITE);
  store.outbox.add(
    {
      id: randomUUID(),
      channel: 'calendar',
      kind: CALENDAR_WRITE,
      target: calendar.id,
      booking_id: booking.id,
      payload: JSON.stringify({ sequence } satisfies CalendarWritePayload),
      due_at_ms: nowMs,
    },
    nowMs,
  );
}

/**
 * Records the messages `change` of `booking` causes. Call it inside the write's transaction, after
 * the booking is written; `before` is the booking as it was (reschedule: its old times).
 */
export function notifyBooking(
  store: Store,
  change: BookingChange,
  booking: BookingRecord,
  configuration: ConfigurationRecord,
  nowMs: number,
  before?: BookingRecord,
): void {
  const sequence = change === 'created' || change === 'pending' ? 0 : store.outbox.bumpSequence(booking.id);
  const guestRef = refOf(booking, booking.salt);
  const organizerRef = refOf(booking, booking.organizerSalt);
  const settings = settingsOf(store, configuration, booking, guestRef, organizerRef);
  const notice: Notice = {
    change,
    booking: {
      id: booking.id,
      configurationId: booking.configurationId,
      eventId: booking.eventId,
      status: booking.status,
      start: booking.start,
      end: booking.end,
      ...(before &&
        (before.start !== booking.start || before.end !== booking.end) && {
          oldStart: before.start,
          oldEnd: before.end,
        }),
      title: booking.title,
      description: booking.description,
      location: booking.location,
      host: booking.host,
      guest: booking.guest,
      additionalGuests: booking.additionalGuests,
      additionalFields: booking.additionalFields,
      timezone: booking.timezone,
      emailLanguage: booking.emailLanguage,
      cancellationReason: booking.cancellationReason,
      guestRef,
      organizerRef,
      sequence,
      invited: (before ?? booking).status === 'booked' || change === 'confirmed',
    },
    settings,
  };
  const add = (
    channel: 'email' | 'webhook' | 'fanout',
    kind: string,
    target: string,
    payload: unknown,
    dueMs = nowMs,
  ) =>
    store.outbox.add(
      {
        id: randomUUID(),
        channel,
        kind,
        target,
        booking_id: booking.id,
        payload: JSON.stringify(payload),
        due_at_ms: dueMs,
      },
      nowMs,
    );

  const { guests, host } = recipients(booking);
  if (!settings.disableEmails) {
    for (const guest of guests) add('email', change, guest.email, { notice, role: 'guest' } satisfies EmailPayload);
    add('email', change, host.email, { notice, role: 'host' } satisfies EmailPayload);
  }
  if (!settings.isGroup) queueCalendarWrite(store, booking, sequence, nowMs);
  const trigger = TRIGGER[change];
  for (const hook of store.webhooks.subscribedTo(trigger))
    add('webhook', change, hook.id, { notice, trigger } satisfies WebhookPayload);

  // Reminders follow the booking: a move or a cancellation drops the ones queued, a booked
  // booking gets them (again) for its current time. Ones already past are not sent.
  store.outbox.dropQueued(booking.id, 'reminder');
  if (booking.status !== 'booked') return;
  for (const reminder of remindersOf(configuration.body)) {
    const dueMs = (booking.start - reminder.minutes_before_event * 60) * 1000;
    if (dueMs <= nowMs) continue;
    const reminded: Notice = { ...notice, change: 'reminder', reminder };
    if (reminder.type === 'webhook') {
      // Fanned out to the subscriptions that exist when it falls due.
      add(
        'fanout',
        'reminder',
        'booking.reminder',
        { notice: reminded, trigger: 'booking.reminder' } satisfies WebhookPayload,
        dueMs,
      );
      continue;
    }
    const to = [
      ...(reminder.recipient !== 'host' ? guests.map((g) => [g, 'guest'] as const) : []),
      ...(reminder.recipient !== 'guest' ? [[host, 'host'] as const] : []),
    ];
    for (const [person, role] of to)
      add('email', 'reminder', person.email, { notice: reminded, role } satisfies EmailPayload, dueMs);
  }
}
