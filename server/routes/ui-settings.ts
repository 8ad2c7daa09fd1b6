import { Hono, type MiddlewareHandler } from 'hono';
import { callerOf, configurationOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { notFound, ok, type AppEnv } from '../http.js';
import { toUiSettings } from '../present.js';

export function uiSettingsRoutes(deps: Deps, limit: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/scheduling/ui-settings', limit, (c) => {
    const configuration = configurationOf(c, deps, callerOf(c, deps), true)!;
    const bookingId = c.req.query('booking_id');
    if (!bookingId) return ok(c, toUiSettings(configuration));
    const booking = deps.store.bookings.get(bookingId);
    if (!booking || booking.configurationId !== configuration.id) throw notFound(`Booking ${bookingId} not found.`);
    return ok(c, toUiSettings(configuration, booking));
  });

  return app;
}
