import type { SqliteDatabase } from './database.ts';

/** Remembers platform delivery ids (update_id, event_id) so a redelivered message is handled once. */
export interface DeliveryLog {
  /** Returns true the first time a key is seen, false for every repeat. */
  firstTime(key: string): Promise<boolean>;
}

export function createSqliteDeliveryLog(db: SqliteDatabase, keep = 50_000): DeliveryLog {
  db.exec(`CREATE TABLE IF NOT EXISTS deliveries (
    key TEXT PRIMARY KEY,
    seen_at TEXT NOT NULL
  )`);
  const insert = db.prepare('INSERT OR IGNORE INTO deliveries (key, seen_at) VALUES (?, ?)');
  const prune = db.prepare(
    'DELETE FROM deliveries WHERE rowid NOT IN (SELECT rowid FROM deliveries ORDER BY rowid DESC LIMIT ?)',
  );
  let inserted = 0;
  return {
    async firstTime(key) {
      const isNew = insert.run(key, new Date().toISOString()).changes === 1;
      if (isNew && ++inserted % 1000 === 0) prune.run(keep);
      return isNew;
    },
  };
}
