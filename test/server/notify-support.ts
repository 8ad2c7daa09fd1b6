/**
 * Real parts for the mail and webhook tests: an SMTP server in the test process (smtp-server) whose
 * messages are read back with mailparser, a webhook receiver on 127.0.0.1 written from Nylas's docs
 * (answers the challenge, verifies X-Nylas-Signature), and the real API as a child process on a
 * database that survives it (for kill -9).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  parsed: ParsedMail;
  raw: string;
  messageId: string;
  to: string;
  subject: string;
}

export interface SmtpSink {
  url: string;
  mails: ReceivedMail[];
  /** What the next DATA gets: accept, a temporary refusal, or no answer at all (held until close). */
  answer: 'accept' | 'refuse' | 'hold';
  /** DATA commands seen (refused, held and accepted). */
  attempts: number;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  byMessageId(): Map<string, number>;
  close(): Promise<void>;
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const held: Array<() => void> = [];
  const sink: SmtpSink = {
    url: '',
    mails: [],
    answer: 'accept',
    attempts: 0,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (sink.mails.length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `expected ${count} mails, got ${sink.mails.length}: ${sink.mails.map((m) => m.subject).join(' | ')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return sink.mails;
    },
    byMessageId() {
      const counts = new Map<string, number>();
      for (const mail of sink.mails) counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
      return counts;
    },
    close: async () => {
      for (const release of held) release();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      // The answer is decided when DATA starts: a test that saw the attempt may change it for the next.
      const answer = sink.answer;
      sink.attempts++;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (answer === 'refuse') {
          const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
          return callback(error);
        }
        if (answer === 'hold') {
          held.push(() => callback(Object.assign(new Error('closing'), { responseCode: 421 })));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          sink.mails.push({
            parsed,
            raw,
            messageId: parsed.messageId ?? '',
            to: (Array.isArray(parsed.to) ? parsed.to[0] : parsed.to)?.value[0]?.address ?? '',
            subject: parsed.subject ?? '',
          });
          callback();
        });
      });
    },
  });
  // A client killed mid-session resets its connection: expected here, not a crash.
  server.on('error', () => undefined);
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return sink;
}

export interface Delivery {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: any;
  verified: boolean;
}

export interface Receiver {
  url: string;
  /** The secret deliveries are verified with (set it from the create answer). */
  secret: string;
  deliveries: Delivery[];
  challenges: string[];
  /** Statuses answered to the next deliveries, in order; 200 once empty. */
  statuses: number[];
  /** false: the challenge is answered wrongly. */
  answerChallenge: boolean;
  waitFor(count: number, timeoutMs?: number): Promise<Delivery[]>;
  close(): Promise<void>;
}

/** A receiver as Nylas's docs describe one: echo the challenge, verify every delivery's signature. */
export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    secret: '',
    deliveries: [],
    challenges: [],
    statuses: [],
    answerChallenge: true,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (receiver.deliveries.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} deliveries, got ${receiver.deliveries.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return receiver.deliveries;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET') {
      const challenge = url.searchParams.get('challenge') ?? '';
      receiver.challenges.push(challenge);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end(receiver.answerChallenge ? challenge : 'nope');
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = createHmac('sha256', receiver.secret).update(raw).digest();
      const given = Buffer.from(String(req.headers['x-nylas-signature'] ?? ''), 'hex');
      const verified = given.length === expected.length && timingSafeEqual(given, expected);
      // With compressed_delivery the signature covers the gzip bytes as sent.
      const json = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      receiver.deliveries.push({ headers: req.headers, raw, body: JSON.parse(json.toString('utf8')), verified });
      res.writeHead(receiver.statuses.shift() ?? 200);
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/nylas`;
  return receiver;
}

/** The real API (server/main.ts) as a child process on `dbPath`, on the tests' pinned clock. */
export async function startApiChild(options: {
  dbPath: string;
  apiKey: string;
  smtpUrl: string;
  /** How the SMTP URL is given: the `--smtp-url` flag (default) or the SMTP_URL variable. */
  smtpVia?: 'flag' | 'env';
  clock: { pinnedMs: number; originMs: number };
  env?: Record<string, string>;
}): Promise<{ url: string; child: ChildProcess }> {
  const args = [
    '--import',
    'tsx',
    '--import',
    './test/support/pinned-clock.mjs',
    'server/main.ts',
    '--port',
    '0',
    '--db',
    options.dbPath,
  ];
  args.push('--rate-limit', 'off');
  if (options.smtpVia !== 'env') args.push('--smtp-url', options.smtpUrl);
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      SCHEDULER_API_KEY: options.apiKey,
      SCHEDULER_TEST_CLOCK: `${options.clock.pinnedMs},${options.clock.originMs}`,
      SMTP_URL: options.smtpVia === 'env' ? options.smtpUrl : '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`local API did not start:\n${out}`)), 30_000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`local API exited with ${code}:\n${out}`)));
  });
  return { url, child };
}

/** Polls `check` until it holds (or fails after `timeoutMs`). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
