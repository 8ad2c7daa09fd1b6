import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { requireGrantAccess } from '../http/auth.js';
import { contextOf, type Deps } from '../deps.js';
import { ok, okEmpty, okList, type AppContext, type AppEnv } from '../http/envelope.js';
import { parse, parseQuery, readJson } from '../http/body.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor } from '../http/paging.js';
import { toConfiguration } from '../scheduling/present.js';
import { configurationInput, configurationUpdate, pageQuery } from '../scheduling/schemas.js';
import {
  deleteConfiguration,
  listConfigurations,
  ownConfiguration,
  saveConfiguration,
} from '../scheduling/configurations.js';
import { grantOf } from '../http/grant.js';
import { isGroupBody, saveGroupConfiguration } from '../group/operations.js';

export function configurationRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const auth = requireGrantAccess(deps);

  /** The path's grant and its configuration; other grants' configurations do not exist for it. */
  const addressed = (c: AppContext) => {
    const grant = grantOf(c, deps);
    return { grant, record: ownConfiguration(contextOf(deps), grant, c.req.param('id') ?? '') };
  };

  app.get('/grants/:grant_id/scheduling/configurations', auth, (c) => {
    const grant = grantOf(c, deps);
    const query = parseQuery(c, pageQuery);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const page = listConfigurations(contextOf(deps), grant, limit, decodeCursor(query.page_token));
    const last = page.configurations.at(-1);
    return okList(
      c,
      page.configurations.map(toConfiguration),
      page.more && last ? encodeCursor({ key: last.createdAtMs, id: last.id }) : null,
    );
  });

  app.post('/grants/:grant_id/scheduling/configurations', auth, async (c) => {
    const grant = grantOf(c, deps);
    const raw = await readJson(c);
    if (isGroupBody(raw)) return ok(c, saveGroupConfiguration(contextOf(deps), randomUUID(), grant, raw));
    const body = parse(configurationInput, raw ?? {});
    return ok(c, toConfiguration(saveConfiguration(contextOf(deps), randomUUID(), grant, body)));
  });

  app.get('/grants/:grant_id/scheduling/configurations/:id', auth, (c) => ok(c, toConfiguration(addressed(c).record)));

  // A PUT replaces each top-level field it names and keeps the others.
  app.put('/grants/:grant_id/scheduling/configurations/:id', auth, async (c) => {
    const { grant, record } = addressed(c);
    const raw = await readJson(c);
    if (isGroupBody(raw) || isGroupBody(record.body)) {
      return ok(c, saveGroupConfiguration(contextOf(deps), record.id, grant, raw, record));
    }
    const update = parse(configurationUpdate, raw ?? {});
    return ok(c, toConfiguration(saveConfiguration(contextOf(deps), record.id, grant, { ...record.body, ...update })));
  });

  app.delete('/grants/:grant_id/scheduling/configurations/:id', auth, (c) => {
    deleteConfiguration(contextOf(deps), addressed(c).record);
    return okEmpty(c);
  });

  return app;
}
