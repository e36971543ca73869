import type { UserProfile } from '../core/types.ts';
import type { RecordStore, RecordVersion } from '../records/types.ts';
import type { RuleRegistry, RuleSetField, Verdict } from '../rules/types.ts';
import type { UnitDirectory } from '../units/types.ts';
import type { FormDefinition } from './form-schema.ts';

/** The forms found under knowledge/forms. */
export interface FormCatalog {
  list(): FormDefinition[];
  get(id: string): FormDefinition | undefined;
}

/** The part of the user store the forms read. */
export interface UnitAccess {
  canAccessUnit(profile: UserProfile, unit: string): boolean;
}

export interface FormSkillDependencies {
  forms: FormCatalog;
  rules: RuleRegistry;
  records: RecordStore;
  users: UnitAccess;
  units: UnitDirectory;
  /** Random id for submission keys; injectable for tests. */
  newId?: () => string;
  /** Reads several values out of one free-text message (a language model); absent or null means offline only. */
  extractor?: FieldExtractor | null;
  /** Someone saved a new version over another person's version (「以我的填写为准」, a correction); they are told. */
  onRecordReplaced?: ((event: RecordReplaced) => void) | null;
}

/** What a report form (filed, saved as records) runs with: every dependency, the record store included. */
export type ReportFormDependencies = Required<FormSkillDependencies>;

/**
 * What a checked form runs with (an eligibility check): its questions ask for no county or township and
 * nothing is saved, so there is no record store — no earlier report to compare with, nothing to save into.
 */
export type CheckedFormDependencies = Omit<ReportFormDependencies, 'records'> & { records: null };

/** What the form loop (asking, 上一步, 跳过, 修改, checks) runs with: a report form's or a checked form's. */
export type FormLoopDependencies = ReportFormDependencies | CheckedFormDependencies;

/** A new version by one person replaced the figures another person had filed. */
export interface RecordReplaced {
  formTitle: string;
  previous: RecordVersion;
  current: RecordVersion;
}

/** A field as offered to an extractor: what it is called, its kind, unit and allowed values (a rule set field's description of itself). */
export type ExtractableField = Pick<RuleSetField, 'key' | 'label' | 'type' | 'unit' | 'description' | 'values'>;

/**
 * Free text → the value of each field as the user wrote it (「2.3万亩」), or null (nothing found, failure,
 * timeout). The form parses and validates every value like a typed answer; it never saves anything itself.
 */
export interface FieldExtractor {
  extract(fields: ExtractableField[], text: string): Promise<Record<string, string> | null>;
}

/** A value read from free text, parsed and waiting for the user's 「对」. */
export interface ExtractedValue {
  field: string;
  value: FieldValue;
  display: string;
}

/** A stored answer: the canonical value and how it is shown back. */
export type FieldValue = number | string | boolean | string[];

export interface FormDraftState {
  formId: string;
  values: Record<string, FieldValue>;
  /** Keys in the order they were answered (上一步 walks back through it). */
  answered: string[];
  skipped: string[];
  /** Field being asked, when filling. */
  current?: string;
  phase: 'filling' | 'review' | 'saved';
  /** Waiting for 「按 X 填」 on an approximate answer, or for 「仍然提交」 on warnings. */
  pending?:
    | { kind: 'approximate'; field: string; value: number; display: string }
    | { kind: 'extracted'; values: ExtractedValue[] }
    | { kind: 'warnings' }
    | { kind: 'conflict' }
    /** 「面积填错了，应该是1.3万亩」 (面积 names two fields) or 「改成1.3万」 (none named): the value waits for the field. */
    | { kind: 'choose-field'; fields: string[]; value: string };
  /** Options ticked so far on a multiple-choice question (buttons toggle them). */
  selection?: string[];
  /** Bumped on every change; buttons carry it so a stale summary cannot be submitted. */
  revision: number;
  draftId: string;
  correcting?: { recordId: string; baseVersion: number };
  /** The newer version someone else saved, after a refused save. */
  conflict?: { recordId: string; version: number };
  saved?: { recordId: string; version: number; revision: number };
  /** Drafts of other forms set aside when this one was started in the middle of them (newest first); back when this one ends. */
  parked?: FormDraftState[];
  /** Cancelled a moment ago: kept as the activity until the next message, so that 「点错了，接着填」 brings it back. */
  cancelled?: boolean;
  /** Answers taken back by 「上一步」 and not answered again: 「继续」 puts them back and carries on where the user was. */
  stashed?: Record<string, FieldValue>;
  /** Rules whose failure was already said while filling (said once, again only if it comes back). */
  toldFails?: string[];
  /** 「4月…，5月…」: the other periods said in the same message, filed one after another once this one is submitted. */
  queued?: string[];
}

export interface CheckOutcome {
  verdicts: Verdict[];
  fails: Verdict[];
  warnings: Verdict[];
  computed: Record<string, unknown>;
}
