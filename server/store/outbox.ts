/**
 * The outbox: every message a booking write causes (a mail, a webhook delivery, a reminder due
 * later) is a row written in that write's transaction, so the booking and its messages commit or
 * roll back together. The notifier (server/notify/) sends queued rows that are due and marks each
 * one right after its send. A row's id is the message's identity on the wire (Message-ID, the
 * webhook envelope's `id`), the same on every attempt.
 */
import type { Db } from './db.js';

export type OutboxChannel = 'email' | 'webhook' | 'fanout' | 'calendar';
export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'dropped';

export interface OutboxRow {
  id: string;
  channel: OutboxChannel;
  /** What the message says: `booking.created`, `reminder`, ... */
  kind: string;
  /** An email address, a webhook id, or (fanout) the webhook trigger. */
  target: string;
  booking_id: string | null;
  /** JSON: what the message is rendered from. */
  payload: string;
  status: OutboxStatus;
  due_at_ms: number;
  attempts: number;
  last_error: string | null;
  created_at_ms: number;
  sent_at_ms: number | null;
  /** When it was sent, failed or dropped. */
  finished_at_ms: number | null;
}

export type NewOutboxRow = Pick<
  OutboxRow,
  'id' | 'channel' | 'kind' | 'target' | 'booking_id' | 'payload' | 'due_at_ms'
>;

export interface MailboxRow {
  id: string;
  message_id: string;
  recipients: string;
  subject: string;
  text: string;
  html: string;
  ics: string | null;
  raw: string;
  created_at_ms: number;
}

export class Outbox {
  readonly #insert;
  readonly #due;
  readonly #nextDue;
  readonly #get;
  readonly #markSent;
  readonly #retry;
  readonly #finish;
  readonly #dropQueued;
  readonly #bumpSequence;
  readonly #counts;
  readonly #webhookOutcomes;
  readonly #insertMail;
  readonly #mails;
  readonly #mail;
  #listener: (() => void) | undefined;
  #poked = false;

  constructor(readonly db: Db) {
    this.#insert = db.prepare<[NewOutboxRow & { now: number }]>(
      `INSERT INTO outbox (id, channel, kind, target, booking_id, payload, status, due_at_ms, created_at_ms)
       VALUES (@id, @channel, @kind, @target, @booking_id, @payload, 'queued', @due_at_ms, @now)`,
    );
    this.#due = db.prepare<[number, number], OutboxRow>(
      `SELECT * FROM outbox WHERE status = 'queued' AND due_at_ms <= ? ORDER BY due_at_ms, created_at_ms LIMIT ?`,
    );
    this.#nextDue = db.prepare<[], { due: number | null }>(
      `SELECT min(due_at_ms) AS due FROM outbox WHERE status = 'queued'`,
    );
    this.#get = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
    this.#markSent = db.prepare<[number, number, number, string]>(
      `UPDATE outbox SET status = 'sent', sent_at_ms = ?, finished_at_ms = ?, attempts = ? WHERE id = ? AND status = 'queued'`,
    );
    this.#retry = db.prepare<[number, number, string, string]>(
      `UPDATE outbox SET due_at_ms = ?, attempts = ?, last_error = ? WHERE id = ? AND status = 'queued'`,
    );
    this.#finish = db.prepare<[OutboxStatus, number, string, number, string]>(
      `UPDATE outbox SET status = ?, attempts = ?, last_error = ?, finished_at_ms = ? WHERE id = ? AND status = 'queued'`,
    );
    this.#webhookOutcomes = db.prepare<[string, number], { status: OutboxStatus; count: number }>(
      `SELECT status, count(*) AS count FROM outbox
       WHERE channel = 'webhook' AND target = ? AND finished_at_ms >= ? AND status IN ('sent', 'failed') GROUP BY status`,
    );
    this.#dropQueued = db.prepare<[string, string]>(
      `UPDATE outbox SET status = 'dropped', last_error = 'superseded', finished_at_ms = due_at_ms WHERE booking_id = ? AND kind = ? AND status = 'queued'`,
    );
    this.#bumpSequence = db.prepare<[string], { ical_sequence: number }>(
      'UPDATE bookings SET ical_sequence = ical_sequence + 1 WHERE id = ? RETURNING ical_sequence',
    );
    this.#counts = db.prepare<[], { status: OutboxStatus; count: number }>(
      'SELECT status, count(*) AS count FROM outbox GROUP BY status',
    );
    this.#insertMail = db.prepare<[MailboxRow]>(
      `INSERT OR IGNORE INTO mailbox (id, message_id, recipients, subject, text, html, ics, raw, created_at_ms)
       VALUES (@id, @message_id, @recipients, @subject, @text, @html, @ics, @raw, @created_at_ms)`,
    );
    this.#mails = db.prepare<[number], Omit<MailboxRow, 'raw'>>(
      `SELECT id, message_id, recipients, subject, text, html, ics, created_at_ms FROM mailbox ORDER BY created_at_ms DESC, rowid DESC LIMIT ?`,
    );
    this.#mail = db.prepare<[string], MailboxRow>('SELECT * FROM mailbox WHERE id = ?');
  }

  /** `listener` runs once after rows were added (on the next turn: after their transaction committed). */
  onAdd(listener: (() => void) | undefined): void {
    this.#listener = listener;
  }

  add(row: NewOutboxRow, nowMs: number): void {
    this.#insert.run({ ...row, now: nowMs });
    if (this.#listener && !this.#poked) {
      this.#poked = true;
      setImmediate(() => {
        this.#poked = false;
        this.#listener?.();
      });
    }
  }

  /** Queued rows due at `nowMs`, oldest first. */
  due(nowMs: number, limit: number): OutboxRow[] {
    return this.#due.all(nowMs, limit);
  }

  /** When the next queued row falls due (ms), or undefined when none is queued. */
  nextDue(): number | undefined {
    return this.#nextDue.get()?.due ?? undefined;
  }

  get(id: string): OutboxRow | undefined {
    return this.#get.get(id);
  }

  markSent(id: string, attempts: number, nowMs: number): void {
    this.#markSent.run(nowMs, nowMs, attempts, id);
  }

  retryAt(id: string, attempts: number, dueMs: number, error: string): void {
    this.#retry.run(dueMs, attempts, error.slice(0, 1000), id);
  }

  /** Ends a row without sending it again: `failed` (gave up) or `dropped` (no longer wanted). */
  finish(id: string, status: 'failed' | 'dropped', attempts: number, why: string, nowMs: number): void {
    this.#finish.run(status, attempts, why.slice(0, 1000), nowMs, id);
  }

  /** A webhook's deliveries that ended (sent or failed) since `sinceMs`. */
  webhookOutcomes(webhookId: string, sinceMs: number): { sent: number; failed: number } {
    const outcomes = { sent: 0, failed: 0 };
    for (const { status, count } of this.#webhookOutcomes.all(webhookId, sinceMs)) {
      if (status === 'sent' || status === 'failed') outcomes[status] = count;
    }
    return outcomes;
  }

  /** Drops a booking's queued rows of one kind (its reminders, when it moves or is cancelled). */
  dropQueued(bookingId: string, kind: string): void {
    this.#dropQueued.run(bookingId, kind);
  }

  /** The booking's next iCalendar SEQUENCE (0 on create; each change raises it). */
  bumpSequence(bookingId: string): number {
    return this.#bumpSequence.get(bookingId)?.ical_sequence ?? 0;
  }

  counts(): Record<OutboxStatus, number> {
    const counts: Record<OutboxStatus, number> = { queued: 0, sent: 0, failed: 0, dropped: 0 };
    for (const { status, count } of this.#counts.all()) counts[status] = count;
    return counts;
  }

  /** Keeps a mail in the local mailbox and marks its row sent, in one transaction: exactly once. */
  deliverLocally(mail: MailboxRow, outboxId: string, attempts: number, nowMs: number): void {
    this.db
      .transaction(() => {
        this.#insertMail.run(mail);
        this.#markSent.run(nowMs, nowMs, attempts, outboxId);
      })
      .immediate();
  }

  mailbox(limit = 200): Omit<MailboxRow, 'raw'>[] {
    return this.#mails.all(limit);
  }

  mail(id: string): MailboxRow | undefined {
    return this.#mail.get(id);
  }
}
