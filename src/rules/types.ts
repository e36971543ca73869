import type { Citation } from '../core/types.ts';
import type { Condition } from './rule-set-schema.ts';

export type VerdictLevel = 'pass' | 'warn' | 'fail';

export interface Verdict {
  rule: string;
  level: VerdictLevel;
  /** Chinese, shown to the user as is. */
  message: string;
  /** 《doc title》（文号） section path：「quote」 — quotable as is. */
  source: string;
  /** The same clause, structured, for Reply.citations. */
  citation?: Citation;
  /** Set when the verdict only says input fields are missing (record keys, or `computed.*`). */
  missing?: string[];
}

export interface CheckResult {
  /** No verdict failed. */
  ok: boolean;
  verdicts: Verdict[];
  computed: Record<string, unknown>;
}

export interface RuleSetField {
  key: string;
  label: string;
  type: string;
  unit?: string;
  description?: string;
  /** Allowed values for enum fields. */
  values?: string[];
  min?: number;
  max?: number;
}

export interface RuleSetInfo {
  id: string;
  title: string;
  program: string;
  region: string;
  year: number;
  source: { doc: string; title: string; docNumber?: string };
  fields: RuleSetField[];
  /** How the data reads an ambiguous clause (e.g. which tier exactly 30% falls in), in Chinese. */
  notes?: string[];
  /** Chinese label (and unit) of each value a check puts in `computed`. */
  outputs?: Record<string, { label: string; unit?: string }>;
  /** Each tier_table rule: the field it reads and its tiers (numeric bounds only), so a reply can list the choices. */
  tierTables?: TierTableInfo[];
  /** Each lookup_table rule: the facts it reads and its rows, so a reply can list them while one fact is missing. */
  lookupTables?: LookupTableInfo[];
}

/** A lookup_table rule as data: the facts its rows read, and each row's condition and values (e.g. capPerMu). */
export interface LookupTableInfo {
  rule: string;
  inputs: string[];
  output: string;
  clause: string;
  rows: Array<{
    id: string;
    label: string;
    clause?: string;
    when: Condition;
    values: Record<string, number | string>;
  }>;
}

/** A tier_table rule as data: which field decides the tier, and each tier's bounds and values (e.g. capPerMu). */
export interface TierTableInfo {
  rule: string;
  field: string;
  output: string;
  clause: string;
  tiers: Array<{
    id: string;
    label: string;
    clause?: string;
    min?: { value: number; inclusive: boolean };
    max?: { value: number; inclusive: boolean };
    values: Record<string, number | string>;
  }>;
}

/** Extra facts a caller supplies for rules that compare against stored data. */
export interface CheckContext {
  /** ISO date, for deadlines. */
  today?: string;
  /** The same unit's previous-period record (cumulative values never decrease). */
  previous?: Record<string, unknown>;
  /** Other saved records of this form (duplicate detection). */
  existing?: Array<Record<string, unknown>>;
  /** e.g. area already registered in the township this year. */
  totals?: Record<string, number>;
}

export interface RuleRegistry {
  list(): RuleSetInfo[];
  get(id: string): RuleSetInfo | undefined;
  check(id: string, record: Record<string, unknown>, context?: CheckContext): CheckResult;
}

/** One material an applicant must hand in, with the clause that asks for it. */
export interface RequiredMaterial {
  key: string;
  label: string;
  provided: boolean;
  source: string;
  citation: Citation;
}

/** One dated step of a plan. */
export interface Deadline {
  date: string;
  label: string;
  source: string;
  citation: Citation;
}
