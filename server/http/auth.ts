/**
 * Who is calling and which configuration they may use (the contract's auth table).
 * - API key (`Bearer <key>`): everything; browser calls then name their configuration.
 * - Session (`Bearer <session id>`): the session's configuration only.
 * - Nobody (no Authorization): public configurations named by `configuration_id` or
 *   `slug` + `client_id`. A private configuration answers such a call with 401 only.
 * - Access token (`Bearer <token>` from /v3/connect/token): one grant's calls, `/v3/grants/{grant}/…`
 *   and `/v3/grants/me/…`, and (a local extension, for the organizer's editor) the bookings of that
 *   grant's configurations at `/v3/scheduling/bookings/{id}`; nothing else.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Deps } from '../deps.js';
import { ApiError, invalidRequest, notFound, type AppContext, type AppEnv } from './envelope.js';
import type { AccessTokenState, ConfigurationRecord } from '../store/index.js';

export type Caller = { kind: 'api_key' } | { kind: 'session'; configurationId: string } | { kind: 'public' };

const digest = (value: string) => createHash('sha256').update(value).digest();

/** A constant-time check of a presented token against the API key. */
export function apiKeyMatcher(apiKey: string): (token: string) => boolean {
  const expected = digest(apiKey);
  return (token) => timingSafeEqual(digest(token), expected);
}

const unauthorized = (message: string) => new ApiError('unauthorized', message, 401);
const sessionGone = () =>
  new ApiError('invalid_session', 'The session is unknown, expired or deleted; create a new one.', 401);

/** Longer tokens are neither an API key nor a session id: refused before any comparison. */
export const MAX_TOKEN_LENGTH = 512;

/**
 * The bearer token, or undefined without an Authorization header. A caller whose address presented
 * too many wrong tokens this minute is refused (429) before its token is looked at.
 */
function bearerToken(c: AppContext, deps: Deps): string | undefined {
  const header = c.req.header('authorization');
  if (header === undefined) return undefined;
  deps.keyFailures?.assertMayTry(c);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".');
  if (match[1]!.length > MAX_TOKEN_LENGTH) throw failed(c, deps, unauthorized('The token is not valid.'));
  return match[1];
}

/** Counts a failed token against the caller's address; returns the refusal to throw. */
function failed(c: AppContext, deps: Deps, error: ApiError): ApiError {
  deps.keyFailures?.failed(c);
  return error;
}

/** Whether the request carries the API key (it never throws, unlike the checks below). */
export function carriesApiKey(c: AppContext, deps: Deps): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return match !== null && match[1]!.length <= MAX_TOKEN_LENGTH && deps.isApiKey(match[1]!);
}

/**
 * The refusal of a token that opens nothing here: an expired or revoked access token is told so
 * (as Nylas does), a live one why not here, and anything else counts as a wrong key.
 */
function refusedToken(c: AppContext, deps: Deps, known: AccessTokenState | undefined, live: string): ApiError {
  if (!known) return failed(c, deps, unauthorized('The API key is not valid.'));
  if (!known.live) {
    return new ApiError('token.unauthorized_access', 'The access token expired or was revoked; get a new one.', 401);
  }
  return unauthorized(live);
}

export const requireApiKey =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const token = bearerToken(c, deps);
    if (token === undefined) throw unauthorized('This call needs the API key: Authorization: Bearer <API key>.');
    if (!deps.isApiKey(token)) {
      const hint = "An access token opens only its grant's calls (/v3/grants/…); this one needs the API key.";
      throw refusedToken(c, deps, deps.store.accessTokens.lookup(token, deps.now()), hint);
    }
    await next();
  };

/** `/v3/grants/me/…`: the grant of the request's access token (Nylas's spelling). */
const TOKEN_GRANT = 'me';

/**
 * A call under `/v3/grants/{grant_id}/…`: the API key for any grant named, or an access token of
 * that grant. `me` names the token's grant and needs a token, never the API key (as on Nylas).
 */
export const requireGrantAccess =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const token = bearerToken(c, deps);
    const named = c.req.param('grant_id') ?? '';
    if (token === undefined) {
      throw unauthorized('This call needs the API key or an access token of its grant: Authorization: Bearer <token>.');
    }
    if (deps.isApiKey(token)) {
      if (named === TOKEN_GRANT) {
        throw unauthorized('/v3/grants/me/… needs an access token; with the API key, name the grant.');
      }
      return next();
    }
    const access = deps.store.accessTokens.lookup(token, deps.now());
    const grantId = access?.live ? access.record.grantId : undefined;
    if (grantId === undefined || (named !== TOKEN_GRANT && deps.store.grants.find(named)?.id !== grantId)) {
      throw refusedToken(c, deps, access, 'This access token belongs to another grant.');
    }
    c.set('tokenGrantId', grantId);
    await next();
  };

/**
 * The grant of a live access token presented on a call, else undefined (no token, the API key, a
 * session id, or a token that opens nothing: the call's own checks then refuse it as before).
 */
export function accessTokenGrantOf(c: AppContext, deps: Deps): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  if (!match || match[1]!.length > MAX_TOKEN_LENGTH || deps.isApiKey(match[1]!)) return undefined;
  const access = deps.store.accessTokens.lookup(match[1]!, deps.now());
  return access?.live ? access.record.grantId : undefined;
}

/** The caller of a browser endpoint. A bearer token that is not the API key must be a live session. */
export function callerOf(c: AppContext, deps: Deps): Caller {
  const token = bearerToken(c, deps);
  if (token === undefined) return { kind: 'public' };
  if (deps.isApiKey(token)) return { kind: 'api_key' };
  const session = deps.store.sessions.live(token, deps.now());
  if (!session) throw failed(c, deps, sessionGone());
  return { kind: 'session', configurationId: session.configurationId };
}

/**
 * The configuration a browser call addresses, or undefined when an API key caller names none and
 * `required` is false. Sessions are bound to their configuration; anonymous callers reach public
 * configurations only.
 */
export function configurationOf(
  c: AppContext,
  deps: Deps,
  caller: Caller,
  required: boolean,
): ConfigurationRecord | undefined {
  const { configuration_id: id, slug, client_id: clientId } = c.req.query();
  const { configurations } = deps.store;

  if (caller.kind === 'session') {
    const own = configurations.get(caller.configurationId);
    if (!own) throw sessionGone();
    if ((id && id.toLowerCase() !== own.id) || (slug && slug !== own.body.slug)) {
      throw unauthorized('This session belongs to another configuration.');
    }
    return own;
  }

  if (!id && !slug) {
    if (caller.kind === 'api_key' && !required) return undefined;
    throw caller.kind === 'api_key'
      ? invalidRequest('configuration_id: Required (or slug)')
      : unauthorized(
          'Authenticate with a session (Authorization: Bearer <session id>) or name a public configuration with configuration_id.',
        );
  }
  if (caller.kind === 'public' && !id && !clientId) throw invalidRequest('client_id: Required with slug');
  const found = id ? configurations.get(id) : configurations.bySlug(slug!);
  if (!found) throw notFound(id ? `Configuration ${id} not found.` : `No configuration has the slug "${slug}".`);
  if (caller.kind === 'public' && found.body.requires_session_auth) {
    throw unauthorized('This configuration is private: call it with a session (Authorization: Bearer <session id>).');
  }
  return found;
}
