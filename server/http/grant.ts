import { isGrantIdentifier } from '../../src/contract/validators.js';
import type { Deps } from '../deps.js';
import { invalidRequest, type AppContext } from './envelope.js';
import type { GrantRecord } from '../store/index.js';

/**
 * The grant named in the path (by id or email), created on first use as a connected account would
 * be; `me` is the access token's grant (requireGrantAccess let the call in).
 */
export function grantOf(c: AppContext, deps: Deps): GrantRecord {
  const tokenGrant = c.var.tokenGrantId;
  if (tokenGrant !== undefined) return deps.store.grants.find(tokenGrant)!;
  const id = c.req.param('grant_id') ?? '';
  if (!isGrantIdentifier(id)) throw invalidRequest(`grant_id: "${id}" is not a grant id or email`);
  return deps.store.grants.ensure(id, deps.now());
}
