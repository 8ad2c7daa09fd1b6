/** Webhook subscriptions, in the shape of Nylas's `/v3/webhooks` (times in Unix seconds, as on the wire). */
import type { Db } from './db.js';

export type WebhookStatus = 'active' | 'pause' | 'failing' | 'failed';

export interface WebhookRecord {
  id: string;
  description: string | null;
  trigger_types: string[];
  webhook_url: string;
  webhook_secret: string;
  status: WebhookStatus;
  notification_email_addresses: string[];
  compressed_delivery: boolean;
  status_updated_at: number;
  created_at: number;
  updated_at: number;
}

interface WebhookRow extends Omit<
  WebhookRecord,
  'trigger_types' | 'notification_email_addresses' | 'compressed_delivery'
> {
  trigger_types: string;
  notification_email_addresses: string;
  compressed_delivery: number;
}

const toRecord = (row: WebhookRow): WebhookRecord => ({
  ...row,
  trigger_types: JSON.parse(row.trigger_types) as string[],
  notification_email_addresses: JSON.parse(row.notification_email_addresses) as string[],
  compressed_delivery: row.compressed_delivery === 1,
});

const toRow = (record: WebhookRecord): WebhookRow => ({
  ...record,
  trigger_types: JSON.stringify(record.trigger_types),
  notification_email_addresses: JSON.stringify(record.notification_email_addresses),
  compressed_delivery: record.compressed_delivery ? 1 : 0,
});

export const isDelivering = (hook: WebhookRecord): boolean => hook.status === 'active' || hook.status === 'failing';

export class Webhooks {
  readonly #all;
  readonly #get;
  readonly #upsert;
  readonly #delete;

  constructor(db: Db) {
    this.#all = db.prepare<[], WebhookRow>('SELECT * FROM webhooks ORDER BY created_at, id');
    this.#get = db.prepare<[string], WebhookRow>('SELECT * FROM webhooks WHERE id = ?');
    this.#upsert = db.prepare<[WebhookRow]>(
      `INSERT OR REPLACE INTO webhooks (id, description, trigger_types, webhook_url, webhook_secret, status,
         notification_email_addresses, compressed_delivery, status_updated_at, created_at, updated_at)
       VALUES (@id, @description, @trigger_types, @webhook_url, @webhook_secret, @status,
         @notification_email_addresses, @compressed_delivery, @status_updated_at, @created_at, @updated_at)`,
    );
    this.#delete = db.prepare<[string]>('DELETE FROM webhooks WHERE id = ?');
  }

  all(): WebhookRecord[] {
    return this.#all.all().map(toRecord);
  }

  /** Subscriptions to `trigger` that get deliveries: active, or failing (not paused, not failed). */
  subscribedTo(trigger: string): WebhookRecord[] {
    return this.all().filter((hook) => isDelivering(hook) && hook.trigger_types.includes(trigger));
  }

  get(id: string): WebhookRecord | undefined {
    const row = this.#get.get(id);
    return row && toRecord(row);
  }

  save(record: WebhookRecord): void {
    this.#upsert.run(toRow(record));
  }

  delete(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }
}
