import type { ConfigurationInput } from '../../src/contract/admin.js';
import type { Db } from './db.js';

export interface ConfigurationRecord {
  id: string;
  grantId: string;
  body: ConfigurationInput;
  createdAtMs: number;
}

interface ConfigurationRow {
  id: string;
  grant_id: string;
  body: string;
  created_at_ms: number;
}

const toRecord = (row: ConfigurationRow): ConfigurationRecord => ({
  id: row.id,
  grantId: row.grant_id,
  body: JSON.parse(row.body) as ConfigurationInput,
  createdAtMs: row.created_at_ms,
});

export class Configurations {
  readonly #get;
  readonly #bySlug;
  readonly #list;
  readonly #upsert;
  readonly #delete;

  constructor(db: Db) {
    this.#get = db.prepare<[string], ConfigurationRow>('SELECT * FROM configurations WHERE id = ?');
    this.#bySlug = db.prepare<[string], ConfigurationRow>('SELECT * FROM configurations WHERE slug = ?');
    this.#list = db.prepare<[string, number, number, string, number], ConfigurationRow>(
      `SELECT * FROM configurations
       WHERE grant_id = ? AND (created_at_ms > ? OR (created_at_ms = ? AND id > ?))
       ORDER BY created_at_ms, id LIMIT ?`,
    );
    this.#upsert = db.prepare<{
      id: string;
      grant_id: string;
      slug: string | null;
      requires_session_auth: number;
      body: string;
      now: number;
    }>(
      `INSERT INTO configurations (id, grant_id, slug, requires_session_auth, body, created_at_ms, updated_at_ms)
       VALUES (@id, @grant_id, @slug, @requires_session_auth, @body, @now, @now)
       ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, requires_session_auth = excluded.requires_session_auth,
         body = excluded.body, updated_at_ms = excluded.updated_at_ms`,
    );
    this.#delete = db.prepare<[string]>('DELETE FROM configurations WHERE id = ?');
  }

  get(id: string): ConfigurationRecord | undefined {
    const row = this.#get.get(id.toLowerCase());
    return row && toRecord(row);
  }

  bySlug(slug: string): ConfigurationRecord | undefined {
    const row = this.#bySlug.get(slug);
    return row && toRecord(row);
  }

  /** One page of a grant's configurations in creation order, plus whether more follow. */
  list(
    grantId: string,
    limit: number,
    after?: { key: number; id: string },
  ): { configurations: ConfigurationRecord[]; more: boolean } {
    const cursor = after ?? { key: -1, id: '' };
    const rows = this.#list.all(grantId, cursor.key, cursor.key, cursor.id, limit + 1);
    return { configurations: rows.slice(0, limit).map(toRecord), more: rows.length > limit };
  }

  /** Creates or replaces a configuration (its grant and creation time stay). */
  save(id: string, grantId: string, body: ConfigurationInput, nowMs: number): ConfigurationRecord {
    this.#upsert.run({
      id,
      grant_id: grantId,
      slug: body.slug ?? null,
      requires_session_auth: body.requires_session_auth ? 1 : 0,
      body: JSON.stringify(body),
      now: nowMs,
    });
    return this.get(id)!;
  }

  delete(id: string): void {
    this.#delete.run(id);
  }
}
