/** A grant's calendars and their events: the calls Nylas's Calendar API answers for a grant. */
import { randomUUID } from 'node:crypto';
import type { EventInput, EventUpdate } from '../../src/contract/admin.js';
import { notFound } from '../domain-errors.js';
import type { EventListQuery } from '../store/events.js';
import type { CalendarRecord, EventRecord, GrantRecord } from '../store/index.js';
import type { OperationContext } from './context.js';

export const calendarsOf = ({ store }: OperationContext, grant: GrantRecord): CalendarRecord[] =>
  store.grants.calendars(grant.id);

/** A calendar of the grant (`primary` names its primary calendar), else 404. */
export function calendarOf({ store }: OperationContext, grant: GrantRecord, calendarId: string): CalendarRecord {
  const calendar = store.grants.calendar(grant.id, calendarId);
  if (!calendar) throw notFound(`Calendar ${calendarId} not found.`);
  return calendar;
}

/** An event of this grant (and of the calendar named by `calendarId`, when one is), else 404. */
export function ownEvent(context: OperationContext, grant: GrantRecord, id: string, calendarId?: string): EventRecord {
  const calendar = calendarId ? calendarOf(context, grant, calendarId) : undefined;
  const event = context.store.events.get(id.toLowerCase());
  if (!event || event.grantId !== grant.id || (calendar && event.calendarId !== calendar.id)) {
    throw notFound(`Event ${id} not found.`);
  }
  return event;
}

/** One page of a calendar's events (`calendarId` as the client named it), in order of start. */
export const listEvents = (context: OperationContext, grant: GrantRecord, query: EventListQuery) =>
  context.store.events.list({ ...query, calendarId: calendarOf(context, grant, query.calendarId).id });

export function createEvent(
  { store, now }: OperationContext,
  calendar: CalendarRecord,
  input: EventInput,
): EventRecord {
  const event: EventRecord = {
    id: randomUUID(),
    grantId: calendar.grantId,
    calendarId: calendar.id,
    title: input.title ?? '',
    description: input.description ?? null,
    location: input.location ?? null,
    start: input.when.start_time,
    end: input.when.end_time,
    busy: input.busy ?? true,
    status: input.status ?? 'confirmed',
    participants: input.participants ?? [],
    bookingId: null,
  };
  store.events.insert(event, now);
  return event;
}

/** Like Nylas, an update changes the fields it names. */
export function updateEvent({ store }: OperationContext, event: EventRecord, input: EventUpdate): EventRecord {
  const updated: EventRecord = {
    ...event,
    ...(input.title !== undefined && { title: input.title }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.location !== undefined && { location: input.location }),
    ...(input.when && { start: input.when.start_time, end: input.when.end_time }),
    ...(input.busy !== undefined && { busy: input.busy }),
    ...(input.participants && { participants: input.participants }),
    ...(input.status && { status: input.status }),
  };
  store.events.update(updated);
  return updated;
}

export const deleteEvent = ({ store }: OperationContext, event: EventRecord): void => store.events.delete(event.id);
