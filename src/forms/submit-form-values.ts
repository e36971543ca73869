import type { UserProfile } from '../core/types.ts';
import type { RecordVersion } from '../records/types.ts';
import type { Verdict } from '../rules/types.ts';
import { accessRefusal } from '../users/access.ts';
import { parseFieldAnswer } from './field-answer.ts';
import { checkDraft } from './form-checks.ts';
import { summaryLines } from './form-messages.ts';
import { activeFields, missingRequired, pruneInactive } from './form-progress.ts';
import { saveFormRecord } from './save-form-record.ts';
import type { FieldDefinition } from './form-schema.ts';
import type { FieldValue, ReportFormDependencies } from './types.ts';

export interface SubmitContext {
  user: UserProfile;
  channel: string;
  now?: Date;
  /** Save when everything passes (and warnings, if any, are in acceptedWarnings). Default: only validate. */
  save?: boolean;
  /** Rule names of warnings the user accepted (e.g. a checkbox on the card). */
  acceptedWarnings?: string[];
  /** Idempotency key for the save (e.g. the card's submission id). */
  submissionKey?: string;
  /** Correcting an existing record: the version the user started from. */
  recordId?: string;
  baseVersion?: number;
}

export interface FieldProblem {
  key: string;
  label: string;
  message: string;
}

export interface SubmitResult {
  /** Every field valid, nothing missing, no failing check (warnings may remain). */
  ok: boolean;
  /** Why nothing could be checked (unknown form, no permission). */
  refusal?: string;
  values: Record<string, FieldValue>;
  missing: FieldProblem[];
  invalid: FieldProblem[];
  /** Fields that became required by another answer (e.g. 动土深度 after 少耕) and are still empty. */
  conditionalNeeded: FieldProblem[];
  fails: Verdict[];
  warnings: Verdict[];
  /** Warnings not yet accepted; saving needs them in acceptedWarnings. */
  unacceptedWarnings: string[];
  summary: string[];
  saved?: RecordVersion;
  /** The save was refused because someone else saved first. */
  conflict?: RecordVersion;
}

const problem = (field: FieldDefinition, message: string): FieldProblem => ({ key: field.key, label: field.label, message });

/**
 * Validates a whole submission at once (a Feishu form card sends every field together) with the same
 * parsing and checks as the conversation; optionally saves it.
 */
export async function submitFormValues(formId: string, raw: Record<string, string>, ctx: SubmitContext, deps: ReportFormDependencies): Promise<SubmitResult> {
  const result: SubmitResult = { ok: false, values: {}, missing: [], invalid: [], conditionalNeeded: [], fails: [], warnings: [], unacceptedWarnings: [], summary: [] };
  const form = deps.forms.get(formId);
  if (!form) return { ...result, refusal: `没有找到表单「${formId}」。` };
  if (ctx.user.role === 'farmer') return { ...result, refusal: accessRefusal(ctx.user, '', deps.units) };
  const unitField = form.fields.find((field) => field.key === form.unitField)!;
  const unitNames = unitField.type === 'county' ? form.scope.units : form.scope.units.flatMap((county) => deps.units.children(county).map((unit) => unit.name));
  const values: Record<string, FieldValue> = {};
  for (const field of form.fields) {
    const text = raw[field.key]?.trim();
    if (!text) continue;
    const answer = parseFieldAnswer(form, field, text, { names: unitNames });
    if (answer.ok) values[field.key] = answer.value;
    else result.invalid.push(problem(field, answer.error));
  }
  result.values = pruneInactive(form, values);
  const unit = result.values[form.unitField];
  if (typeof unit === 'string') {
    const refusal = accessRefusal(ctx.user, unit, deps.units);
    if (refusal) return { ...result, refusal };
  }
  const invalidKeys = new Set(result.invalid.map((item) => item.key));
  for (const field of missingRequired(form, result.values)) {
    if (invalidKeys.has(field.key)) continue;
    (field.when ? result.conditionalNeeded : result.missing).push(problem(field, `请填写「${field.label}」${field.example ? `，例如「${field.example}」` : ''}。`));
  }
  const active = new Set(activeFields(form, result.values).map((field) => field.key));
  result.invalid = result.invalid.filter((item) => active.has(item.key));
  result.summary = summaryLines(form, result, deps.units);
  if (result.invalid.length || result.missing.length || result.conditionalNeeded.length) return result;

  const today = (ctx.now ?? new Date()).toISOString().slice(0, 10);
  const outcome = await checkDraft({ form, values: result.values, recordId: ctx.recordId, today }, deps);
  result.fails = outcome.fails;
  result.warnings = outcome.warnings;
  const accepted = new Set(ctx.acceptedWarnings ?? []);
  result.unacceptedWarnings = [...new Set(outcome.warnings.map((verdict) => verdict.rule))].filter((rule) => !accepted.has(rule));
  result.ok = outcome.fails.length === 0;
  if (!ctx.save || !result.ok || result.unacceptedWarnings.length) return result;

  const author = { userKey: ctx.user.userKey, channel: ctx.channel, displayName: ctx.user.displayName };
  const submissionKey = ctx.submissionKey ?? `${ctx.user.userKey}.${deps.newId()}`;
  const correcting = ctx.recordId ? { recordId: ctx.recordId, baseVersion: ctx.baseVersion } : undefined;
  const { result: saved } = await saveFormRecord({ form, values: result.values, outcome, author, submissionKey, correcting }, deps);
  if (saved.ok) {
    result.saved = saved.record;
    const previous = saved.record.version > 1 && !saved.duplicate ? (await deps.records.history(saved.record.recordId)).find((v) => v.version === saved.record.version - 1) : undefined;
    if (previous && previous.author.userKey !== saved.record.author.userKey) deps.onRecordReplaced?.({ formTitle: form.title, previous, current: saved.record });
  }
  else {
    result.ok = false;
    result.conflict = saved.latest;
  }
  return result;
}
