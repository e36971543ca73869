import type { SqliteDatabase } from '../database/database.ts';

/** Remembers platform delivery ids (update_id, event_id) so a redelivered message is handled once. */
export interface DeliveryLog {
  /** Returns true the first time a key is seen, false for every repeat. */
  firstTime(key: string): Promise<boolean>;
  /** Forgets keys first seen before cutoff (platforms stop redelivering within a day); returns how many. */
  purgeBefore(cutoff: Date): Promise<number>;
}

export function createSqliteDeliveryLog(db: SqliteDatabase, keep = 50_000, now: () => Date = () => new Date()): DeliveryLog {
  const insert = db.prepare('INSERT OR IGNORE INTO deliveries (key, seen_at) VALUES (?, ?)');
  const prune = db.prepare(
    'DELETE FROM deliveries WHERE rowid NOT IN (SELECT rowid FROM deliveries ORDER BY rowid DESC LIMIT ?)',
  );
  const purge = db.prepare('DELETE FROM deliveries WHERE seen_at < ?');
  let inserted = 0;
  return {
    async firstTime(key) {
      const isNew = insert.run(key, now().toISOString()).changes === 1;
      if (isNew && ++inserted % 1000 === 0) prune.run(keep);
      return isNew;
    },
    async purgeBefore(cutoff) {
      return purge.run(cutoff.toISOString()).changes;
    },
  };
}
