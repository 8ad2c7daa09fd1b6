/**
 * Grant access tokens, as Nylas's `/v3/connect/token` with `client_credentials` mints them for
 * Scheduler's editor (developer.nylas.com/docs/api/v3/admin/, "Authentication APIs"): a random
 * bearer token good for one grant's calls for an hour, and an ID token (a JWT signed HS256 with
 * the database's own key) whose `sub` is the grant id. Revoking stops the token at once.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { TokenInfo, TokenResponse } from '../../src/contract/admin.js';
import { isGrantIdentifier } from '../../src/contract/validators.js';
import { invalidRequest } from '../domain-errors.js';
import type { AccessTokenRecord, AccessTokenState, GrantRecord, Store } from '../store/index.js';
import type { OperationContext } from './context.js';

const ACCESS_TOKEN_SECONDS = 3600;
/** What a token opens: its grant's calendars and scheduling calls. */
const ACCESS_TOKEN_SCOPE = 'calendar scheduling';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function sign(store: Store, claims: TokenInfo & { jti: string }): string {
  const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${unsigned}.${createHmac('sha256', store.accessTokens.signingKey()).update(unsigned).digest('base64url')}`;
}

const claimsOf = (record: AccessTokenRecord, grant: GrantRecord): TokenInfo => ({
  iss: record.issuer,
  aud: record.clientId,
  sub: grant.id,
  email: grant.email,
  iat: Math.floor(record.issuedAtMs / 1000),
  exp: Math.floor(record.expiresAtMs / 1000),
});

/** A grant named by id or email; a grant is created on first use, as everywhere in this API. */
export function tokenGrant({ store, now }: OperationContext, idOrEmail: string): GrantRecord {
  if (!isGrantIdentifier(idOrEmail)) throw invalidRequest(`grant_id: "${idOrEmail}" is not a grant id or email`);
  return store.grants.ensure(idOrEmail, now);
}

/** Mints a token for `grant`; `issuer` is the API's own origin, `clientId` the application asking. */
export function mintAccessToken(
  { store, now }: OperationContext,
  grant: GrantRecord,
  { clientId, issuer }: { clientId: string; issuer: string },
): TokenResponse {
  const token = randomBytes(32).toString('base64url');
  const record: AccessTokenRecord = {
    id: randomUUID(),
    grantId: grant.id,
    clientId,
    issuer,
    issuedAtMs: now,
    expiresAtMs: now + ACCESS_TOKEN_SECONDS * 1000,
  };
  store.accessTokens.insert(token, record);
  return {
    access_token: token,
    expires_in: ACCESS_TOKEN_SECONDS,
    id_token: sign(store, { ...claimsOf(record, grant), jti: record.id }),
    email: grant.email,
    scope: ACCESS_TOKEN_SCOPE,
    token_type: 'Bearer',
    grant_id: grant.id,
  };
}

/** Revokes an access token; an unknown one is no error (RFC 7009, section 2.2). */
export const revokeAccessToken = ({ store, now }: OperationContext, token: string): void =>
  void store.accessTokens.revoke(token, now);

/** The token behind an ID token whose signature holds, or undefined. */
function idTokenState(store: Store, now: number, idToken: string): AccessTokenState | undefined {
  const [header, payload, signature, ...rest] = idToken.split('.');
  if (!header || !payload || !signature || rest.length > 0) return undefined;
  const expected = createHmac('sha256', store.accessTokens.signingKey()).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  // Signed by this database, so its payload is the JSON sign() wrote.
  const { jti } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { jti: string };
  return store.accessTokens.lookupById(jti, now);
}

/** The claims of a live access or ID token; undefined for one unknown, expired or revoked. */
export function tokenInfo(
  { store, now }: OperationContext,
  token: { accessToken?: string; idToken?: string },
): TokenInfo | undefined {
  const state = token.accessToken
    ? store.accessTokens.lookup(token.accessToken, now)
    : token.idToken
      ? idTokenState(store, now, token.idToken)
      : undefined;
  const grant = state?.live ? store.grants.find(state.record.grantId) : undefined;
  return grant && claimsOf(state!.record, grant);
}
