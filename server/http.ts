/** Envelopes, API errors and request parsing shared by every route. */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { EmptyEnvelope, ErrorEnvelope, ListEnvelope, SuccessEnvelope } from '../src/contract/guest.js';

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

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** No request of this API nests deeper than a few levels; free-form maps get this much room. */
export const MAX_JSON_DEPTH = 32;

/**
 * How deeply `text` nests arrays and objects, counting brackets outside strings; stops counting
 * past `limit`. Checked before parsing: JSON.parse copes with deep input, but everything after it
 * that walks the value recursively (validation, JSON.stringify when storing) runs out of stack.
 */
function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return false;
}

/**
 * The request body as JSON; `undefined` when there is none. A body needs a JSON content type
 * (415 otherwise), must parse and nest at most MAX_JSON_DEPTH levels (400 otherwise). The size was
 * already limited by the app.
 */
export async function readJson(c: AppContext): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new ApiError(415, 'invalid_request_error', 'Send the request body as JSON with Content-Type: application/json.');
  }
  if (nestingExceeds(text, MAX_JSON_DEPTH)) {
    throw invalidRequest(`The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest('The request body is not valid JSON.');
  }
}

const fieldPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );

/** `value` checked against `schema`; a 400 naming the offending fields otherwise. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what = 'body'): z.output<S> {
  const result = schema.safeParse(value, {
    error: (issue) => (issue.input === undefined ? 'Required' : undefined),
  });
  if (result.success) return result.data;
  const described = result.error.issues
    .slice(0, 3)
    .map((issue) => `${fieldPath(issue.path) || what}: ${issue.message}`);
  throw invalidRequest(described.join('; '));
}

/** A JSON body checked against `schema`; a missing body counts as `{}`. */
export async function parseBody<S extends z.ZodType>(c: AppContext, schema: S): Promise<z.output<S>> {
  const body = await readJson(c);
  return parse(schema, body === undefined ? {} : body);
}

export const parseQuery = <S extends z.ZodType>(c: AppContext, schema: S): z.output<S> =>
  parse(schema, c.req.query(), 'query');
