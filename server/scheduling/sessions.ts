/** Sessions: a short-lived bearer token for one configuration, minted with the API key for a browser. */
import { randomUUID } from 'node:crypto';
import type { SessionInput } from '../../src/contract/admin.js';
import { invalidRequest, notFound } from '../domain-errors.js';
import type { OperationContext } from './context.js';

const DEFAULT_TTL_MINUTES = 5;

/** A session for the configuration named by id or slug; returns its id. */
export function createSession({ store, now }: OperationContext, input: SessionInput): string {
  if (!input.configuration_id && !input.slug) throw invalidRequest('configuration_id: Required (or slug)');
  const configuration = input.configuration_id
    ? store.configurations.get(input.configuration_id)
    : store.configurations.bySlug(input.slug!);
  if (!configuration) throw notFound(`Configuration ${input.configuration_id ?? input.slug} not found.`);
  const id = randomUUID();
  const ttl = input.time_to_live ?? DEFAULT_TTL_MINUTES;
  store.sessions.create({ id, configurationId: configuration.id, expiresAtMs: now + ttl * 60_000 }, now);
  return id;
}

export function deleteSession({ store }: OperationContext, id: string): void {
  if (!store.sessions.delete(id)) throw notFound(`Session ${id} not found.`);
}
