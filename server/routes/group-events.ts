/**
 * Group events under a group configuration (Nylas's group events API,
 * developer.nylas.com/docs/v3/scheduler/group-events/): the host's list, create, update, delete
 * and import, and the guest's slot check. The operations are in group/operations.ts.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { callerOf, requireApiKey, requireGrantAccess } from '../http/auth.js';
import { contextOf, type Deps } from '../deps.js';
import {
  createGroupEvent,
  deleteGroupEvent,
  groupConfigurationOf,
  importGroupEvents,
  listGroupEvents,
  updateGroupEvent,
  validateTimeslot,
} from '../group/operations.js';
import { assertGroup } from '../group/model.js';
import { groupEventInput, groupEventsQuery, groupEventUpdate, validateTimeslotInput } from '../group/schemas.js';
import { ApiError, notFound, ok, okEmpty, okList, type AppContext, type AppEnv } from '../http/envelope.js';
import { parseBody, parseQuery, readJson } from '../http/body.js';
import { findConfiguration } from '../scheduling/configurations.js';
import { grantOf } from '../http/grant.js';

const unauthorized = (message: string) => new ApiError('unauthorized', message, 401);

export function groupEventRoutes(deps: Deps, limit: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const auth = requireGrantAccess(deps);
  const base = '/grants/:grant_id/scheduling/configurations/:configuration_id';

  /** The path's grant and its group configuration. */
  const addressed = (c: AppContext) => {
    const grant = grantOf(c, deps);
    const id = c.req.param('configuration_id') ?? '';
    return { grant, configuration: groupConfigurationOf(contextOf(deps), id, grant) };
  };

  app.get(`${base}/group-events`, auth, (c) => {
    const { grant, configuration } = addressed(c);
    const query = parseQuery(c, groupEventsQuery);
    const records = listGroupEvents(contextOf(deps), grant, configuration, {
      calendarId: query.calendar_id,
      start: query.start_time,
      end: query.end_time,
      showAll: query.show_all === 'true',
    });
    return okList(c, records, null);
  });

  app.post(`${base}/group-events`, auth, async (c) => {
    const { grant, configuration } = addressed(c);
    const input = await parseBody(c, groupEventInput);
    return ok(c, createGroupEvent(contextOf(deps), grant, configuration, input));
  });

  const update = async (c: AppContext) => {
    const { configuration } = addressed(c);
    const input = await parseBody(c, groupEventUpdate);
    return ok(c, updateGroupEvent(contextOf(deps), configuration, c.req.param('event_id') ?? '', input));
  };
  app.put(`${base}/group-events/:event_id`, auth, update);
  app.patch(`${base}/group-events/:event_id`, auth, update);

  app.delete(`${base}/group-events/:event_id`, auth, (c) => {
    const { configuration } = addressed(c);
    deleteGroupEvent(contextOf(deps), configuration, c.req.param('event_id') ?? '', c.req.query('calendar_id'));
    return okEmpty(c);
  });

  app.post('/scheduling/configurations/:configuration_id/import-group-events', requireApiKey(deps), async (c) => {
    const configuration = groupConfigurationOf(contextOf(deps), c.req.param('configuration_id'));
    return ok(c, importGroupEvents(contextOf(deps), configuration, await readJson(c)));
  });
  app.post(`${base}/import-group-events`, auth, async (c) => {
    const { configuration } = addressed(c);
    const calendarId = c.req.query('calendar_id');
    return ok(c, importGroupEvents(contextOf(deps), configuration, await readJson(c), calendarId));
  });

  // Public, session or API key: the guest's page checks its slot right before the form.
  app.post('/scheduling/configurations/:configuration_id/group-events/validate-timeslot', limit, async (c) => {
    const caller = callerOf(c, deps);
    const id = c.req.param('configuration_id') ?? '';
    const context = contextOf(deps);
    const configuration = findConfiguration(context, id);
    if (caller.kind === 'session' && caller.configurationId !== configuration?.id) {
      throw unauthorized('This session belongs to another configuration.');
    }
    if (!configuration) throw notFound(`Configuration ${id} not found.`);
    if (caller.kind === 'public' && configuration.body.requires_session_auth) {
      throw unauthorized('This configuration is private: call it with a session (Authorization: Bearer <session id>).');
    }
    assertGroup(configuration);
    validateTimeslot(context, configuration, await parseBody(c, validateTimeslotInput));
    return okEmpty(c);
  });

  return app;
}
