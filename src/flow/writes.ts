import {
  cancelBooking as cancelBookingCall,
  confirmBooking,
  createBooking,
  rescheduleBooking,
} from '../api/bookings.js';
import type { SchedulerClient } from '../api/client.js';
import { ApiError, isAbort, isSlotTaken } from '../api/errors.js';
import { safeUrl } from '../views/safe-url.js';
import type { BookingRef } from '../contract/booking-ref.js';
import { isGroupSlot, seatTargetOf } from '../contract/group.js';
import type {
  Booking,
  BookingInput,
  BookingResult,
  CancelInput,
  GroupBookingInput,
  Person,
  TimeSlot,
  UiSettings,
} from '../contract/guest.js';
import { dayKeyOf, monthOf } from '../time/index.js';
import type { FlowHost, FlowState, Outcome } from './state.js';
import type { MonthAvailability } from './months.js';
import { filled, type GuestForm } from './form.js';

/**
 * The flow's writes: their bodies, built from plain values, and the writes themselves, run on what
 * the flow lends them (`Writer`); no DOM. Only the steps after choosing a time write, so the flow
 * loads this module when they do (`loadWrites`).
 */

/** A slot's times, and the occurrence a group session's seat names. */
export const slotTimes = (slot: TimeSlot) => ({
  start_time: slot.start_time,
  end_time: slot.end_time,
  ...seatTargetOf(slot),
});

export const trimmed = ({ name, email }: Person): Person => ({ name: name.trim(), email: email.trim() });

/** Languages the Nylas API writes booking emails in (`email_language`). */
const EMAIL_LANGUAGES = ['en', 'es', 'fr', 'de', 'nl', 'sv', 'ja', 'zh'];

/** The language of the locale shown, if the API writes emails in it. */
const emailIn = (locale?: string) => {
  const language = locale?.split('-')[0];
  return EMAIL_LANGUAGES.includes(language!) ? language : undefined;
};

/**
 * The booking of `slot` from the form: trimmed, blank fields and guests left out, unknown fields
 * dropped. A group session's seat names its occurrence and is for one guest: no additional guests.
 */
export function bookingInput(
  slot: TimeSlot,
  { form, settings, timeZone }: { form: GuestForm; settings: UiSettings | null; timeZone: string },
  emailLanguage?: string,
): BookingInput | GroupBookingInput {
  const fields = settings!.scheduler.additional_fields ?? {};
  // A phone number as Nylas takes it (E.164-like: + and digits, as its element's phone input sends it), whatever separators were typed.
  const additional = Object.fromEntries(
    Object.entries(filled(form.fields))
      .filter(([key]) => key in fields)
      .map(([key, value]) => [key, fields[key]!.type === 'phone_number' ? `+${value.replace(/\D/g, '')}` : value]),
  );
  const guests = isGroupSlot(slot) ? [] : form.additionalGuests.filter((g) => g.email.trim());
  return {
    ...slotTimes(slot),
    guest: trimmed(form),
    timezone: timeZone,
    ...(Object.keys(additional).length ? { additional_fields: additional } : {}),
    ...(guests.length ? { additional_guests: guests.map(trimmed) } : {}),
    ...(emailIn(emailLanguage) ? { email_language: emailIn(emailLanguage) } : {}),
  };
}

/** The typed reason as the API takes it: none when blank. */
export function cancelInput(form: GuestForm): CancelInput {
  const reason = form.cancellationReason.trim();
  return reason ? { cancellation_reason: reason } : {};
}

/** Round-robin (`order` given): the hosts free in `slot`, in the API's order; none otherwise. */
export function hostsOf(slot: TimeSlot, order: string[]): string[] {
  // Nylas may send a slot's `emails` as null: then the API picks the host.
  const emails = slot.emails ?? [];
  return order.length
    ? [...order.filter((email) => emails.includes(email)), ...emails.filter((e) => !order.includes(e))]
    : [];
}

/**
 * Books `input`. Round-robin (`order` given): asks the hosts free in this slot in the API's order,
 * the next one when one was just taken.
 */
export async function bookWithHosts(
  create: (input: BookingInput) => Promise<Booking>,
  input: BookingInput,
  slot: TimeSlot,
  order: string[],
): Promise<Booking> {
  const hosts = hostsOf(slot, order);
  if (!hosts.length) return create(input);
  let lastError: unknown;
  for (const email of hosts) {
    try {
      return await create({ ...input, participants: [{ email }] });
    } catch (error) {
      if (!isSlotTaken(error)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** What a write needs of the flow: its state and the parts of it a write uses, lent for one write. */
export interface Writer {
  state: FlowState;
  client: SchedulerClient;
  ref: BookingRef | undefined;
  signal: AbortSignal;
  host: FlowHost;
  /** The locale shown (`emailIn` takes its language). */
  emailLanguage: string | undefined;
  /** Cancelling: which event the booking holds (for `scheduler-cancelled`). */
  heldEvent: Promise<string | undefined> | undefined;
  set(patch: Partial<FlowState>): void;
  monthState(month: string): MonthAvailability | undefined;
  failWrite(error: unknown): void;
}

/**
 * One write: busy meanwhile, then the outcome and its event, or the failure. `chosen`: what the
 * guest chose, shown and reported where the answer does not say (Nylas's answers carry no times).
 */
async function write(
  writer: Writer,
  outcome: Outcome,
  chosen: Partial<Booking>,
  call: () => Promise<Booking | void>,
  sent: Partial<BookingInput> = {},
): Promise<void> {
  writer.set({ busy: true, notice: null });
  try {
    const booking = { booking_id: writer.ref?.bookingId, ...chosen, ...(await call()) } as BookingResult;
    writer.set({ busy: false, step: 'done', outcome, booking });
    writer.host.emit(`scheduler-${outcome}` as const, booking);
    const target = (outcome === 'booked' || outcome === 'rescheduled') && redirectUrl(writer, booking, sent);
    if (target) location.assign(target);
  } catch (error) {
    if (isAbort(error)) return;
    writer.set({ busy: false });
    writer.failWrite(error);
  }
}

/**
 * `confirmation_redirect_url` with the query parameters Nylas's `<nylas-scheduling>` adds after a
 * booking or a reschedule (https://developer.nylas.com/docs/cookbook/scheduler/customize-booking-flow/):
 * `booking_id`, `name`, `email`, `start_time`, `end_time` (Unix seconds, as the API's times),
 * `tz`, `language`, `additional_values` (JSON), `page_slug`, `config_id`, `location`,
 * `booking_ref`; those unknown are left out. Null unless it is an http(s) URL.
 */
export function redirectUrl(
  { state, emailLanguage }: Pick<Writer, 'state' | 'emailLanguage'>,
  booking: BookingResult,
  sent: Partial<BookingInput>,
): string | null {
  const { settings, existing, form, timeZone } = state;
  const target = safeUrl(settings?.scheduler.confirmation_redirect_url);
  if (!target) return null;
  const url = new URL(target);
  const guest = sent.guest ?? existing?.guest ?? trimmed(form);
  const fields = sent.additional_fields ?? existing?.additional_fields;
  const params: Record<string, unknown> = {
    booking_id: booking.booking_id,
    name: guest.name,
    email: guest.email,
    start_time: booking.start_time,
    end_time: booking.end_time,
    tz: timeZone,
    // The language shown, as Nylas's element names its own (it shows only those it writes emails in).
    language: emailIn(emailLanguage),
    additional_values: fields && JSON.stringify(fields),
    page_slug: settings!.slug,
    config_id: settings!.configuration_id,
    location: booking.location ?? settings!.event_booking?.location,
    booking_ref: booking.booking_ref,
  };
  for (const [key, value] of Object.entries(params))
    if (value != null && value !== '') url.searchParams.set(key, String(value));
  return url.href;
}

/** Books (or, in reschedule mode, moves the booking to) the chosen slot. */
export async function submitBooking(writer: Writer): Promise<void> {
  const { state, client, ref, signal, host } = writer;
  const slot = state.slot!;
  const times = slotTimes(slot);
  const order = writer.monthState(monthOf(dayKeyOf(slot.start_time, state.timeZone)))?.order ?? [];
  if (state.mode === 'reschedule') {
    // Round-robin: the host for the new time, as Nylas's element sends it.
    const [host] = hostsOf(slot, order);
    const body = { ...times, ...(host ? { participants: [{ email: host }] } : {}) };
    return write(writer, 'rescheduled', times, () => rescheduleBooking(client, ref!.bookingId, body, signal));
  }
  const input = bookingInput(slot, state, writer.emailLanguage);
  if (!host.emit('scheduler-before-book', input, true)) return;
  return write(
    writer,
    'booked',
    { ...times, guest: input.guest },
    () => bookWithHosts((body) => createBooking(client, body, signal), input, slot, order),
    input,
  );
}

/**
 * Cancels the booking, with the reason the guest gave. Inside `min_cancellation_notice` of its
 * start (when its start is known) the guest is told so at once, as Nylas's element does, and
 * nothing is sent.
 */
export function cancelBooking(writer: Writer): Promise<void> {
  const { client, ref, signal, state } = writer;
  const start = state.existing?.start_time;
  const notice = state.settings?.scheduler.min_cancellation_notice ?? 0;
  if (start && start - Date.now() / 1000 < notice * 60) {
    writer.failWrite(
      new ApiError(
        'cancellation_notice',
        `Bookings can be cancelled only up to ${notice} minutes before they start.`,
        0,
      ),
    );
    return Promise.resolve();
  }
  return write(writer, 'cancelled', {}, async () => {
    await cancelBookingCall(client, ref!.bookingId, cancelInput(state.form), signal);
    return { event_id: await writer.heldEvent } as Booking;
  });
}

/** The organizer confirms or declines a pending booking. */
export function decideBooking(writer: Writer, status: 'confirmed' | 'cancelled'): Promise<void> {
  const { client, ref, signal, state } = writer;
  const { bookingId, salt } = ref!;
  const { guest, start_time, end_time } = state.existing!;
  const confirming = status === 'confirmed';
  return write(writer, confirming ? 'confirmed' : 'declined', confirming ? { guest, start_time, end_time } : {}, () =>
    confirmBooking(client, bookingId, { salt, status, ...(confirming ? {} : cancelInput(state.form)) }, signal),
  );
}
