import { checkMigrationList, pendingMigrations, type Migration, type MigrationStatus } from '../../database/migrations/migration.ts';
import { LOCK_CLASS } from './advisory-keys.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { iso, type PostgresClient, type PostgresPool } from './pool.ts';

const TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

async function appliedVersions(client: PostgresClient): Promise<Set<number>> {
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((row) => row.version));
}

/**
 * Applies the pending migrations under an advisory lock, so instances starting together take turns
 * and the later ones find the work done. Each migration runs in its own transaction.
 */
export async function migratePostgres(pool: PostgresPool, migrations: Migration[] = POSTGRES_MIGRATIONS): Promise<number[]> {
  checkMigrationList(migrations);
  const client = await pool.connect();
  const done: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1, 0)', [LOCK_CLASS.migrations]);
    try {
      await client.query(TABLE);
      const applied = await appliedVersions(client);
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL 迁移 ${migration.version}（${migration.name}）失败：${(error as Error).message}`, { cause: error });
        }
        done.push(migration.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, 0)', [LOCK_CLASS.migrations]);
    }
  } finally {
    client.release();
  }
  return done;
}

export async function postgresMigrationStatus(pool: PostgresPool, migrations: Migration[] = POSTGRES_MIGRATIONS): Promise<MigrationStatus> {
  await pool.query(TABLE);
  const { rows } = await pool.query<{ version: number; name: string; applied_at: Date }>('SELECT version, name, applied_at FROM schema_migrations ORDER BY version');
  return {
    engine: 'postgres',
    applied: rows.map((row) => ({ version: row.version, name: row.name, appliedAt: iso(row.applied_at) })),
    pending: pendingMigrations(migrations, rows.map((row) => row.version)),
  };
}
