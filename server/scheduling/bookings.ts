/**
 * The booking operations: create, reschedule, cancel, and the organizer's decision. Each takes the
 * store, the configuration or booking addressed, the checked input and the time, and returns the
 * record it wrote; it knows nothing of HTTP (a refusal is a DomainError the HTTP layer answers). The
 * slot checks and the writes of one operation form one immediate transaction.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type {
  BookingInput,
  CancelInput,
  ConfirmInput,
  Person,
  PublicSchedulerSettings,
  RescheduleInput,
} from '../../src/contract/guest.js';
import type { EventParticipant, Participant } from '../../src/contract/admin.js';
import { timeslotUnavailableMessage } from '../../src/contract/slot-taken.js';
import { DomainError, invalidRequest, notFound } from '../domain-errors.js';
import type { BookingRecord, ConfigurationRecord, Store } from '../store/index.js';
import { checkAdditionalFields } from './additional-fields.js';
import { offeredSlot } from './availability.js';
import { isRoundRobin, organizerOf, schedulerSettings } from './configuration.js';
import type { OperationContext } from './context.js';
import { mintSalt } from './salt.js';
import { notifyBooking } from '../notify/enqueue.js';

/** A booking of the configuration `configurationId` (undefined: any), else 404. */
export function bookingOfConfiguration(
  store: Store,
  configurationId: string | undefined,
  bookingId: string,
): BookingRecord {
  const booking = store.bookings.get(bookingId);
  if (!booking || (configurationId !== undefined && booking.configurationId !== configurationId)) {
    throw notFound(`Booking ${bookingId} not found.`);
  }
  return booking;
}

/**
 * The booking a call addresses and its configuration: the one the call named (a booking of another
 * is 404), else the booking's own (the API key may name none).
 */
export function addressedBooking(
  { store }: Pick<OperationContext, 'store'>,
  named: ConfigurationRecord | undefined,
  bookingId: string,
): { booking: BookingRecord; configuration: ConfigurationRecord } {
  const booking = bookingOfConfiguration(store, named?.id, bookingId);
  return { booking, configuration: named ?? currentConfiguration(store, booking.configurationId) };
}

const slotUnavailable = (why: string) => new DomainError('timeslot_not_available', timeslotUnavailableMessage(why));
const notOffered = () => slotUnavailable('it is not offered (taken, outside the open hours or too soon).');

const notModifiable = (booking: BookingRecord, action: string) =>
  invalidRequest(`This booking is ${booking.status} and cannot be ${action}.`);

const sameSecret = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/** Who the booking's event invites: the hosts, the guest and the additional guests, once each. */
function invitees(hosts: Participant[], organizerEmail: string, guests: Person[]): EventParticipant[] {
  const all: EventParticipant[] = [
    ...hosts.map((host) => ({
      email: host.email,
      ...(host.name && { name: host.name }),
      status: host.email === organizerEmail ? ('yes' as const) : ('noreply' as const),
    })),
    ...guests.map((guest) => ({ email: guest.email, name: guest.name, status: 'noreply' as const })),
  ];
  return all.filter((person, index) => all.findIndex((other) => other.email === person.email) === index);
}

/**
 * The configuration as it is now, inside the write transaction: it may have changed or gone
 * while the request body was being read.
 */
function currentConfiguration(store: Store, id: string): ConfigurationRecord {
  const configuration = store.configurations.get(id);
  if (!configuration) throw notFound(`Configuration ${id} not found.`);
  return configuration;
}

/** Changes to a booking happen only while it may still be changed: before the cancellation notice. */
export function assertNotice(
  { min_cancellation_notice: notice }: PublicSchedulerSettings,
  booking: BookingRecord,
  now: number,
): void {
  if (now / 1000 + notice * 60 > booking.start) {
    throw invalidRequest(
      notice > 0
        ? `This booking can be changed only up to ${notice} minutes before it starts.`
        : 'This booking has already started and can no longer be changed.',
    );
  }
}

/**
 * The host who takes a new booking: the organizer, or for round-robin the guest's choice or the
 * next in turn. Refused when the time is not offered or that host is not free then.
 */
function hostOf(store: Store, configuration: ConfigurationRecord, input: BookingTimes, now: number): Participant {
  const config = configuration.body;
  const roundRobin = isRoundRobin(config);
  const chosen = roundRobin ? input.participants?.[0]?.email : undefined;
  if (chosen && !config.participants.some((participant) => participant.email === chosen)) {
    throw invalidRequest(`participants[0].email: ${chosen} is not a host of this configuration`);
  }
  const offer = offeredSlot(store, {
    configurationId: configuration.id,
    config,
    nowMs: now,
    window: { start: input.start_time, end: input.end_time },
  });
  if (!offer) throw notOffered();
  const hostEmail = roundRobin
    ? (chosen ?? offer.order.find((email) => offer.slot.emails.includes(email)))
    : organizerOf(config).email;
  if (!hostEmail || !offer.slot.emails.includes(hostEmail)) throw slotUnavailable(`${hostEmail} is not free then.`);
  return config.participants.find((participant) => participant.email === hostEmail)!;
}

type BookingTimes = Omit<BookingInput, 'timezone'> & { timezone: string | null };

function newBookingRecord(
  configuration: ConfigurationRecord,
  host: Participant,
  input: BookingTimes,
  additionalFields: BookingRecord['additionalFields'],
  pending: boolean,
  now: number,
): BookingRecord {
  const config = configuration.body;
  return {
    id: randomUUID(),
    configurationId: configuration.id,
    eventId: randomUUID(),
    status: pending ? 'pending' : 'booked',
    start: input.start_time,
    end: input.end_time,
    title: config.event_booking.title,
    description: config.event_booking.description ?? null,
    location: config.event_booking.location ?? null,
    host: { name: host.name ?? '', email: host.email },
    guest: input.guest,
    additionalGuests: input.additional_guests ?? [],
    additionalFields,
    timezone: input.timezone,
    emailLanguage: input.email_language ?? null,
    salt: mintSalt(),
    organizerSalt: mintSalt(),
    cancellationReason: null,
    createdAtMs: now,
  };
}

/**
 * Re-reads the booking and its configuration inside a write transaction and hands them to
 * `change`: every check `change` makes sees the state its writes will replace.
 */
const modify = (
  store: Store,
  bookingId: string,
  change: (booking: BookingRecord, configuration: ConfigurationRecord) => BookingRecord,
): BookingRecord =>
  store.write(() => {
    const booking = bookingOfConfiguration(store, undefined, bookingId);
    return change(booking, currentConfiguration(store, booking.configurationId));
  });

export function createBooking(
  { store, now, onSlotChecked }: OperationContext,
  configurationId: string,
  input: BookingTimes,
): BookingRecord {
  if (input.end_time <= input.start_time) throw invalidRequest('end_time: Must be after start_time');
  // The guest's values are checked before the write lock is taken: nothing a guest sends is
  // matched while every other writer waits.
  const fieldsChecked = schedulerSettings(currentConfiguration(store, configurationId).body).additional_fields;
  const additionalFields = checkAdditionalFields(fieldsChecked, input.additional_fields ?? {});

  // Of two guests racing for a slot, the second sees the first one's event and is refused.
  return store.write(() => {
    const configuration = currentConfiguration(store, configurationId);
    const config = configuration.body;
    if (JSON.stringify(schedulerSettings(config).additional_fields) !== JSON.stringify(fieldsChecked)) {
      throw invalidRequest(
        'The booking form changed while this booking was sent; please check the details and try again.',
      );
    }
    const host = hostOf(store, configuration, input, now);
    onSlotChecked?.();
    const roundRobin = isRoundRobin(config);
    const grant = store.grants.ensure(host.email, now);
    const calendar =
      (host.booking?.calendar_id && store.grants.calendar(grant.id, host.booking.calendar_id)) ||
      store.grants.primaryCalendar(grant.id);
    const pending = config.event_booking.booking_type === 'organizer-confirmation';
    const hosts = roundRobin ? [host] : config.participants;
    const record = newBookingRecord(configuration, host, input, additionalFields, pending, now);
    store.events.insert(
      {
        id: record.eventId,
        grantId: grant.id,
        calendarId: calendar.id,
        title: record.title,
        description: record.description,
        location: record.location,
        start: record.start,
        end: record.end,
        busy: true,
        status: pending ? 'tentative' : 'confirmed',
        participants: invitees(hosts, host.email, [input.guest, ...record.additionalGuests]),
        bookingId: record.id,
        // Only the hosts are made busy: a guest's address (maybe another configuration's host)
        // blocks nobody's time.
        blocks: hosts.map((person) => person.email),
      },
      now,
    );
    store.bookings.insert(record, now);
    notifyBooking(store, pending ? 'pending' : 'created', record, configuration, now);
    return record;
  });
}

export function reschedule(
  { store, now, onSlotChecked }: OperationContext,
  bookingId: string,
  input: RescheduleInput,
): BookingRecord {
  if (input.end_time <= input.start_time) throw invalidRequest('end_time: Must be after start_time');
  return modify(store, bookingId, (booking, configuration) => {
    if (booking.status === 'cancelled') throw notModifiable(booking, 'rescheduled');
    assertNotice(schedulerSettings(configuration.body), booking, now);
    const offer = offeredSlot(store, {
      configurationId: configuration.id,
      config: configuration.body,
      nowMs: now,
      window: { start: input.start_time, end: input.end_time },
      excludeBookingId: booking.id,
    });
    if (!offer) throw notOffered();
    if (!offer.slot.emails.includes(booking.host.email))
      throw slotUnavailable(`${booking.host.email} is not free then.`);
    onSlotChecked?.();
    // A new time needs the organizer's approval again where bookings need it at all: otherwise a
    // guest could move a confirmed booking anywhere without it. Nylas's docs do not say what a
    // reschedule does to a confirmed booking of an organizer-confirmation configuration
    // (https://developer.nylas.com/docs/v3/scheduler/); this API returns it to pending.
    const reapprove = configuration.body.event_booking.booking_type === 'organizer-confirmation';
    const moved: BookingRecord = {
      ...booking,
      start: input.start_time,
      end: input.end_time,
      ...(reapprove && { status: 'pending' }),
    };
    store.bookings.update(moved, now);
    const event = store.events.get(booking.eventId);
    if (event)
      store.events.update({ ...event, start: moved.start, end: moved.end, ...(reapprove && { status: 'tentative' }) });
    notifyBooking(store, 'rescheduled', moved, configuration, now, booking);
    return moved;
  });
}

export const cancel = ({ store, now }: OperationContext, bookingId: string, input: CancelInput): BookingRecord =>
  modify(store, bookingId, (booking, configuration) => {
    if (booking.status === 'cancelled') throw notModifiable(booking, 'cancelled again');
    assertNotice(schedulerSettings(configuration.body), booking, now);
    const cancelled = {
      ...booking,
      status: 'cancelled' as const,
      cancellationReason: input.cancellation_reason ?? null,
    };
    store.bookings.update(cancelled, now);
    notifyBooking(store, 'cancelled', cancelled, configuration, now, booking);
    store.events.delete(booking.eventId);
    return cancelled;
  });

/**
 * The organizer confirms or rejects a pending booking; only the salt of the organizer's booking
 * ref proves the link. The guest's salt gets the same refusal as any wrong one.
 */
export const decide = ({ store, now }: OperationContext, bookingId: string, input: ConfirmInput): BookingRecord =>
  modify(store, bookingId, (booking, configuration) => {
    if (!sameSecret(input.salt, booking.organizerSalt)) {
      throw invalidRequest("The salt does not match this booking; use the one from the organizer's booking ref.");
    }
    if (booking.status !== 'pending')
      throw notModifiable(booking, input.status === 'confirmed' ? 'confirmed' : 'rejected');
    const event = store.events.get(booking.eventId);
    if (input.status === 'confirmed') {
      if (event) store.events.update({ ...event, status: 'confirmed' });
      const confirmed = { ...booking, status: 'booked' as const };
      store.bookings.update(confirmed, now);
      notifyBooking(store, 'confirmed', confirmed, configuration, now, booking);
      return confirmed;
    }
    const rejected = {
      ...booking,
      status: 'cancelled' as const,
      cancellationReason: input.cancellation_reason ?? null,
    };
    notifyBooking(store, 'declined', rejected, configuration, now, booking);
    store.events.delete(booking.eventId);
    store.bookings.update(rejected, now);
    return rejected;
  });
