import type { SqliteDatabase } from '../database/database.ts';
import { postgresStateStores, type PostgresStateOptions } from './postgres/state-stores.ts';
import { sqliteStateStores } from './sqlite-state-stores.ts';
import type { StateStores } from './state-stores.ts';

/** A postgres:// or postgresql:// URL selects PostgreSQL; nothing keeps the state in the SQLite file. */
export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(?:ql)?:\/\//i.test(url);
}

export async function openStateStores(
  where: { databaseUrl?: string; sqlite: SqliteDatabase },
  options: PostgresStateOptions,
): Promise<StateStores> {
  if (isPostgresUrl(where.databaseUrl)) return postgresStateStores(where.databaseUrl, options);
  return sqliteStateStores(where.sqlite, options);
}
