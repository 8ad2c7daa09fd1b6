import type { ErrorEnvelope } from '../contract/guest.js';
import { isTimeslotUnavailable } from '../contract/slot-taken.js';

/**
 * What the widget can meet: the API's own error types, plus the ones only a client sees.
 * `network`: the request never got an answer (offline, refused, dropped); `timeout`: no answer in
 * time; `bad_response`: an answer that is not the contract's JSON; `session_full` and
 * `session_changed`: the group session a guest picked filled up, or moved or went, meanwhile.
 */
export type ClientErrorType = 'network' | 'timeout' | 'bad_response' | 'aborted' | 'session_full' | 'session_changed';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
    /** Seconds, from a `Retry-After` header. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  /** The event detail of `scheduler-error`. */
  toJSON(): { type: string; message: string; status: number } {
    return { type: this.type, message: this.message, status: this.status };
  }
}

/** An unavailable slot is recognised by its type or its message, whatever the status. */
export const isSlotTaken = (error: unknown): boolean => error instanceof ApiError && isTimeslotUnavailable(error);

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
