/** Who saved a record version, and through which channel (telegram, feishu, web, console, cli). */
export interface RecordAuthor {
  userKey: string;
  channel: string;
  displayName?: string;
}

/** What a record says and who said it: saved in every version, asked for by every save. */
export interface RecordContent {
  formId: string;
  /** County or township the record belongs to. */
  unit: string;
  /** e.g. 2026-05/06 for a bimonthly window, 2022 for a year. */
  period?: string;
  data: Record<string, unknown>;
  /** The rule verdicts at save time. */
  verdicts: unknown[];
  /** Rule names of warnings the user explicitly accepted. */
  confirmedWarnings: string[];
  author: RecordAuthor;
}

/** One saved version of a record. Versions are append-only: a correction adds version n+1. */
export interface RecordVersion extends RecordContent {
  /** Opaque, e.g. RK7M3QXH2 (older records: R20261123-0007); stable across versions. See record-id.ts. */
  recordId: string;
  /** 1, 2, … a correction appends a new version, never overwrites. */
  version: number;
  /** ISO timestamp. */
  createdAt: string;
}

export interface SaveRequest extends RecordContent {
  /** Present when correcting: the new version is appended to this record. */
  recordId?: string;
  /**
   * The version the user started editing from; a save is refused if someone else saved a newer one meanwhile.
   * For a new record (no recordId), `baseVersion: 0` means "I started from nothing": the save is refused
   * if a record of the same form, unit and period already exists (someone else filed it first).
   */
  baseVersion?: number;
  /** Idempotency key (e.g. the confirmation token): saving twice with the same key returns the first result. */
  submissionKey: string;
  /**
   * The form allows one record per unit and period: a correction that moves the record to another unit or
   * period is refused (`slot-taken`) when a record already holds that unit and period.
   */
  onePerSlot?: boolean;
}

export type SaveResult =
  | { ok: true; record: RecordVersion; duplicate: boolean }
  | { ok: false; reason: 'conflict'; latest: RecordVersion }
  /** A correction moved the record onto a unit and period another record already holds; latest is that record. */
  | { ok: false; reason: 'slot-taken'; latest: RecordVersion };

export interface RecordFilter {
  unit?: string;
  units?: string[];
  period?: string;
}

/** Append-only store of form records with versions. */
export interface RecordStore {
  /** One transaction: idempotent by submissionKey, optimistic concurrency by baseVersion. */
  save(request: SaveRequest): Promise<SaveResult>;
  /** Latest version of each record, newest record first. */
  latest(formId: string, filter?: RecordFilter): Promise<RecordVersion[]>;
  /** Every version of one record, newest first. */
  history(recordId: string): Promise<RecordVersion[]>;
  /** Latest version of one record. */
  get(recordId: string): Promise<RecordVersion | undefined>;
  /** Every version of every record of a form (optionally filtered), newest record first, newest version first. */
  allVersions(formId: string, filter?: RecordFilter): Promise<RecordVersion[]>;
  /** Form ids that have at least one saved record. */
  formIds(): Promise<string[]>;
}
