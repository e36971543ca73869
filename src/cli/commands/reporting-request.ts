import type { Config } from '../../config.ts';
import type { FormDefinition } from '../../forms/form-schema.ts';
import { loadForms } from '../../forms/load-forms.ts';
import { openRecordStores, type RecordStores } from '../../store/open-record-stores.ts';
import type { ReportingStores } from '../../reporting/reporting-context.ts';
import { resolveFilingUnit, resolveForm, resolvePeriod } from '../../reporting/status-request.ts';
import { flagText, type ParsedArgs } from '../args.ts';

/** --now 2026-06-22T10:00+08:00 moves the clock (checks and rehearsals); default: the real time. */
export function nowFromArgs(args: ParsedArgs): Date | string {
  const text = flagText(args, 'now');
  if (!text) return new Date();
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? `--now「${text}」不是有效的时间，请写成 2026-06-22T10:00+08:00。` : date;
}

/** What status, chart and remind share: one form, one period, an optional unit, and the open stores. */
export interface ReportingRequest {
  form: FormDefinition;
  period: string;
  /** The filing unit or scope named by --unit (resolved), if any. */
  unit?: string;
  now: Date;
  stores: RecordStores;
  reporting: ReportingStores;
}

/**
 * Reads `<表单> [--period] [--unit] [--now]` and opens the stores. On bad input returns the Chinese message
 * to print (usage when the form is missing) with the stores already closed; otherwise the caller closes them.
 */
export async function openReportingRequest(args: ParsedArgs, config: Config, usage: string): Promise<ReportingRequest | string> {
  const [formName] = args.positional;
  if (!formName) return usage;
  const now = nowFromArgs(args);
  if (typeof now === 'string') return now;
  const forms = loadForms(config.knowledgeDir);
  const form = resolveForm(forms, formName);
  if (!form.ok) return form.error;
  const stores = await openRecordStores(config);
  const period = resolvePeriod(form.value, flagText(args, 'period'), now, stores.units);
  if (!period.ok) return (stores.close(), period.error);
  const unitName = flagText(args, 'unit');
  const unit = unitName ? resolveFilingUnit(form.value, unitName, stores.units) : undefined;
  if (unit && !unit.ok) return (stores.close(), unit.error);
  const reporting: ReportingStores = { forms, records: stores.records, units: stores.units, users: stores.users, names: stores.names, returns: stores.state.returns };
  return { form: form.value, period: period.value, unit: unit?.ok ? unit.value : undefined, now, stores, reporting };
}
