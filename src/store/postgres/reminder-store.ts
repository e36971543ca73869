import type { ReminderStore } from '../../reporting/reminder-store.ts';
import type { PostgresPool } from './pool.ts';

/** Reminder slots shared by all instances: the first instance to claim a slot sends it. */
export function createPostgresReminderStore(pool: PostgresPool): ReminderStore {
  const slot = (key: { formId: string; period: string; window: string; userKey: string }) => [key.formId, key.period, key.window, key.userKey];
  const WHERE = 'form_id = $1 AND period = $2 AND reminder_window = $3 AND user_key = $4';
  return {
    async claim(key, unit, at) {
      const result = await pool.query(
        `INSERT INTO reminders_sent (form_id, period, reminder_window, user_key, unit, sent_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING`,
        [...slot(key), unit, at.toISOString()],
      );
      return result.rowCount === 1;
    },
    async has(key) {
      const { rows } = await pool.query(`SELECT 1 FROM reminders_sent WHERE ${WHERE}`, slot(key));
      return rows.length > 0;
    },
    async release(key) {
      await pool.query(`DELETE FROM reminders_sent WHERE ${WHERE}`, slot(key));
    },
    async optedOut(userKey) {
      const { rows } = await pool.query<{ opted_out: boolean }>('SELECT opted_out FROM reminder_opt_outs WHERE user_key = $1', [userKey]);
      return rows[0]?.opted_out === true;
    },
    async setOptOut(userKey, optedOut, at) {
      await pool.query(
        `INSERT INTO reminder_opt_outs (user_key, opted_out, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_key) DO UPDATE SET opted_out = excluded.opted_out, updated_at = excluded.updated_at`,
        [userKey, optedOut, at.toISOString()],
      );
    },
  };
}
