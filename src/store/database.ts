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
  // WAL with NORMAL may lose the last acknowledged commits on a power cut; FULL syncs every commit (records are few).
  db.pragma('synchronous = FULL');
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
