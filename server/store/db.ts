import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (creating it and its directory when missing) and migrates the database file.
 *
 * The settings are chosen so that an acknowledged booking is never lost and never half-written:
 * - Every write is one transaction (Store.write) that commits before the response is sent, so a
 *   booking and its calendar event land together or not at all.
 * - journal_mode = WAL: a commit appends to the -wal file; a process killed mid-write (`kill -9`)
 *   leaves at most an uncommitted tail there, which the next open ignores (recovery runs
 *   automatically). Readers never block the writer.
 * - synchronous = FULL: in WAL mode a returned commit has reached the OS, which survives the
 *   process dying even with NORMAL; FULL also fsyncs the WAL on every commit, so it survives a
 *   power cut or OS crash too. A booking is a promise made to a person: worth one fsync.
 * - busy_timeout = 5000: when another connection (a second server on the same file, a test or
 *   the sqlite3 shell) holds the write lock, BEGIN IMMEDIATE waits up to 5 s for it instead of
 *   failing at once with SQLITE_BUSY. Inside one server every write is synchronous, so its own
 *   requests never wait on each other.
 * - foreign_keys = ON: a booking cannot point at a missing configuration.
 */
export function openDatabase(path: string): Db {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
