/** From a stored configuration and the calendars to the engine's answer. */
import type { TimeSlot } from '../../src/contract/guest.js';
import type { ConfigurationInput, Participant } from '../../src/contract/admin.js';
import { computeAvailability } from '../availability/engine.js';
import type { EngineInput, EngineResult, Interval } from '../availability/types.js';
import type { Store } from '../store/index.js';
import { schedulerSettings } from './configuration.js';
import { connectedBusy } from '../calendars/busy.js';

const DAY_SECONDS = 86400;
/** Round-robin fairness looks at the bookings of this many past days. */
const FAIRNESS_DAYS = 30;
/**
 * A window asked for is clipped to this span (counted from now at the earliest); asking wider is
 * never an error. The widget asks a month at a time; the cap bounds what one anonymous request
 * can make the server compute and send (a 1-minute grid over a year is 40 MB and seconds of CPU).
 */
export const MAX_WINDOW_DAYS = 62;
const MAX_WINDOW_SECONDS = MAX_WINDOW_DAYS * DAY_SECONDS;
/**
 * One answer holds at most this many slots, the earliest (the whole 62-day window of a 24/7
 * calendar in 5-minute steps is 17,856; a 1-minute grid would be 89,280); a client asking for
 * more asks again from after the last one.
 */
export const MAX_SLOTS = 20_000;
/**
 * One answer's JSON is at most this many bytes as well: 50 hosts with 254-character addresses
 * make a slot 13 kB, and 20,000 of them 258 MB. 2 MiB holds the 20,000 slots of one host with an
 * address of up to 35 characters (about 100 bytes a slot), and a month of 5-minute slots around
 * the clock (8,928) for hosts whose addresses take up to 160 bytes together; with longer
 * addresses, fewer slots, the earliest. Building 2 MiB of JSON takes about 15 ms here.
 */
export const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
/** The envelope and `order` besides the slots; `{"emails":[],"start_time":…,"end_time":…},` with 12-digit times. */
export const ANSWER_OVERHEAD_BYTES = 256;
const SLOT_BYTES = 64;

/** JSON bytes of a list of addresses, as a slot's `emails` or `order` holds them (commas included). */
export const emailsBytes = (emails: readonly string[]): number =>
  emails.reduce((sum, email) => sum + Buffer.byteLength(JSON.stringify(email)) + 1, 0);

/**
 * How many slots fit the byte budget when each may carry `emails` (an upper bound: round-robin
 * slots carry only the free hosts), and never more than MAX_SLOTS. Decided before the engine runs.
 */
export function slotBudget(emails: readonly string[]): number {
  const perSlot = SLOT_BYTES + emailsBytes(emails);
  return Math.max(
    1,
    Math.min(MAX_SLOTS, Math.floor((MAX_ANSWER_BYTES - ANSWER_OVERHEAD_BYTES - emailsBytes(emails)) / perSlot)),
  );
}

export interface AvailabilityQuery {
  configurationId: string;
  config: ConfigurationInput;
  /** Milliseconds. */
  nowMs: number;
  window: Interval;
  excludeBookingId?: string;
}

/** The engine's input: each participant's open hours, busy time and recent bookings. */
export function engineInput(store: Store, query: AvailabilityQuery): EngineInput {
  const { config } = query;
  const now = Math.floor(query.nowMs / 1000);
  // Nothing before now is ever offered, so the span cap counts from now at the earliest.
  const start = Math.max(query.window.start, now);
  const window = { start, end: Math.max(start, Math.min(query.window.end, start + MAX_WINDOW_SECONDS)) };
  const rules = config.availability.availability_rules ?? {};
  const settings = schedulerSettings(config);
  const bufferBefore = rules.buffer?.before ?? 0;
  const bufferAfter = rules.buffer?.after ?? 0;
  const reach = Math.max(bufferBefore, bufferAfter) * 60 + config.availability.duration_minutes * 60;
  const recentSinceMs = query.nowMs - FAIRNESS_DAYS * DAY_SECONDS * 1000;
  const zoneOf = (participant: Participant) => participant.timezone ?? config.event_booking.timezone ?? 'UTC';
  return {
    participants: config.participants.map((participant) => ({
      email: participant.email,
      timezone: zoneOf(participant),
      openHours: participant.availability?.open_hours ?? [],
      specificTimes: participant.availability?.specific_time_availability ?? [],
      busy: [
        ...store.events.busyFor(
          participant.email,
          store.grants.findByEmail(participant.email)?.id,
          window.start - reach,
          window.end + reach,
        ),
        ...connectedBusy(store, participant, zoneOf(participant), window.start - reach, window.end + reach),
      ],
      recentBookings: store.bookings.countRecent(query.configurationId, participant.email, recentSinceMs),
    })),
    method: rules.availability_method ?? 'collective',
    defaultOpenHours: rules.default_open_hours ?? [],
    defaultSpecificTimes: rules.default_specific_time_availability ?? [],
    onlySpecificTimes: rules.only_specific_time_availability ?? false,
    durationMinutes: config.availability.duration_minutes,
    ...(config.availability.interval_minutes !== undefined && {
      intervalMinutes: config.availability.interval_minutes,
    }),
    ...(config.availability.round_to !== undefined && { roundTo: config.availability.round_to }),
    bufferBeforeMinutes: bufferBefore,
    bufferAfterMinutes: bufferAfter,
    minBookingNoticeMinutes: settings.min_booking_notice,
    availableDaysInFuture: settings.available_days_in_future,
    now,
    window,
    ...(query.excludeBookingId !== undefined && { excludeBookingId: query.excludeBookingId }),
    maxSlots: slotBudget(config.participants.map((participant) => participant.email)),
  };
}

export const availabilityOf = (store: Store, query: AvailabilityQuery): EngineResult =>
  computeAvailability(engineInput(store, query));

/**
 * An answer of up to MAX_ANSWER_BYTES is built in turns of the event loop, so that other clients'
 * requests are served in between (three 2 MiB answers built at once kept a 1 ms ui-settings
 * waiting 60-100 ms). A turn ends after about this many bytes of answer, or after a stage of the
 * engine.
 */
export const TURN_BYTES = 64 * 1024;

/** Answers waiting for their next turn, first come first served. */
const waitingTurns: Array<() => void> = [];

/** Lets one waiting answer go on, then waits for the next loop of the event loop for the next one. */
function nextInLine(): void {
  waitingTurns.shift()?.();
  if (waitingTurns.length > 0) setImmediate(nextInLine);
}

/**
 * Resolves once the I/O waiting has been served. One answer goes on per loop of the event loop,
 * so that several long answers take turns with the requests that arrive meanwhile instead of
 * each going on in the same loop (three 2 MiB answers' JSON and writes take 30-40 ms together).
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waitingTurns.push(resolve);
    if (waitingTurns.length === 1) setImmediate(nextInLine);
  });
}

/**
 * `availabilityOf` in turns: the store's reads, the engine, and (once this resolves) the caller's
 * JSON each in a turn of their own.
 */
export async function availabilityInTurns(store: Store, query: AvailabilityQuery): Promise<EngineResult> {
  const input = engineInput(store, query);
  await nextTurn();
  const result = computeAvailability(input);
  await nextTurn();
  return result;
}

/** The slot [start, end) if availability offers exactly it now, with the order of round-robin hosts. */
export function offeredSlot(store: Store, query: AvailabilityQuery): { slot: TimeSlot; order: string[] } | undefined {
  const result = availabilityOf(store, query);
  const slot = result.time_slots.find(
    (candidate) => candidate.start_time === query.window.start && candidate.end_time === query.window.end,
  );
  return slot && { slot, order: result.order ?? slot.emails };
}
