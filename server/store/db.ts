import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

export type Db = Database.Database;

/** Opens (creating it and its directory when missing) and migrates the database file. */
export function openDatabase(path: string): Db {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // In WAL mode a commit has reached the OS once it returns, so even synchronous=NORMAL survives a
  // `kill -9`; FULL also fsyncs the WAL on every commit, so an acknowledged booking survives a
  // power cut or OS crash too. A booking is a promise made to a person: worth one fsync.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
