/** Envelopes, API errors and request parsing shared by every route. */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { EmptyEnvelope, ErrorEnvelope, ListEnvelope, SuccessEnvelope } from '../../src/contract/guest.js';

export interface AppEnv {
  /** Absent when the app is called without a Node server (`app.request` in tests). */
  Bindings: Partial<HttpBindings>;
  Variables: { requestId: string };
}

export type AppContext = Context<AppEnv>;

/**
 * The only error types this API answers: the ones Nylas clients know. A more specific reason (a
 * wrong salt, a passed cancellation notice, a body too large) goes in the message.
 */
export type ErrorType =
  | 'invalid_request_error'
  | 'unauthorized'
  | 'invalid_session'
  | 'not_found_error'
  | 'timeslot_not_available'
  | 'rate_limit_error'
  | 'internal_error';

/** A refusal with its status, type and a message a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: ErrorType,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const invalidRequest = (message: string) => new ApiError(400, 'invalid_request_error', message);
export const notFound = (message: string) => new ApiError(404, 'not_found_error', message);

export const errorEnvelope = (requestId: string, type: ErrorType, message: string): ErrorEnvelope => ({
  request_id: requestId,
  error: { type, message },
});

export const sendError = (c: AppContext, error: ApiError) =>
  c.json(errorEnvelope(c.var.requestId, error.type, error.message), error.status, error.headers);

export const ok = <T>(c: AppContext, data: T) =>
  c.json<SuccessEnvelope<T>>({ request_id: c.var.requestId, data });

export const okList = <T>(c: AppContext, data: T[], nextCursor: string | null) =>
  c.json<ListEnvelope<T>>({ request_id: c.var.requestId, data, next_cursor: nextCursor });

export const okEmpty = (c: AppContext) => c.json<EmptyEnvelope>({ request_id: c.var.requestId });
