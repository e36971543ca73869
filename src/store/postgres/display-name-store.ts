import type { DisplayNameStore } from '../../users/display-name-store.ts';
import type { PostgresPool } from './pool.ts';

export function createPostgresDisplayNameStore(pool: PostgresPool, now: () => Date = () => new Date()): DisplayNameStore {
  return {
    async get(userKey) {
      const { rows } = await pool.query<{ name: string }>('SELECT name FROM display_names WHERE user_key = $1', [userKey]);
      return rows[0]?.name;
    },
    async all() {
      const { rows } = await pool.query<{ user_key: string; name: string }>('SELECT user_key, name FROM display_names');
      return new Map(rows.map((row) => [row.user_key, row.name]));
    },
    async set(userKey, name) {
      await pool.query(
        `INSERT INTO display_names (user_key, name, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_key) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
        [userKey, name, now().toISOString()],
      );
    },
  };
}
