/**
 * Webhook subscriptions as Nylas's `/v3/webhooks` calls (developer.nylas.com/docs/api/v3/admin/,
 * "Webhooks"), with the API key: create (answers the secret, after the URL answered Nylas's
 * challenge), list, get, update (pause, re-activate: challenged again), delete, rotate the secret.
 * Only the booking triggers exist here: this server sends nothing else.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireApiKey } from '../http/auth.js';
import type { Deps } from '../deps.js';
import { invalidRequest, notFound, ok, okList, type AppEnv } from '../http/envelope.js';
import { parseBody } from '../http/body.js';
import { BOOKING_TRIGGERS } from '../notify/enqueue.js';
import { verifyChallenge } from '../notify/webhook.js';
import type { WebhookRecord } from '../store/index.js';

const webhookUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'Must be an http or https URL');

const triggers = z
  .array(z.enum(BOOKING_TRIGGERS, `Only the booking triggers are sent by this server: ${BOOKING_TRIGGERS.join(', ')}`))
  .min(1)
  .max(BOOKING_TRIGGERS.length);

const fields = {
  description: z.string().max(1024).nullable().optional(),
  notification_email_addresses: z.array(z.email()).max(20).nullable().optional(),
  compressed_delivery: z.boolean().nullable().optional(),
};

const createInput = z.object({ trigger_types: triggers, webhook_url: webhookUrl, ...fields });
const updateInput = z.object({
  trigger_types: triggers.optional(),
  webhook_url: webhookUrl.optional(),
  status: z.enum(['active', 'pause']).optional(),
  ...fields,
});

const mintSecret = () => randomBytes(32).toString('hex');

const listed = (hook: WebhookRecord) => ({
  id: hook.id,
  description: hook.description,
  trigger_types: hook.trigger_types,
  webhook_url: hook.webhook_url,
  status: hook.status,
  notification_email_addresses: hook.notification_email_addresses,
  compressed_delivery: hook.compressed_delivery,
});
const detailed = (hook: WebhookRecord) => ({
  ...listed(hook),
  status_updated_at: hook.status_updated_at,
  created_at: hook.created_at,
  updated_at: hook.updated_at,
});
const withSecret = (hook: WebhookRecord) => ({ ...detailed(hook), webhook_secret: hook.webhook_secret });

export function webhookRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/webhooks', requireApiKey(deps));
  app.use('/webhooks/*', requireApiKey(deps));

  const hookOf = (id: string): WebhookRecord => {
    const hook = deps.store.webhooks.get(id);
    if (!hook) throw notFound(`Webhook ${id} not found.`);
    return hook;
  };

  /** The receiver must echo the challenge within 10 s before anything is sent to it. */
  const challenge = async (url: string) => {
    if (!(await verifyChallenge(url, randomBytes(16).toString('hex')))) {
      throw invalidRequest(
        `unable.verify.webhook_url: ${url} did not answer GET ?challenge=<value> with 200 and exactly that value within 10 seconds.`,
      );
    }
  };

  app.post('/webhooks', async (c) => {
    const input = await parseBody(c, createInput);
    await challenge(input.webhook_url);
    const now = Math.floor(deps.now() / 1000);
    const hook: WebhookRecord = {
      id: randomUUID(),
      description: input.description ?? null,
      trigger_types: [...new Set(input.trigger_types)],
      webhook_url: input.webhook_url,
      webhook_secret: mintSecret(),
      status: 'active',
      notification_email_addresses: input.notification_email_addresses ?? [],
      compressed_delivery: input.compressed_delivery ?? false,
      status_updated_at: now,
      created_at: now,
      updated_at: now,
    };
    deps.store.webhooks.save(hook);
    return ok(c, withSecret(hook));
  });

  app.get('/webhooks', (c) => okList(c, deps.store.webhooks.all().map(listed), null));

  app.get('/webhooks/:id', (c) => ok(c, detailed(hookOf(c.req.param('id')))));

  app.put('/webhooks/:id', async (c) => {
    const hook = hookOf(c.req.param('id'));
    const input = await parseBody(c, updateInput);
    const now = Math.floor(deps.now() / 1000);
    const url = input.webhook_url ?? hook.webhook_url;
    const status = input.status ?? hook.status;
    // Re-activation, or a new URL for an active webhook, is verified as on create.
    if (status === 'active' && (hook.status !== 'active' || url !== hook.webhook_url)) await challenge(url);
    const updated: WebhookRecord = {
      ...hook,
      ...(input.description !== undefined && input.description !== null && { description: input.description }),
      ...(input.trigger_types && { trigger_types: [...new Set(input.trigger_types)] }),
      ...(input.notification_email_addresses && { notification_email_addresses: input.notification_email_addresses }),
      ...(input.compressed_delivery !== undefined && input.compressed_delivery !== null && { compressed_delivery: input.compressed_delivery }),
      webhook_url: url,
      status,
      status_updated_at: status !== hook.status ? now : hook.status_updated_at,
      updated_at: now,
    };
    deps.store.webhooks.save(updated);
    return ok(c, detailed(updated));
  });

  app.delete('/webhooks/:id', (c) => {
    if (!deps.store.webhooks.delete(c.req.param('id'))) throw notFound(`Webhook ${c.req.param('id')} not found.`);
    return ok(c, { status: 'success' });
  });

  /** The old secret stops at once: deliveries not yet sent are signed with the new one. */
  const rotate = (id: string) => {
    const hook = { ...hookOf(id), webhook_secret: mintSecret(), updated_at: Math.floor(deps.now() / 1000) };
    deps.store.webhooks.save(hook);
    return withSecret(hook);
  };
  app.post('/webhooks/rotate-secret/:id', (c) => ok(c, rotate(c.req.param('id'))));
  // The Python SDK's spelling of the same call.
  app.put('/webhooks/:id/rotate-secret', (c) => ok(c, rotate(c.req.param('id'))));

  return app;
}
