import type { RecordAuthor, RecordStore, SaveRequest, SaveResult } from '../records/types.ts';
import { recordData, type CheckDependencies } from './form-checks.ts';
import type { FormDefinition } from './form-schema.ts';
import type { CheckOutcome, FieldValue } from './types.ts';

export interface FormSave {
  form: FormDefinition;
  values: Record<string, FieldValue>;
  /** The checks that passed just before saving; their warnings are recorded as confirmed. */
  outcome: CheckOutcome;
  author: RecordAuthor;
  /** Idempotency key: the same key saves once. */
  submissionKey: string;
  /** Correcting a saved record: its id and the version the user started from. */
  correcting?: { recordId: string; baseVersion?: number };
}

/**
 * The one save of a filled form, for the chat's 确认提交 and a whole-form card alike: record data in
 * store units, verdicts, confirmed warnings, and the version rule (a new one-per-period record starts
 * from version 0, so a second filer is told someone saved first).
 */
export async function saveFormRecord(save: FormSave, deps: Pick<CheckDependencies, 'units'> & { records: RecordStore }): Promise<{ request: SaveRequest; result: SaveResult }> {
  const { form, values, outcome, correcting } = save;
  const request: SaveRequest = {
    formId: form.id,
    unit: String(values[form.unitField]),
    period: form.periodField ? String(values[form.periodField]) : undefined,
    data: recordData(form, values, deps.units),
    verdicts: outcome.verdicts,
    confirmedWarnings: [...new Set(outcome.warnings.map((verdict) => verdict.rule))],
    author: save.author,
    submissionKey: save.submissionKey,
  };
  if (correcting) {
    request.recordId = correcting.recordId;
    request.baseVersion = correcting.baseVersion;
  } else if (form.onePerPeriod) {
    request.baseVersion = 0;
  }
  if (form.onePerPeriod) request.onePerSlot = true;
  return { request, result: await deps.records.save(request) };
}
