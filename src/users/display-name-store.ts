import type { SqliteDatabase } from '../database/database.ts';

/** What people are called (「张三」), by userKey: given at binding or taken from the platform profile. */
export interface DisplayNameStore {
  get(userKey: string): Promise<string | undefined>;
  /** Every known name, for listing many users at once. */
  all(): Promise<Map<string, string>>;
  set(userKey: string, name: string): Promise<void>;
}

/** A name as people write it: trimmed, inner spaces collapsed, 1–20 characters. */
export function cleanDisplayName(text: string): string | undefined {
  const name = text.normalize('NFKC').replace(/^(?:我叫|我是|叫我|姓名|名字)[:：]?/, '').replace(/\s+/g, ' ').trim();
  if (!name || [...name].length > 20 || /^\d+$/.test(name) || /[<>{}]/.test(name)) return undefined;
  return name;
}

export function createSqliteDisplayNameStore(db: SqliteDatabase, now: () => Date = () => new Date()): DisplayNameStore {
  const select = db.prepare<[string], { name: string }>('SELECT name FROM display_names WHERE user_key = ?');
  const selectAll = db.prepare<[], { user_key: string; name: string }>('SELECT user_key, name FROM display_names');
  const upsert = db.prepare(
    `INSERT INTO display_names (user_key, name, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(user_key) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
  );
  return {
    get: async (userKey) => select.get(userKey)?.name,
    all: async () => new Map(selectAll.all().map((row) => [row.user_key, row.name])),
    set: async (userKey, name) => void upsert.run(userKey, name, now().toISOString()),
  };
}
