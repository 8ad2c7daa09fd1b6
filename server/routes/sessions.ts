import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { requireApiKey } from '../http/auth.js';
import type { Deps } from '../deps.js';
import { invalidRequest, notFound, ok, okEmpty, type AppEnv } from '../http/envelope.js';
import { parseBody } from '../http/body.js';
import { sessionInput } from './schemas.js';

const DEFAULT_TTL_MINUTES = 5;

export function sessionRoutes(deps: Deps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();
  const auth = requireApiKey(deps);

  app.post('/scheduling/sessions', auth, async (c) => {
    const input = await parseBody(c, sessionInput);
    if (!input.configuration_id && !input.slug) throw invalidRequest('configuration_id: Required (or slug)');
    const configuration = input.configuration_id
      ? store.configurations.get(input.configuration_id)
      : store.configurations.bySlug(input.slug!);
    if (!configuration) throw notFound(`Configuration ${input.configuration_id ?? input.slug} not found.`);
    const now = deps.now();
    const id = randomUUID();
    const ttl = input.time_to_live ?? DEFAULT_TTL_MINUTES;
    store.sessions.create({ id, configurationId: configuration.id, expiresAtMs: now + ttl * 60_000 }, now);
    return ok(c, { session_id: id });
  });

  app.delete('/scheduling/sessions/:id', auth, (c) => {
    if (!store.sessions.delete(c.req.param('id'))) throw notFound(`Session ${c.req.param('id')} not found.`);
    return okEmpty(c);
  });

  return app;
}
