import type { Activity, Session } from './types.ts';
import type { SqliteDatabase } from '../database/database.ts';

/** Sessions live in SQLite so a restart mid-form loses nothing. */
export interface SessionStore {
  load(userKey: string): Promise<Session>;
  save(session: Session): Promise<void>;
  /** Deletes sessions last touched before cutoff (an abandoned draft included); returns how many. */
  purgeBefore(cutoff: Date): Promise<number>;
}

export function createSqliteSessionStore(db: SqliteDatabase): SessionStore {
  const select = db.prepare<[string], { activity: string | null; updated_at: string }>(
    'SELECT activity, updated_at FROM sessions WHERE user_key = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO sessions (user_key, activity, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(user_key) DO UPDATE SET activity = excluded.activity, updated_at = excluded.updated_at`,
  );
  const purge = db.prepare('DELETE FROM sessions WHERE updated_at < ?');
  return {
    async load(userKey) {
      const row = select.get(userKey);
      if (!row) return { userKey, activity: null, updatedAt: new Date(0).toISOString() };
      return { userKey, activity: row.activity ? (JSON.parse(row.activity) as Activity) : null, updatedAt: row.updated_at };
    },
    async save(session) {
      upsert.run(session.userKey, session.activity ? JSON.stringify(session.activity) : null, session.updatedAt);
    },
    async purgeBefore(cutoff) {
      return purge.run(cutoff.toISOString()).changes;
    },
  };
}
