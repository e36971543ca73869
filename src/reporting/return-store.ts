import type { SqliteDatabase } from '../database/database.ts';

/** The county sent a record version back to its unit (「退回…」): why, who, when. */
export interface RecordReturn {
  recordId: string;
  /** The version returned; a correction saves the next version, which is not returned. */
  version: number;
  reason: string;
  /** userKey of the admin, and how they were shown when they returned it. */
  by: string;
  byLabel: string;
  /** ISO time. */
  at: string;
}

/** Returns of record versions, kept next to the records (records themselves stay append-only). */
export interface ReturnStore {
  /** Marks a version returned; returning the same version again replaces the reason, who and when. */
  markReturned(mark: RecordReturn): Promise<void>;
  /** The returns that still stand for these versions (each record's latest), by record id. */
  standing(versions: Array<{ recordId: string; version: number }>): Promise<Map<string, RecordReturn>>;
}

interface ReturnRow {
  record_id: string;
  version: number;
  reason: string;
  returned_by: string;
  returned_by_label: string;
  returned_at: string;
}

export const returnOfRow = (row: ReturnRow): RecordReturn => ({
  recordId: row.record_id,
  version: row.version,
  reason: row.reason,
  by: row.returned_by,
  byLabel: row.returned_by_label,
  at: row.returned_at,
});

export function createSqliteReturnStore(db: SqliteDatabase): ReturnStore {
  const upsert = db.prepare(
    `INSERT INTO record_returns (record_id, version, reason, returned_by, returned_by_label, returned_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (record_id, version) DO UPDATE SET reason = excluded.reason, returned_by = excluded.returned_by,
       returned_by_label = excluded.returned_by_label, returned_at = excluded.returned_at`,
  );
  const select = db.prepare<[string, number], ReturnRow>('SELECT * FROM record_returns WHERE record_id = ? AND version = ?');
  return {
    markReturned: async (mark) => void upsert.run(mark.recordId, mark.version, mark.reason, mark.by, mark.byLabel, mark.at),
    async standing(versions) {
      const found = new Map<string, RecordReturn>();
      for (const { recordId, version } of versions) {
        const row = select.get(recordId, version);
        if (row) found.set(recordId, returnOfRow(row));
      }
      return found;
    },
  };
}
