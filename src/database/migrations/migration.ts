/** One versioned schema step. Applied in version order, each once, recorded in schema_migrations. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrationStatus {
  engine: 'sqlite' | 'postgres';
  applied: { version: number; name: string; appliedAt: string }[];
  pending: { version: number; name: string }[];
}

/**
 * Every schema step, in order, the same for both engines: its number (position + 1) and name are the contract
 * between deployments and between SQLite and PostgreSQL; each engine writes its own SQL for it. Append; never
 * edit or reorder an applied step.
 */
export const MIGRATION_STEPS = [
  '状态表：会话、投递记录、用户绑定与邀请码、称呼、填报记录及版本、提醒',
  '过期清理用的索引：会话按最后活动时间、投递记录按收到时间',
  '问题记录与有用/没用评价（没答上的问题）',
  '退回标记（哪一版、原因、谁、何时）与每位用户最近查看的表（「导出」「催报」跟随上一个问题）',
] as const;

/** SQL both engines run as written (indexes over columns of the same name). */
export const EXPIRY_INDEXES_SQL = `
CREATE INDEX IF NOT EXISTS sessions_updated_at ON sessions (updated_at);
CREATE INDEX IF NOT EXISTS deliveries_seen_at ON deliveries (seen_at);
`;

/** One engine's migrations: its SQL for every step of MIGRATION_STEPS, by version; a missing or extra step is refused. */
export function engineMigrations(sql: Record<number, string>): Migration[] {
  const versions = Object.keys(sql).map(Number).sort((a, b) => a - b);
  const expected = MIGRATION_STEPS.map((_, index) => index + 1);
  if (versions.join() !== expected.join()) throw new Error(`migrations have SQL for versions ${versions.join(', ')}, expected ${expected.join(', ')}`);
  return MIGRATION_STEPS.map((name, index) => ({ version: index + 1, name, sql: sql[index + 1]! }));
}

/** The steps of a list not yet applied. */
export function pendingMigrations(migrations: Migration[], applied: Iterable<number>): MigrationStatus['pending'] {
  const seen = new Set(applied);
  return migrations.filter((migration) => !seen.has(migration.version)).map(({ version, name }) => ({ version, name }));
}

/** Refuses a list with gaps or repeats: the numbering is the contract between deployments. */
export function checkMigrationList(migrations: Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
  });
}
