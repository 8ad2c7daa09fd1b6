/**
 * Group configurations and their occurrences: what is bookable, how many seats it has, and the
 * records the host endpoints answer with (Nylas's group events API).
 */
import { EVENT_FULL } from '../../src/contract/group.js';
import type { GroupUiSettings } from '../../src/contract/guest.js';
import type {
  GroupCalendarEvent,
  GroupConfiguration,
  GroupConfigurationInput,
  GroupEventHost,
  GroupEventRecord,
  EventParticipant,
} from '../../src/contract/admin.js';
import { invalidRequest, notFound } from '../domain-errors.js';
import { toBookingDetails } from '../scheduling/present.js';
import { schedulerSettings } from '../scheduling/configuration.js';
import type { OperationContext } from '../scheduling/context.js';
import type {
  BookingRecord,
  ConfigurationRecord,
  EventRecord,
  GroupEventRecordRow,
  OccurrenceOverride,
  Store,
} from '../store/index.js';
import { hasOccurrenceAt, isRecurring, occurrenceStarts, stampSeconds, utcStamp } from './recurrence.js';
import { DEFAULT_CAPACITY } from './schemas.js';

export const eventFull = () => invalidRequest(EVENT_FULL);

/** The stored body of a configuration with `type: "group"`. */
export const groupBodyOf = (record: ConfigurationRecord): GroupConfigurationInput =>
  record.body as unknown as GroupConfigurationInput;

/**
 * A group configuration body as the configurations table stores it: the table keeps any body as
 * JSON and its record type names the standard shape; every reader checks `isGroupConfiguration`.
 */
export const storedGroupBody = (body: GroupConfigurationInput): ConfigurationRecord['body'] =>
  body as unknown as ConfigurationRecord['body'];

export const isGroupConfiguration = (record: ConfigurationRecord): boolean =>
  (record.body as unknown as { type?: unknown }).type === 'group';

/** A group configuration body with the defaults of `group_booking` filled in. */
export const withGroupDefaults = (body: GroupConfigurationInput): Omit<GroupConfiguration, 'id'> => ({
  ...body,
  group_booking: {
    ...body.group_booking,
    booking_type: 'booking',
    default_capacity: body.group_booking.default_capacity ?? DEFAULT_CAPACITY,
  },
});

export const toGroupConfiguration = (record: ConfigurationRecord): GroupConfiguration => ({
  ...withGroupDefaults(groupBodyOf(record)),
  id: record.id,
});

/** One bookable occurrence: a single event, or one date of a recurring series with its override. */
export interface Occurrence {
  /** The series' id for a single event, `<series id>_<UTC stamp of its original start>` otherwise. */
  id: string;
  /** "" for a single event. */
  masterId: string;
  series: GroupEventRecordRow;
  originalStart: number;
  start: number;
  end: number;
  title: string;
  description: string | null;
  location: string | null;
  capacity: number;
  hosts: GroupEventHost[];
  override: OccurrenceOverride | undefined;
}

/** How far a host may move one occurrence from its date: the search for moved ones looks this far. */
export const MAX_OCCURRENCE_SHIFT_SECONDS = 7 * 86400;

export const occurrenceId = (series: GroupEventRecordRow, originalStart: number): string =>
  isRecurring(series.body) ? `${series.id}_${utcStamp(originalStart)}` : series.id;

function occurrenceOf(
  series: GroupEventRecordRow,
  originalStart: number,
  override: OccurrenceOverride | undefined,
): Occurrence {
  const { body } = series;
  const recurring = isRecurring(body);
  return {
    id: occurrenceId(series, originalStart),
    masterId: recurring ? series.id : '',
    series,
    originalStart,
    start: override?.start ?? originalStart,
    end: override?.end ?? originalStart + (body.end - body.start),
    title: override?.title ?? body.title,
    description: override?.description !== undefined ? override.description : body.description,
    location: override?.location !== undefined ? override.location : body.location,
    capacity: override?.capacity ?? body.capacity,
    hosts: override?.participants ?? body.participants,
    override,
  };
}

const byStart = (a: Occurrence, b: Occurrence) => a.start - b.start || a.id.localeCompare(b.id);

/**
 * The occurrences of a configuration's group events overlapping [from, to), removed ones left
 * out, in order of start (then id), built one at a time as they are taken: a caller that stops
 * after n of them (an answer's budget) has built about n, whatever the series hold. An
 * occurrence moved by its override is found where it now is (the original date is looked for
 * MAX_OCCURRENCE_SHIFT_SECONDS either side of the window); a series with overrides is sorted whole.
 */
export function* occurrencesInOrder(
  store: Store,
  configurationId: string,
  from: number,
  to: number,
  calendarId?: string,
): Generator<Occurrence> {
  const streams: Iterator<Occurrence>[] = [];
  for (const series of store.groupEvents.ofConfiguration(configurationId)) {
    if (calendarId !== undefined && series.calendarId !== calendarId) continue;
    const recurring = isRecurring(series.body);
    const overrides = recurring ? store.groupEvents.overrides(series.id) : new Map<string, OccurrenceOverride>();
    const single = recurring ? undefined : store.groupEvents.override(series.id);
    const built = function* () {
      const starts = occurrenceStarts(
        series.body,
        from - MAX_OCCURRENCE_SHIFT_SECONDS,
        to + MAX_OCCURRENCE_SHIFT_SECONDS,
      );
      for (const start of starts) {
        const override = single ?? (overrides.size > 0 ? overrides.get(occurrenceId(series, start)) : undefined);
        const occurrence = occurrenceOf(series, start, override);
        if (!occurrence.override?.removed && occurrence.end > from && occurrence.start < to) yield occurrence;
      }
    };
    // Without overrides an occurrence starts where its rule puts it: the rule's order is the order.
    streams.push(overrides.size === 0 && !single ? built() : [...built()].sort(byStart)[Symbol.iterator]());
  }
  const heads = streams.map((stream) => stream.next());
  for (;;) {
    let first = -1;
    heads.forEach((head, i) => {
      if (!head.done && (first < 0 || byStart(head.value, heads[first]!.value as Occurrence) < 0)) first = i;
    });
    if (first < 0) return;
    yield heads[first]!.value as Occurrence;
    heads[first] = streams[first]!.next();
  }
}

/** All of `occurrencesInOrder` (the host's list, bounded by its window). */
export const occurrencesOf = (
  store: Store,
  configurationId: string,
  from: number,
  to: number,
  calendarId?: string,
): Occurrence[] => [...occurrencesInOrder(store, configurationId, from, to, calendarId)];

/**
 * The occurrence `id` names in this configuration, or undefined (unknown, removed, or a
 * recurring master, which is not bookable itself). `masterId`, when given, must be its series.
 */
export function findOccurrence(
  store: Store,
  configurationId: string,
  id: string,
  masterId?: string,
): Occurrence | undefined {
  const separator = id.lastIndexOf('_');
  const direct = store.groupEvents.get(id);
  let occurrence: Occurrence | undefined;
  if (direct && !isRecurring(direct.body)) {
    occurrence = occurrenceOf(direct, direct.body.start, store.groupEvents.override(direct.id));
  } else if (!direct && separator > 0) {
    const series = store.groupEvents.get(id.slice(0, separator));
    const originalStart = stampSeconds(id.slice(separator + 1));
    if (
      series &&
      originalStart !== undefined &&
      isRecurring(series.body) &&
      hasOccurrenceAt(series.body, originalStart)
    ) {
      occurrence = occurrenceOf(series, originalStart, store.groupEvents.override(id));
    }
  }
  if (!occurrence || occurrence.series.configurationId !== configurationId || occurrence.override?.removed)
    return undefined;
  if (masterId && occurrence.masterId !== masterId) return undefined;
  return occurrence;
}

export const remainingSeats = (store: Store, occurrence: Occurrence): number =>
  seatsLeft(occurrence, store.groupEvents.seatsUsed(occurrence.id));

/** Seats left on an occurrence once `used` of them are booked. */
export const seatsLeft = (occurrence: Occurrence, used: number): number => Math.max(0, occurrence.capacity - used);

/** The organizer of an occurrence: its host marked so, else its first host, else the grant owner. */
export function organizerOf(store: Store, occurrence: Occurrence): { email: string; name: string } {
  const host = occurrence.hosts.find((person) => person.is_organizer) ?? occurrence.hosts[0];
  if (host) return { email: host.email, name: host.name ?? '' };
  return { email: store.grants.find(occurrence.series.grantId)?.email ?? '', name: '' };
}

/** The configuration's calendar, `primary` resolved: group events live there. */
export function configurationCalendarId(store: Store, configuration: ConfigurationRecord): string | undefined {
  return store.grants.calendar(configuration.grantId, groupBodyOf(configuration).group_booking.calendar_id)?.id;
}

/** A calendar id given by a client names the configuration's calendar (`primary` ≡ primary). */
export function assertConfigurationCalendar(
  store: Store,
  configuration: ConfigurationRecord,
  calendarId: string | undefined,
): void {
  if (calendarId === undefined) return;
  const named = store.grants.calendar(configuration.grantId, calendarId)?.id;
  if (!named || named !== configurationCalendarId(store, configuration)) {
    throw invalidRequest('Calendar ID does not match configuration calendar ID');
  }
}

/** A group configuration or a 400 naming why the addressed one is not. */
export function assertGroup(configuration: ConfigurationRecord): void {
  if (!isGroupConfiguration(configuration)) {
    throw invalidRequest(`Configuration ${configuration.id} is not a group configuration (type: "group").`);
  }
}

const beyondHorizon = (days: number) =>
  invalidRequest(`This session is more than ${days} days ahead and cannot be booked yet.`);

/** Notice and horizon of the configuration applied to an occurrence a guest picks. */
export function assertBookable(configuration: ConfigurationRecord, occurrence: Occurrence, nowMs: number): void {
  const settings = schedulerSettings(groupBodyOf(configuration));
  const now = nowMs / 1000;
  if (occurrence.start < now + settings.min_booking_notice * 60) {
    throw invalidRequest(
      occurrence.start <= now
        ? 'This session has already started or finished.'
        : `This session starts in less than the ${settings.min_booking_notice} minutes of booking notice.`,
    );
  }
  if (occurrence.end > now + settings.available_days_in_future * 86400)
    throw beyondHorizon(settings.available_days_in_future);
}

/** The occurrence a booking or validation names, with the contract's 404 and 400 checks. */
export function targetOccurrence(
  store: Store,
  configuration: ConfigurationRecord,
  target: {
    event_id: string;
    master_id?: string | undefined;
    master_event_id?: string | undefined;
    start_time: number;
    end_time: number;
  },
  nowMs: number,
): Occurrence {
  // Bound the work by what the configuration allows before any is done: an id may name an
  // occurrence centuries ahead, and finding it expands the series up to there.
  const { available_days_in_future: days } = schedulerSettings(groupBodyOf(configuration));
  const horizon = nowMs / 1000 + days * 86400;
  const named = stampSeconds(target.event_id.slice(target.event_id.lastIndexOf('_') + 1));
  if (target.start_time >= horizon || (named !== undefined && named > horizon + MAX_OCCURRENCE_SHIFT_SECONDS)) {
    throw beyondHorizon(days);
  }
  const masterId = target.master_id || target.master_event_id || undefined;
  const occurrence = findOccurrence(store, configuration.id, target.event_id, masterId);
  if (!occurrence) throw notFound(`Group event ${target.event_id} not found in this configuration.`);
  if (occurrence.start !== target.start_time || occurrence.end !== target.end_time) {
    throw invalidRequest(
      `The time slot changed: this session now runs from ${occurrence.start} to ${occurrence.end} (Unix seconds); reload the list.`,
    );
  }
  return occurrence;
}

/** Host-facing records: the calendar event with hosts and seat holders, and its group info. */
export function toGroupEventRecord(
  store: Store,
  occurrence: Occurrence,
  nowMs: number,
  options: { asSeries?: boolean } = {},
): GroupEventRecord {
  const { series } = occurrence;
  const { body } = series;
  const recurring = isRecurring(body);
  const asSeries = options.asSeries ?? false;
  const organizer = organizerOf(store, occurrence);
  const timezone = body.timezone;
  const participants: EventParticipant[] = [
    ...occurrence.hosts.map((person) => ({
      email: person.email,
      ...(person.name !== undefined && { name: person.name }),
      status: 'yes' as const,
    })),
    // Each seat's guest is an attendee of the occurrence (hosts only ever see this list).
    ...(asSeries
      ? []
      : store.groupEvents.seatHolders(occurrence.id).map((guest) => ({ ...guest, status: 'yes' as const }))),
  ];
  const when = {
    start_time: occurrence.start,
    end_time: occurrence.end,
    start_timezone: timezone,
    end_timezone: timezone,
    object: 'timespan' as const,
  };
  const event: GroupCalendarEvent = {
    id: asSeries ? series.id : occurrence.id,
    grant_id: series.grantId,
    calendar_id: series.calendarId,
    object: 'event',
    title: occurrence.title,
    description: occurrence.description,
    location: occurrence.location,
    when,
    participants,
    organizer,
    ...(body.conferencing && { conferencing: body.conferencing }),
    ...(recurring && !asSeries && { master_event_id: series.id, original_start_time: occurrence.originalStart }),
    ...(recurring && asSeries && { recurrence: body.recurrence! }),
    busy: body.busy,
    read_only: false,
    status: 'confirmed',
    created_at: Math.floor(series.createdAtMs / 1000),
    updated_at: Math.floor(series.updatedAtMs / 1000),
  };
  const seatsUsed = asSeries ? 0 : store.groupEvents.seatsUsed(occurrence.id);
  const overrides = recurring ? store.groupEvents.overrides(series.id) : new Map<string, OccurrenceOverride>();
  return {
    event,
    group_event_info: {
      event_id: event.id,
      calendar_id: series.calendarId,
      master_id: recurring ? series.id : '',
      config_id: series.configurationId,
      capacity: occurrence.capacity,
      type: occurrence.override && !asSeries ? 'updated_event' : recurring ? 'master_event' : 'single_event',
      booked: asSeries ? store.groupEvents.seriesSeats(series.configurationId, series.id).length > 0 : seatsUsed > 0,
      finished: !asSeries && occurrence.end * 1000 <= nowMs,
      participants: occurrence.hosts,
      rrule: recurring ? body.recurrence! : null,
      exceptions: [...overrides]
        .filter(([, override]) => !override.removed)
        .map(([id, override]) => ({
          event_id: id,
          capacity: override.capacity ?? body.capacity,
          participants: override.participants ?? body.participants,
        })),
      snapshot: null,
      snapshot_expires_at: 0,
    },
    id: event.id,
    calendar_id: event.calendar_id,
    title: event.title,
    capacity: occurrence.capacity,
    when,
    participants,
  };
}

/** A record for a series as created or updated: the event itself (master or single). */
export function toSeriesRecord(store: Store, series: GroupEventRecordRow, nowMs: number): GroupEventRecord {
  const recurring = isRecurring(series.body);
  const first = occurrenceOf(series, series.body.start, recurring ? undefined : store.groupEvents.override(series.id));
  return toGroupEventRecord(store, first, nowMs, { asSeries: recurring });
}

/** An ordinary calendar event in the host list (`show_all=true`): no group info. */
export function toPlainEventRecord(store: Store, event: EventRecord): GroupEventRecord {
  const when = { start_time: event.start, end_time: event.end, object: 'timespan' as const };
  const calendarEvent: GroupCalendarEvent = {
    id: event.id,
    grant_id: event.grantId,
    calendar_id: event.calendarId,
    object: 'event',
    title: event.title,
    description: event.description,
    location: event.location,
    when,
    participants: event.participants,
    organizer: { email: store.grants.find(event.grantId)?.email ?? '', name: '' },
    busy: event.busy,
    read_only: false,
    status: event.status,
    created_at: 0,
    updated_at: 0,
  };
  return {
    event: calendarEvent,
    id: event.id,
    calendar_id: event.calendarId,
    title: event.title,
    when,
    participants: event.participants,
  };
}

/** ui-settings of a group configuration: the grant owner organizes; no hosts list or duration of its own. */
export function toGroupUiSettings(
  { store }: Pick<OperationContext, 'store'>,
  record: ConfigurationRecord,
  booking?: BookingRecord,
): GroupUiSettings {
  const body = groupBodyOf(record);
  const email = store.grants.find(record.grantId)?.email ?? '';
  // The organizer by name when a class names them among its hosts (else the widget shows the email).
  const host = [...store.groupEvents.ofConfiguration(record.id)]
    .flatMap((series) => series.body.participants ?? [])
    .find((person) => person.email === email && person.name);
  return {
    type: 'group',
    configuration_id: record.id,
    name: body.name,
    slug: body.slug ?? null,
    organizer: { name: host?.name ?? '', email },
    participants: [],
    booking_type: 'booking',
    appearance: body.appearance ?? {},
    event_booking: { title: body.group_booking.title ?? body.name },
    availability: { duration_minutes: 0 },
    scheduler: schedulerSettings(body),
    ...(booking && { booking: toBookingDetails(booking) }),
  };
}

/** A refusal for a host edit that would leave an occurrence with more seats booked than it has. */
export const capacityBelowBooked = (booked: number, capacity: number) =>
  invalidRequest(
    `capacity: ${booked} seats are booked already; the capacity cannot go below that (asked ${capacity}).`,
  );
