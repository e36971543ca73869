import type { RecentFormStore } from '../../reporting/recent-form.ts';
import { iso, type PostgresPool } from './pool.ts';

/** The last form each county user asked about, shared by all instances. */
export function createPostgresRecentFormStore(pool: PostgresPool): RecentFormStore {
  return {
    async save(userKey, asked) {
      await pool.query(
        `INSERT INTO recent_forms (user_key, form_id, period, asked_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_key) DO UPDATE SET form_id = excluded.form_id, period = excluded.period, asked_at = excluded.asked_at`,
        [userKey, asked.formId, asked.period ?? null, asked.at],
      );
    },
    async load(userKey) {
      const { rows } = await pool.query<{ form_id: string; period: string | null; asked_at: Date }>('SELECT form_id, period, asked_at FROM recent_forms WHERE user_key = $1', [userKey]);
      const row = rows[0];
      return row ? { formId: row.form_id, ...(row.period ? { period: row.period } : {}), at: iso(row.asked_at) } : undefined;
    },
  };
}
