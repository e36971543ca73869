import { returnOfRow, type RecordReturn, type ReturnStore } from '../../reporting/return-store.ts';
import { iso, type PostgresPool } from './pool.ts';

/** Returns of record versions shared by all instances. */
export function createPostgresReturnStore(pool: PostgresPool): ReturnStore {
  return {
    async markReturned(mark) {
      await pool.query(
        `INSERT INTO record_returns (record_id, version, reason, returned_by, returned_by_label, returned_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (record_id, version) DO UPDATE SET reason = excluded.reason, returned_by = excluded.returned_by,
           returned_by_label = excluded.returned_by_label, returned_at = excluded.returned_at`,
        [mark.recordId, mark.version, mark.reason, mark.by, mark.byLabel, mark.at],
      );
    },
    async standing(versions) {
      const found = new Map<string, RecordReturn>();
      if (!versions.length) return found;
      const { rows } = await pool.query<{ record_id: string; version: number; reason: string; returned_by: string; returned_by_label: string; returned_at: Date }>(
        `SELECT r.* FROM record_returns r JOIN unnest($1::text[], $2::int[]) AS v(record_id, version)
           ON r.record_id = v.record_id AND r.version = v.version`,
        [versions.map((v) => v.recordId), versions.map((v) => v.version)],
      );
      for (const row of rows) found.set(row.record_id, returnOfRow({ ...row, returned_at: iso(row.returned_at) }));
      return found;
    },
  };
}
