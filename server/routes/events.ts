import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { requireGrantAccess } from '../http/auth.js';
import type { Deps } from '../deps.js';
import { notFound, ok, okEmpty, okList, type AppContext, type AppEnv } from '../http/envelope.js';
import { parseBody, parseQuery } from '../http/body.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor } from '../http/paging.js';
import { toEvent } from './present.js';
import { calendarQuery, eventInput, eventsQuery, eventUpdate } from './schemas.js';
import type { CalendarRecord, EventRecord, GrantRecord } from '../store/index.js';
import { grantOf } from '../http/grant.js';

export function eventRoutes(deps: Deps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();
  const auth = requireGrantAccess(deps);

  const calendarOf = (grant: GrantRecord, calendarId: string): CalendarRecord => {
    const calendar = store.grants.calendar(grant.id, calendarId);
    if (!calendar) throw notFound(`Calendar ${calendarId} not found.`);
    return calendar;
  };

  /** An event of this grant (and of the calendar named by `calendar_id`, when one is). */
  const ownEvent = (c: AppContext): { grant: GrantRecord; event: EventRecord } => {
    const grant = grantOf(c, deps);
    const calendarId = c.req.query('calendar_id');
    const calendar = calendarId ? calendarOf(grant, calendarId) : undefined;
    const id = c.req.param('id') ?? '';
    const event = store.events.get(id.toLowerCase());
    if (!event || event.grantId !== grant.id || (calendar && event.calendarId !== calendar.id)) {
      throw notFound(`Event ${id} not found.`);
    }
    return { grant, event };
  };

  app.get('/grants/:grant_id/events', auth, (c) => {
    const grant = grantOf(c, deps);
    const query = parseQuery(c, eventsQuery);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const page = store.events.list({
      calendarId: calendarOf(grant, query.calendar_id).id,
      ...(query.start !== undefined && { start: query.start }),
      ...(query.end !== undefined && { end: query.end }),
      limit,
      ...(query.page_token && { after: decodeCursor(query.page_token) }),
    });
    const last = page.events.at(-1);
    return okList(c, page.events.map(toEvent), page.more && last ? encodeCursor({ key: last.start, id: last.id }) : null);
  });

  app.post('/grants/:grant_id/events', auth, async (c) => {
    const grant = grantOf(c, deps);
    const calendar = calendarOf(grant, parseQuery(c, calendarQuery).calendar_id);
    const input = await parseBody(c, eventInput);
    const event: EventRecord = {
      id: randomUUID(),
      grantId: grant.id,
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
    store.events.insert(event, deps.now());
    return ok(c, toEvent(event));
  });

  app.get('/grants/:grant_id/events/:id', auth, (c) => ok(c, toEvent(ownEvent(c).event)));

  // Like Nylas, a PUT changes the fields it names.
  app.put('/grants/:grant_id/events/:id', auth, async (c) => {
    const { event } = ownEvent(c);
    const input = await parseBody(c, eventUpdate);
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
    return ok(c, toEvent(updated));
  });

  app.delete('/grants/:grant_id/events/:id', auth, (c) => {
    store.events.delete(ownEvent(c).event.id);
    return okEmpty(c);
  });

  return app;
}
