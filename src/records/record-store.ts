import { durably, type SqliteDatabase } from '../database/database.ts';
import { newRecordId } from './record-id.ts';
import { decideSaveSync, type SaveLookup } from './save-decision.ts';
import { versionFromRow, type DecodedVersionRow } from './version-row.ts';
import type { RecordFilter, RecordStore, RecordVersion, SaveRequest, SaveResult } from './types.ts';

export { RecordStoreError } from './save-decision.ts';

export interface RecordStoreOptions {
  now?: () => Date;
}

/** JSON columns are text. */
interface VersionRow extends Omit<DecodedVersionRow, 'data' | 'verdicts' | 'confirmed_warnings'> {
  data: string;
  verdicts: string;
  confirmed_warnings: string;
}

// Filters are passed as JSON so every query is one prepared statement (unit lists via json_each).
const FILTER = `v.form_id = @formId
  AND (@unit IS NULL OR v.unit = @unit)
  AND (@units IS NULL OR v.unit IN (SELECT value FROM json_each(@units)))
  AND (@period IS NULL OR v.period = @period)`;

const IS_LATEST = 'v.version = (SELECT MAX(w.version) FROM record_versions w WHERE w.record_id = v.record_id)';

function toVersion(row: VersionRow): RecordVersion {
  return versionFromRow({
    ...row,
    data: JSON.parse(row.data) as Record<string, unknown>,
    verdicts: JSON.parse(row.verdicts) as unknown[],
    confirmed_warnings: JSON.parse(row.confirmed_warnings) as string[],
  });
}

function filterParams(formId: string, filter: RecordFilter = {}) {
  return {
    formId,
    unit: filter.unit ?? null,
    units: filter.units ? JSON.stringify(filter.units) : null,
    period: filter.period ?? null,
  };
}

/** SQLite-backed append-only record store; one immediate transaction per save. */
export function createSqliteRecordStore(db: SqliteDatabase, options: RecordStoreOptions = {}): RecordStore {
  const now = options.now ?? (() => new Date());

  const bySubmission = db.prepare<[string], VersionRow>('SELECT * FROM record_versions WHERE submission_key = ?');
  const latestOf = db.prepare<[string], VersionRow>(
    'SELECT * FROM record_versions WHERE record_id = ? ORDER BY version DESC LIMIT 1',
  );
  const historyOf = db.prepare<[string], VersionRow>(
    'SELECT * FROM record_versions WHERE record_id = ? ORDER BY version DESC',
  );
  const latestForSlot = db.prepare<[{ formId: string; unit: string; period: string | null }], VersionRow>(
    `SELECT v.* FROM record_versions v
     WHERE v.form_id = @formId AND v.unit = @unit AND v.period IS @period AND ${IS_LATEST}
     ORDER BY v.created_at DESC, v.rowid DESC LIMIT 1`,
  );
  const insert = db.prepare(
    `INSERT INTO record_versions (record_id, version, form_id, unit, period, data, verdicts, confirmed_warnings,
       author_key, author_channel, author_name, submission_key, created_at)
     VALUES (@recordId, @version, @formId, @unit, @period, @data, @verdicts, @confirmedWarnings,
       @authorKey, @authorChannel, @authorName, @submissionKey, @createdAt)`,
  );
  const selectLatest = db.prepare<[ReturnType<typeof filterParams>], VersionRow>(
    `SELECT v.* FROM record_versions v WHERE ${FILTER} AND ${IS_LATEST}
     ORDER BY v.created_at DESC, v.record_id DESC`,
  );
  const selectAll = db.prepare<[ReturnType<typeof filterParams>], VersionRow>(
    `SELECT v.* FROM record_versions v
     JOIN (SELECT record_id, MAX(created_at) AS touched FROM record_versions GROUP BY record_id) t
       ON t.record_id = v.record_id
     WHERE ${FILTER}
     ORDER BY t.touched DESC, v.record_id DESC, v.version DESC`,
  );
  const selectFormIds = db.prepare<[], { form_id: string }>(
    'SELECT DISTINCT form_id FROM record_versions ORDER BY form_id',
  );

  // Random, so ids are not guessable; a clash with an existing id (one in ~10¹¹) draws again.
  function unusedRecordId(): string {
    for (;;) {
      const id = newRecordId();
      if (!latestOf.get(id)) return id;
    }
  }

  const saveInTransaction = db.transaction((request: SaveRequest): SaveResult => {
    const slot = { formId: request.formId, unit: request.unit, period: request.period ?? null };
    const read = (lookup: SaveLookup) => {
      const row = lookup === 'submission' ? bySubmission.get(request.submissionKey) : lookup === 'record' ? latestOf.get(request.recordId!) : latestForSlot.get(slot);
      return row && toVersion(row);
    };
    const decision = decideSaveSync(request, read);
    if ('result' in decision) return decision.result;
    const recordId = decision.append.recordId ?? unusedRecordId();
    insert.run({
      recordId,
      version: decision.append.version,
      formId: request.formId,
      unit: request.unit,
      period: request.period ?? null,
      data: JSON.stringify(request.data),
      verdicts: JSON.stringify(request.verdicts),
      confirmedWarnings: JSON.stringify(request.confirmedWarnings),
      authorKey: request.author.userKey,
      authorChannel: request.author.channel,
      authorName: request.author.displayName ?? null,
      submissionKey: request.submissionKey,
      createdAt: now().toISOString(),
    });
    return { ok: true, record: toVersion(latestOf.get(recordId)!), duplicate: false };
  });

  return {
    // IMMEDIATE takes the write lock up front, so two processes cannot both pass the version check.
    save: async (request) => durably(db, () => saveInTransaction.immediate(request)),
    latest: async (formId, filter) => selectLatest.all(filterParams(formId, filter)).map(toVersion),
    history: async (recordId) => historyOf.all(recordId).map(toVersion),
    get: async (recordId) => {
      const row = latestOf.get(recordId);
      return row ? toVersion(row) : undefined;
    },
    allVersions: async (formId, filter) => selectAll.all(filterParams(formId, filter)).map(toVersion),
    formIds: async () => selectFormIds.all().map((row) => row.form_id),
  };
}
