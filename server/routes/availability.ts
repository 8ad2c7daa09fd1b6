import { Hono, type MiddlewareHandler } from 'hono';
import { callerOf, configurationOf } from '../http/auth.js';
import type { Deps } from '../deps.js';
import { ok, type AppEnv } from '../http/envelope.js';
import { parseQuery } from '../http/body.js';
import { availabilityInTurns } from '../scheduling/availability.js';
import { bookingOfConfiguration } from '../scheduling/bookings.js';
import { availabilityQuery } from './schemas.js';
import { isGroupConfiguration } from '../group/model.js';
import { groupAvailability } from '../group/seats.js';

export function availabilityRoutes(deps: Deps, limit: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/scheduling/availability', limit, async (c) => {
    const configuration = configurationOf(c, deps, callerOf(c, deps), true)!;
    const query = parseQuery(c, availabilityQuery);
    if (isGroupConfiguration(configuration)) {
      return ok(c, await groupAvailability(deps, configuration, { start: query.start_time, end: query.end_time }));
    }
    if (query.booking_id) bookingOfConfiguration(deps.store, configuration.id, query.booking_id);
    const result = await availabilityInTurns(deps.store, {
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
