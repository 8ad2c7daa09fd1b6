import { Hono } from 'hono';
import { requireGrantAccess } from '../http/auth.js';
import type { Deps } from '../deps.js';
import { okList, type AppEnv } from '../http/envelope.js';
import { toCalendar } from './present.js';
import { grantOf } from '../http/grant.js';

export function calendarRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/grants/:grant_id/calendars', requireGrantAccess(deps), (c) =>
    okList(c, deps.store.grants.calendars(grantOf(c, deps).id).map(toCalendar), null),
  );

  return app;
}
