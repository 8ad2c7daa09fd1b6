/** Webhook subscriptions (notify/subscriptions.ts), with the API key. */
import { Hono } from 'hono';
import { requireApiKey } from '../http/auth.js';
import { contextOf, type Deps } from '../deps.js';
import { ok, okList, type AppEnv } from '../http/envelope.js';
import { parseBody, readJson } from '../http/body.js';
import {
  createInput,
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  rotateSecret,
  updateWebhook,
} from '../notify/subscriptions.js';

export function webhookRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/webhooks', requireApiKey(deps));
  app.use('/webhooks/*', requireApiKey(deps));

  app.post('/webhooks', async (c) => ok(c, await createWebhook(contextOf(deps), await parseBody(c, createInput))));

  app.get('/webhooks', (c) => okList(c, listWebhooks(contextOf(deps)), null));

  app.get('/webhooks/:id', (c) => ok(c, getWebhook(contextOf(deps), c.req.param('id'))));

  app.put('/webhooks/:id', async (c) => {
    return ok(c, await updateWebhook(contextOf(deps), c.req.param('id'), await readJson(c)));
  });

  app.delete('/webhooks/:id', (c) => {
    deleteWebhook(contextOf(deps), c.req.param('id'));
    return ok(c, { status: 'success' });
  });

  app.post('/webhooks/rotate-secret/:id', (c) => ok(c, rotateSecret(contextOf(deps), c.req.param('id'))));
  // The Python SDK's spelling of the same call.
  app.put('/webhooks/:id/rotate-secret', (c) => ok(c, rotateSecret(contextOf(deps), c.req.param('id'))));

  return app;
}
