import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Person } from '../../src/contract/guest.js';
import type { EventParticipant, Participant } from '../../src/contract/admin.js';
import { checkAdditionalFields } from '../additional-fields.js';
import { bookingOf, callerOf, configurationOf } from '../auth.js';
import { timeslotUnavailableMessage } from '../../src/contract/slot-taken.js';
import { mintSalt } from '../scheduling/salt.js';
import type { Deps } from '../deps.js';
import { ApiError, invalidRequest, notFound, ok, okEmpty, parseBody, parseQuery, type AppContext, type AppEnv } from '../http.js';
import { toBooking } from '../present.js';
import { isRoundRobin, offeredSlot, organizerOf, schedulerSettings } from '../scheduling.js';
import { bookingInput, bookingQuery, cancelInput, confirmInput, rescheduleInput } from '../schemas.js';
import type { BookingRecord, ConfigurationRecord } from '../store/index.js';
import { isGroupConfiguration } from '../group/model.js';
import { bookSeat, cancelSeat, refuseConfirmation, rescheduleSeat } from '../group/seats.js';

const slotUnavailable = (why: string) =>
  new ApiError(409, 'timeslot_not_available', timeslotUnavailableMessage(why));

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

/** Rate limits of the booking routes: reading, creating, and changing (reschedule, cancel, confirm). */
export interface BookingLimits {
  read: MiddlewareHandler<AppEnv>;
  create: MiddlewareHandler<AppEnv>;
  change: MiddlewareHandler<AppEnv>;
}

export function bookingRoutes(deps: Deps, limits: BookingLimits): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  /** Changes to a booking happen only while it may still be changed: before the cancellation notice. */
  const assertNotice = (configuration: ConfigurationRecord, booking: BookingRecord) => {
    const notice = schedulerSettings(configuration.body).min_cancellation_notice;
    if (deps.now() / 1000 + notice * 60 > booking.start) {
      throw invalidRequest(
        notice > 0
          ? `This booking can be changed only up to ${notice} minutes before it starts.`
          : 'This booking has already started and can no longer be changed.',
      );
    }
  };

  const addressed = (c: AppContext) => {
    const caller = callerOf(c, deps);
    return { ...bookingOf(c, deps, caller), forApiKey: caller.kind === 'api_key' };
  };

  /**
   * The configuration as it is now, inside the write transaction: it may have changed or gone
   * while the request body was being read.
   */
  const currentConfiguration = (id: string): ConfigurationRecord => {
    const configuration = store.configurations.get(id);
    if (!configuration) throw notFound(`Configuration ${id} not found.`);
    return configuration;
  };

  /**
   * Re-reads the booking and its configuration inside a write transaction and hands them to
   * `change`: every check `change` makes sees the state its writes will replace.
   */
  const modify = (
    target: ReturnType<typeof addressed>,
    change: (booking: BookingRecord, configuration: ConfigurationRecord) => BookingRecord,
  ) =>
    store.write(() => {
      const booking = store.bookings.get(target.booking.id);
      if (!booking) throw notFound(`Booking ${target.booking.id} not found.`);
      return change(booking, currentConfiguration(booking.configurationId));
    });

  app.post('/scheduling/bookings', limits.create, async (c) => {
    const caller = callerOf(c, deps);
    const addressedConfiguration = configurationOf(c, deps, caller, true)!;
    if (isGroupConfiguration(addressedConfiguration)) return bookSeat(c, deps, addressedConfiguration);
    const input = await parseBody(c, bookingInput);
    if (input.end_time <= input.start_time) throw invalidRequest('end_time: Must be after start_time');
    const timezone = input.timezone ?? parseQuery(c, bookingQuery).timezone ?? null;

    // The guest's values are checked before the write lock is taken: nothing a guest sends is
    // matched while every other writer waits.
    const fieldsChecked = schedulerSettings(currentConfiguration(addressedConfiguration.id).body).additional_fields;
    const additionalFields = checkAdditionalFields(fieldsChecked, input.additional_fields ?? {});

    // The slot checks and the writes form one immediate transaction: of two guests racing for a
    // slot, the second sees the first one's event and is refused.
    const booking = store.write(() => {
      const configuration = currentConfiguration(addressedConfiguration.id);
      const config = configuration.body;
      if (JSON.stringify(schedulerSettings(config).additional_fields) !== JSON.stringify(fieldsChecked)) {
        throw invalidRequest('The booking form changed while this booking was sent; please check the details and try again.');
      }
      const roundRobin = isRoundRobin(config);
      const chosen = roundRobin ? input.participants?.[0]?.email : undefined;
      if (chosen && !config.participants.some((participant) => participant.email === chosen)) {
        throw invalidRequest(`participants[0].email: ${chosen} is not a host of this configuration`);
      }
      const now = deps.now();
      const offer = offeredSlot(store, {
        configurationId: configuration.id,
        config,
        nowMs: now,
        window: { start: input.start_time, end: input.end_time },
      });
      if (!offer) throw slotUnavailable('it is not offered (taken, outside the open hours or too soon).');
      const hostEmail = roundRobin
        ? (chosen ?? offer.order.find((email) => offer.slot.emails.includes(email)))
        : organizerOf(config).email;
      if (!hostEmail || !offer.slot.emails.includes(hostEmail)) throw slotUnavailable(`${hostEmail} is not free then.`);
      deps.onSlotChecked?.();
      const host = config.participants.find((participant) => participant.email === hostEmail)!;
      const grant = store.grants.ensure(host.email, now);
      const calendar =
        (host.booking?.calendar_id && store.grants.calendar(grant.id, host.booking.calendar_id)) ||
        store.grants.primaryCalendar(grant.id);
      const pending = config.event_booking.booking_type === 'organizer-confirmation';
      const record: BookingRecord = {
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
        timezone,
        emailLanguage: input.email_language ?? null,
        salt: mintSalt(),
        organizerSalt: mintSalt(),
        cancellationReason: null,
        createdAtMs: now,
      };
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
          participants: invitees(roundRobin ? [host] : config.participants, host.email, [
            input.guest,
            ...record.additionalGuests,
          ]),
          bookingId: record.id,
        },
        now,
      );
      store.bookings.insert(record, now);
      return record;
    });
    return ok(c, toBooking(booking, caller.kind === 'api_key'));
  });

  app.get('/scheduling/bookings/:id', limits.read, (c) => {
    const target = addressed(c);
    return ok(c, toBooking(target.booking, target.forApiKey));
  });

  app.patch('/scheduling/bookings/:id', limits.change, async (c) => {
    const target = addressed(c);
    if (isGroupConfiguration(target.configuration)) return rescheduleSeat(c, deps, target.booking.id);
    const input = await parseBody(c, rescheduleInput);
    if (input.end_time <= input.start_time) throw invalidRequest('end_time: Must be after start_time');
    const booking = modify(target, (booking, configuration) => {
      if (booking.status === 'cancelled') throw notModifiable(booking, 'rescheduled');
      assertNotice(configuration, booking);
      const offer = offeredSlot(store, {
        configurationId: configuration.id,
        config: configuration.body,
        nowMs: deps.now(),
        window: { start: input.start_time, end: input.end_time },
        excludeBookingId: booking.id,
      });
      if (!offer) throw slotUnavailable('it is not offered (taken, outside the open hours or too soon).');
      if (!offer.slot.emails.includes(booking.host.email)) throw slotUnavailable(`${booking.host.email} is not free then.`);
      deps.onSlotChecked?.();
      const moved = { ...booking, start: input.start_time, end: input.end_time };
      store.bookings.update(moved, deps.now());
      const event = store.events.get(booking.eventId);
      if (event) store.events.update({ ...event, start: moved.start, end: moved.end });
      return moved;
    });
    return ok(c, toBooking(booking, target.forApiKey));
  });

  app.delete('/scheduling/bookings/:id', limits.change, async (c) => {
    const target = addressed(c);
    if (isGroupConfiguration(target.configuration)) return cancelSeat(c, deps, target.booking.id);
    const input = await parseBody(c, cancelInput);
    modify(target, (booking, configuration) => {
      if (booking.status === 'cancelled') throw notModifiable(booking, 'cancelled again');
      assertNotice(configuration, booking);
      const cancelled = { ...booking, status: 'cancelled' as const, cancellationReason: input.cancellation_reason ?? null };
      store.bookings.update(cancelled, deps.now());
      store.events.delete(booking.eventId);
      return cancelled;
    });
    return okEmpty(c);
  });

  // The organizer confirms or rejects a pending booking; only the salt of the organizer's booking
  // ref proves the link. The guest's salt gets the same refusal as any wrong one.
  app.put('/scheduling/bookings/:id', limits.change, async (c) => {
    const target = addressed(c);
    if (isGroupConfiguration(target.configuration)) return refuseConfirmation();
    const input = await parseBody(c, confirmInput);
    const booking = modify(target, (booking) => {
      if (!sameSecret(input.salt, booking.organizerSalt)) {
        throw invalidRequest("The salt does not match this booking; use the one from the organizer's booking ref.");
      }
      if (booking.status !== 'pending') throw notModifiable(booking, input.status === 'confirmed' ? 'confirmed' : 'rejected');
      const event = store.events.get(booking.eventId);
      if (input.status === 'confirmed') {
        if (event) store.events.update({ ...event, status: 'confirmed' });
        const confirmed = { ...booking, status: 'booked' as const };
        store.bookings.update(confirmed, deps.now());
        return confirmed;
      }
      store.events.delete(booking.eventId);
      const rejected = { ...booking, status: 'cancelled' as const, cancellationReason: input.cancellation_reason ?? null };
      store.bookings.update(rejected, deps.now());
      return rejected;
    });
    // As Nylas: a confirmation answers the booking, a rejection `{request_id}` only.
    return input.status === 'confirmed' ? ok(c, toBooking(booking, target.forApiKey)) : okEmpty(c);
  });

  return app;
}
