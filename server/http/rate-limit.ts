import { isIP } from 'node:net';
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
  '      e.g. --rate-limit off, --rate-limit availability=300,bookings=30, --rate-limit bookings=10;',
  `      while limiting is on, an address that presents ${FAILED_KEYS_PER_MINUTE} wrong API keys or session ids in a minute gets 429`,
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

/** Addresses counted in one minute; later ones share one budget (the overflow), so memory stays bounded. */
export const MAX_CLIENTS = 10_000;
/** A key is at most this long (an IPv6 address with a zone fits). */
const MAX_KEY_LENGTH = 64;
const OVERFLOW = '\u0000overflow';

/**
 * Counts per client in a fixed one-minute window. Counters of all clients reset together when the
 * minute turns; at most `maxClients` clients are kept, later ones count together as one.
 */
class MinuteCounts {
  #windowStart = 0;
  #counts = new Map<string, number>();
  readonly now: () => number;
  readonly maxClients: number;
  constructor(now: () => number, maxClients: number) {
    this.now = now;
    this.maxClients = maxClients;
  }

  #key(client: string): string {
    this.#roll();
    const key = client.slice(0, MAX_KEY_LENGTH);
    return this.#counts.has(key) || this.#counts.size < this.maxClients ? key : OVERFLOW;
  }

  #roll(): void {
    const time = this.now();
    if (time - this.#windowStart >= WINDOW_MS) {
      this.#windowStart = time - (time % WINDOW_MS);
      this.#counts = new Map();
    }
  }

  count(client: string): number {
    const key = this.#key(client); // first: it may start a new minute (a new map)
    return this.#counts.get(key) ?? 0;
  }

  add(client: string): number {
    const key = this.#key(client);
    const count = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, count);
    return count;
  }

  tooMany(): ApiError {
    const retryAfter = Math.max(1, Math.ceil((this.#windowStart + WINDOW_MS - this.now()) / 1000));
    return new ApiError('rate_limit_error', `Too many requests; try again in ${retryAfter} s.`, 429, {
      'Retry-After': String(retryAfter),
    });
  }
}

export interface RateLimitOptions {
  perMinute: number;
  /** The clock in milliseconds (the app's, so tests move it instead of waiting a minute). */
  now: () => number;
  /** Who is asking: the client address (see `--trust-proxy`). */
  clientOf: (c: AppContext) => string;
  /** Requests that are not counted (the API key's). */
  exempt: (c: AppContext) => boolean;
  /** At most this many addresses a minute (default MAX_CLIENTS). */
  maxClients?: number;
}

/**
 * A fixed one-minute window per client address. Counters of all addresses reset together when
 * the minute turns, and at most `maxClients` addresses are kept: memory is bounded whatever the
 * addresses seen.
 */
export function rateLimit({
  perMinute,
  now,
  clientOf,
  exempt,
  maxClients = MAX_CLIENTS,
}: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const counts = new MinuteCounts(now, maxClients);
  return async (c, next) => {
    if (exempt(c)) return next();
    if (counts.add(clientOf(c)) > perMinute) throw counts.tooMany();
    await next();
  };
}

/** Who may still present a token this minute, and the record of the ones that failed. */
export interface KeyFailures {
  /** Throws 429 when the caller's address failed FAILED_KEYS_PER_MINUTE times this minute. */
  assertMayTry(c: AppContext): void;
  failed(c: AppContext): void;
}

/** Failed API keys (and session ids) counted per client address: a key cannot be guessed at speed. */
export function keyFailures(now: () => number, clientOf: (c: AppContext) => string): KeyFailures {
  const counts = new MinuteCounts(now, MAX_CLIENTS);
  return {
    assertMayTry: (c) => {
      if (counts.count(clientOf(c)) >= FAILED_KEYS_PER_MINUTE) throw counts.tooMany();
    },
    failed: (c) => void counts.add(clientOf(c)),
  };
}

/**
 * The client's address: the socket's peer, or behind a trusted reverse proxy the right-most
 * address of X-Forwarded-For (the one that proxy appended; earlier ones come from the client and
 * prove nothing). A right-most hop that is not an IP address is no client address: the request
 * counts as the proxy's own.
 */
export function clientAddress(trustProxy: boolean): (c: AppContext) => string {
  return (c) => {
    const peer = c.env?.incoming?.socket?.remoteAddress ?? 'local';
    if (!trustProxy) return peer;
    const header = c.req.header('x-forwarded-for') ?? '';
    const forwarded = header.slice(header.lastIndexOf(',') + 1).trim();
    return isIP(forwarded) ? forwarded : peer;
  };
}
