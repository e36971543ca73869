import type { TurnLock } from '../core/turn-lock.ts';
import type { FeedbackStore } from '../feedback/types.ts';
import type { RecordStore } from '../records/types.ts';
import type { ReminderStore } from '../reporting/reminder-store.ts';
import type { ReturnStore } from '../reporting/return-store.ts';
import type { RecentFormStore } from '../reporting/recent-form.ts';
import type { UnitDirectory } from '../units/types.ts';
import type { DisplayNameStore } from '../users/display-name-store.ts';
import type { UserStore } from '../users/user-store.ts';
import type { DeliveryLog } from '../core/delivery-log.ts';
import type { MigrationStatus } from '../database/migrations/migration.ts';
import type { SessionStore } from '../core/session-store.ts';

export type StateEngine = 'sqlite' | 'postgres';

/**
 * Everything that is state, behind the store interfaces, in one engine: SQLite (the default, one
 * instance) or PostgreSQL (DATABASE_URL, several instances on one database).
 */
export interface StateStores {
  engine: StateEngine;
  sessions: SessionStore;
  deliveries: DeliveryLog;
  users: UserStore;
  names: DisplayNameStore;
  records: RecordStore;
  reminders: ReminderStore;
  /** Record versions the county returned (「退回」) with reason, who and when. */
  returns: ReturnStore;
  /** The form each county user asked about last (a bare 「导出」「催报」 follows it). */
  recentForms: RecentFormStore;
  /** Logged questions and 有用/没用 votes. */
  feedback: FeedbackStore;
  /** Orders a user's turns across instances; absent where one process owns the database. */
  turns?: TurnLock;
  migrationStatus(): Promise<MigrationStatus>;
  /** Closes what this bundle opened (the PostgreSQL pools; an SQLite handle passed in stays open). */
  close(): Promise<void>;
}

export interface StateStoreOptions {
  units: UnitDirectory;
  now?: () => Date;
  generateCode?: () => string;
  /** SQLite: the question log is written in batches at most this many ms apart (the server; default 0 = each at once). */
  questionBatchMs?: number;
}
