/**
 * npx tsx bench/outbox.ts [bookings=400] [concurrency=4]
 *
 * The outbox under load, with the real API as a child process (`--smtp-url` pointing at an SMTP
 * server in this process, smtp-server) on a configuration open 24/7:
 * 1. throughput and delay: `bookings` bookings, `concurrency` at a time; each causes 2 mails
 *    (guest, organizer). Prints mails accepted per second over the run and the delay from the
 *    booking's answer to its guest mail's arrival (p50, p95, max).
 * 2. the same delay without a backlog: bookings one at a time, 100 ms apart.
 * 3. kill -9 under load: bookings keep coming, the API is killed with SIGKILL mid-run, restarted
 *    on the same database, killed three more times while it drains (sends in flight), and left
 *    to drain. Every mail row the database holds (each committed
 *    booking's) is compared with what the SMTP server accepted: lost = rows never received,
 *    twice = Message-IDs received more than once; and every booking answered 200 must have rows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';

const BOOKINGS = Number(process.argv[2] ?? 400);
const CONCURRENCY = Number(process.argv[3] ?? 4);
const API_KEY = 'bench-outbox-key';
const HOST = 'bench-host@example.com';

interface Sink {
  url: string;
  /** Message-ID → arrival times (ms). */
  received: Map<string, number[]>;
  /** Guest address → first arrival (ms). */
  byGuest: Map<string, number>;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const received = new Map<string, number[]>();
  const byGuest = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const now = performance.now();
        const head = Buffer.concat(chunks).toString('utf8', 0, 4096);
        const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? '?';
        received.set(id, [...(received.get(id) ?? []), now]);
        for (const rcpt of session.envelope.rcptTo)
          if (rcpt.address.startsWith('guest-') && !byGuest.has(rcpt.address)) byGuest.set(rcpt.address, now);
        callback();
      });
    },
  });
  // A client killed mid-session resets its connection: expected here, not a crash.
  server.on('error', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    byGuest,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function startApi(dbPath: string, smtpUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', '0', '--db', dbPath, '--rate-limit', 'off', '--smtp-url', smtpUrl],
    {
      env: { ...process.env, SCHEDULER_API_KEY: API_KEY, SCHEDULER_NOTIFY_RETRY_MS: '200' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`API exited with ${code}: ${out}`)));
  });
  return { url, child };
}

async function createConfiguration(url: string): Promise<string> {
  const response = await fetch(`${url}/v3/grants/${encodeURIComponent(HOST)}/scheduling/configurations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      participants: [
        {
          email: HOST,
          name: 'Bench Host',
          is_organizer: true,
          timezone: 'UTC',
          availability: { open_hours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '0:00', end: '24:00', timezone: 'UTC' }] },
        },
      ],
      availability: { duration_minutes: 5, interval_minutes: 5, round_to: 5 },
      event_booking: { title: 'Bench booking' },
      scheduler: { available_days_in_future: 366, min_booking_notice: 0, min_cancellation_notice: 0 },
    }),
  });
  if (response.status !== 200) throw new Error(`configuration: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

const firstSlot = Math.ceil((Date.now() / 1000 + 3600) / 300) * 300;

/** Books slot `n` for guest `guest-<n>@…`; resolves with the time of the answer, or undefined. */
async function bookOne(url: string, configurationId: string, n: number): Promise<{ ok: boolean; at: number }> {
  try {
    const response = await fetch(`${url}/v3/scheduling/bookings?configuration_id=${configurationId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        start_time: firstSlot + n * 300,
        end_time: firstSlot + n * 300 + 300,
        guest: { name: `Guest ${n}`, email: `guest-${n}@example.org` },
      }),
    });
    await response.arrayBuffer();
    return { ok: response.status === 200, at: performance.now() };
  } catch {
    return { ok: false, at: performance.now() };
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

async function throughput(sink: Sink, dir: string) {
  const api = await startApi(join(dir, 'throughput.sqlite'), sink.url);
  try {
    const configurationId = await createConfiguration(api.url);
    const answered = new Map<string, number>();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < BOOKINGS) {
          const n = next++;
          const result = await bookOne(api.url, configurationId, n);
          if (result.ok) answered.set(`guest-${n}@example.org`, result.at);
        }
      }),
    );
    const writesDone = performance.now();
    const expected = answered.size * 2;
    await waitUntil(
      () => [...sink.received.values()].reduce((sum, times) => sum + times.length, 0) >= expected,
      60_000,
    );
    const last = Math.max(...[...sink.received.values()].flat());
    const delays = [...answered].map(([guest, at]) => (sink.byGuest.get(guest) ?? NaN) - at).filter(Number.isFinite);
    return {
      bookings: answered.size,
      mails: [...sink.received.values()].reduce((sum, times) => sum + times.length, 0),
      writesPerSecond: answered.size / ((writesDone - started) / 1000),
      mailsPerSecond: expected / ((last - started) / 1000),
      delayMs: { p50: percentile(delays, 50), p95: percentile(delays, 95), max: Math.max(...delays) },
    };
  } finally {
    api.child.kill('SIGKILL');
  }
}

/** Bookings one at a time, 100 ms apart: the delay from write to send when no backlog builds up. */
async function unloaded(sink: Sink, dir: string, count = 50) {
  const api = await startApi(join(dir, 'unloaded.sqlite'), sink.url);
  try {
    const configurationId = await createConfiguration(api.url);
    const delays: number[] = [];
    for (let n = 0; n < count; n++) {
      const result = await bookOne(api.url, configurationId, n);
      const guest = `guest-${n}@example.org`;
      if (result.ok && (await waitUntil(() => sink.byGuest.has(guest), 10_000)))
        delays.push(sink.byGuest.get(guest)! - result.at);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      bookings: delays.length,
      delayMs: { p50: percentile(delays, 50), p95: percentile(delays, 95), max: Math.max(...delays) },
    };
  } finally {
    api.child.kill('SIGKILL');
  }
}

async function killUnderLoad(sink: Sink, dir: string) {
  const dbPath = join(dir, 'kill.sqlite');
  const first = await startApi(dbPath, sink.url);
  const configurationId = await createConfiguration(first.url);
  const acknowledged: number[] = [];
  let next = 0;
  let running = true;
  const load = Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (running) {
        const n = next++;
        const result = await bookOne(first.url, configurationId, n);
        if (result.ok) acknowledged.push(n);
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const exited = once(first.child, 'exit');
  first.child.kill('SIGKILL');
  await exited;
  running = false;
  await load;
  const receivedBeforeRestart = [...sink.received.values()].reduce((sum, times) => sum + times.length, 0);

  // Then killed again, three times, while it drains the backlog (sends in flight), and restarted.
  let second = await startApi(dbPath, sink.url);
  let drainKills = 0;
  for (let k = 0; k < 3; k++) {
    await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 600));
    const gone = once(second.child, 'exit');
    second.child.kill('SIGKILL');
    await gone;
    drainKills++;
    second = await startApi(dbPath, sink.url);
  }
  const db = new Database(dbPath, { readonly: true });
  try {
    const queued = () =>
      (db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'queued'").get() as { n: number }).n;
    await waitUntil(() => queued() === 0, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rows = db
      .prepare<[], { id: string; target: string; status: string }>(
        "SELECT id, target, status FROM outbox WHERE channel = 'email'",
      )
      .all();
    const expected = new Set(rows.map((row) => `<${row.id}@scheduler-widget>`));
    const lost = [...expected].filter((id) => !sink.received.has(id)).length;
    const twice = [...sink.received].filter(([id, times]) => expected.has(id) && times.length > 1).length;
    const strangers = [...sink.received.keys()].filter((id) => !expected.has(id)).length;
    const guestsWithRows = new Set(rows.filter((row) => row.target.startsWith('guest-')).map((row) => row.target));
    const acknowledgedWithoutRows = acknowledged.filter((n) => !guestsWithRows.has(`guest-${n}@example.org`)).length;
    return {
      drainKills,
      acknowledgedBookings: acknowledged.length,
      committedMailRows: rows.length,
      receivedBeforeKill: receivedBeforeRestart,
      lost,
      sentTwice: twice,
      unknownMessages: strangers,
      acknowledgedWithoutRows,
    };
  } finally {
    db.close();
    second.child.kill('SIGKILL');
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
try {
  const sink = await startSink();
  const run = await throughput(sink, dir);
  console.log(`outbox throughput: ${run.bookings} bookings (${CONCURRENCY} at a time), ${run.mails} mails accepted`);
  console.log(`  bookings answered per second: ${run.writesPerSecond.toFixed(1)}`);
  console.log(`  mails sent per second (first write to last mail): ${run.mailsPerSecond.toFixed(1)}`);
  console.log(
    `  delay from a booking's answer to its guest mail: p50 ${run.delayMs.p50.toFixed(1)} ms, p95 ${run.delayMs.p95.toFixed(1)} ms, max ${run.delayMs.max.toFixed(1)} ms`,
  );
  await sink.close();

  const quietSink = await startSink();
  const quiet = await unloaded(quietSink, dir);
  console.log(`outbox delay without backlog: ${quiet.bookings} bookings one at a time, 100 ms apart`);
  console.log(
    `  delay from a booking's answer to its guest mail: p50 ${quiet.delayMs.p50.toFixed(1)} ms, p95 ${quiet.delayMs.p95.toFixed(1)} ms, max ${quiet.delayMs.max.toFixed(1)} ms`,
  );
  await quietSink.close();

  const killSink = await startSink();
  const kill = await killUnderLoad(killSink, dir);
  console.log(
    `kill -9 under load (after 2 s of ${CONCURRENCY} concurrent bookings), restart, ${kill.drainKills} more kills while draining, drain:`,
  );
  console.log(
    `  bookings answered 200 before the kill: ${kill.acknowledgedBookings}; mail rows committed: ${kill.committedMailRows}`,
  );
  console.log(`  mails accepted before the kill: ${kill.receivedBeforeKill}`);
  console.log(
    `  lost: ${kill.lost}; sent twice: ${kill.sentTwice}; unknown: ${kill.unknownMessages}; answered without rows: ${kill.acknowledgedWithoutRows}`,
  );
  if (kill.sentTwice)
    console.log("  (each repeat has its first copy's Message-ID: accepted by the server, killed before the sent mark)");
  await killSink.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
