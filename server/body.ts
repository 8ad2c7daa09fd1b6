import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { ApiError, invalidRequest, type AppEnv } from './http.js';

const tooLarge = (maxBytes: number) =>
  new ApiError(413, 'invalid_request_error', `The request body is larger than ${maxBytes} bytes.`);

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
