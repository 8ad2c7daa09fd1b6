import type { ErrorEnvelope, ErrorType } from '../contract/guest.js';
import { isTimeslotUnavailable } from '../contract/slot-taken.js';

/**
 * The error types only a client sees. `network`: the request never got an answer (offline, refused,
 * dropped); `timeout`: no answer in time; `bad_response`: an answer that is not the contract's JSON;
 * `aborted`: superseded by a newer request; `invalid_ref`: a booking ref that does not decode;
 * `session_full`, `session_changed`: the group session a guest picked filled up, or moved or went;
 * `not_configured`: no `configuration-id`, `session-id` or `slug` (with `client-id`);
 * `invalid_api_url`: an `api-url` that is neither an http(s) URL nor a path (`/…`, `./…`);
 * `cancellation_notice`: too close to the booking's start to cancel (`min_cancellation_notice`), found before
 * asking (told by the cancel view, which offers no retry).
 */
export type ClientErrorType =
  | 'network'
  | 'timeout'
  | 'bad_response'
  | 'aborted'
  | 'invalid_ref'
  | 'session_full'
  | 'session_changed'
  | 'not_configured'
  | 'invalid_api_url'
  | 'cancellation_notice';

/**
 * Every error type the widget can meet: the API's own, plus the client's. An API may send a type
 * not listed here; it is kept as sent, and the widget treats it by its status.
 */
export type WidgetErrorType = ErrorType | ClientErrorType;

/** Errors a retry cannot fix without something else changing first (a new session, another link). */
const PERMANENT: WidgetErrorType[] = [
  'invalid_session',
  'unauthorized',
  'not_found_error',
  'invalid_ref',
  'session_full',
  'session_changed',
  'not_configured',
  'invalid_api_url',
];

/** Arguments in the order of the error envelope: type, message, then the HTTP status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly type: WidgetErrorType,
    message: string,
    readonly status: number,
    /** Seconds, from a `Retry-After` header. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  /** The event detail of `scheduler-error`. */
  toJSON(): { type: WidgetErrorType; message: string; status: number } {
    return { type: this.type, message: this.message, status: this.status };
  }

  /** Somebody else took the slot: choosing another time, not retrying, is the way on. */
  get slotUnavailable(): boolean {
    return isTimeslotUnavailable(this);
  }

  /** Trying the same again may work. */
  get retryable(): boolean {
    return !this.slotUnavailable && !PERMANENT.includes(this.type);
  }
}

/** An unavailable slot is recognised by its type or its message, whatever the status. */
export const isSlotTaken = (error: unknown): boolean => error instanceof ApiError && error.slotUnavailable;

export const isAbort = (error: unknown): boolean => error instanceof ApiError && error.type === 'aborted';

export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  const error = (body as ErrorEnvelope | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.type === 'string';
}

/** Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - nowMs) / 1000;
  return Number.isFinite(seconds) ? Math.min(Math.max(Math.ceil(seconds), 0), 3600) : undefined;
}
