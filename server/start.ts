/** Running the local Scheduler API: as its own HTTP server, or as a listener another server mounts. */
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener, RequestError } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp, MAX_URL_LENGTH, SERVED_METHODS, type AppOptions, type RateLimits } from './app.js';
import { errorEnvelope, type AppEnv } from './http/envelope.js';
import { Notifier, type NotifierOptions } from './notify/notifier.js';
import { writeBack } from './calendars/write-back.js';
import { CalendarSyncer, type CalendarSyncOptions } from './calendars/worker.js';
import { seedDemo, type DemoSeed } from './seed.js';
import { openStore, type Store } from './store/index.js';

export interface StartOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  dbPath: string;
  /** Else `SCHEDULER_API_KEY`, else a generated one (loopback hosts only). */
  apiKey?: string;
  seed?: 'demo';
  corsOrigins?: string[];
  rateLimit?: RateLimits | false;
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy). */
  trustProxy?: boolean;
  /** Test-only: see Deps.onSlotChecked. */
  onSlotChecked?: () => void;
  /** The clock in milliseconds (tests pin it). */
  now?: () => number;
  bodyLimitBytes?: number;
  /** Where mail goes (`--smtp-url`, else `SMTP_URL`); without one it is kept in the local mailbox. */
  smtpUrl?: string;
  /** The sender address (`--mail-from`, else `MAIL_FROM`). */
  mailFrom?: string;
  /** What relative reschedule/cancel/confirm URLs in mails are resolved against. */
  linkBase?: string;
  /** The built components served beside the API (tests); by default this repository's `dist/`. */
  assets?: AppOptions['assets'];
  /** Test and bench only: retry timing of the notifier. */
  notify?: Pick<NotifierOptions, 'retryBaseMs' | 'webhookRetryBaseMs' | 'emailAttempts' | 'concurrency' | 'onSettled'>;
  /** How often and how long connected calendars are synced. */
  calendarSync?: CalendarSyncOptions;
}

/**
 * The notifier of a store: mail to `smtpUrl` (else SMTP_URL, else the local mailbox), sender
 * `mailFrom` (else MAIL_FROM). SCHEDULER_NOTIFY_RETRY_MS (tests, bench) sets the first retry delay.
 */
function startNotifier(
  store: Store,
  now: () => number,
  options: Pick<StartOptions, 'smtpUrl' | 'mailFrom' | 'linkBase' | 'notify'>,
): Notifier {
  const retry = Number(process.env.SCHEDULER_NOTIFY_RETRY_MS) || undefined;
  const notifier = new Notifier({
    store,
    now,
    smtpUrl: options.smtpUrl ?? (process.env.SMTP_URL || undefined),
    mailFrom: options.mailFrom ?? (process.env.MAIL_FROM || undefined),
    linkBase: options.linkBase,
    writeCalendar: (row, signal) => writeBack({ store, now }, row, signal),
    retryBaseMs: retry,
    webhookRetryBaseMs: retry,
    ...options.notify,
  });
  notifier.start();
  return notifier;
}

export interface RunningServer {
  url: string;
  port: number;
  apiKey: string;
  keyGenerated: boolean;
  seeded?: DemoSeed;
  store: Store;
  notifier: Notifier;
  calendars: CalendarSyncer;
  close(): Promise<void>;
}

/** Node refuses a request line plus headers over this many bytes before the app sees them. */
const MAX_HEADER_BYTES = 16 * 1024;

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || /^::ffff:127\./.test(host);

function resolveApiKey(explicit: string | undefined, host: string): { apiKey: string; keyGenerated: boolean } {
  const given = explicit ?? process.env.SCHEDULER_API_KEY;
  if (given) return { apiKey: given, keyGenerated: false };
  if (!isLoopback(host)) {
    throw new Error(
      `Refusing to listen on ${host} without an API key: set SCHEDULER_API_KEY (only loopback hosts get a generated one).`,
    );
  }
  return { apiKey: `dev_${randomBytes(24).toString('base64url')}`, keyGenerated: true };
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

/** Writes an error envelope straight to a socket and closes it (no Node response object exists). */
function answerRaw(
  socket: Duplex,
  status: number,
  message: string,
  options: { head?: boolean; allow?: string } = {},
): void {
  const requestId = randomUUID();
  const body = JSON.stringify(errorEnvelope(requestId, 'invalid_request_error', message));
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      (options.allow ? `Allow: ${options.allow}\r\n` : '') +
      `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${options.head ? '' : body}`,
  );
}

/**
 * Requests Node's parser rejects before the app sees them (oversized or malformed head, a method
 * it does not know) still get the contract's JSON envelope. An oversized head whose request line
 * alone is too long is a 414.
 */
function answerClientError(error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  // The answer to a HEAD has no body: a client reads anything after the head as garbage.
  const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    const lineEnd = error.rawPacket?.indexOf('\r\n') ?? -1;
    if (lineEnd === -1 || lineEnd > MAX_URL_LENGTH)
      answerRaw(socket, 414, `The URL is longer than ${MAX_URL_LENGTH} characters.`, { head });
    else answerRaw(socket, 431, `The request headers are larger than ${MAX_HEADER_BYTES} bytes.`, { head });
  } else if (error.code === 'HPE_INVALID_METHOD') {
    answerRaw(socket, 405, 'This API does not serve that request method.', { allow: SERVED_METHODS.join(', ') });
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    answerRaw(socket, 408, 'The request took too long to arrive.', { head });
  } else {
    answerRaw(socket, 400, 'The request is not valid HTTP.', { head });
  }
}

/**
 * Requests the Node adapter cannot turn into a URL (a Host header that is no host name, a
 * backslash in the path, `*` or a broken absolute URL as the target) still get an envelope: by
 * default the adapter answers them with an empty 400.
 */
function adapterError(error: unknown): Response {
  const requestId = randomUUID();
  const [status, type, message] =
    error instanceof RequestError
      ? ([400, 'invalid_request_error', `The request target or Host header is not valid (${error.message}).`] as const)
      : ([500, 'internal_error', `Something went wrong on our side (request ${requestId}).`] as const);
  if (status === 500) console.error(`request ${requestId} failed:`, error);
  return new Response(JSON.stringify(errorEnvelope(requestId, type, message)), {
    status,
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId },
  });
}

/**
 * The app as a Node request listener. The app drains request bodies itself (body.ts), so the
 * adapter's own cleanup is off: it gives up draining after a moment and resets the connection.
 * `localhost` stands in for a missing Host header (HTTP/1.0; the app refuses HTTP/1.1 without one).
 */
const nodeListener = (app: Hono<AppEnv>) =>
  getRequestListener(app.fetch, { autoCleanupIncoming: false, errorHandler: adapterError, hostname: 'localhost' });

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const { apiKey, keyGenerated } = resolveApiKey(options.apiKey, host);
  const store = openStore(options.dbPath);
  try {
    const now = options.now ?? Date.now;
    const seeded = options.seed === 'demo' ? seedDemo(store, now()) : undefined;
    const notifier = startNotifier(store, now, options);
    const calendars = new CalendarSyncer({ store, now }, options.calendarSync);
    calendars.start();
    const app = createApp({
      store,
      apiKey,
      now,
      calendars,
      ...(options.corsOrigins && { corsOrigins: options.corsOrigins }),
      ...(options.rateLimit !== undefined && { rateLimit: options.rateLimit }),
      ...(options.trustProxy && { trustProxy: true }),
      ...(options.onSlotChecked && { onSlotChecked: options.onSlotChecked }),
      ...(options.bodyLimitBytes !== undefined && { bodyLimitBytes: options.bodyLimitBytes }),
      ...(options.assets && { assets: options.assets }),
    });
    // Node would answer an HTTP/1.1 request without Host with a bare 400 of its own; the app
    // answers it with an envelope instead.
    const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requireHostHeader: false }, nodeListener(app));
    server.on('clientError', answerClientError);
    // Node hands CONNECT to a 'connect' listener (without one it drops the connection).
    server.on('connect', (_request: IncomingMessage, socket: Duplex) =>
      answerRaw(socket, 405, 'This API does not serve CONNECT requests.', { allow: SERVED_METHODS.join(', ') }),
    );
    server.listen(options.port, host);
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      apiKey,
      keyGenerated,
      ...(seeded && { seeded }),
      store,
      notifier,
      calendars,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => {
            void Promise.all([notifier.stop(), calendars.stop()]).then(() => {
              store.close();
              resolve();
            });
          });
          server.closeIdleConnections();
        }),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

/**
 * The API as a plain Node request listener, for a dev server that serves the demo on the same
 * origin (`npm start`). Mount it at the root and hand it only `/v3/` requests: a mount path would
 * be stripped from `req.url`.
 */
export function createNodeListener(
  options: { dbPath: string; apiKey?: string; seed?: 'demo' } & Pick<StartOptions, 'smtpUrl' | 'mailFrom' | 'linkBase'>,
): {
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  /** The same API called in-process: no network, so nothing of a request (its Host) chooses where a call goes. */
  fetch: (request: Request) => Promise<Response>;
  apiKey: string;
  keyGenerated: boolean;
  seeded?: DemoSeed;
  store: Store;
  notifier: Notifier;
} {
  const { apiKey, keyGenerated } = resolveApiKey(options.apiKey, '127.0.0.1');
  const store = openStore(options.dbPath);
  const seeded = options.seed === 'demo' ? seedDemo(store, Date.now()) : undefined;
  const notifier = startNotifier(store, Date.now, options);
  const calendars = new CalendarSyncer({ store, now: Date.now });
  calendars.start();
  const app = createApp({ store, apiKey, calendars });
  const handle = nodeListener(app);
  return {
    listener: (req, res) => void handle(req, res),
    fetch: async (request) => app.fetch(request),
    apiKey,
    keyGenerated,
    ...(seeded && { seeded }),
    store,
    notifier,
  };
}
