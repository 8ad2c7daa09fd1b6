/** Connecting calendar accounts to grants (Nylas's custom authentication). */
import { Hono } from 'hono';
import { requireApiKey } from '../http/auth.js';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/envelope.js';
import { parseBody } from '../http/body.js';
import { connectCustomInput } from '../calendars/schemas.js';
import { toGrant } from '../scheduling/present.js';

export function grantRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // https://developer.nylas.com/docs/reference/api/manage-grants/byo_auth/ : 201 with the grant.
  app.post('/connect/custom', requireApiKey(deps), async (c) => {
    const input = await parseBody(c, connectCustomInput);
    const { grant, connection } = await deps.calendars.connect(input);
    return c.json({ request_id: c.var.requestId, data: toGrant(grant, connection) }, 201);
  });

  return app;
}
