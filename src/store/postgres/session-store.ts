import type { Activity } from '../../core/types.ts';
import type { SessionStore } from '../../core/session-store.ts';
import { iso, type PostgresPool } from './pool.ts';

export function createPostgresSessionStore(pool: PostgresPool): SessionStore {
  return {
    async load(userKey) {
      const { rows } = await pool.query<{ activity: Activity | null; updated_at: Date }>(
        'SELECT activity, updated_at FROM sessions WHERE user_key = $1',
        [userKey],
      );
      const row = rows[0];
      if (!row) return { userKey, activity: null, updatedAt: new Date(0).toISOString() };
      return { userKey, activity: row.activity ?? null, updatedAt: iso(row.updated_at) };
    },
    async save(session) {
      await pool.query(
        `INSERT INTO sessions (user_key, activity, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_key) DO UPDATE SET activity = excluded.activity, updated_at = excluded.updated_at`,
        [session.userKey, session.activity ? JSON.stringify(session.activity) : null, session.updatedAt],
      );
    },
    async purgeBefore(cutoff) {
      return (await pool.query('DELETE FROM sessions WHERE updated_at < $1', [cutoff.toISOString()])).rowCount ?? 0;
    },
  };
}
