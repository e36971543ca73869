import { openDatabase, type SqliteDatabase } from '../store/database.ts';
import { loadUnits } from '../units/load-units.ts';
import type { UnitDirectory } from '../units/types.ts';
import { createSqliteUserStore, type UserStore } from '../users/user-store.ts';
import { createSqliteRecordStore } from './record-store.ts';
import type { RecordStore } from './types.ts';

export interface RecordStores {
  db: SqliteDatabase;
  units: UnitDirectory;
  users: UserStore;
  records: RecordStore;
  close(): void;
}

/** Units, users and records over the product database, without indexing documents (for CLI commands). */
export function openRecordStores(paths: { knowledgeDir: string; dataDir: string }): RecordStores {
  const units = loadUnits(paths.knowledgeDir);
  const db = openDatabase(paths.dataDir);
  return {
    db,
    units,
    users: createSqliteUserStore(db, units),
    records: createSqliteRecordStore(db),
    close: () => db.close(),
  };
}
