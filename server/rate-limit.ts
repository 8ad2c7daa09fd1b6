import type { MiddlewareHandler } from 'hono';
import { ApiError, type AppEnv } from './http.js';

const WINDOW_MS = 60_000;

/** Requests per minute per client address. */
export interface RateLimits {
  availabilityPerMinute: number;
  bookingsPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { availabilityPerMinute: 600, bookingsPerMinute: 60 };

/** The `--rate-limit` forms, for the CLI's usage text. */
export const RATE_LIMIT_USAGE = [
  '--rate-limit off | availability=<n>,bookings=<n>',
  '      requests per minute per client address on GET /v3/scheduling/availability and',
  `      POST /v3/scheduling/bookings (default availability=${DEFAULT_RATE_LIMITS.availabilityPerMinute},bookings=${DEFAULT_RATE_LIMITS.bookingsPerMinute};`,
  '      a key left out keeps its default); over it: 429 rate_limit_error with Retry-After',
  '      e.g. --rate-limit off, --rate-limit availability=300,bookings=30, --rate-limit bookings=10',
].join('\n');

const KEYS = { availability: 'availabilityPerMinute', bookings: 'bookingsPerMinute' } as const;

/**
 * The value of `--rate-limit`: `off`, or `availability=<n>,bookings=<n>` with either key alone.
 * Throws an Error naming the problem.
 */
export function parseRateLimit(text: string): RateLimits | false {
  if (text.trim() === 'off') return false;
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS };
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const match = /^\s*([a-z]+)\s*=\s*(\d{1,9})\s*$/.exec(part);
    const key = match?.[1];
    if (!match || !key || !Object.hasOwn(KEYS, key) || seen.has(key) || Number(match[2]) < 1) {
      throw new Error(`--rate-limit: "${text}" is not "off" or availability=<n>,bookings=<n> (n >= 1)`);
    }
    seen.add(key);
    limits[KEYS[key as keyof typeof KEYS]] = Number(match[2]);
  }
  return limits;
}

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
