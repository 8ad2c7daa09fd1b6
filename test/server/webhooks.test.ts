/**
 * Webhooks as Nylas sends them: the /v3/webhooks calls (challenge first, the secret answered once),
 * and deliveries a receiver written from Nylas's docs verifies: the envelope, X-Nylas-Signature,
 * the booking triggers' objects, retries on the listed statuses with the same id, the rotated secret.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeBookingRef } from '../../src/contract/booking-ref.js';
import {
  assertError,
  assertOk,
  at,
  book,
  createConfiguration,
  guest,
  startTestServer,
  T0,
  type TestServer,
} from './helpers.js';
import { eventually, startReceiver, startSmtpSink, type Receiver, type SmtpSink } from './notify-support.js';

const TIMEOUT = { timeout: 30_000 };
const ALL = ['booking.created', 'booking.pending', 'booking.rescheduled', 'booking.cancelled', 'booking.reminder'];

let sink: SmtpSink;
let server: TestServer;
let receiver: Receiver;
before(async () => {
  sink = await startSmtpSink();
  receiver = await startReceiver();
  server = await startTestServer({ smtpUrl: sink.url, notify: { retryBaseMs: 50, webhookRetryBaseMs: 100 } });
});
after(async () => {
  await server.stop();
  await receiver.close();
  await sink.close();
});

/** Runs the API's clock forward (retries are due by it) until `done`, then puts it back. */
async function runClockUntil(done: () => boolean, what: string) {
  const start = server.clock.ms;
  const deadline = Date.now() + 10_000;
  try {
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      server.clock.ms += 1000;
      server.notifier.wake();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  } finally {
    server.clock.ms = start;
  }
}

async function subscribe(target: Receiver, trigger_types = ALL) {
  const data = assertOk(
    await server.call('/v3/webhooks', {
      method: 'POST',
      body: { trigger_types, webhook_url: target.url, description: 'test' },
    }),
  );
  target.secret = data.webhook_secret;
  return data;
}

describe('webhook subscriptions', () => {
  test(
    'create challenges the URL and answers the secret; list and get never show it; update, rotate, delete',
    TIMEOUT,
    async () => {
      const own = await startReceiver();
      try {
        const created = await subscribe(own, ['booking.created']);
        assert.equal(own.challenges.length, 1, 'the URL was challenged');
        assert.equal(created.status, 'active');
        assert.match(created.webhook_secret, /^[0-9a-f]{64}$/);
        assert.deepEqual(created.trigger_types, ['booking.created']);
        assert.equal(created.webhook_url, own.url);
        assert.equal(created.compressed_delivery, false);
        assert.deepEqual(created.notification_email_addresses, []);

        const listed = assertOk(await server.call('/v3/webhooks')).find((hook: any) => hook.id === created.id);
        assert.ok(listed && !('webhook_secret' in listed));
        const got = assertOk(await server.call(`/v3/webhooks/${created.id}`));
        assert.ok(!('webhook_secret' in got));
        assert.equal(got.created_at, T0 / 1000);
        assert.equal(typeof got.status_updated_at, 'number');

        const paused = assertOk(
          await server.call(`/v3/webhooks/${created.id}`, { method: 'PUT', body: { status: 'pause' } }),
        );
        assert.equal(paused.status, 'pause');
        assert.deepEqual(paused.trigger_types, ['booking.created'], 'fields not sent stay as they were');
        const reactivated = assertOk(
          await server.call(`/v3/webhooks/${created.id}`, { method: 'PUT', body: { status: 'active' } }),
        );
        assert.equal(reactivated.status, 'active');
        assert.equal(own.challenges.length, 2, 're-activation is challenged again');

        const rotated = assertOk(
          await server.call(`/v3/webhooks/rotate-secret/${created.id}`, { method: 'POST', body: {} }),
        );
        assert.notEqual(rotated.webhook_secret, created.webhook_secret);
        const rotatedAgain = assertOk(
          await server.call(`/v3/webhooks/${created.id}/rotate-secret`, { method: 'PUT', body: {} }),
        );
        assert.notEqual(rotatedAgain.webhook_secret, rotated.webhook_secret);

        assert.deepEqual(assertOk(await server.call(`/v3/webhooks/${created.id}`, { method: 'DELETE' })), {
          status: 'success',
        });
        assertError(await server.call(`/v3/webhooks/${created.id}`), 404, 'not_found_error');
      } finally {
        await own.close();
      }
    },
  );

  test(
    'bad bodies, a URL that fails the challenge and calls without the API key are refused with envelopes',
    TIMEOUT,
    async () => {
      assertError(await server.call('/v3/webhooks', { method: 'POST', body: {} }), 400, 'invalid_request_error');
      assertError(
        await server.call('/v3/webhooks', { method: 'POST', body: '{"trigger_types": [' }),
        400,
        'invalid_request_error',
      );
      assertError(
        await server.call('/v3/webhooks', {
          method: 'POST',
          body: { trigger_types: ['message.created'], webhook_url: receiver.url },
        }),
        400,
        'invalid_request_error',
      );
      assertError(
        await server.call('/v3/webhooks', {
          method: 'POST',
          body: { trigger_types: ['booking.created'], webhook_url: 'ftp://127.0.0.1/x' },
        }),
        400,
        'invalid_request_error',
      );
      const liar = await startReceiver();
      liar.answerChallenge = false;
      try {
        const message = assertError(
          await server.call('/v3/webhooks', {
            method: 'POST',
            body: { trigger_types: ['booking.created'], webhook_url: liar.url },
          }),
          400,
          'invalid_request_error',
        );
        assert.match(message, /^unable\.verify\.webhook_url/);
      } finally {
        await liar.close();
      }
      const closed = 'http://127.0.0.1:9/nothing-listens';
      assertError(
        await server.call('/v3/webhooks', {
          method: 'POST',
          body: { trigger_types: ['booking.created'], webhook_url: closed },
        }),
        400,
        'invalid_request_error',
      );
      assertError(await server.call('/v3/webhooks', { token: null }), 401, 'unauthorized');
      assertError(await server.call('/v3/webhooks/nope', { method: 'PUT', body: {} }), 404, 'not_found_error');
    },
  );
});

describe('webhook deliveries', () => {
  test('created, rescheduled, cancelled: Nylas envelopes, signed, with the booking objects', TIMEOUT, async () => {
    await subscribe(receiver);
    const seen = receiver.deliveries.length;
    const id = await createConfiguration(server, {
      event_booking: { title: 'Hooked', location: 'Room 2', timezone: 'Europe/Berlin' },
      scheduler: { cancellation_url: 'https://x.example/cancel/:booking_ref' },
    });
    const booking = assertOk(await book(server, id, at(1, 10), { email_language: 'sv', timezone: 'America/New_York' }));
    const [created] = (await receiver.waitFor(seen + 1)).slice(seen);
    assert.ok(created!.verified, 'X-Nylas-Signature is the HMAC-SHA256 of the raw body');
    assert.equal(created!.headers['content-type'], 'application/json');
    const envelope = created!.body;
    assert.deepEqual(Object.keys(envelope).sort(), [
      'data',
      'id',
      'source',
      'specversion',
      'time',
      'type',
      'webhook_delivery_attempt',
    ]);
    assert.equal(envelope.specversion, '1.0');
    assert.equal(envelope.type, 'booking.created');
    assert.equal(envelope.source, '/nylas/passthru');
    assert.equal(envelope.time, T0 / 1000);
    assert.equal(envelope.webhook_delivery_attempt, 1);
    assert.equal(typeof envelope.data.application_id, 'string');
    const object = envelope.data.object;
    assert.equal(object.booking_id, booking.booking_id);
    assert.equal(object.configuration_id, id);
    assert.equal(object.booking_ref, booking.booking_ref);
    assert.equal(object.object, 'booking');
    const info = object.booking_info;
    assert.equal(info.start_time, at(1, 10));
    assert.equal(info.end_time, at(1, 10, 30));
    assert.equal(info.duration, 30);
    assert.equal(info.title, 'Hooked');
    assert.equal(info.location, 'Room 2');
    assert.deepEqual(info.participants, [{ email: guest.email, name: guest.name }]);
    assert.equal(info.guest_language, 'sv');
    assert.equal(info.guest_timezone, 'America/New_York');
    assert.equal(info.organizer_timezone, 'Europe/Berlin');
    assert.equal(info.is_group_event, false);
    assert.equal(info.participant_cancellation_url, `https://x.example/cancel/${booking.booking_ref}`);
    assert.match(info.ical_uid, /@scheduler-widget$/);
    assert.equal(typeof info.event_id, 'string');

    assertOk(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PATCH',
        token: null,
        query: { configuration_id: id },
        body: { start_time: at(1, 14), end_time: at(1, 14, 30) },
      }),
    );
    const [moved] = (await receiver.waitFor(seen + 2)).slice(seen + 1);
    assert.ok(moved!.verified);
    assert.equal(moved!.body.type, 'booking.rescheduled');
    assert.equal(moved!.body.data.object.booking_info.old_start_time, at(1, 10));
    assert.equal(moved!.body.data.object.booking_info.start_time, at(1, 14));
    assert.notEqual(moved!.body.id, envelope.id);

    assertOk(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'DELETE',
        token: null,
        query: { configuration_id: id },
        body: {},
      }),
    );
    const [cancelled] = (await receiver.waitFor(seen + 3)).slice(seen + 2);
    assert.ok(cancelled!.verified);
    assert.equal(cancelled!.body.type, 'booking.cancelled');
    assert.equal(cancelled!.body.data.object.booking_info.cancellation_reason, '');
    assert.ok(!('booking_ref' in cancelled!.body.data.object), 'never a ref on cancelled');
  });

  test('disable_emails silences mail, not webhooks', TIMEOUT, async () => {
    const seen = receiver.deliveries.length;
    const id = await createConfiguration(server, { event_booking: { title: 'Quiet', disable_emails: true } });
    const booking = assertOk(await book(server, id, at(1, 15), { guest: { name: 'Q', email: 'quiet@example.org' } }));
    const [delivery] = (await receiver.waitFor(seen + 1)).slice(seen);
    assert.equal(delivery!.body.type, 'booking.created');
    assert.equal(delivery!.body.data.object.booking_id, booking.booking_id);
    const rows = server.store.db
      .prepare<[string], { channel: string }>('SELECT channel FROM outbox WHERE booking_id = ?')
      .all(booking.booking_id);
    assert.deepEqual(
      rows.map((row) => row.channel),
      ['webhook'],
      'no mail queued',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!sink.mails.some((mail) => mail.to === 'quiet@example.org'));
  });

  test('pending carries the host confirmation URL; a webhook reminder is delivered when due', TIMEOUT, async () => {
    const pendingReceiver = await startReceiver();
    try {
      const hook = await subscribe(pendingReceiver, ['booking.pending', 'booking.reminder']);
      const id = await createConfiguration(server, {
        event_booking: { title: 'Pend', booking_type: 'organizer-confirmation' },
        scheduler: { organizer_confirmation_url: 'https://x.example/confirm/:booking_ref' },
      });
      assertOk(await book(server, id, at(2, 10)));
      const [pending] = await pendingReceiver.waitFor(1);
      assert.ok(pending!.verified);
      assert.equal(pending!.body.type, 'booking.pending');
      assert.equal(pending!.body.data.object.booking_type, 'organizer-confirmation');
      assert.match(pending!.body.data.object.booking_info.host_confirmation_url, /^https:\/\/x\.example\/confirm\/.+/);

      const reminded = await createConfiguration(server, {
        event_booking: { title: 'Remind me', reminders: [{ type: 'webhook', minutes_before_event: 30 }] },
      });
      const start = at(2, 15);
      const booking = assertOk(
        await book(server, reminded, start, { guest: { name: 'Wes', email: 'wes@example.org' } }),
      );
      server.clock.ms = (start - 30 * 60) * 1000;
      server.notifier.wake();
      const deliveries = await pendingReceiver.waitFor(2);
      const reminder = deliveries[1]!;
      assert.ok(reminder.verified);
      assert.equal(reminder.body.type, 'booking.reminder');
      assert.equal(reminder.body.data.object.booking_id, booking.booking_id);
      assert.equal(reminder.body.data.object.booking_info.time_until_event, 1800);
      assert.equal(reminder.body.data.object.booking_info.organizer_email, 'olga@example.com');
      await server.call(`/v3/webhooks/${hook.id}`, { method: 'DELETE' });
    } finally {
      server.clock.ms = T0;
      await pendingReceiver.close();
    }
  });

  test(
    'compressed_delivery: a gzip body, signed as sent; a declined request fires booking.cancelled with its reason',
    TIMEOUT,
    async () => {
      const zipped = await startReceiver();
      try {
        const data = assertOk(
          await server.call('/v3/webhooks', {
            method: 'POST',
            body: {
              trigger_types: ['booking.pending', 'booking.cancelled'],
              webhook_url: zipped.url,
              compressed_delivery: true,
            },
          }),
        );
        zipped.secret = data.webhook_secret;
        assert.equal(data.compressed_delivery, true);
        const id = await createConfiguration(server, {
          event_booking: { title: 'Zipped', booking_type: 'organizer-confirmation' },
        });
        const booking = assertOk(
          await book(server, id, at(4, 10), { guest: { name: 'Zed', email: 'zed@example.org' } }),
        );
        const [pending] = await zipped.waitFor(1);
        assert.equal(pending!.headers['content-encoding'], 'gzip');
        assert.ok(pending!.verified, 'the HMAC of the gzip bytes');
        assert.equal(pending!.body.type, 'booking.pending');

        const organizerRef = assertOk(
          await server.call(`/v3/scheduling/bookings/${booking.booking_id}`),
        ).organizer_booking_ref;
        await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
          method: 'PUT',
          token: null,
          query: { configuration_id: id },
          body: { salt: decodeBookingRef(organizerRef)!.salt, status: 'cancelled', cancellation_reason: 'No room' },
        });
        const [, declined] = await zipped.waitFor(2);
        assert.ok(declined!.verified);
        assert.equal(declined!.body.type, 'booking.cancelled');
        assert.equal(declined!.body.data.object.booking_info.cancellation_reason, 'No room');
        await server.call(`/v3/webhooks/${data.id}`, { method: 'DELETE' });
      } finally {
        await zipped.close();
      }
    },
  );

  test(
    'failing at 95 % failures over 15 minutes (still delivered to), active again on a success, failed after 72 h failing',
    TIMEOUT,
    async () => {
      const sick = await startReceiver();
      const status = async (id: string) => assertOk(await server.call(`/v3/webhooks/${id}`)).status;
      try {
        const hook = assertOk(
          await server.call('/v3/webhooks', {
            method: 'POST',
            body: {
              trigger_types: ['booking.created'],
              webhook_url: sick.url,
              notification_email_addresses: ['ops@example.org'],
            },
          }),
        );
        sick.secret = hook.webhook_secret;
        const opsMail = () => sink.mails.filter((mail) => mail.to === 'ops@example.org').map((mail) => mail.subject);
        const id = await createConfiguration(server, { event_booking: { title: 'Sick' } });
        let n = 0;
        const bookAndWait = async (day: number, answer: number) => {
          sick.statuses = [answer];
          const seen = sick.deliveries.length;
          assertOk(await book(server, id, at(day, 9 + n++), { guest: { name: 'S', email: `s${n}@example.org` } }));
          await sick.waitFor(seen + 1);
          await new Promise((resolve) => setTimeout(resolve, 100));
        };
        await bookAndWait(7, 500);
        assert.equal(await status(hook.id), 'failing');
        await eventually(() => opsMail().length === 1, 'the failing notice');
        assert.deepEqual(opsMail(), [`Webhook failing: ${sick.url}`]);
        await bookAndWait(7, 200);
        assert.equal(await status(hook.id), 'active', 'a success while failing');
        await bookAndWait(7, 500);
        await bookAndWait(7, 500);
        assert.equal(await status(hook.id), 'active', 'one success in the last 15 minutes: under 95 %');
        server.clock.ms += 16 * 60 * 1000;
        await bookAndWait(7, 500);
        assert.equal(await status(hook.id), 'failing');
        server.clock.ms += 73 * 3600 * 1000;
        await bookAndWait(8, 500);
        assert.equal(await status(hook.id), 'failed');
        await eventually(() => opsMail().length === 3, 'the failed notice');
        assert.equal(opsMail()[2], `Webhook failed: ${sick.url}`);
        const seen = sick.deliveries.length;
        assertOk(await book(server, id, at(8, 15), { guest: { name: 'S', email: 'after-failed@example.org' } }));
        await new Promise((resolve) => setTimeout(resolve, 400));
        assert.equal(sick.deliveries.length, seen, 'a failed webhook gets nothing');
        const reactivated = assertOk(
          await server.call(`/v3/webhooks/${hook.id}`, { method: 'PUT', body: { status: 'active' } }),
        );
        assert.equal(reactivated.status, 'active');
        await server.call(`/v3/webhooks/${hook.id}`, { method: 'DELETE' });
      } finally {
        server.clock.ms = T0;
        await sick.close();
      }
    },
  );

  test(
    'retried on 503 and network errors with the same id, not on 500; the rotated secret signs what follows',
    TIMEOUT,
    async () => {
      const flaky = await startReceiver();
      try {
        const hook = await subscribe(flaky, ['booking.created']);
        const id = await createConfiguration(server, { event_booking: { title: 'Flaky' } });
        flaky.statuses = [503];
        assertOk(await book(server, id, at(3, 10), { guest: { name: 'F', email: 'f1@example.org' } }));
        await runClockUntil(() => flaky.deliveries.length >= 2, 'the retry');
        const [first, second] = flaky.deliveries;
        assert.equal(first!.body.id, second!.body.id, 'the same notification id on every attempt');
        assert.equal(first!.body.webhook_delivery_attempt, 1);
        assert.equal(second!.body.webhook_delivery_attempt, 2);
        assert.ok(first!.verified && second!.verified);

        flaky.statuses = [500];
        assertOk(await book(server, id, at(3, 11), { guest: { name: 'F', email: 'f2@example.org' } }));
        await flaky.waitFor(3);
        await runClockUntil(() => server.store.outbox.counts().queued === 0, 'the outbox to settle');
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(flaky.deliveries.length, 3, '500 is not retried (Nylas retries 408, 429, 502, 503, 504, 507)');

        const rotated = assertOk(
          await server.call(`/v3/webhooks/rotate-secret/${hook.id}`, { method: 'POST', body: {} }),
        );
        const oldSecret = flaky.secret;
        flaky.secret = rotated.webhook_secret;
        assertOk(await book(server, id, at(3, 12), { guest: { name: 'F', email: 'f3@example.org' } }));
        const [, , , afterRotation] = await flaky.waitFor(4);
        assert.ok(afterRotation!.verified, 'signed with the new secret');
        flaky.secret = oldSecret;
        await server.call(`/v3/webhooks/${hook.id}`, { method: 'DELETE' });
      } finally {
        await flaky.close();
      }

      // A receiver that is gone: retried (network error), up to 3 attempts, then failed.
      const gone = await startReceiver();
      const hook = await subscribe(gone, ['booking.created']);
      await gone.close();
      const id = await createConfiguration(server, { event_booking: { title: 'Gone' } });
      const booking = assertOk(await book(server, id, at(3, 14), { guest: { name: 'G', email: 'g@example.org' } }));
      const row = () =>
        server.store.db
          .prepare<[string, string], { status: string; attempts: number }>(
            "SELECT status, attempts FROM outbox WHERE booking_id = ? AND channel = 'webhook' AND target = ?",
          )
          .get(booking.booking_id, hook.id);
      await runClockUntil(() => row()?.status === 'failed', 'the delivery to fail');
      assert.deepEqual(row(), { status: 'failed', attempts: 3 });
      await server.call(`/v3/webhooks/${hook.id}`, { method: 'DELETE' });
    },
  );
});
