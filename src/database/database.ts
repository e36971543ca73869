import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrateSqlite } from './migrations/migrate-sqlite.ts';

export type SqliteDatabase = Database.Database;

/**
 * Opens (creating if needed) the product database `gengbao.db` in dataDir, in WAL mode, and applies
 * the pending schema migrations (migrations/sqlite-migrations.ts). The knowledge index in the same
 * file keeps its own schema: it is rebuilt from the documents, not state.
 */
export function openDatabase(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'gengbao.db'));
  db.pragma('journal_mode = WAL');
  // WAL + NORMAL: every commit survives a crash of the process (kill -9), but the last ones may be lost on a power
  // cut. Saving a record or a binding runs under durably() (FULL), which syncs the WAL with every earlier commit in it.
  // FULL for everything cost an fsync per chat message (session, question log) and held Q&A near 100/s (bench:reliability).
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrateSqlite(db);
  return db;
}

/** An in-memory database for tests that do not need a file. */
export function openMemoryDatabase(): SqliteDatabase {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrateSqlite(db);
  return db;
}

/**
 * Runs fn with synchronous = FULL, so what it commits (and every commit before it in the WAL) is on disk, not only in
 * the OS cache, when it returns: for what a user was told is saved (records, bindings).
 */
export function durably<T>(db: SqliteDatabase, fn: () => T): T {
  const before = db.pragma('synchronous', { simple: true }) as number;
  if (before >= 2 || db.inTransaction) return fn();
  db.pragma('synchronous = FULL');
  try {
    return fn();
  } finally {
    db.pragma(`synchronous = ${before}`);
  }
}
