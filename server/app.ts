/**
 * The local Scheduler API as a Hono app: the HTTP layer (request ids, CORS, limits, envelopes for
 * every answer) around one route module per resource.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { fileURLToPath } from 'node:url';
import { assetFolders, assetRoutes, type AssetFolders } from './http/assets.js';
import { apiKeyMatcher, carriesApiKey } from './http/auth.js';
import { bodyReader } from './http/body.js';
import { corsPolicy } from './http/cors.js';
import type { Deps } from './deps.js';
import { DomainError } from './domain-errors.js';
import { ApiError, invalidRequest, notFound, sendError, type AppContext, type AppEnv } from './http/envelope.js';
import { clientAddress, DEFAULT_RATE_LIMITS, keyFailures, rateLimit, type RateLimits } from './http/rate-limit.js';
import { availabilityRoutes } from './routes/availability.js';
import { bookingRoutes } from './routes/bookings.js';
import { calendarRoutes } from './routes/calendars.js';
import { grantRoutes } from './routes/grants.js';
import { CalendarSyncer } from './calendars/worker.js';
import { configurationRoutes } from './routes/configurations.js';
import { eventRoutes } from './routes/events.js';
import { groupEventRoutes } from './routes/group-events.js';
import { sessionRoutes } from './routes/sessions.js';
import { tokenRoutes } from './routes/tokens.js';
import { uiSettingsRoutes } from './routes/ui-settings.js';
import { webhookRoutes } from './routes/webhooks.js';
import type { Store } from './store/index.js';

export type { RateLimits } from './http/rate-limit.js';

export interface AppOptions {
  store: Store;
  apiKey: string;
  /** Origins allowed to call from a browser; undefined allows any. */
  corsOrigins?: string[];
  /** The clock in milliseconds (tests pin it). */
  now?: () => number;
  bodyLimitBytes?: number;
  /** Per client address; `false` turns limiting off. */
  rateLimit?: RateLimits | false;
  /** Test-only: see Deps.onSlotChecked. */
  onSlotChecked?: () => void;
  /** Behind a reverse proxy: the client address is the last one of X-Forwarded-For. Never by default. */
  trustProxy?: boolean;
  /** The built components served beside the API; by default this repository's `dist/` folders. */
  assets?: AssetFolders;
  /** The connected calendars' sync; without one, a sync that runs only when asked (connect, booking). */
  calendars?: CalendarSyncer;
}

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** Longer request targets are refused with 414; Node refuses headers over 16 KiB itself (see start.ts). */
export const MAX_URL_LENGTH = 8192;

const unlimited: MiddlewareHandler<AppEnv> = (_c, next) => next();

/** Every other method (TRACE, PROPFIND, ...) gets 405; CONNECT is answered by the server (start.ts). */
export const SERVED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export function createApp(options: AppOptions): Hono<AppEnv> {
  const now = options.now ?? Date.now;
  const limits = options.rateLimit ?? DEFAULT_RATE_LIMITS;
  const clientOf = clientAddress(options.trustProxy ?? false);
  const deps: Deps = {
    store: options.store,
    now,
    isApiKey: apiKeyMatcher(options.apiKey),
    calendars: options.calendars ?? new CalendarSyncer({ store: options.store, now }),
    onSlotChecked: options.onSlotChecked,
    keyFailures: limits ? keyFailures(now, clientOf) : undefined,
  };
  const exempt = (c: AppContext) => carriesApiKey(c, deps);
  /** A fresh limiter (its own counters) for one public route. */
  const limiter = (key: keyof RateLimits): MiddlewareHandler<AppEnv> =>
    limits ? rateLimit({ perMinute: limits[key], now, clientOf, exempt }) : unlimited;

  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    if (!SERVED_METHODS.includes(c.req.method)) {
      throw new ApiError('invalid_request_error', `This API does not serve ${c.req.method} requests.`, 405, {
        Allow: SERVED_METHODS.join(', '),
      });
    }
    await next();
  });
  const cors = corsPolicy(options.corsOrigins, SERVED_METHODS);
  app.use('/v3/*', cors);
  app.use(async (c, next) => {
    if (c.req.url.length > MAX_URL_LENGTH) {
      throw new ApiError('invalid_request_error', `The URL is longer than ${MAX_URL_LENGTH} characters.`, 414);
    }
    const incoming = c.env?.incoming;
    if (incoming && incoming.httpVersion !== '1.0' && incoming.headers.host === undefined) {
      throw invalidRequest('An HTTP/1.1 request needs a Host header.');
    }
    await next();
  });
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        sendError(
          c,
          new ApiError(
            'invalid_request_error',
            `${c.req.method} is not allowed on ${c.req.path}; use ${methods.join(', ')}.`,
            405,
            {
              Allow: methods.join(', '),
            },
          ),
        ),
    }),
  );
  app.use(bodyReader(options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES));

  app.route('/v3', configurationRoutes(deps));
  app.route('/v3', sessionRoutes(deps));
  app.route('/v3', uiSettingsRoutes(deps, limiter('availabilityPerMinute')));
  app.route('/v3', availabilityRoutes(deps, limiter('availabilityPerMinute')));
  app.route(
    '/v3',
    bookingRoutes(deps, {
      read: limiter('availabilityPerMinute'),
      create: limiter('bookingsPerMinute'),
      change: limiter('bookingsPerMinute'),
    }),
  );
  app.route('/v3', calendarRoutes(deps));
  app.route('/v3', grantRoutes(deps));
  app.route('/v3', eventRoutes(deps));
  app.route('/v3', groupEventRoutes(deps, limiter('availabilityPerMinute')));
  app.route('/v3', webhookRoutes(deps));
  app.route('/v3', tokenRoutes(deps));
  app.route('/', assetRoutes(options.assets ?? assetFolders(DIST), cors));

  app.notFound((c) => sendError(c, notFound(`There is no ${c.req.method} ${c.req.path} in this API.`)));
  app.onError((error, c) => {
    if (error instanceof ApiError || error instanceof DomainError) return sendError(c, error);
    console.error(`request ${c.var.requestId} failed:`, error);
    return sendError(
      c,
      new ApiError('internal_error', `Something went wrong on our side (request ${c.var.requestId}).`, 500),
    );
  });

  return app;
}
