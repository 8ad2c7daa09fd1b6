/**
 * The host's group-event operations (Nylas's group events API,
 * developer.nylas.com/docs/v3/scheduler/group-events/): the group configuration body, and list,
 * create, update, delete and import of its group events, plus the guest's slot check. Each takes
 * `{ store, now }` like the booking operations; its checks and writes form one transaction.
 */
import { randomUUID } from 'node:crypto';
import type {
  GroupConfiguration,
  GroupConfigurationInput,
  GroupEventImportItem,
  GroupEventImportResult,
  GroupEventInput,
  GroupEventRecord,
  GroupEventUpdate,
} from '../../src/contract/admin.js';
import type { ValidateTimeslotInput } from '../../src/contract/guest.js';
import { invalidRequest, notFound } from '../domain-errors.js';
import { assertSlugFree } from '../scheduling/configurations.js';
import type { OperationContext } from '../scheduling/context.js';
import type {
  ConfigurationRecord,
  GrantRecord,
  GroupEventBody,
  GroupEventRecordRow,
  OccurrenceOverride,
  Store,
} from '../store/index.js';
import { parse } from '../validation.js';
import {
  assertBookable,
  assertConfigurationCalendar,
  assertGroup,
  capacityBelowBooked,
  configurationCalendarId,
  eventFull,
  findOccurrence,
  groupBodyOf,
  MAX_OCCURRENCE_SHIFT_SECONDS,
  occurrencesOf,
  remainingSeats,
  storedGroupBody,
  targetOccurrence,
  toGroupConfiguration,
  toGroupEventRecord,
  toPlainEventRecord,
  toSeriesRecord,
  withGroupDefaults,
  type Occurrence,
} from './model.js';
import { isRecurring, recurrenceProblem } from './recurrence.js';
import {
  DEFAULT_CAPACITY,
  groupConfigurationInput,
  groupConfigurationUpdate,
  importInput,
  STANDARD_ONLY_KEYS,
} from './schemas.js';

/** The host list expands series into occurrences; a window this wide bounds the work per call. */
const MAX_LIST_DAYS = 400;

/** Whether a configuration request body asks for a group configuration. */
export const isGroupBody = (raw: unknown): boolean =>
  raw !== null && typeof raw === 'object' && (raw as { type?: unknown }).type === 'group';

/**
 * Checks and stores a group configuration body (create, or a PUT merged over the stored one).
 * The standard configuration's participants, availability and event_booking are refused.
 */
export function saveGroupConfiguration(
  { store, now }: OperationContext,
  id: string,
  grant: GrantRecord,
  raw: unknown,
  existing?: ConfigurationRecord,
): GroupConfiguration {
  const given = STANDARD_ONLY_KEYS.find((key) => raw !== null && typeof raw === 'object' && key in raw);
  if (given) {
    throw invalidRequest(`${given}: A group configuration takes no ${given}; its bookable times are its group events.`);
  }
  if (existing && !isGroupBody(existing.body)) {
    throw invalidRequest('type: A standard configuration cannot become a group configuration.');
  }
  const body: GroupConfigurationInput = existing
    ? { ...groupBodyOf(existing), ...parse(groupConfigurationUpdate, raw ?? {}), type: 'group' }
    : parse(groupConfigurationInput, raw ?? {});
  const calendar = store.grants.calendar(grant.id, body.group_booking.calendar_id);
  if (!calendar) {
    const named = body.group_booking.calendar_id;
    throw invalidRequest(`group_booking.calendar_id: ${named} is not a calendar of this grant`);
  }
  const stored = withGroupDefaults(body);
  return store.write(() => {
    assertSlugFree(store, stored.slug, id);
    return toGroupConfiguration(store.configurations.save(id, grant.id, storedGroupBody(stored), now));
  });
}

/** The group configuration `id`, owned by `grant` (or by anyone without one). */
export function groupConfigurationOf(
  { store }: OperationContext,
  id: string,
  grant?: GrantRecord,
): ConfigurationRecord {
  const configuration = store.configurations.get(id);
  if (!configuration || (grant && configuration.grantId !== grant.id)) throw notFound(`Configuration ${id} not found.`);
  assertGroup(configuration);
  return configuration;
}

/** The host's list: occurrences in the window, and with `showAll` the calendar's plain events too. */
export function listGroupEvents(
  { store, now }: OperationContext,
  grant: GrantRecord,
  configuration: ConfigurationRecord,
  query: { calendarId: string; start: number; end: number; showAll: boolean },
): GroupEventRecord[] {
  if (query.end - query.start > MAX_LIST_DAYS * 86400) {
    throw invalidRequest(`end_time: The window can span at most ${MAX_LIST_DAYS} days.`);
  }
  const calendar = store.grants.calendar(grant.id, query.calendarId);
  if (!calendar) throw notFound(`Calendar ${query.calendarId} not found.`);
  const records = occurrencesOf(store, configuration.id, query.start, query.end, calendar.id).map((occurrence) =>
    toGroupEventRecord(store, occurrence, now),
  );
  if (query.showAll) {
    const window = { calendarId: calendar.id, start: query.start, end: query.end, limit: 1000 };
    const plain = store.events.list(window).events;
    records.push(...plain.map((event) => toPlainEventRecord(store, event)));
    records.sort((a, b) => a.when.start_time - b.when.start_time || a.id.localeCompare(b.id));
  }
  return records;
}

export function createGroupEvent(
  { store, now }: OperationContext,
  grant: GrantRecord,
  configuration: ConfigurationRecord,
  input: GroupEventInput,
): GroupEventRecord {
  assertConfigurationCalendar(store, configuration, input.calendar_id);
  if (input.when.start_time * 1000 < now) {
    throw invalidRequest('when.start_time: A group event cannot start in the past.');
  }
  const calendarId = configurationCalendarId(store, configuration)!;
  const timezone = input.when.start_timezone ?? store.grants.calendar(grant.id, calendarId)?.timezone ?? 'UTC';
  const recurrence = input.recurrence?.length ? input.recurrence : null;
  const problem = recurrence && recurrenceProblem(recurrence, timezone, input.when.start_time);
  if (problem) throw invalidRequest(problem);
  const defaults = groupBodyOf(configuration).group_booking;
  const series: GroupEventRecordRow = {
    id: randomUUID(),
    configurationId: configuration.id,
    grantId: grant.id,
    calendarId,
    body: {
      title: input.title,
      description: input.description ?? null,
      location: input.location ?? null,
      start: input.when.start_time,
      end: input.when.end_time,
      timezone,
      recurrence,
      capacity: input.capacity ?? defaults.default_capacity ?? DEFAULT_CAPACITY,
      participants: input.participants?.length ? input.participants : [{ email: grant.email, is_organizer: true }],
      conferencing: input.conferencing ?? defaults.conferencing ?? null,
      busy: input.busy ?? true,
    },
    createdAtMs: now,
    updatedAtMs: now,
  };
  store.write(() => store.groupEvents.save(series));
  return toSeriesRecord(store, series, now);
}

/** The series or occurrence `id` names in this configuration. */
function addressedEvent(
  store: Store,
  configuration: ConfigurationRecord,
  id: string,
): { series: GroupEventRecordRow; occurrence?: Occurrence } {
  const series = store.groupEvents.get(id);
  if (series && series.configurationId === configuration.id) return { series };
  const occurrence = findOccurrence(store, configuration.id, id);
  if (!occurrence) throw notFound(`Group event ${id} not found in this configuration.`);
  return { series: occurrence.series, occurrence };
}

/** Cancels the seats on the series' occurrences for which `keep` says no. */
function cancelSeats(
  { store, now }: OperationContext,
  series: GroupEventRecordRow,
  keep: (occurrenceId: string) => boolean,
): void {
  for (const seat of store.groupEvents.seriesSeats(series.configurationId, series.id)) {
    if (!keep(seat.occurrenceId)) store.groupEvents.cancelSeat(seat.bookingId, 'The host removed this session.', now);
  }
}

/** Edits a series, or one occurrence of it when `eventId` names an occurrence. */
export function updateGroupEvent(
  context: OperationContext,
  configuration: ConfigurationRecord,
  eventId: string,
  input: GroupEventUpdate,
): GroupEventRecord {
  const { store } = context;
  assertConfigurationCalendar(store, configuration, input.calendar_id);
  return store.write(() => {
    const { series, occurrence } = addressedEvent(store, configuration, eventId);
    if (occurrence) return updateOccurrence(context, series, occurrence, input);
    return updateSeries(context, series, input);
  });
}

/** An occurrence edit becomes (or amends) its override: `type: "updated_event"`. */
function updateOccurrence(
  { store, now }: OperationContext,
  series: GroupEventRecordRow,
  occurrence: Occurrence,
  input: GroupEventUpdate,
): GroupEventRecord {
  if (input.recurrence !== undefined) {
    throw invalidRequest('recurrence: Set the recurrence on the series (its master event), not on one occurrence.');
  }
  if (input.when && Math.abs(input.when.start_time - occurrence.originalStart) > MAX_OCCURRENCE_SHIFT_SECONDS) {
    throw invalidRequest(
      'when: One occurrence can move at most 7 days from its date; delete it and create a single event instead.',
    );
  }
  const booked = store.groupEvents.seatsUsed(occurrence.id);
  if (input.capacity !== undefined && input.capacity < booked) throw capacityBelowBooked(booked, input.capacity);
  const override: OccurrenceOverride = {
    ...occurrence.override,
    ...(input.capacity !== undefined && { capacity: input.capacity }),
    ...(input.title !== undefined && { title: input.title }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.location !== undefined && { location: input.location }),
    ...(input.participants !== undefined && { participants: input.participants }),
    ...(input.when && { start: input.when.start_time, end: input.when.end_time }),
  };
  store.groupEvents.putOverride(occurrence.id, series.id, override);
  const moved = findOccurrence(store, series.configurationId, occurrence.id)!;
  if (input.when) {
    for (const seat of store.groupEvents.seriesSeats(series.configurationId, series.id)) {
      if (seat.occurrenceId !== occurrence.id) continue;
      store.groupEvents.moveSeat(seat.bookingId, occurrence.id, moved.start, moved.end, now);
    }
  }
  return toGroupEventRecord(store, moved, now);
}

type Seat = ReturnType<Store['groupEvents']['seriesSeats']>[number];

/** A recurring series with seats booked keeps its times: guests hold seats on its dates. */
function assertSeriesMovable(series: GroupEventRecordRow, seats: Seat[], timeChanged: boolean): void {
  if (timeChanged && isRecurring(series.body) && seats.length > 0) {
    throw invalidRequest(
      'when: Guests hold seats in this series; move single occurrences (PATCH their event ids) ' +
        'or cancel the seats before moving the whole series.',
    );
  }
}

/** A series' capacity holds the seats of every occurrence that has no capacity of its own. */
function assertCapacityHoldsSeats(store: Store, series: GroupEventRecordRow, seats: Seat[], capacity: number): void {
  const overrides = store.groupEvents.overrides(series.id);
  const perOccurrence = new Map<string, number>();
  for (const seat of seats) {
    if (overrides.get(seat.occurrenceId)?.capacity === undefined) {
      perOccurrence.set(seat.occurrenceId, (perOccurrence.get(seat.occurrenceId) ?? 0) + 1);
    }
  }
  const booked = Math.max(0, ...perOccurrence.values());
  if (capacity < booked) throw capacityBelowBooked(booked, capacity);
}

/** The series' body with the update's fields; its recurrence checked, and kept single if it was. */
function updatedSeriesBody(series: GroupEventRecordRow, input: GroupEventUpdate): GroupEventBody {
  const timezone = input.when?.start_timezone ?? series.body.timezone;
  const recurrence =
    input.recurrence !== undefined ? (input.recurrence.length ? input.recurrence : null) : series.body.recurrence;
  const problem = recurrence && recurrenceProblem(recurrence, timezone, input.when?.start_time ?? series.body.start);
  if (problem) throw invalidRequest(problem);
  if (!isRecurring(series.body) && recurrence) {
    throw invalidRequest('recurrence: A single group event cannot become a series; create a recurring one.');
  }
  return {
    ...series.body,
    ...(input.title !== undefined && { title: input.title }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.location !== undefined && { location: input.location }),
    ...(input.capacity !== undefined && { capacity: input.capacity }),
    ...(input.participants !== undefined && { participants: input.participants }),
    ...(input.conferencing !== undefined && { conferencing: input.conferencing }),
    ...(input.busy !== undefined && { busy: input.busy }),
    ...(input.when && { start: input.when.start_time, end: input.when.end_time }),
    timezone,
    recurrence,
  };
}

function updateSeries(
  context: OperationContext,
  series: GroupEventRecordRow,
  input: GroupEventUpdate,
): GroupEventRecord {
  const { store, now } = context;
  const seats = store.groupEvents.seriesSeats(series.configurationId, series.id);
  const timeChanged =
    input.when !== undefined &&
    (input.when.start_time !== series.body.start || input.when.end_time !== series.body.end);
  assertSeriesMovable(series, seats, timeChanged);
  if (input.capacity !== undefined) assertCapacityHoldsSeats(store, series, seats, input.capacity);
  const body = updatedSeriesBody(series, input);
  const updated = { ...series, body, updatedAtMs: now };
  store.groupEvents.save(updated);
  if (!body.recurrence && timeChanged) {
    for (const seat of seats) store.groupEvents.moveSeat(seat.bookingId, series.id, body.start, body.end, now);
  }
  // Occurrences the new rule no longer has lose their seats, as when deleted.
  if (body.recurrence) {
    cancelSeats(context, updated, (id) => findOccurrence(store, series.configurationId, id) !== undefined);
  }
  return toSeriesRecord(store, updated, now);
}

/** Removes one occurrence of a series (its seats cancelled), or a whole series or single event. */
export function deleteGroupEvent(
  context: OperationContext,
  configuration: ConfigurationRecord,
  eventId: string,
  calendarId: string | undefined,
): void {
  const { store } = context;
  assertConfigurationCalendar(store, configuration, calendarId);
  store.write(() => {
    const { series, occurrence } = addressedEvent(store, configuration, eventId);
    if (occurrence && isRecurring(series.body)) {
      store.groupEvents.putOverride(occurrence.id, series.id, { ...occurrence.override, removed: true });
      cancelSeats(context, series, (id) => id !== occurrence.id);
    } else {
      cancelSeats(context, series, () => false);
      store.groupEvents.delete(series.id);
    }
  });
}

/** Why a calendar event cannot become a group event of the configuration, or undefined. */
function importProblem(
  store: Store,
  configuration: ConfigurationRecord,
  item: GroupEventImportItem,
): string | undefined {
  if (store.groupEvents.get(item.event_id)) return 'Event already imported';
  const calendar = store.grants.calendar(configuration.grantId, item.calendar_id);
  if (!calendar || calendar.id !== configurationCalendarId(store, configuration)) {
    return 'Calendar ID does not match configuration calendar ID';
  }
  const event = store.events.get(item.event_id);
  if (!event || event.calendarId !== calendar.id) return 'Event not found';
  if (event.bookingId) return 'Event belongs to a booking';
  const stray = item.exceptions?.find((exception) => exception.event_id !== event.id);
  if (stray) return `Exception ${stray.event_id} is not an occurrence of this event`;
  return undefined;
}

/**
 * Turns existing calendar events into group events of the configuration, item by item; `calendarId`
 * (when the call names one) must be the configuration's.
 */
export function importGroupEvents(
  { store, now }: OperationContext,
  configuration: ConfigurationRecord,
  raw: unknown,
  calendarId?: string,
): GroupEventImportResult {
  assertConfigurationCalendar(store, configuration, calendarId);
  const items = parse(importInput, raw ?? []);
  const defaultCapacity = groupBodyOf(configuration).group_booking.default_capacity ?? DEFAULT_CAPACITY;
  const result: GroupEventImportResult = { imported_events: [], import_failed: [] };
  store.write(() => {
    for (const item of items) {
      const problem = importProblem(store, configuration, item);
      if (problem) {
        result.import_failed.push({ event_id: item.event_id, reason: problem });
        continue;
      }
      const event = store.events.get(item.event_id)!;
      const calendar = store.grants.calendar(configuration.grantId, item.calendar_id)!;
      const owner = store.grants.find(configuration.grantId)!;
      store.groupEvents.save({
        id: event.id,
        configurationId: configuration.id,
        grantId: configuration.grantId,
        calendarId: calendar.id,
        body: {
          title: event.title,
          description: event.description,
          location: event.location,
          start: event.start,
          end: event.end,
          timezone: calendar.timezone ?? 'UTC',
          recurrence: null,
          capacity: item.exceptions?.at(-1)?.capacity ?? item.capacity ?? defaultCapacity,
          participants: item.participants?.length ? item.participants : [{ email: owner.email, is_organizer: true }],
          conferencing: null,
          busy: event.busy,
        },
        createdAtMs: now,
        updatedAtMs: now,
      });
      // The event now lives as a group event; its calendar row would list it twice.
      store.events.delete(event.id);
      result.imported_events.push({ event_id: event.id });
    }
  });
  return result;
}

/** The guest's check right before the form: the session exists, has a seat left, may be booked now. */
export function validateTimeslot(
  { store, now }: OperationContext,
  configuration: ConfigurationRecord,
  input: ValidateTimeslotInput,
): void {
  assertConfigurationCalendar(store, configuration, input.calendar_id);
  const occurrence = targetOccurrence(store, configuration, input, now);
  if (remainingSeats(store, occurrence) === 0) throw eventFull();
  assertBookable(configuration, occurrence, now);
}
