/** The configuration operations of a grant: list, find, save (create or replace), delete. */
import type { ConfigurationInput } from '../../src/contract/admin.js';
import { invalidRequest, notFound } from '../domain-errors.js';
import type { ConfigurationRecord, GrantRecord, Store } from '../store/index.js';
import { configurationProblem, organizerOf } from './configuration.js';
import type { OperationContext } from './context.js';

/** One page of the grant's configurations in creation order, and whether more follow. */
export const listConfigurations = (
  { store }: OperationContext,
  grant: GrantRecord,
  limit: number,
  after?: { key: number; id: string },
) => store.configurations.list(grant.id, limit, after);

/** A configuration by id, of any grant (a guest's call names it), or undefined. */
export const findConfiguration = ({ store }: OperationContext, id: string): ConfigurationRecord | undefined =>
  store.configurations.get(id);

/** A configuration of this grant; other grants' configurations do not exist for it. */
export function ownConfiguration({ store }: OperationContext, grant: GrantRecord, id: string): ConfigurationRecord {
  const record = store.configurations.get(id);
  if (!record || record.grantId !== grant.id) throw notFound(`Configuration ${id} not found.`);
  return record;
}

/** Inside a write: a slug names one configuration only. */
export function assertSlugFree(store: Store, slug: string | null | undefined, id: string): void {
  const holder = slug ? store.configurations.bySlug(slug) : undefined;
  if (holder && holder.id !== id) throw invalidRequest(`slug: "${slug}" is taken by another configuration`);
}

/** Checks the cross-field rules and the slug, then stores; the grant learns its organizer's email. */
export function saveConfiguration(
  { store, now }: OperationContext,
  id: string,
  grant: GrantRecord,
  body: ConfigurationInput,
): ConfigurationRecord {
  const problem = configurationProblem(body);
  if (problem) throw invalidRequest(problem);
  return store.write(() => {
    assertSlugFree(store, body.slug, id);
    store.grants.learnEmail(grant, organizerOf(body).email);
    return store.configurations.save(id, grant.id, body, now);
  });
}

export const deleteConfiguration = ({ store }: OperationContext, record: ConfigurationRecord): void =>
  store.configurations.delete(record.id);
