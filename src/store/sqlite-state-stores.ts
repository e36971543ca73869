import { createSqliteFeedbackStore } from '../feedback/feedback-store.ts';
import { createSqliteRecordStore } from '../records/record-store.ts';
import { createSqliteReminderStore } from '../reporting/reminder-store.ts';
import { createSqliteReturnStore } from '../reporting/return-store.ts';
import { createSqliteRecentFormStore } from '../reporting/recent-form.ts';
import { createSqliteDisplayNameStore } from '../users/display-name-store.ts';
import { createSqliteUserStore } from '../users/user-store.ts';
import type { SqliteDatabase } from '../database/database.ts';
import { createSqliteDeliveryLog } from '../core/delivery-log.ts';
import { sqliteMigrationStatus } from '../database/migrations/migrate-sqlite.ts';
import { createSqliteSessionStore } from '../core/session-store.ts';
import type { StateStoreOptions, StateStores } from './state-stores.ts';

/** The state stores over an SQLite database opened (and migrated) by openDatabase. */
export function sqliteStateStores(db: SqliteDatabase, options: StateStoreOptions): StateStores {
  const now = options.now;
  const feedback = createSqliteFeedbackStore(db, { batchMs: options.questionBatchMs });
  return {
    engine: 'sqlite',
    sessions: createSqliteSessionStore(db),
    deliveries: createSqliteDeliveryLog(db, undefined, now),
    users: createSqliteUserStore(db, options.units, { now, generateCode: options.generateCode }),
    names: createSqliteDisplayNameStore(db, now),
    records: createSqliteRecordStore(db, { now }),
    reminders: createSqliteReminderStore(db),
    returns: createSqliteReturnStore(db),
    recentForms: createSqliteRecentFormStore(db),
    feedback,
    migrationStatus: async () => sqliteMigrationStatus(db),
    // Queued questions are written (synchronously, at the call) before the caller closes the database.
    close: () => feedback.flush().catch((error) => console.error('[feedback] 关闭时提问记录写入失败', error)),
  };
}
