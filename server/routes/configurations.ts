import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { ConfigurationInput } from '../../src/contract/admin.js';
import { requireGrantAccess } from '../http/auth.js';
import type { Deps } from '../deps.js';
import { invalidRequest, notFound, ok, okEmpty, okList, type AppContext, type AppEnv } from '../http/envelope.js';
import { parse, parseQuery, readJson } from '../http/body.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor } from '../http/paging.js';
import { toConfiguration } from './present.js';
import { configurationProblem, organizerOf } from '../scheduling/configuration.js';
import { configurationInput, configurationUpdate, pageQuery } from './schemas.js';
import type { ConfigurationRecord, GrantRecord } from '../store/index.js';
import { grantOf } from '../http/grant.js';
import { isGroupBody, saveGroupConfiguration } from './group-events.js';

export function configurationRoutes(deps: Deps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();
  const auth = requireGrantAccess(deps);

  /** A configuration of this grant; other grants' configurations do not exist for it. */
  const ownConfiguration = (c: AppContext, grant: GrantRecord): ConfigurationRecord => {
    const id = c.req.param('id') ?? '';
    const record = store.configurations.get(id);
    if (!record || record.grantId !== grant.id) throw notFound(`Configuration ${id} not found.`);
    return record;
  };

  /** Checks the cross-field rules and the slug, then stores; the grant learns its organizer's email. */
  const save = (id: string, grant: GrantRecord, body: ConfigurationInput) => {
    const problem = configurationProblem(body);
    if (problem) throw invalidRequest(problem);
    return store.write(() => {
      const holder = body.slug ? store.configurations.bySlug(body.slug) : undefined;
      if (holder && holder.id !== id) throw invalidRequest(`slug: "${body.slug}" is taken by another configuration`);
      store.grants.learnEmail(grant, organizerOf(body).email);
      return store.configurations.save(id, grant.id, body, deps.now());
    });
  };

  app.get('/grants/:grant_id/scheduling/configurations', auth, (c) => {
    const grant = grantOf(c, deps);
    const query = parseQuery(c, pageQuery);
    const page = store.configurations.list(grant.id, query.limit ?? DEFAULT_PAGE_SIZE, decodeCursor(query.page_token));
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
    if (isGroupBody(raw)) return ok(c, saveGroupConfiguration(deps, randomUUID(), grant, raw));
    const body = parse(configurationInput, raw ?? {});
    return ok(c, toConfiguration(save(randomUUID(), grant, body)));
  });

  app.get('/grants/:grant_id/scheduling/configurations/:id', auth, (c) =>
    ok(c, toConfiguration(ownConfiguration(c, grantOf(c, deps)))),
  );

  // A PUT replaces each top-level field it names and keeps the others.
  app.put('/grants/:grant_id/scheduling/configurations/:id', auth, async (c) => {
    const grant = grantOf(c, deps);
    const record = ownConfiguration(c, grant);
    const raw = await readJson(c);
    if (isGroupBody(raw) || isGroupBody(record.body)) return ok(c, saveGroupConfiguration(deps, record.id, grant, raw, record));
    const update = parse(configurationUpdate, raw ?? {});
    return ok(c, toConfiguration(save(record.id, grant, { ...record.body, ...update })));
  });

  app.delete('/grants/:grant_id/scheduling/configurations/:id', auth, (c) => {
    store.configurations.delete(ownConfiguration(c, grantOf(c, deps)).id);
    return okEmpty(c);
  });

  return app;
}
