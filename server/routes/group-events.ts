/**
 * Group events under a group configuration (Nylas's group events API, developer.nylas.com/docs/v3/scheduler/group-events/): the group
 * configuration body, the host's list/create/update/delete/import, and the guest's slot check.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import type { GroupConfigurationInput, GroupEventImportResult, GroupEventUpdate } from '../../src/contract/admin.js';
import { callerOf, requireApiKey, requireGrantAccess } from '../http/auth.js';
import type { Deps } from '../deps.js';
import {
  assertBookable,
  assertConfigurationCalendar,
  assertGroup,
  capacityBelowBooked,
  configurationCalendarId,
  eventFull,
  findOccurrence,
  groupBodyOf,
  occurrencesOf,
  MAX_OCCURRENCE_SHIFT_SECONDS,
  remainingSeats,
  storedGroupBody,
  targetOccurrence,
  toGroupConfiguration,
  toGroupEventRecord,
  toPlainEventRecord,
  toSeriesRecord,
  withGroupDefaults,
  type Occurrence,
} from '../group/model.js';
import { isRecurring, recurrenceProblem } from '../group/recurrence.js';
import {
  DEFAULT_CAPACITY,
  groupConfigurationInput,
  groupConfigurationUpdate,
  groupEventInput,
  groupEventsQuery,
  groupEventUpdate,
  importInput,
  STANDARD_ONLY_KEYS,
  validateTimeslotInput,
} from '../group/schemas.js';
import { ApiError, invalidRequest, notFound, ok, okEmpty, okList, type AppContext, type AppEnv } from '../http/envelope.js';
import { parse, parseBody, parseQuery, readJson } from '../http/body.js';
import type { ConfigurationRecord, GrantRecord, GroupEventBody, GroupEventRecordRow, OccurrenceOverride } from '../store/index.js';
import { grantOf } from '../http/grant.js';

/** The host list expands series into occurrences; a window this wide bounds the work per call. */
const MAX_LIST_DAYS = 400;

const unauthorized = (message: string) => new ApiError('unauthorized', message, 401);

/** Whether a configuration request body asks for a group configuration. */
export const isGroupBody = (raw: unknown): boolean =>
  raw !== null && typeof raw === 'object' && (raw as { type?: unknown }).type === 'group';

/**
 * Checks and stores a group configuration body (create, or a PUT merged over the stored one).
 * The standard configuration's participants, availability and event_booking are refused.
 */
export function saveGroupConfiguration(deps: Deps, id: string, grant: GrantRecord, raw: unknown, existing?: ConfigurationRecord) {
  const { store } = deps;
  const given = STANDARD_ONLY_KEYS.find((key) => raw !== null && typeof raw === 'object' && key in raw);
  if (given) throw invalidRequest(`${given}: A group configuration takes no ${given}; its bookable times are its group events.`);
  if (existing && !isGroupBody(existing.body)) throw invalidRequest('type: A standard configuration cannot become a group configuration.');
  const body: GroupConfigurationInput = existing
    ? { ...groupBodyOf(existing), ...parse(groupConfigurationUpdate, raw ?? {}), type: 'group' }
    : parse(groupConfigurationInput, raw ?? {});
  const calendar = store.grants.calendar(grant.id, body.group_booking.calendar_id);
  if (!calendar) throw invalidRequest(`group_booking.calendar_id: ${body.group_booking.calendar_id} is not a calendar of this grant`);
  const stored = withGroupDefaults(body);
  return store.write(() => {
    const holder = stored.slug ? store.configurations.bySlug(stored.slug) : undefined;
    if (holder && holder.id !== id) throw invalidRequest(`slug: "${stored.slug}" is taken by another configuration`);
    return toGroupConfiguration(store.configurations.save(id, grant.id, storedGroupBody(stored), deps.now()));
  });
}

export function groupEventRoutes(deps: Deps, limit: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();
  const auth = requireGrantAccess(deps);
  const base = '/grants/:grant_id/scheduling/configurations/:configuration_id';

  /** The group configuration of the path, owned by the path's grant (or by anyone without a grant). */
  const groupConfiguration = (c: AppContext, grant?: GrantRecord): ConfigurationRecord => {
    const id = c.req.param('configuration_id') ?? '';
    const configuration = store.configurations.get(id);
    if (!configuration || (grant && configuration.grantId !== grant.id)) throw notFound(`Configuration ${id} not found.`);
    assertGroup(configuration);
    return configuration;
  };

  /** The series or occurrence the path names. */
  const addressedEvent = (configuration: ConfigurationRecord, id: string): { series: GroupEventRecordRow; occurrence?: Occurrence } => {
    const series = store.groupEvents.get(id);
    if (series && series.configurationId === configuration.id) return { series };
    const occurrence = findOccurrence(store, configuration.id, id);
    if (!occurrence) throw notFound(`Group event ${id} not found in this configuration.`);
    return { series: occurrence.series, occurrence };
  };

  /** Cancels the seats on occurrences for which `keep` says no. */
  const cancelSeats = (configuration: ConfigurationRecord, series: GroupEventRecordRow, keep: (occurrenceId: string) => boolean) => {
    for (const seat of store.groupEvents.seriesSeats(configuration.id, series.id)) {
      if (!keep(seat.occurrenceId)) store.groupEvents.cancelSeat(seat.bookingId, 'The host removed this session.', deps.now());
    }
  };

  app.get(`${base}/group-events`, auth, (c) => {
    const grant = grantOf(c, deps);
    const configuration = groupConfiguration(c, grant);
    const query = parseQuery(c, groupEventsQuery);
    if (query.end_time - query.start_time > MAX_LIST_DAYS * 86400) {
      throw invalidRequest(`end_time: The window can span at most ${MAX_LIST_DAYS} days.`);
    }
    const calendar = store.grants.calendar(grant.id, query.calendar_id);
    if (!calendar) throw notFound(`Calendar ${query.calendar_id} not found.`);
    const now = deps.now();
    const records = occurrencesOf(store, configuration.id, query.start_time, query.end_time, calendar.id).map((occurrence) =>
      toGroupEventRecord(store, occurrence, now),
    );
    if (query.show_all === 'true') {
      const plain = store.events.list({ calendarId: calendar.id, start: query.start_time, end: query.end_time, limit: 1000 }).events;
      records.push(...plain.map((event) => toPlainEventRecord(store, event)));
      records.sort((a, b) => a.when.start_time - b.when.start_time || a.id.localeCompare(b.id));
    }
    return okList(c, records, null);
  });

  app.post(`${base}/group-events`, auth, async (c) => {
    const grant = grantOf(c, deps);
    const configuration = groupConfiguration(c, grant);
    const input = await parseBody(c, groupEventInput);
    assertConfigurationCalendar(store, configuration, input.calendar_id);
    const now = deps.now();
    if (input.when.start_time * 1000 < now) throw invalidRequest('when.start_time: A group event cannot start in the past.');
    const calendarId = configurationCalendarId(store, configuration)!;
    const timezone = input.when.start_timezone ?? store.grants.calendar(grant.id, calendarId)?.timezone ?? 'UTC';
    const recurrence = input.recurrence?.length ? input.recurrence : null;
    const problem = recurrence && recurrenceProblem(recurrence, timezone, input.when.start_time);
    if (problem) throw invalidRequest(problem);
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
        capacity: input.capacity ?? groupBodyOf(configuration).group_booking.default_capacity ?? DEFAULT_CAPACITY,
        participants: input.participants?.length ? input.participants : [{ email: grant.email, is_organizer: true }],
        conferencing: input.conferencing ?? groupBodyOf(configuration).group_booking.conferencing ?? null,
        busy: input.busy ?? true,
      },
      createdAtMs: now,
      updatedAtMs: now,
    };
    store.write(() => store.groupEvents.save(series));
    return ok(c, toSeriesRecord(store, series, now));
  });

  const update = async (c: AppContext) => {
    const grant = grantOf(c, deps);
    const configuration = groupConfiguration(c, grant);
    const input: GroupEventUpdate = await parseBody(c, groupEventUpdate);
    assertConfigurationCalendar(store, configuration, input.calendar_id);
    const now = deps.now();
    const record = store.write(() => {
      const { series, occurrence } = addressedEvent(configuration, c.req.param('event_id') ?? '');
      if (occurrence) return updateOccurrence(series, occurrence, input, now);
      return updateSeries(configuration, series, input, now);
    });
    return ok(c, record);
  };

  /** An occurrence edit becomes (or amends) its override: `type: "updated_event"`. */
  const updateOccurrence = (series: GroupEventRecordRow, occurrence: Occurrence, input: GroupEventUpdate, now: number) => {
    if (input.recurrence !== undefined) {
      throw invalidRequest('recurrence: Set the recurrence on the series (its master event), not on one occurrence.');
    }
    if (input.when && Math.abs(input.when.start_time - occurrence.originalStart) > MAX_OCCURRENCE_SHIFT_SECONDS) {
      throw invalidRequest('when: One occurrence can move at most 7 days from its date; delete it and create a single event instead.');
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
        if (seat.occurrenceId === occurrence.id) store.groupEvents.moveSeat(seat.bookingId, occurrence.id, moved.start, moved.end, now);
      }
    }
    return toGroupEventRecord(store, moved, now);
  };

  const updateSeries = (configuration: ConfigurationRecord, series: GroupEventRecordRow, input: GroupEventUpdate, now: number) => {
    const recurring = isRecurring(series.body);
    const seats = store.groupEvents.seriesSeats(configuration.id, series.id);
    const timeChanged = input.when && (input.when.start_time !== series.body.start || input.when.end_time !== series.body.end);
    if (timeChanged && recurring && seats.length > 0) {
      throw invalidRequest(
        'when: Guests hold seats in this series; move single occurrences (PATCH their event ids) ' +
          'or cancel the seats before moving the whole series.',
      );
    }
    if (input.capacity !== undefined) {
      const overrides = store.groupEvents.overrides(series.id);
      const perOccurrence = new Map<string, number>();
      for (const seat of seats) {
        if (overrides.get(seat.occurrenceId)?.capacity === undefined) {
          perOccurrence.set(seat.occurrenceId, (perOccurrence.get(seat.occurrenceId) ?? 0) + 1);
        }
      }
      const booked = Math.max(0, ...perOccurrence.values());
      if (input.capacity < booked) throw capacityBelowBooked(booked, input.capacity);
    }
    const timezone = input.when?.start_timezone ?? series.body.timezone;
    const recurrence = input.recurrence !== undefined ? (input.recurrence.length ? input.recurrence : null) : series.body.recurrence;
    const problem = recurrence && recurrenceProblem(recurrence, timezone, input.when?.start_time ?? series.body.start);
    if (problem) throw invalidRequest(problem);
    const body: GroupEventBody = {
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
    if (!recurring && recurrence) throw invalidRequest('recurrence: A single group event cannot become a series; create a recurring one.');
    const updated = { ...series, body, updatedAtMs: now };
    store.groupEvents.save(updated);
    if (!recurrence && timeChanged) {
      for (const seat of seats) store.groupEvents.moveSeat(seat.bookingId, series.id, body.start, body.end, now);
    }
    // Occurrences the new rule no longer has lose their seats, as when deleted.
    if (recurrence) cancelSeats(configuration, updated, (id) => findOccurrence(store, configuration.id, id) !== undefined);
    return toSeriesRecord(store, updated, now);
  };

  app.put(`${base}/group-events/:event_id`, auth, update);
  app.patch(`${base}/group-events/:event_id`, auth, update);

  app.delete(`${base}/group-events/:event_id`, auth, (c) => {
    const grant = grantOf(c, deps);
    const configuration = groupConfiguration(c, grant);
    assertConfigurationCalendar(store, configuration, c.req.query('calendar_id'));
    store.write(() => {
      const { series, occurrence } = addressedEvent(configuration, c.req.param('event_id') ?? '');
      if (occurrence && isRecurring(series.body)) {
        store.groupEvents.putOverride(occurrence.id, series.id, { ...occurrence.override, removed: true });
        cancelSeats(configuration, series, (id) => id !== occurrence.id);
      } else {
        cancelSeats(configuration, series, () => false);
        store.groupEvents.delete(series.id);
      }
    });
    return okEmpty(c);
  });

  /** Turns existing calendar events into group events of the configuration, item by item. */
  const importEvents = async (c: AppContext, configuration: ConfigurationRecord) => {
    const items = parse(importInput, (await readJson(c)) ?? []);
    const calendarId = configurationCalendarId(store, configuration);
    const defaultCapacity = groupBodyOf(configuration).group_booking.default_capacity ?? DEFAULT_CAPACITY;
    const result: GroupEventImportResult = { imported_events: [], import_failed: [] };
    const now = deps.now();
    store.write(() => {
      for (const item of items) {
        const fail = (reason: string) => result.import_failed.push({ event_id: item.event_id, reason });
        if (store.groupEvents.get(item.event_id)) {
          fail('Event already imported');
          continue;
        }
        const calendar = store.grants.calendar(configuration.grantId, item.calendar_id);
        if (!calendar || calendar.id !== calendarId) {
          fail('Calendar ID does not match configuration calendar ID');
          continue;
        }
        const event = store.events.get(item.event_id);
        if (!event || event.calendarId !== calendar.id) {
          fail('Event not found');
          continue;
        }
        if (event.bookingId) {
          fail('Event belongs to a booking');
          continue;
        }
        const stray = item.exceptions?.find((exception) => exception.event_id !== event.id);
        if (stray) {
          fail(`Exception ${stray.event_id} is not an occurrence of this event`);
          continue;
        }
        const capacity = item.exceptions?.at(-1)?.capacity ?? item.capacity ?? defaultCapacity;
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
            capacity,
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
    return ok(c, result);
  };

  app.post('/scheduling/configurations/:configuration_id/import-group-events', requireApiKey(deps), (c) =>
    importEvents(c, groupConfiguration(c)),
  );
  app.post(`${base}/import-group-events`, auth, (c) => {
    const grant = grantOf(c, deps);
    const configuration = groupConfiguration(c, grant);
    assertConfigurationCalendar(store, configuration, c.req.query('calendar_id'));
    return importEvents(c, configuration);
  });

  // Public, session or API key: the guest's page checks its slot right before the form.
  app.post('/scheduling/configurations/:configuration_id/group-events/validate-timeslot', limit, async (c) => {
    const caller = callerOf(c, deps);
    const id = c.req.param('configuration_id') ?? '';
    const configuration = store.configurations.get(id);
    if (caller.kind === 'session' && caller.configurationId !== configuration?.id) {
      throw unauthorized('This session belongs to another configuration.');
    }
    if (!configuration) throw notFound(`Configuration ${id} not found.`);
    if (caller.kind === 'public' && configuration.body.requires_session_auth) {
      throw unauthorized('This configuration is private: call it with a session (Authorization: Bearer <session id>).');
    }
    assertGroup(configuration);
    const input = await parseBody(c, validateTimeslotInput);
    assertConfigurationCalendar(store, configuration, input.calendar_id);
    const occurrence = targetOccurrence(store, configuration, input, deps.now());
    if (remainingSeats(store, occurrence) === 0) throw eventFull();
    assertBookable(configuration, occurrence, deps.now());
    return okEmpty(c);
  });

  return app;
}
