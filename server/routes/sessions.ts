import { Hono } from 'hono';
import { requireApiKey } from '../http/auth.js';
import { contextOf, type Deps } from '../deps.js';
import { ok, okEmpty, type AppEnv } from '../http/envelope.js';
import { parseBody } from '../http/body.js';
import { sessionInput } from '../scheduling/schemas.js';
import { createSession, deleteSession } from '../scheduling/sessions.js';

export function sessionRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const auth = requireApiKey(deps);

  app.post('/scheduling/sessions', auth, async (c) => {
    const input = await parseBody(c, sessionInput);
    return ok(c, { session_id: createSession(contextOf(deps), input) });
  });

  app.delete('/scheduling/sessions/:id', auth, (c) => {
    deleteSession(contextOf(deps), c.req.param('id'));
    return okEmpty(c);
  });

  return app;
}
