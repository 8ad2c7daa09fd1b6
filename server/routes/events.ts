import { Hono } from 'hono';
import { requireGrantAccess } from '../http/auth.js';
import { contextOf, type Deps } from '../deps.js';
import { ok, okEmpty, okList, type AppContext, type AppEnv } from '../http/envelope.js';
import { parseBody, parseQuery } from '../http/body.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor } from '../http/paging.js';
import { toEvent } from '../scheduling/present.js';
import { calendarQuery, eventInput, eventsQuery, eventUpdate } from '../scheduling/schemas.js';
import { calendarOf, createEvent, deleteEvent, listEvents, ownEvent, updateEvent } from '../scheduling/calendars.js';
import { grantOf } from '../http/grant.js';

export function eventRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const auth = requireGrantAccess(deps);

  /** The event of the path, of the path's grant (and of the calendar named by `calendar_id`, when one is). */
  const addressed = (c: AppContext) =>
    ownEvent(contextOf(deps), grantOf(c, deps), c.req.param('id') ?? '', c.req.query('calendar_id'));

  app.get('/grants/:grant_id/events', auth, (c) => {
    const grant = grantOf(c, deps);
    const query = parseQuery(c, eventsQuery);
    const page = listEvents(contextOf(deps), grant, {
      calendarId: query.calendar_id,
      ...(query.start !== undefined && { start: query.start }),
      ...(query.end !== undefined && { end: query.end }),
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      ...(query.page_token && { after: decodeCursor(query.page_token) }),
    });
    const last = page.events.at(-1);
    return okList(
      c,
      page.events.map(toEvent),
      page.more && last ? encodeCursor({ key: last.start, id: last.id }) : null,
    );
  });

  app.post('/grants/:grant_id/events', auth, async (c) => {
    const grant = grantOf(c, deps);
    const context = contextOf(deps);
    const calendar = calendarOf(context, grant, parseQuery(c, calendarQuery).calendar_id);
    const input = await parseBody(c, eventInput);
    return ok(c, toEvent(createEvent(context, calendar, input)));
  });

  app.get('/grants/:grant_id/events/:id', auth, (c) => ok(c, toEvent(addressed(c))));

  app.put('/grants/:grant_id/events/:id', auth, async (c) => {
    const event = addressed(c);
    const input = await parseBody(c, eventUpdate);
    return ok(c, toEvent(updateEvent(contextOf(deps), event, input)));
  });

  app.delete('/grants/:grant_id/events/:id', auth, (c) => {
    deleteEvent(contextOf(deps), addressed(c));
    return okEmpty(c);
  });

  return app;
}
