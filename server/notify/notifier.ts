/**
 * The worker that empties the outbox, inside the API process: no cron, nothing to start apart.
 * It wakes when a write adds rows (wake()), when the next queued row falls due (reminders, retries)
 * and at least once a second, and sends due rows a few at a time: mail over SMTP (nodemailer) or,
 * with no SMTP server configured, into the local mailbox table; webhook deliveries over HTTP.
 *
 * Delivery guarantees (docs/mail-and-webhooks.md):
 * - A row is written in the booking's own transaction, so a committed booking always has its
 *   messages queued, and a crash before the send leaves them queued: they go out after a restart.
 * - A row is marked sent right after the SMTP server accepted it (the receiver answered 2xx). A
 *   crash in between (the reply's way into the process, then one SQLite write: milliseconds)
 *   sends that row again after the restart: at least once. The repeat carries the same
 *   Message-ID (`<row id>@scheduler-widget`) or webhook `id`, so mail programs and receivers that
 *   dedupe see one message.
 * - The local mailbox stores the mail and the sent mark in one transaction: exactly once.
 * - One process sends from one database file (a second one would send rows twice).
 */
import nodemailer, { type SendMailOptions, type Transporter, type TransportOptions } from 'nodemailer';
import type { OutboxRow, Store } from '../store/index.js';
import { isDelivering } from '../store/webhooks.js';
import type { EmailPayload, WebhookPayload } from './enqueue.js';

/** The payload of a mail about a webhook's status. */
interface WebhookStatusPayload {
  id: string;
  url: string;
  status: string;
  description: string | null;
}
import { renderMail } from './render.js';
import { bookingObject, deliver, envelope, WEBHOOK_ATTEMPTS } from './webhook.js';

export interface NotifierOptions {
  store: Store;
  now: () => number;
  /** `smtp://user:pass@host:587`, `smtps://…`; undefined keeps mail in the local mailbox. */
  smtpUrl?: string | undefined;
  /** The sender address; default `scheduler@localhost`. */
  mailFrom?: string | undefined;
  /** What relative reschedule, cancel and confirm URLs are resolved against. */
  linkBase?: string | undefined;
  /** First mail retry after this many ms, doubling each time (default 2 s, at most 1 h apart). */
  retryBaseMs?: number | undefined;
  /** First webhook retry after this many ms, doubling (default 5 min: the 3rd attempt ~15 min after the 1st, as Nylas). */
  webhookRetryBaseMs?: number | undefined;
  /** Attempts at a mail before it is marked failed (default 10). */
  emailAttempts?: number | undefined;
  /** Messages in flight at once (default 8). */
  concurrency?: number | undefined;
  /**
   * Writes a `calendar` row's booking to its CalDAV calendar (server/calendars/write-back.ts);
   * false when the calendar is gone. Rows are retried like mail.
   */
  writeCalendar?: ((row: OutboxRow, signal: AbortSignal) => Promise<boolean>) | undefined;
  /** Called after each row is marked sent or failed (tests, bench). */
  onSettled?: ((row: OutboxRow, status: 'sent' | 'failed' | 'dropped' | 'retry') => void) | undefined;
}

const IDLE_MS = 1000;
const FAILING_WINDOW_MS = 15 * 60 * 1000;
const FAILED_AFTER_S = 72 * 3600;
const MAX_EMAIL_BACKOFF_MS = 60 * 60 * 1000;
/** A calendar server gets this long to take one booking's event. */
const CALENDAR_WRITE_TIMEOUT_MS = 20_000;

export const messageIdOf = (rowId: string) => `<${rowId}@scheduler-widget>`;

type SentMail = { subject: string; text: string; html: string; ics?: { method: string; content: string } };

export class Notifier {
  readonly #options: NotifierOptions;
  readonly #store: Store;
  readonly #transport: Transporter;
  readonly #local: boolean;
  #linkBase: string | undefined;
  readonly #inFlight = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: NotifierOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#local = !options.smtpUrl;
    this.#linkBase = options.linkBase;
    this.#store.outbox.onAdd(() => this.wake());
    this.#transport = options.smtpUrl
      ? nodemailer.createTransport({
          url: options.smtpUrl,
          pool: true,
          maxConnections: Math.max(1, Math.min(options.concurrency ?? 8, 4)),
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        } as TransportOptions)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** Where mail goes: `smtp` or the local `mailbox`. */
  get mode(): 'smtp' | 'mailbox' {
    return this.#local ? 'mailbox' : 'smtp';
  }

  /** Sets what relative links in mails are resolved against (a dev server knows its URL late). */
  setLinkBase(url: string | undefined): void {
    this.#linkBase = url;
  }

  start(): void {
    this.wake();
  }

  /** Looks at the outbox now (a write added rows, or a test moved the clock). */
  wake(): void {
    this.#schedule(0);
  }

  /** Stops taking rows and waits (at most `graceMs`) for the ones in flight. */
  async stop(graceMs = 2000): Promise<void> {
    this.#stopped = true;
    this.#store.outbox.onAdd(undefined);
    clearTimeout(this.#timer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.#inFlight.values()]),
      new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
    this.#transport.close();
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () => {
        try {
          this.#tick();
        } catch (error) {
          // A read that failed (the database busy or closing): never a crash of the API; try later.
          console.error('outbox:', error);
          if (!this.#stopped) this.#timer = setTimeout(() => this.#schedule(0), IDLE_MS).unref();
        }
      },
      Math.max(0, delayMs),
    );
    this.#timer.unref();
  }

  #tick(): void {
    if (this.#stopped || !this.#store.db.open) return;
    const concurrency = this.#options.concurrency ?? 8;
    const now = this.#options.now();
    const free = concurrency - this.#inFlight.size;
    if (free > 0) {
      const rows = this.#store.outbox
        .due(now, concurrency + this.#inFlight.size)
        .filter((row) => !this.#inFlight.has(row.id));
      for (const row of rows.slice(0, free)) {
        const work = this.#process(row)
          .catch((error: unknown) => this.#broken(row, error))
          .finally(() => {
            this.#inFlight.delete(row.id);
            this.#schedule(0);
          });
        this.#inFlight.set(row.id, work);
      }
    }
    // Rows due now but waiting for a free slot are taken when one frees up (see finally above).
    const next = this.#store.outbox.nextDue();
    this.#schedule(next === undefined || next <= now ? IDLE_MS : Math.min(next - now, IDLE_MS));
  }

  /** An unexpected error (not a refusal by the server): retried later, never in a tight loop. */
  #broken(row: OutboxRow, error: unknown): void {
    console.error(`outbox ${row.id}:`, error);
    if (!this.#store.db.open) return;
    const attempt = row.attempts + 1;
    if (attempt >= (this.#options.emailAttempts ?? 10)) {
      this.#store.outbox.finish(row.id, 'failed', attempt, String(error), this.#options.now());
      this.#settle(row, 'failed');
    } else {
      this.#store.outbox.retryAt(
        row.id,
        attempt,
        this.#options.now() + (this.#options.retryBaseMs ?? 2000) * 2 ** (attempt - 1),
        String(error),
      );
      this.#settle(row, 'retry');
    }
  }

  #settle(row: OutboxRow, status: 'sent' | 'failed' | 'dropped' | 'retry'): void {
    this.#options.onSettled?.(row, status);
  }

  /** A reminder whose booking has started is not sent any more. */
  #tooLate(row: OutboxRow, start: number): boolean {
    if (row.kind !== 'reminder' || this.#options.now() < start * 1000) return false;
    this.#store.outbox.finish(row.id, 'dropped', row.attempts, 'the booking had started', this.#options.now());
    this.#settle(row, 'dropped');
    return true;
  }

  async #process(row: OutboxRow): Promise<void> {
    if (row.channel === 'fanout') return this.#fanout(row);
    if (row.channel === 'email') return this.#email(row);
    if (row.channel === 'calendar') return this.#calendar(row);
    return this.#webhook(row);
  }

  /** A webhook reminder reaches the subscriptions that exist when it falls due: one row each. */
  #fanout(row: OutboxRow): void {
    const { notice, trigger } = JSON.parse(row.payload) as WebhookPayload;
    if (this.#tooLate(row, notice.booking.start)) return;
    const now = this.#options.now();
    this.#store.write(() => {
      for (const hook of this.#store.webhooks.subscribedTo(trigger)) {
        this.#store.outbox.add(
          {
            id: crypto.randomUUID(),
            channel: 'webhook',
            kind: row.kind,
            target: hook.id,
            booking_id: row.booking_id,
            payload: row.payload,
            due_at_ms: now,
          },
          now,
        );
      }
      this.#store.outbox.markSent(row.id, row.attempts + 1, now);
    });
    this.#settle(row, 'sent');
  }

  /** The message a mail row sends and what the local mailbox keeps of it; none when it came too late. */
  #messageOf(row: OutboxRow): { mail: SentMail; message: SendMailOptions } | undefined {
    const from = this.#options.mailFrom ?? 'scheduler@localhost';
    const sender = (name: string) => (from.includes('<') ? from : { name, address: from });
    if (row.kind.startsWith('webhook.')) {
      const mail = this.#statusMail(row) as SentMail;
      return { mail, message: { ...mail, from: sender('Scheduler'), to: row.target } };
    }
    const payload = JSON.parse(row.payload) as EmailPayload;
    const { booking } = payload.notice;
    if (this.#tooLate(row, booking.start)) return undefined;
    const mail = renderMail(payload, row.created_at_ms, this.#linkBase);
    const person = [booking.host, booking.guest, ...booking.additionalGuests].find((p) => p.email === row.target);
    const viaHost = payload.role === 'guest' && booking.host.name ? `${booking.host.name} via Scheduler` : 'Scheduler';
    const message: SendMailOptions = {
      from: sender(viaHost),
      to: person?.name ? { name: person.name, address: row.target } : row.target,
      replyTo: mail.replyTo,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'Content-Language': mail.language },
      ...(mail.ics && { icalEvent: { method: mail.ics.method, filename: 'invite.ics', content: mail.ics.content } }),
    };
    return { mail, message };
  }

  async #email(row: OutboxRow): Promise<void> {
    const attempt = row.attempts + 1;
    const built = this.#messageOf(row);
    if (!built) return;
    const { mail, message } = built;
    message.messageId = messageIdOf(row.id);
    message.date = new Date(this.#options.now());
    message.headers = { ...(message.headers as Record<string, string>), 'Auto-Submitted': 'auto-generated' };
    try {
      const info = (await this.#transport.sendMail(message)) as { message?: Buffer };
      if (!this.#store.db.open) return;
      if (this.#local) {
        this.#store.outbox.deliverLocally(
          {
            id: row.id,
            message_id: messageIdOf(row.id),
            recipients: row.target,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            ics: mail.ics?.content ?? null,
            raw: info.message?.toString('utf8') ?? '',
            created_at_ms: this.#options.now(),
          },
          row.id,
          attempt,
          this.#options.now(),
        );
      } else {
        this.#store.outbox.markSent(row.id, attempt, this.#options.now());
      }
      this.#settle(row, 'sent');
    } catch (error) {
      if (!this.#store.db.open) return;
      const code = (error as { responseCode?: number }).responseCode;
      const message = (error as Error).message;
      // 5xx: the server refuses this message for good; anything else (4xx, network) may pass later.
      const permanent = code !== undefined && code >= 500;
      const attempts = this.#options.emailAttempts ?? 10;
      if (permanent || attempt >= attempts) {
        this.#store.outbox.finish(row.id, 'failed', attempt, message, this.#options.now());
        this.#settle(row, 'failed');
        return;
      }
      const base = this.#options.retryBaseMs ?? 2000;
      const delay = Math.min(base * 2 ** (attempt - 1), MAX_EMAIL_BACKOFF_MS) * (1 + Math.random() * 0.2);
      this.#store.outbox.retryAt(row.id, attempt, this.#options.now() + delay, message);
      this.#settle(row, 'retry');
    }
  }

  async #calendar(row: OutboxRow): Promise<void> {
    const attempt = row.attempts + 1;
    try {
      const signal = AbortSignal.timeout(CALENDAR_WRITE_TIMEOUT_MS);
      const written = (await this.#options.writeCalendar?.(row, signal)) ?? false;
      if (!this.#store.db.open) return;
      if (written) {
        this.#store.outbox.markSent(row.id, attempt, this.#options.now());
        this.#settle(row, 'sent');
      } else {
        const why = 'the calendar is no longer connected';
        this.#store.outbox.finish(row.id, 'dropped', attempt, why, this.#options.now());
        this.#settle(row, 'dropped');
      }
    } catch (error) {
      if (!this.#store.db.open) return;
      const message = (error as Error).message;
      if (attempt >= (this.#options.emailAttempts ?? 10)) {
        this.#store.outbox.finish(row.id, 'failed', attempt, message, this.#options.now());
        this.#settle(row, 'failed');
        return;
      }
      const delay = Math.min((this.#options.retryBaseMs ?? 2000) * 2 ** (attempt - 1), MAX_EMAIL_BACKOFF_MS);
      this.#store.outbox.retryAt(row.id, attempt, this.#options.now() + delay, message);
      this.#settle(row, 'retry');
    }
  }

  async #webhook(row: OutboxRow): Promise<void> {
    const { notice, trigger } = JSON.parse(row.payload) as WebhookPayload;
    const hook = this.#store.webhooks.get(row.target);
    if (!hook || !isDelivering(hook)) {
      this.#store.outbox.finish(
        row.id,
        'dropped',
        row.attempts,
        hook ? `webhook ${hook.status}` : 'webhook deleted',
        this.#options.now(),
      );
      this.#settle(row, 'dropped');
      return;
    }
    if (this.#tooLate(row, notice.booking.start)) return;
    const attempt = row.attempts + 1;
    const body = envelope(
      row.id,
      trigger,
      row.created_at_ms,
      attempt,
      bookingObject(notice, trigger, this.#options.now()),
    );
    const outcome = await deliver(hook.webhook_url, hook.webhook_secret, hook.compressed_delivery, body);
    if (!this.#store.db.open) return;
    if (outcome.ok) {
      this.#store.outbox.markSent(row.id, attempt, this.#options.now());
      this.#health(row.target);
      this.#settle(row, 'sent');
    } else if (outcome.retry && attempt < WEBHOOK_ATTEMPTS) {
      const base = this.#options.webhookRetryBaseMs ?? 5 * 60 * 1000;
      this.#store.outbox.retryAt(row.id, attempt, this.#options.now() + base * 2 ** (attempt - 1), outcome.error);
      this.#settle(row, 'retry');
    } else {
      this.#store.outbox.finish(row.id, 'failed', attempt, outcome.error, this.#options.now());
      this.#health(row.target);
      this.#settle(row, 'failed');
    }
  }

  /**
   * A webhook's status by its deliveries, as Nylas's (developer.nylas.com/docs/v3/notifications/):
   * 95 % or more of the deliveries ended in the last 15 minutes failed → `failing` (still
   * delivered to); failing for 72 hours → `failed` (no more deliveries until re-activated); a
   * delivery that succeeds makes a failing webhook `active` again.
   */
  #health(webhookId: string): void {
    const hook = this.#store.webhooks.get(webhookId);
    if (!hook || !isDelivering(hook)) return;
    const nowMs = this.#options.now();
    const { sent, failed } = this.#store.outbox.webhookOutcomes(webhookId, nowMs - FAILING_WINDOW_MS);
    const failing = sent + failed > 0 && failed / (sent + failed) >= 0.95;
    const now = Math.floor(nowMs / 1000);
    let status = hook.status;
    if (hook.status === 'active' && failing) status = 'failing';
    else if (hook.status === 'failing' && !failing) status = 'active';
    else if (hook.status === 'failing' && now - hook.status_updated_at >= FAILED_AFTER_S) status = 'failed';
    if (status === hook.status) return;
    this.#store.write(() => {
      this.#store.webhooks.save({ ...hook, status, status_updated_at: now, updated_at: now });
      // Nylas mails the webhook's notification addresses when it turns failing or failed.
      if (status === 'active') return;
      const payload: WebhookStatusPayload = {
        id: hook.id,
        url: hook.webhook_url,
        status,
        description: hook.description,
      };
      for (const address of hook.notification_email_addresses) {
        this.#store.outbox.add(
          {
            id: crypto.randomUUID(),
            channel: 'email',
            kind: `webhook.${status}`,
            target: address,
            booking_id: null,
            payload: JSON.stringify(payload),
            due_at_ms: nowMs,
          },
          nowMs,
        );
      }
    });
  }

  /** The mail about a webhook turning failing or failed, in English. */
  #statusMail(row: OutboxRow): SendMailOptions {
    const hook = JSON.parse(row.payload) as WebhookStatusPayload;
    const subject = `Webhook ${hook.status}: ${hook.url}`;
    const text =
      hook.status === 'failing'
        ? `Most deliveries to the webhook ${hook.id} (${hook.url}) failed in the last 15 minutes. Deliveries continue; after 72 hours of failures it is marked failed and they stop.`
        : `The webhook ${hook.id} (${hook.url}) has failed for 72 hours and gets no more deliveries. Re-activate it with PUT /v3/webhooks/${hook.id} {"status": "active"}.`;
    return {
      subject,
      text,
      html: `<!doctype html><html lang="en"><body><p>${text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</p></body></html>`,
    };
  }
}
