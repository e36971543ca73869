import type { SqliteDatabase } from '../database/database.ts';

/** One reminder slot: a form's period, a window (before-3, due, summary, manual-2026-06-20) and a recipient. */
export interface ReminderKey {
  formId: string;
  period: string;
  window: string;
  userKey: string;
}

/** What was sent (so a restart never sends twice) and who asked not to be reminded. */
export interface ReminderStore {
  /** Takes the slot; false when it was already taken (sent before). */
  claim(key: ReminderKey, unit: string, at: Date): Promise<boolean>;
  /** Whether the slot was already taken. */
  has(key: ReminderKey): Promise<boolean>;
  /** Gives a slot back after a failed delivery, so the next round tries again. */
  release(key: ReminderKey): Promise<void>;
  optedOut(userKey: string): Promise<boolean>;
  setOptOut(userKey: string, optedOut: boolean, at: Date): Promise<void>;
}

export function createSqliteReminderStore(db: SqliteDatabase): ReminderStore {
  const insert = db.prepare('INSERT OR IGNORE INTO reminders_sent (form_id, period, window, user_key, unit, sent_at) VALUES (?, ?, ?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM reminders_sent WHERE form_id = ? AND period = ? AND window = ? AND user_key = ?');
  const select = db.prepare<[string, string, string, string], { sent_at: string }>(
    'SELECT sent_at FROM reminders_sent WHERE form_id = ? AND period = ? AND window = ? AND user_key = ?',
  );
  const selectOptOut = db.prepare<[string], { opted_out: number }>('SELECT opted_out FROM reminder_opt_outs WHERE user_key = ?');
  const upsertOptOut = db.prepare(
    `INSERT INTO reminder_opt_outs (user_key, opted_out, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(user_key) DO UPDATE SET opted_out = excluded.opted_out, updated_at = excluded.updated_at`,
  );
  return {
    claim: async (key, unit, at) => insert.run(key.formId, key.period, key.window, key.userKey, unit, at.toISOString()).changes === 1,
    has: async (key) => select.get(key.formId, key.period, key.window, key.userKey) !== undefined,
    release: async (key) => void remove.run(key.formId, key.period, key.window, key.userKey),
    optedOut: async (userKey) => selectOptOut.get(userKey)?.opted_out === 1,
    setOptOut: async (userKey, optedOut, at) => void upsertOptOut.run(userKey, optedOut ? 1 : 0, at.toISOString()),
  };
}
