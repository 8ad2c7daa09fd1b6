import { Hono, type MiddlewareHandler } from 'hono';
import { accessTokenGrantOf, callerOf, configurationOf } from '../http/auth.js';
import { contextOf, type Deps } from '../deps.js';
import { notFound, ok, okEmpty, type AppContext, type AppEnv } from '../http/envelope.js';
import { parseBody, parseQuery } from '../http/body.js';
import { toBooking } from '../scheduling/present.js';
import { addressedBooking, cancel, createBooking, decide, reschedule } from '../scheduling/bookings.js';
import { bookingInput, bookingQuery, cancelInput, confirmInput, rescheduleInput } from '../scheduling/schemas.js';
import { isGroupConfiguration } from '../group/model.js';
import { groupBookingInput, groupRescheduleInput } from '../group/schemas.js';
import { bookSeat, cancelSeat, refuseConfirmation, rescheduleSeat } from '../group/seats.js';

/** Rate limits of the booking routes: reading, creating, and changing (reschedule, cancel, confirm). */
export interface BookingLimits {
  read: MiddlewareHandler<AppEnv>;
  create: MiddlewareHandler<AppEnv>;
  change: MiddlewareHandler<AppEnv>;
}

export function bookingRoutes(deps: Deps, limits: BookingLimits): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const context = () => contextOf(deps);

  /**
   * The booking of the path, which the caller may see; 404 for bookings of other configurations.
   * The API key and an access token of the configuration's grant (the organizer's editor) see it as
   * the organizer does, with the ref that confirms.
   */
  const addressed = (c: AppContext) => {
    const id = c.req.param('id') ?? '';
    const grantId = accessTokenGrantOf(c, deps);
    if (grantId !== undefined) {
      const own = addressedBooking(context(), undefined, id);
      if (own.configuration.grantId !== grantId) throw notFound(`Booking ${id} not found.`);
      return { ...own, forApiKey: true };
    }
    const caller = callerOf(c, deps);
    const named = configurationOf(c, deps, caller, false);
    return { ...addressedBooking(context(), named, id), forApiKey: caller.kind === 'api_key' };
  };

  app.post('/scheduling/bookings', limits.create, async (c) => {
    const caller = callerOf(c, deps);
    const configuration = configurationOf(c, deps, caller, true)!;
    if (isGroupConfiguration(configuration)) {
      return ok(c, toBooking(bookSeat(context(), configuration.id, await parseBody(c, groupBookingInput))));
    }
    const input = await parseBody(c, bookingInput);
    const timezone = input.timezone ?? parseQuery(c, bookingQuery).timezone ?? null;
    await deps.calendars.refreshHosts(configuration.body);
    const booking = createBooking(context(), configuration.id, { ...input, timezone });
    return ok(c, toBooking(booking, caller.kind === 'api_key'));
  });

  app.get('/scheduling/bookings/:id', limits.read, (c) => {
    const target = addressed(c);
    return ok(c, toBooking(target.booking, target.forApiKey));
  });

  app.patch('/scheduling/bookings/:id', limits.change, async (c) => {
    const target = addressed(c);
    if (isGroupConfiguration(target.configuration)) {
      return ok(c, toBooking(rescheduleSeat(context(), target.booking.id, await parseBody(c, groupRescheduleInput))));
    }
    await deps.calendars.refreshHosts(target.configuration.body);
    const booking = reschedule(context(), target.booking.id, await parseBody(c, rescheduleInput));
    return ok(c, toBooking(booking, target.forApiKey));
  });

  app.delete('/scheduling/bookings/:id', limits.change, async (c) => {
    const target = addressed(c);
    const input = await parseBody(c, cancelInput);
    if (isGroupConfiguration(target.configuration)) cancelSeat(context(), target.booking.id, input);
    else cancel(context(), target.booking.id, input);
    return okEmpty(c);
  });

  app.put('/scheduling/bookings/:id', limits.change, async (c) => {
    const target = addressed(c);
    if (isGroupConfiguration(target.configuration)) return refuseConfirmation();
    const input = await parseBody(c, confirmInput);
    const booking = decide(context(), target.booking.id, input);
    // As Nylas: a confirmation answers the booking, a rejection `{request_id}` only.
    return input.status === 'confirmed' ? ok(c, toBooking(booking, target.forApiKey)) : okEmpty(c);
  });

  return app;
}
