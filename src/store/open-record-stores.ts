import type { ReminderStore } from '../reporting/reminder-store.ts';
import { openDatabase, type SqliteDatabase } from '../database/database.ts';
import { openStateStores } from './open-state-stores.ts';
import type { StateStores } from './state-stores.ts';
import { loadUnits } from '../units/load-units.ts';
import type { UnitDirectory } from '../units/types.ts';
import type { DisplayNameStore } from '../users/display-name-store.ts';
import type { UserStore } from '../users/user-store.ts';
import type { RecordStore } from '../records/types.ts';

export interface RecordStores {
  /** The instance's SQLite file (the knowledge index; the state too unless DATABASE_URL is set). */
  db: SqliteDatabase;
  units: UnitDirectory;
  users: UserStore;
  records: RecordStore;
  names: DisplayNameStore;
  reminders: ReminderStore;
  /** All state stores, in the engine DATABASE_URL selects. */
  state: StateStores;
  close(): void;
}

/**
 * Units, users and records over the product database (SQLite, or PostgreSQL when env.DATABASE_URL
 * says so), without indexing documents (for CLI commands).
 */
export async function openRecordStores(paths: { knowledgeDir: string; dataDir: string; env?: { DATABASE_URL?: string } }): Promise<RecordStores> {
  const units = loadUnits(paths.knowledgeDir);
  const db = openDatabase(paths.dataDir);
  const state = await openStateStores({ databaseUrl: paths.env?.DATABASE_URL, sqlite: db }, { units, poolSize: 2, turnPoolSize: 1 });
  return {
    db,
    units,
    users: state.users,
    records: state.records,
    names: state.names,
    reminders: state.reminders,
    state,
    close: () => {
      db.close();
      void state.close();
    },
  };
}
