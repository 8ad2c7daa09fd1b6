/** Request bodies: read whole within the size limit, JSON with a bounded depth, checked by zod schemas. */
import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { parse } from '../validation.js';
import { ApiError, invalidRequest, type AppContext, type AppEnv } from './envelope.js';

const tooLarge = (maxBytes: number) =>
  new ApiError('invalid_request_error', `The request body is larger than ${maxBytes} bytes.`, 413);

/**
 * The request body, read whole from the socket; undefined when it exceeds `maxBytes`. The rest of
 * an oversized body keeps flowing into nowhere: closing a socket with unread bytes makes the
 * kernel send a reset, and the client would lose the 413. (Node's request timeout bounds a
 * never-ending body.)
 */
function collect(incoming: IncomingMessage, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      incoming.off('data', onData);
      incoming.resume();
      resolve(undefined);
    };
    incoming.on('data', onData);
    incoming.once('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    incoming.once('close', () => {
      if (!incoming.readableEnded) reject(invalidRequest('The request body was cut off.'));
    });
  });
}

/**
 * Reads every request body up front, within the limit, so no route ever leaves unread bytes on
 * the connection. The app needs the Node server's own body cleanup off (`autoCleanupIncoming:
 * false`): it gives up draining after half a second and resets the connection.
 */
export function bodyReader(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const incoming = c.env?.incoming;
    if (Number(c.req.header('content-length')) > maxBytes) {
      incoming?.resume();
      throw tooLarge(maxBytes);
    }
    const body = incoming ? await collect(incoming, maxBytes) : new Uint8Array(await c.req.raw.arrayBuffer());
    if (body === undefined || body.byteLength > maxBytes) throw tooLarge(maxBytes);
    c.req.raw = new Request(c.req.url, { method: c.req.method, headers: c.req.raw.headers, body });
    await next();
  };
}

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
      if (code === 0x5c)
        i++; // backslash: skip the escaped character
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
    throw new ApiError(
      'invalid_request_error',
      'Send the request body as JSON with Content-Type: application/json.',
      415,
    );
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

export { parse };

/** A JSON body checked against `schema`; a missing body counts as `{}`. */
export async function parseBody<S extends z.ZodType>(c: AppContext, schema: S): Promise<z.output<S>> {
  const body = await readJson(c);
  return parse(schema, body === undefined ? {} : body);
}

export const parseQuery = <S extends z.ZodType>(c: AppContext, schema: S): z.output<S> =>
  parse(schema, c.req.query(), 'query');
