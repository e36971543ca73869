import { newRecordId } from '../../records/record-id.ts';
import type { RecordStoreOptions } from '../../records/record-store.ts';
import { decideSaveAsync, type SaveLookup } from '../../records/save-decision.ts';
import { versionFromRow, type DecodedVersionRow } from '../../records/version-row.ts';
import type { RecordFilter, RecordStore, RecordVersion, SaveRequest, SaveResult } from '../../records/types.ts';
import { LOCK_CLASS } from './advisory-keys.ts';
import { inTransaction, iso, type PostgresClient, type PostgresPool } from './pool.ts';

/** json columns arrive parsed; timestamptz as a Date. */
interface VersionRow extends Omit<DecodedVersionRow, 'created_at'> {
  created_at: Date;
}

function toVersion(row: VersionRow): RecordVersion {
  return versionFromRow({ ...row, created_at: iso(row.created_at) });
}

const FILTER = `v.form_id = $1
  AND ($2::text IS NULL OR v.unit = $2)
  AND ($3::text[] IS NULL OR v.unit = ANY($3))
  AND ($4::text IS NULL OR v.period = $4)`;

const IS_LATEST = 'v.version = (SELECT MAX(w.version) FROM record_versions w WHERE w.record_id = v.record_id)';

function filterParams(formId: string, filter: RecordFilter = {}) {
  return [formId, filter.unit ?? null, filter.units ?? null, filter.period ?? null];
}

async function one(client: PostgresClient, sql: string, params: unknown[]): Promise<VersionRow | undefined> {
  return (await client.query<VersionRow>(sql, params)).rows[0];
}

const LATEST_OF = 'SELECT * FROM record_versions WHERE record_id = $1 ORDER BY version DESC LIMIT 1';
const LATEST_FOR_SLOT = `SELECT v.* FROM record_versions v
  WHERE v.form_id = $1 AND v.unit = $2 AND v.period IS NOT DISTINCT FROM $3 AND ${IS_LATEST}
  ORDER BY v.created_at DESC, v.seq DESC LIMIT 1`;

/**
 * PostgreSQL-backed append-only record store. A save holds transaction-scoped advisory locks on what
 * its checks read: a new record locks its form+unit+period slot, a correction locks its record (and
 * the slot it moves into). Saves of different units and periods run side by side; two that could
 * double a slot or skip a version take turns, from every instance. The locks end with the transaction,
 * even if the instance dies. Locks are taken record before slot, never the other way round, so two
 * saves cannot wait on each other.
 */
export function createPostgresRecordStore(pool: PostgresPool, options: RecordStoreOptions = {}): RecordStore {
  const now = options.now ?? (() => new Date());

  // Random, so ids are not guessable; a clash with an existing id (one in ~10¹¹) draws again.
  async function unusedRecordId(client: PostgresClient): Promise<string> {
    for (;;) {
      const id = newRecordId();
      if (!(await one(client, LATEST_OF, [id]))) return id;
    }
  }

  const lock = (client: PostgresClient, key: string) => client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS.recordSave, key]);
  const slotKey = (request: SaveRequest) => `slot\u001f${request.formId}\u001f${request.unit}\u001f${request.period ?? ''}`;

  async function save(client: PostgresClient, request: SaveRequest): Promise<SaveResult> {
    await lock(client, request.recordId ? `record\u001f${request.recordId}` : slotKey(request));
    const read = async (lookup: SaveLookup) => {
      if (lookup === 'slot' && request.recordId) await lock(client, slotKey(request)); // a correction moving into a slot: record before slot
      const row =
        lookup === 'submission'
          ? await one(client, 'SELECT * FROM record_versions WHERE submission_key = $1', [request.submissionKey])
          : lookup === 'record'
            ? await one(client, LATEST_OF, [request.recordId])
            : await one(client, LATEST_FOR_SLOT, [request.formId, request.unit, request.period ?? null]);
      return row && toVersion(row);
    };
    const decision = await decideSaveAsync(request, read);
    if ('result' in decision) return decision.result;
    const recordId = decision.append.recordId ?? (await unusedRecordId(client));
    const inserted = await one(
      client,
      `INSERT INTO record_versions (record_id, version, form_id, unit, period, data, verdicts, confirmed_warnings,
         author_key, author_channel, author_name, submission_key, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [
        recordId,
        decision.append.version,
        request.formId,
        request.unit,
        request.period ?? null,
        JSON.stringify(request.data),
        JSON.stringify(request.verdicts),
        JSON.stringify(request.confirmedWarnings),
        request.author.userKey,
        request.author.channel,
        request.author.displayName ?? null,
        request.submissionKey,
        now().toISOString(),
      ],
    );
    return { ok: true, record: toVersion(inserted!), duplicate: false };
  }

  const rows = async (sql: string, params: unknown[]) => (await pool.query<VersionRow>(sql, params)).rows.map(toVersion);

  return {
    async save(request) {
      try {
        return await inTransaction(pool, (client) => save(client, request));
      } catch (error) {
        // A unique key taken by a save this one did not wait for (the same confirmation for another slot,
        // a random id drawn twice): once more, now seeing the other save.
        if ((error as { code?: string }).code !== '23505') throw error;
        return inTransaction(pool, (client) => save(client, request));
      }
    },
    latest: (formId, filter) =>
      rows(`SELECT v.* FROM record_versions v WHERE ${FILTER} AND ${IS_LATEST} ORDER BY v.created_at DESC, v.record_id COLLATE "C" DESC`, filterParams(formId, filter)),
    history: (recordId) => rows('SELECT * FROM record_versions WHERE record_id = $1 ORDER BY version DESC', [recordId]),
    get: async (recordId) => (await rows(LATEST_OF, [recordId]))[0],
    allVersions: (formId, filter) =>
      rows(
        `SELECT v.* FROM record_versions v
         JOIN (SELECT record_id, MAX(created_at) AS touched FROM record_versions GROUP BY record_id) t ON t.record_id = v.record_id
         WHERE ${FILTER}
         ORDER BY t.touched DESC, v.record_id COLLATE "C" DESC, v.version DESC`,
        filterParams(formId, filter),
      ),
    formIds: async () => (await pool.query<{ form_id: string }>('SELECT DISTINCT form_id COLLATE "C" AS form_id FROM record_versions ORDER BY 1')).rows.map((row) => row.form_id),
  };
}
