import type { MiddlewareHandler } from 'hono';
import { ApiError, type AppContext, type AppEnv } from './envelope.js';

const WINDOW_MS = 60_000;
/** Failed API keys an address may present a minute (then 429 until the minute turns). */
export const FAILED_KEYS_PER_MINUTE = 20;

/**
 * Requests per minute per client address, each public route counted on its own: `availability`
 * for the reads (availability, ui-settings, reading a booking), `bookings` for the writes (booking,
 * rescheduling, cancelling, confirming). Calls with the API key are not limited.
 */
export interface RateLimits {
  availabilityPerMinute: number;
  bookingsPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { availabilityPerMinute: 600, bookingsPerMinute: 60 };

/** The `--rate-limit` forms, for the CLI's usage text. */
export const RATE_LIMIT_USAGE = [
  '--rate-limit off | availability=<n>,bookings=<n>',
  '      requests per minute per client address on each public route: availability=<n> for GET',
  '      availability, ui-settings and bookings/{id}; bookings=<n> for POST bookings and for booking',
  `      changes (PATCH, DELETE, PUT) (default availability=${DEFAULT_RATE_LIMITS.availabilityPerMinute},bookings=${DEFAULT_RATE_LIMITS.bookingsPerMinute};`,
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

export interface RateLimitOptions {
  perMinute: number;
  /** The clock in milliseconds (the app's, so tests move it instead of waiting a minute). */
  now: () => number;
  /** Who is asking: the client address (see `--trust-proxy`). */
  clientOf: (c: AppContext) => string;
  /** Requests that are not counted (the API key's). */
  exempt: (c: AppContext) => boolean;
}

/**
 * A fixed one-minute window per client address. Counters of all addresses reset together when
 * the minute turns, so memory is bounded by the addresses seen in one minute.
 */
export function rateLimit({ perMinute, now, clientOf, exempt }: RateLimitOptions): MiddlewareHandler<AppEnv> {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return async (c, next) => {
    if (exempt(c)) return next();
    const time = now();
    if (time - windowStart >= WINDOW_MS) {
      windowStart = time - (time % WINDOW_MS);
      counts = new Map();
    }
    const address = clientOf(c);
    const count = (counts.get(address) ?? 0) + 1;
    counts.set(address, count);
    if (count > perMinute) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + WINDOW_MS - time) / 1000));
      throw new ApiError('rate_limit_error', `Too many requests; try again in ${retryAfter} s.`, 429, {
        'Retry-After': String(retryAfter),
      });
    }
    await next();
  };
}

/**
 * The client's address: the socket's peer, or behind a trusted reverse proxy the last address of
 * X-Forwarded-For (the one that proxy appended; earlier ones come from the client and prove
 * nothing).
 */
export function clientAddress(trustProxy: boolean): (c: AppContext) => string {
  return (c) => {
    const peer = c.env?.incoming?.socket?.remoteAddress ?? 'local';
    if (!trustProxy) return peer;
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    return forwarded || peer;
  };
}
