import { Hono, type MiddlewareHandler } from 'hono';
import { callerOf, configurationOf } from '../http/auth.js';
import { contextOf, type Deps } from '../deps.js';
import { ok, type AppEnv } from '../http/envelope.js';
import { toUiSettings } from '../scheduling/present.js';
import { addressedBooking } from '../scheduling/bookings.js';
import { isGroupConfiguration, toGroupUiSettings } from '../group/model.js';

export function uiSettingsRoutes(deps: Deps, limit: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/scheduling/ui-settings', limit, (c) => {
    const configuration = configurationOf(c, deps, callerOf(c, deps), true)!;
    const bookingId = c.req.query('booking_id');
    const context = contextOf(deps);
    const booking = bookingId ? addressedBooking(context, configuration, bookingId).booking : undefined;
    return ok(
      c,
      isGroupConfiguration(configuration)
        ? toGroupUiSettings(context, configuration, booking)
        : toUiSettings(configuration, booking),
    );
  });

  return app;
}
