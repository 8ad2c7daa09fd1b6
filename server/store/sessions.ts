import type { Db } from './db.js';

export interface SessionRecord {
  id: string;
  configurationId: string;
  expiresAtMs: number;
}

export class Sessions {
  readonly #get;
  readonly #delete;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { id: string; configuration_id: string; expires_at_ms: number }>(
      'SELECT * FROM sessions WHERE id = ?',
    );
    this.#delete = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
    const insert = db.prepare<[string, string, number]>(
      'INSERT INTO sessions (id, configuration_id, expires_at_ms) VALUES (?, ?, ?)',
    );
    const purge = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at_ms <= ?');
    this.create = db.transaction((session: SessionRecord, nowMs: number) => {
      purge.run(nowMs);
      insert.run(session.id, session.configurationId, session.expiresAtMs);
    });
  }

  /** Stores a session, dropping the ones that expired. */
  readonly create: (session: SessionRecord, nowMs: number) => void;

  /** A session that is still alive at `nowMs`. */
  live(id: string, nowMs: number): SessionRecord | undefined {
    const row = this.#get.get(id.toLowerCase());
    return row && row.expires_at_ms > nowMs
      ? { id: row.id, configurationId: row.configuration_id, expiresAtMs: row.expires_at_ms }
      : undefined;
  }

  /** Deletes a session; false when there was none. */
  delete(id: string): boolean {
    return this.#delete.run(id.toLowerCase()).changes > 0;
  }
}
