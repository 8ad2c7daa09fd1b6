import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from './envelope.js';

/** CORS for browser clients: `origins` (undefined: any), the methods served; no credentials. */
export const corsPolicy = (origins: string[] | undefined, methods: string[]): MiddlewareHandler<AppEnv> =>
  cors({
    origin: origins ?? '*',
    allowMethods: methods.filter((method) => method !== 'HEAD'),
    // No allowHeaders: the preflight allows the headers the client asks for (Nylas's web
    // elements send X-Source, X-Nylas-Web-Elements-Version, ...). No credentials are used.
    exposeHeaders: ['Retry-After', 'X-Request-Id', 'X-Calendar-Age'],
    maxAge: 600,
  });
