import type Database from 'better-sqlite3';
import { checkMigrationList, pendingMigrations, type Migration, type MigrationStatus } from './migration.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';

const TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

function appliedRows(db: Database.Database) {
  return db
    .prepare<[], { version: number; name: string; applied_at: string }>('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
    .all();
}

/**
 * Applies the pending migrations, each in its own IMMEDIATE transaction (a second process opening
 * the same file waits and then finds it applied). Returns the versions applied now.
 */
export function migrateSqlite(db: Database.Database, migrations: Migration[] = SQLITE_MIGRATIONS): number[] {
  checkMigrationList(migrations);
  db.exec(TABLE);
  const done: number[] = [];
  const isApplied = db.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      if (isApplied.get(migration.version)) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      done.push(migration.version);
    });
    apply.immediate();
  }
  return done;
}

export function sqliteMigrationStatus(db: Database.Database, migrations: Migration[] = SQLITE_MIGRATIONS): MigrationStatus {
  db.exec(TABLE);
  const applied = appliedRows(db).map((row) => ({ version: row.version, name: row.name, appliedAt: row.applied_at }));
  return { engine: 'sqlite', applied, pending: pendingMigrations(migrations, applied.map((row) => row.version)) };
}
