/**
 * Grant access tokens as Nylas's token endpoints (developer.nylas.com/docs/api/v3/admin/,
 * "Authentication APIs"): `POST /v3/connect/token` with `client_credentials` (the API key as the
 * client secret, a grant id) mints an hour-long token for that grant's calls; `POST
 * /v3/connect/revoke` stops one; `GET /v3/connect/tokeninfo` answers an access or ID token's
 * claims. The token call answers at the top level and refuses in OAuth's shape (RFC 6749, 5.2).
 * No Authorization header is needed: the body, the token or the ID token is the credential.
 *
 * This API has no accounts to sign in to, so the code and refresh-token exchanges that Nylas's
 * hosted sign-in uses are refused with `unsupported_grant_type`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { TokenError, TokenErrorName, TokenRequest } from '../../src/contract/admin.js';
import { contextOf, type Deps } from '../deps.js';
import { DomainError } from '../domain-errors.js';
import { parse, readJson } from '../http/body.js';
import { ApiError, asApiError, ok, type AppContext, type AppEnv } from '../http/envelope.js';
import { mintAccessToken, revokeAccessToken, tokenGrant, tokenInfo } from '../scheduling/access-tokens.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const GRANT_TYPES = ['client_credentials', 'authorization_code', 'refresh_token'] as const;

const tokenRequest = z.object({
  grant_type: z.enum(GRANT_TYPES),
  client_id: z.string().min(1).max(254),
  client_secret: z.string().max(512).optional(),
  grant_id: z.string().max(254).optional(),
  code: z.string().max(4096).optional(),
  redirect_uri: z.string().max(2048).optional(),
  code_verifier: z.string().max(256).optional(),
  refresh_token: z.string().max(4096).optional(),
});
const drift: Equals<z.infer<typeof tokenRequest>, TokenRequest> = true;
void drift;

const tokenInfoQuery = z.object({
  access_token: z.string().max(4096).optional(),
  id_token: z.string().max(8192).optional(),
});

/** Numbers for `error_code`, which Nylas documents as a number without listing values. */
const ERROR_CODES: Record<TokenErrorName, number> = {
  invalid_request: 100_400,
  invalid_client: 100_401,
  invalid_grant: 100_403,
  unsupported_grant_type: 100_415,
};

class TokenRefusal extends Error {
  constructor(
    readonly error: TokenErrorName,
    description: string,
  ) {
    super(description);
  }
}

/** Any refusal on the way (body too large, not JSON, a missing field) in OAuth's shape. */
function tokenError(c: AppContext, refusal: unknown) {
  const known = refusal instanceof TokenRefusal || refusal instanceof ApiError || refusal instanceof DomainError;
  if (!known) throw refusal;
  const name = refusal instanceof TokenRefusal ? refusal.error : 'invalid_request';
  const body: TokenError = {
    error: name,
    error_description: refusal.message,
    error_uri: 'https://developer.nylas.com/docs/api/errors/400-response/',
    error_code: ERROR_CODES[name],
  };
  return c.json(body, refusal instanceof TokenRefusal ? 400 : asApiError(refusal).status);
}

/** The request's fields, sent as JSON or as a form (OAuth clients send either). */
async function tokenFields(c: AppContext): Promise<unknown> {
  if (/^application\/x-www-form-urlencoded/i.test(c.req.header('content-type') ?? '')) {
    return Object.fromEntries(new URLSearchParams(await c.req.text()));
  }
  return (await readJson(c)) ?? {};
}

export function tokenRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/connect/token', async (c) => {
    try {
      const fields = await tokenFields(c);
      const asked = fields !== null && typeof fields === 'object' ? (fields as TokenRequest).grant_type : null;
      if (typeof asked === 'string' && asked !== 'client_credentials') {
        throw new TokenRefusal(
          'unsupported_grant_type',
          (GRANT_TYPES as readonly string[]).includes(asked)
            ? `grant_type: ${asked} needs a hosted sign-in, which this API does not have; use client_credentials.`
            : `grant_type: "${asked}" is not a grant type; use client_credentials.`,
        );
      }
      const input = parse(tokenRequest, fields);
      deps.keyFailures?.assertMayTry(c);
      if (input.client_secret === undefined || !deps.isApiKey(input.client_secret)) {
        deps.keyFailures?.failed(c);
        throw new TokenRefusal('invalid_client', 'client_secret: Must be the API key.');
      }
      if (!input.grant_id) throw new TokenRefusal('invalid_request', 'grant_id: Required with client_credentials');
      const context = contextOf(deps);
      const grant = tokenGrant(context, input.grant_id);
      return c.json(mintAccessToken(context, grant, { clientId: input.client_id, issuer: new URL(c.req.url).origin }));
    } catch (refusal) {
      return tokenError(c, refusal);
    }
  });

  app.post('/connect/revoke', (c) => {
    const token = c.req.query('token');
    if (!token) return tokenError(c, new TokenRefusal('invalid_request', 'token: Required'));
    revokeAccessToken(contextOf(deps), token);
    return c.json({});
  });

  app.get('/connect/tokeninfo', (c) => {
    const query = parse(tokenInfoQuery, c.req.query(), 'query');
    if (!query.access_token && !query.id_token) {
      throw new ApiError('invalid_request_error', 'access_token or id_token: Required', 400);
    }
    const info = tokenInfo(contextOf(deps), { accessToken: query.access_token, idToken: query.id_token });
    if (!info) throw new ApiError('token.unauthorized_access', 'The token is unknown, expired or revoked.', 401);
    return ok(c, info);
  });

  return app;
}
