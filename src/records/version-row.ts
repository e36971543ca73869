import type { RecordVersion } from './types.ts';

/** A record_versions row as both engines store it, once decoded: JSON columns parsed, the time as ISO text. */
export interface DecodedVersionRow {
  record_id: string;
  version: number;
  form_id: string;
  unit: string;
  period: string | null;
  data: Record<string, unknown>;
  verdicts: unknown[];
  confirmed_warnings: string[];
  author_key: string;
  author_channel: string;
  author_name: string | null;
  created_at: string;
}

/** The version a row holds (an absent period or author name is left out, not null). */
export function versionFromRow(row: DecodedVersionRow): RecordVersion {
  return {
    recordId: row.record_id,
    version: row.version,
    formId: row.form_id,
    unit: row.unit,
    ...(row.period !== null ? { period: row.period } : {}),
    data: row.data,
    verdicts: row.verdicts,
    confirmedWarnings: row.confirmed_warnings,
    author: {
      userKey: row.author_key,
      channel: row.author_channel,
      ...(row.author_name !== null ? { displayName: row.author_name } : {}),
    },
    createdAt: row.created_at,
  };
}
