import { createHash } from 'node:crypto';
import type { Db } from './db.js';

/** A grant access token as stored: its digest stands in for it, so a copy of the database opens nothing. */
export interface AccessTokenRecord {
  id: string;
  grantId: string;
  clientId: string;
  issuer: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

interface AccessTokenRow {
  id: string;
  grant_id: string;
  client_id: string;
  issuer: string;
  issued_at_ms: number;
  expires_at_ms: number;
  revoked_at_ms: number | null;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

const toRecord = (row: AccessTokenRow): AccessTokenRecord => ({
  id: row.id,
  grantId: row.grant_id,
  clientId: row.client_id,
  issuer: row.issuer,
  issuedAtMs: row.issued_at_ms,
  expiresAtMs: row.expires_at_ms,
});

const alive = (row: AccessTokenRow, nowMs: number) => row.revoked_at_ms === null && row.expires_at_ms > nowMs;

/**
 * Expired tokens are kept this long after they expire, so that one presented late is still told
 * apart from a token that never was (an editor logs out on the first, not on the second).
 */
const KEPT_AFTER_EXPIRY_MS = 7 * 86_400_000;

/** A token this store knows: whether it still opens its grant (neither expired nor revoked). */
export interface AccessTokenState {
  record: AccessTokenRecord;
  live: boolean;
}

export class AccessTokens {
  readonly #byDigest;
  readonly #byId;
  readonly #revoke;
  readonly #signingKey;

  constructor(db: Db) {
    this.#byDigest = db.prepare<[string], AccessTokenRow>('SELECT * FROM access_tokens WHERE token_sha256 = ?');
    this.#byId = db.prepare<[string], AccessTokenRow>('SELECT * FROM access_tokens WHERE id = ?');
    this.#revoke = db.prepare<[number, string]>(
      'UPDATE access_tokens SET revoked_at_ms = ? WHERE token_sha256 = ? AND revoked_at_ms IS NULL',
    );
    this.#signingKey = db.prepare<[], { secret: Buffer }>("SELECT secret FROM signing_keys WHERE name = 'id_token'");
    const insert = db.prepare<[string, string, string, string, string, number, number]>(
      `INSERT INTO access_tokens (id, token_sha256, grant_id, client_id, issuer, issued_at_ms, expires_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const purge = db.prepare<[number]>('DELETE FROM access_tokens WHERE expires_at_ms <= ?');
    this.insert = db.transaction((token: string, record: AccessTokenRecord) => {
      purge.run(record.issuedAtMs - KEPT_AFTER_EXPIRY_MS);
      insert.run(
        record.id,
        digest(token),
        record.grantId,
        record.clientId,
        record.issuer,
        record.issuedAtMs,
        record.expiresAtMs,
      );
    });
  }

  /** Stores a token's digest and what it grants, dropping the tokens expired long ago. */
  readonly insert: (token: string, record: AccessTokenRecord) => void;

  /** The token's record and whether it is live at `nowMs`; undefined for a token never minted here. */
  lookup(token: string, nowMs: number): AccessTokenState | undefined {
    const row = this.#byDigest.get(digest(token));
    return row && { record: toRecord(row), live: alive(row, nowMs) };
  }

  /** The same by the token's id (an ID token's `jti`). */
  lookupById(id: string, nowMs: number): AccessTokenState | undefined {
    const row = this.#byId.get(id);
    return row && { record: toRecord(row), live: alive(row, nowMs) };
  }

  /** Revokes a token; false when it was unknown or revoked already. */
  revoke(token: string, nowMs: number): boolean {
    return this.#revoke.run(nowMs, digest(token)).changes > 0;
  }

  /** The key this database signs ID tokens with (HS256). */
  signingKey(): Buffer {
    return this.#signingKey.get()!.secret;
  }
}
