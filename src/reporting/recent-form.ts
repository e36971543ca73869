import type { SqliteDatabase } from '../database/database.ts';

/**
 * The form (and period) a county user last asked about — a status question, 催报, a chart or an export — so
 * that a bare 「导出」「催报」 said within half an hour follows it instead of asking which form again. Kept in the
 * same store as the sessions, so a restart keeps it.
 */
export interface RecentForms {
  remember(userKey: string, formId: string, period?: string): Promise<void>;
  recall(userKey: string): Promise<{ formId: string; period?: string } | undefined>;
}

/** Where the last form asked about is kept: one row per user (SQLite or PostgreSQL, beside the sessions). */
export interface RecentFormStore {
  save(userKey: string, asked: { formId: string; period?: string; at: string }): Promise<void>;
  load(userKey: string): Promise<{ formId: string; period?: string; at: string } | undefined>;
}

const WINDOW_MS = 30 * 60_000;

/** Over a store; without one (a skill built alone in a test) in memory. */
export function createRecentForms(now: () => Date, store: RecentFormStore = memoryRecentFormStore()): RecentForms {
  return {
    remember: (userKey, formId, period) => store.save(userKey, { formId, period, at: now().toISOString() }),
    async recall(userKey) {
      const found = await store.load(userKey);
      if (!found || now().getTime() - Date.parse(found.at) > WINDOW_MS) return undefined;
      return { formId: found.formId, ...(found.period ? { period: found.period } : {}) };
    },
  };
}

function memoryRecentFormStore(): RecentFormStore {
  const kept = new Map<string, { formId: string; period?: string; at: string }>();
  return { save: async (userKey, asked) => void kept.set(userKey, asked), load: async (userKey) => kept.get(userKey) };
}

export function createSqliteRecentFormStore(db: SqliteDatabase): RecentFormStore {
  const upsert = db.prepare(
    `INSERT INTO recent_forms (user_key, form_id, period, asked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_key) DO UPDATE SET form_id = excluded.form_id, period = excluded.period, asked_at = excluded.asked_at`,
  );
  const select = db.prepare<[string], { form_id: string; period: string | null; asked_at: string }>('SELECT form_id, period, asked_at FROM recent_forms WHERE user_key = ?');
  return {
    save: async (userKey, asked) => void upsert.run(userKey, asked.formId, asked.period ?? null, asked.at),
    async load(userKey) {
      const row = select.get(userKey);
      return row ? { formId: row.form_id, ...(row.period ? { period: row.period } : {}), at: row.asked_at } : undefined;
    },
  };
}
