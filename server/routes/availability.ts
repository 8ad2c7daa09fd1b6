import { Hono, type MiddlewareHandler } from 'hono';
import { callerOf, configurationOf } from '../http/auth.js';
import type { Deps } from '../deps.js';
import { ok, type AppEnv } from '../http/envelope.js';
import { parseQuery } from '../http/body.js';
import { availabilityOf } from '../scheduling/availability.js';
import { calendarAge } from '../calendars/busy.js';
import { bookingOfConfiguration } from '../scheduling/bookings.js';
import { availabilityQuery } from './schemas.js';
import { isGroupConfiguration } from '../group/model.js';
import { groupAvailability } from '../group/seats.js';

export function availabilityRoutes(deps: Deps, limit: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/scheduling/availability', limit, (c) => {
    const configuration = configurationOf(c, deps, callerOf(c, deps), true)!;
    const query = parseQuery(c, availabilityQuery);
    if (isGroupConfiguration(configuration)) {
      return ok(c, groupAvailability(deps, configuration, { start: query.start_time, end: query.end_time }));
    }
    if (query.booking_id) bookingOfConfiguration(deps.store, configuration.id, query.booking_id);
    // How old the copy of the connected calendars behind this answer is (they are read in the background).
    const age = calendarAge(deps.store, configuration.body, deps.now());
    if (age !== undefined) c.header('X-Calendar-Age', age);
    const result = availabilityOf(deps.store, {
      configurationId: configuration.id,
      config: configuration.body,
      nowMs: deps.now(),
      window: { start: query.start_time, end: query.end_time },
      ...(query.booking_id && { excludeBookingId: query.booking_id.toLowerCase() }),
    });
    return ok(c, result);
  });

  return app;
}
