import { Hono, type MiddlewareHandler } from 'hono';
import { callerOf, configurationOf } from '../http/auth.js';
import { contextOf, type Deps } from '../deps.js';
import { ok, type AppEnv } from '../http/envelope.js';
import { parseQuery } from '../http/body.js';
import { guestAvailability } from '../scheduling/guest-availability.js';
import { calendarAge } from '../calendars/busy.js';
import { availabilityQuery } from '../scheduling/schemas.js';
import { isGroupConfiguration } from '../group/model.js';
import { groupAvailability } from '../group/seats.js';

export function availabilityRoutes(deps: Deps, limit: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/scheduling/availability', limit, async (c) => {
    const configuration = configurationOf(c, deps, callerOf(c, deps), true)!;
    const query = parseQuery(c, availabilityQuery);
    const window = { start: query.start_time, end: query.end_time };
    const context = contextOf(deps);
    if (isGroupConfiguration(configuration)) return ok(c, await groupAvailability(context, configuration, window));
    // How old the copy of the connected calendars behind this answer is (they are read in the background).
    const age = calendarAge(context, configuration.body);
    if (age !== undefined) c.header('X-Calendar-Age', age);
    return ok(c, await guestAvailability(context, configuration, window, query.booking_id));
  });

  return app;
}
