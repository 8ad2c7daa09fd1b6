/** Envelopes, API errors and request parsing shared by every route. */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { EmptyEnvelope, ErrorEnvelope, ErrorType, ListEnvelope, SuccessEnvelope } from '../../src/contract/guest.js';

export interface AppEnv {
  /** Absent when the app is called without a Node server (`app.request` in tests). */
  Bindings: Partial<HttpBindings>;
  Variables: { requestId: string };
}

export type AppContext = Context<AppEnv>;

/** The only error types this API answers (the contract's): a more specific reason goes in the message. */
export type { ErrorType };

/** A refusal: its type, a message a person can act on, its status. */
export class ApiError extends Error {
  /** The widget's `ApiError` takes the same order: type, message, status, then what else the answer carries. */
  constructor(
    readonly type: ErrorType,
    message: string,
    readonly status: ContentfulStatusCode,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const invalidRequest = (message: string) => new ApiError('invalid_request_error', message, 400);
export const notFound = (message: string) => new ApiError('not_found_error', message, 404);

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
