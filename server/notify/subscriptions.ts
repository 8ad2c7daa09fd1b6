/**
 * Webhook subscriptions as Nylas's `/v3/webhooks` calls (developer.nylas.com/docs/api/v3/admin/,
 * "Webhooks"): create (answers the secret, after the URL answered Nylas's challenge), list, get,
 * update (pause, re-activate: challenged again), delete, rotate the secret. Only the booking
 * triggers exist here: this server sends nothing else.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { invalidRequest, notFound } from '../domain-errors.js';
import type { OperationContext } from '../scheduling/context.js';
import type { Store, WebhookRecord } from '../store/index.js';
import { parse } from '../validation.js';
import { BOOKING_TRIGGERS } from './enqueue.js';
import { verifyChallenge } from './webhook.js';

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

export const createInput = z.object({ trigger_types: triggers, webhook_url: webhookUrl, ...fields });
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

type CreateInput = z.infer<typeof createInput>;

function hookOf(store: Store, id: string): WebhookRecord {
  const hook = store.webhooks.get(id);
  if (!hook) throw notFound(`Webhook ${id} not found.`);
  return hook;
}

/** The receiver must echo the challenge within 10 s before anything is sent to it. */
async function challenge(url: string): Promise<void> {
  if (!(await verifyChallenge(url, randomBytes(16).toString('hex')))) {
    throw invalidRequest(
      `unable.verify.webhook_url: ${url} did not answer GET ?challenge=<value> with 200 ` +
        'and exactly that value within 10 seconds.',
    );
  }
}

export async function createWebhook({ store, now: nowMs }: OperationContext, input: CreateInput) {
  await challenge(input.webhook_url);
  const now = Math.floor(nowMs / 1000);
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
  store.webhooks.save(hook);
  return withSecret(hook);
}

export const listWebhooks = ({ store }: OperationContext) => store.webhooks.all().map(listed);

export const getWebhook = ({ store }: OperationContext, id: string) => detailed(hookOf(store, id));

/**
 * Empty fields keep their values; re-activation, or a new URL for an active webhook, is challenged
 * as on create. An unknown webhook is 404 before its body is checked.
 */
export async function updateWebhook({ store, now: nowMs }: OperationContext, id: string, raw: unknown) {
  const hook = hookOf(store, id);
  const input = parse(updateInput, raw ?? {});
  const now = Math.floor(nowMs / 1000);
  const url = input.webhook_url ?? hook.webhook_url;
  const status = input.status ?? hook.status;
  if (status === 'active' && (hook.status !== 'active' || url !== hook.webhook_url)) await challenge(url);
  const updated: WebhookRecord = {
    ...hook,
    ...(input.description !== undefined && input.description !== null && { description: input.description }),
    ...(input.trigger_types && { trigger_types: [...new Set(input.trigger_types)] }),
    ...(input.notification_email_addresses && { notification_email_addresses: input.notification_email_addresses }),
    ...(input.compressed_delivery !== undefined &&
      input.compressed_delivery !== null && { compressed_delivery: input.compressed_delivery }),
    webhook_url: url,
    status,
    status_updated_at: status !== hook.status ? now : hook.status_updated_at,
    updated_at: now,
  };
  store.webhooks.save(updated);
  return detailed(updated);
}

export function deleteWebhook({ store }: OperationContext, id: string): void {
  if (!store.webhooks.delete(id)) throw notFound(`Webhook ${id} not found.`);
}

/** The old secret stops at once: deliveries not yet sent are signed with the new one. */
export function rotateSecret({ store, now }: OperationContext, id: string) {
  const hook = { ...hookOf(store, id), webhook_secret: mintSecret(), updated_at: Math.floor(now / 1000) };
  store.webhooks.save(hook);
  return withSecret(hook);
}
