import type { MiddlewareHandler } from 'hono';
import { ApiError, type AppEnv } from './http.js';

const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window per client address. Counters of all addresses reset together when
 * the minute turns, so memory is bounded by the addresses seen in one minute.
 */
export function rateLimit(perMinute: number, now: () => number): MiddlewareHandler<AppEnv> {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return async (c, next) => {
    const time = now();
    if (time - windowStart >= WINDOW_MS) {
      windowStart = time - (time % WINDOW_MS);
      counts = new Map();
    }
    const address = c.env?.incoming?.socket?.remoteAddress ?? 'local';
    const count = (counts.get(address) ?? 0) + 1;
    counts.set(address, count);
    if (count > perMinute) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + WINDOW_MS - time) / 1000));
      throw new ApiError(429, 'rate_limit_error', `Too many requests; try again in ${retryAfter} s.`, {
        'Retry-After': String(retryAfter),
      });
    }
    await next();
  };
}
