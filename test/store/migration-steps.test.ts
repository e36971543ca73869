import { describe, expect, it } from 'vitest';
import { engineMigrations, MIGRATION_STEPS } from '../../src/database/migrations/migration.ts';
import { SQLITE_MIGRATIONS } from '../../src/database/migrations/sqlite-migrations.ts';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.ts';

describe('the migration steps both engines share', () => {
  it('SQLite and PostgreSQL number and name every step the same way, each with its own SQL', () => {
    const steps = MIGRATION_STEPS.map((name, index) => ({ version: index + 1, name }));
    expect(SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name }))).toEqual(steps);
    expect(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name }))).toEqual(steps);
    expect(SQLITE_MIGRATIONS[0]!.sql).not.toBe(POSTGRES_MIGRATIONS[0]!.sql);
  });

  it('an engine without SQL for a step, or with SQL for an unknown one, is refused', () => {
    const sql = Object.fromEntries(MIGRATION_STEPS.map((_, index) => [index + 1, 'SELECT 1']));
    expect(engineMigrations(sql)).toHaveLength(MIGRATION_STEPS.length);
    const { [MIGRATION_STEPS.length]: _last, ...missing } = sql;
    expect(() => engineMigrations(missing)).toThrow(/expected 1/);
    expect(() => engineMigrations({ ...sql, [MIGRATION_STEPS.length + 1]: 'SELECT 1' })).toThrow(/expected 1/);
  });
});
