import { Hono, type MiddlewareHandler } from 'hono';
import type { BookingRecord } from '../store/index.js';
import { callerOf, configurationOf } from '../http/auth.js';
import type { Deps } from '../deps.js';
import { ok, type AppEnv } from '../http/envelope.js';
import { toUiSettings } from './present.js';
import { bookingOfConfiguration } from '../scheduling/bookings.js';
import { isGroupConfiguration, toGroupUiSettings } from '../group/model.js';

export function uiSettingsRoutes(deps: Deps, limit: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/scheduling/ui-settings', limit, (c) => {
    const configuration = configurationOf(c, deps, callerOf(c, deps), true)!;
    const bookingId = c.req.query('booking_id');
    const present = isGroupConfiguration(configuration)
      ? (booking?: BookingRecord) => toGroupUiSettings(deps.store, configuration, booking)
      : (booking?: BookingRecord) => toUiSettings(configuration, booking);
    if (!bookingId) return ok(c, present());
    return ok(c, present(bookingOfConfiguration(deps.store, configuration.id, bookingId)));
  });

  return app;
}
