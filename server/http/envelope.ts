/** Envelopes, API errors and request parsing shared by every route. */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AdminErrorType } from '../../src/contract/admin.js';
import type {
  EmptyEnvelope,
  ErrorEnvelope,
  ErrorType,
  ListEnvelope,
  SuccessEnvelope,
} from '../../src/contract/guest.js';
import { DomainError, type DomainErrorType } from '../domain-errors.js';

export interface AppEnv {
  /** Absent when the app is called without a Node server (`app.request` in tests). */
  Bindings: Partial<HttpBindings>;
  Variables: {
    requestId: string;
    /** The grant of the request's access token, when it carries one (`/v3/grants/me/…`). */
    tokenGrantId?: string;
  };
}

export type AppContext = Context<AppEnv>;

/** The only error types this API answers (the contract's): a more specific reason goes in the message. */
export type { ErrorType };

/** A refusal: its type, a message a person can act on, its status. */
export class ApiError extends Error {
  /** The widget's `ApiError` takes the same order: type, message, status, then what else the answer carries. */
  constructor(
    readonly type: AdminErrorType,
    message: string,
    readonly status: ContentfulStatusCode,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export { invalidRequest, notFound } from '../domain-errors.js';

const DOMAIN_STATUS: Record<DomainErrorType, ContentfulStatusCode> = {
  invalid_request_error: 400,
  not_found_error: 404,
  timeslot_not_available: 409,
};

/** A refusal as the API answers it: a domain refusal gets the status of its type. */
export const asApiError = (error: ApiError | DomainError): ApiError =>
  error instanceof DomainError ? new ApiError(error.type, error.message, DOMAIN_STATUS[error.type]) : error;

export const errorEnvelope = (requestId: string, type: AdminErrorType, message: string): ErrorEnvelope => ({
  request_id: requestId,
  error: { type, message },
});

export const sendError = (c: AppContext, refusal: ApiError | DomainError) => {
  const error = asApiError(refusal);
  return c.json(errorEnvelope(c.var.requestId, error.type, error.message), error.status, error.headers);
};

export const ok = <T>(c: AppContext, data: T) => c.json<SuccessEnvelope<T>>({ request_id: c.var.requestId, data });

export const okList = <T>(c: AppContext, data: T[], nextCursor: string | null) =>
  c.json<ListEnvelope<T>>({ request_id: c.var.requestId, data, next_cursor: nextCursor });

export const okEmpty = (c: AppContext) => c.json<EmptyEnvelope>({ request_id: c.var.requestId });
