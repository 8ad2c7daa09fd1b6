import { Hono } from 'hono';
import { requireGrantAccess } from '../http/auth.js';
import { contextOf, type Deps } from '../deps.js';
import { okList, type AppEnv } from '../http/envelope.js';
import { toCalendar } from '../scheduling/present.js';
import { calendarsOf } from '../scheduling/calendars.js';
import { grantOf } from '../http/grant.js';

export function calendarRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/grants/:grant_id/calendars', requireGrantAccess(deps), (c) =>
    okList(c, calendarsOf(contextOf(deps), grantOf(c, deps)).map(toCalendar), null),
  );

  return app;
}
