/**
 * The outbox's promises: messages are written with the booking and only with it, sending never
 * holds up the write, a refusing SMTP server is retried until it accepts (one message in the end),
 * and a `kill -9` of the real API process between the write and the send, or while a reminder
 * falls due, loses nothing and sends nothing twice.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import {
  assertError,
  assertOk,
  at,
  book,
  configurationBody,
  createConfiguration,
  guest,
  ORGANIZER,
  startTestServer,
  T0,
  type TestServer,
} from './helpers.js';
import { eventually, startApiChild, startSmtpSink, type SmtpSink } from './notify-support.js';

const TIMEOUT = { timeout: 60_000 };

let sink: SmtpSink;
let server: TestServer;
before(async () => {
  sink = await startSmtpSink();
  server = await startTestServer({ smtpUrl: sink.url, notify: { retryBaseMs: 100 } });
});
after(async () => {
  await server.stop();
  await sink.close();
});

const outboxRows = (db: Database.Database, bookingId: string) =>
  db
    .prepare<[string], { channel: string; target: string; status: string; attempts: number }>(
      'SELECT channel, target, status, attempts FROM outbox WHERE booking_id = ? ORDER BY target',
    )
    .all(bookingId);

describe('outbox in process', () => {
  test(
    'a refused write leaves no message; an accepted one leaves one row per recipient, written with it',
    TIMEOUT,
    async () => {
      const id = await createConfiguration(server, { event_booking: { title: 'Rows' } });
      const before = server.store.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number };
      assertError(await book(server, id, at(1, 3)), 409, 'timeslot_not_available');
      assert.deepEqual(
        server.store.db.prepare('SELECT count(*) AS n FROM outbox').get(),
        before,
        'nothing queued by a refused booking',
      );
      const booking = assertOk(await book(server, id, at(1, 10)));
      const rows = outboxRows(server.store.db, booking.booking_id);
      assert.deepEqual(
        rows.map((row) => row.target),
        [guest.email, ORGANIZER].sort(),
      );
      await sink.waitFor(2);
    },
  );

  test(
    'an SMTP server that refuses (451), then accepts: retried with backoff, each message delivered once',
    TIMEOUT,
    async () => {
      const id = await createConfiguration(server, { event_booking: { title: 'Refused first' } });
      const seen = sink.mails.length;
      const attempts = sink.attempts;
      sink.answer = 'refuse';
      const booking = assertOk(await book(server, id, at(2, 10)));
      await eventually(() => sink.attempts >= attempts + 2, 'both mails refused once');
      assert.equal(sink.mails.length, seen, 'nothing accepted yet');
      sink.answer = 'accept';
      const start = server.clock.ms;
      // Retries fall due by the API's clock: run it forward.
      while (sink.mails.length < seen + 2) {
        server.clock.ms += 500;
        server.notifier.wake();
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      server.clock.ms = start;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const fresh = sink.mails.slice(seen);
      assert.equal(fresh.length, 2);
      assert.equal(new Set(fresh.map((mail) => mail.messageId)).size, 2);
      const rows = outboxRows(server.store.db, booking.booking_id).filter((row) => row.channel === 'email');
      assert.ok(
        rows.every((row) => row.status === 'sent' && row.attempts >= 2),
        JSON.stringify(rows),
      );
    },
  );

  test(
    'a row that cannot be sent at all (a broken payload) is retried with backoff, not in a loop',
    TIMEOUT,
    async () => {
      const id = '00000000-0000-4000-8000-00000000beef';
      server.store.outbox.add(
        {
          id,
          channel: 'email',
          kind: 'created',
          target: 'x@example.org',
          booking_id: null,
          payload: '{',
          due_at_ms: server.clock.ms,
        },
        server.clock.ms,
      );
      const errors = console.error;
      console.error = () => undefined;
      try {
        await eventually(() => server.store.outbox.get(id)!.attempts === 1, 'the first attempt');
        await new Promise((resolve) => setTimeout(resolve, 300));
        const row = server.store.outbox.get(id)!;
        assert.equal(row.attempts, 1, 'not tried again before its backoff');
        assert.equal(row.status, 'queued');
        assert.ok(row.due_at_ms > server.clock.ms);
        assert.match(row.last_error ?? '', /JSON/);
      } finally {
        console.error = errors;
        server.store.outbox.finish(id, 'dropped', 1, 'test over', server.clock.ms);
      }
    },
  );

  test('a mail server that never answers does not slow the booking', TIMEOUT, async () => {
    const stuck = await startSmtpSink();
    stuck.answer = 'hold';
    const slow = await startTestServer({ smtpUrl: stuck.url });
    try {
      const id = await createConfiguration(slow, { event_booking: { title: 'Stuck' } });
      const started = performance.now();
      assertOk(await book(slow, id, at(1, 10)));
      const took = performance.now() - started;
      // Were the write waiting for the send, it would wait for the 30 s socket timeout.
      assert.ok(took < 5000, `the booking took ${took.toFixed(0)} ms`);
      await eventually(() => stuck.attempts >= 1, 'the send to start');
    } finally {
      await slow.stop();
      await stuck.close();
    }
  });
});

describe('outbox across kill -9', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const apiKey = 'test-outbox-key';

  async function call(
    url: string,
    path: string,
    init: { method?: string; body?: unknown; key?: boolean; query?: Record<string, string> } = {},
  ) {
    const target = new URL(path, url);
    for (const [key, value] of Object.entries(init.query ?? {})) target.searchParams.set(key, value);
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      headers: { ...(init.key !== false && { Authorization: `Bearer ${apiKey}` }), 'Content-Type': 'application/json' },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  const kill9 = async (child: import('node:child_process').ChildProcess) => {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };

  test('killed while the mails are being sent: after the restart each is delivered exactly once', TIMEOUT, async () => {
    const smtp = await startSmtpSink();
    const dir = mkdtempSync(join(tmpdir(), 'outbox-kill-'));
    dirs.push(dir);
    const dbPath = join(dir, 'api.sqlite');
    smtp.answer = 'hold';
    try {
      const first = await startApiChild({
        dbPath,
        apiKey,
        smtpUrl: smtp.url,
        clock: { pinnedMs: T0, originMs: Date.now() },
      });
      const configuration = await call(first.url, `/v3/grants/${ORGANIZER}/scheduling/configurations`, {
        method: 'POST',
        body: configurationBody({ event_booking: { title: 'Killed' } }),
      });
      assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
      const booked = await call(first.url, '/v3/scheduling/bookings', {
        method: 'POST',
        key: false,
        query: { configuration_id: configuration.body.data.id },
        body: { start_time: at(1, 10), end_time: at(1, 10, 30), guest },
      });
      assert.equal(booked.status, 200, JSON.stringify(booked.body));
      // Both mails are on the wire, their DATA unanswered: the process dies between write and send.
      await eventually(() => smtp.attempts >= 2, 'both sends to start');
      await kill9(first.child);
      assert.equal(smtp.mails.length, 0);

      smtp.answer = 'accept';
      const second = await startApiChild({
        dbPath,
        apiKey,
        smtpUrl: smtp.url,
        clock: { pinnedMs: T0 + 60_000, originMs: Date.now() },
      });
      try {
        await smtp.waitFor(2);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        assert.equal(smtp.mails.length, 2);
        assert.deepEqual([...smtp.byMessageId().values()], [1, 1], 'each Message-ID once');
        assert.deepEqual(smtp.mails.map((mail) => mail.to).sort(), [guest.email, ORGANIZER].sort());
      } finally {
        await kill9(second.child);
      }
      const db = new Database(dbPath, { readonly: true });
      try {
        const rows = outboxRows(db, booked.body.data.booking_id);
        assert.deepEqual(
          rows.map((row) => row.status),
          ['sent', 'sent'],
        );
      } finally {
        db.close();
      }
    } finally {
      await smtp.close();
    }
  });

  test('a reminder that fell due while the API was down is sent when it starts, once', TIMEOUT, async () => {
    const smtp = await startSmtpSink();
    const dir = mkdtempSync(join(tmpdir(), 'outbox-reminder-'));
    dirs.push(dir);
    const dbPath = join(dir, 'api.sqlite');
    try {
      const first = await startApiChild({
        dbPath,
        apiKey,
        smtpUrl: smtp.url,
        clock: { pinnedMs: T0, originMs: Date.now() },
      });
      const start = at(1, 10);
      const configuration = await call(first.url, `/v3/grants/${ORGANIZER}/scheduling/configurations`, {
        method: 'POST',
        body: configurationBody({
          event_booking: { title: 'Remind', reminders: [{ type: 'email', minutes_before_event: 120 }] },
        }),
      });
      const booked = await call(first.url, '/v3/scheduling/bookings', {
        method: 'POST',
        key: false,
        query: { configuration_id: configuration.body.data.id },
        body: { start_time: start, end_time: start + 1800, guest },
      });
      assert.equal(booked.status, 200, JSON.stringify(booked.body));
      await smtp.waitFor(2);
      // Killed only once both are marked sent: killed between the SMTP server's 250 and the mark,
      // a mail would be sent again (the at-least-once window; not what this test is about).
      const db = new Database(dbPath, { readonly: true });
      try {
        await eventually(
          () => outboxRows(db, booked.body.data.booking_id).filter((row) => row.status === 'sent').length === 2,
          'the sent marks',
        );
      } finally {
        db.close();
      }
      await kill9(first.child);

      // Down from T0 until 90 minutes before the booking: its 120-minute reminder fell due meanwhile.
      // This time the SMTP server comes from the environment (SMTP_URL) instead of --smtp-url.
      const second = await startApiChild({
        dbPath,
        apiKey,
        smtpUrl: smtp.url,
        smtpVia: 'env',
        clock: { pinnedMs: (start - 90 * 60) * 1000, originMs: Date.now() },
      });
      try {
        await smtp.waitFor(4);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const reminders = smtp.mails.slice(2);
        assert.equal(reminders.length, 2);
        assert.ok(
          reminders.every((mail) => mail.subject.startsWith('Reminder: Remind on ')),
          reminders.map((m) => m.subject).join(),
        );
        assert.deepEqual(reminders.map((mail) => mail.to).sort(), [guest.email, ORGANIZER].sort());
        assert.ok([...smtp.byMessageId().values()].every((count) => count === 1));
      } finally {
        await kill9(second.child);
      }
    } finally {
      await smtp.close();
    }
  });
});
