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

/** Refuses a list with gaps or repeats: the numbering is the contract between deployments. */
export function checkMigrationList(migrations: Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
  });
}
