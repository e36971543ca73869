import { resolveExportableForm } from '../../export/resolve-form.ts';
import type { ExportableForm } from '../../export/types.ts';
import type { RecordStores } from '../../store/open-record-stores.ts';
import { describeKnownUnits } from '../../units/describe-units.ts';
import type { Unit } from '../../units/types.ts';
import { flagText, type ParsedArgs } from '../args.ts';

export type RecordFilters =
  | { ok: true; form: ExportableForm; unit?: Unit; period?: string }
  | { ok: false; error: string };

/** The form named on the command line plus its --unit and --period, checked and normalised (records and export share these). */
export async function resolveRecordFilters(knowledgeDir: string, formName: string, args: ParsedArgs, stores: RecordStores): Promise<RecordFilters> {
  const resolved = await resolveExportableForm(knowledgeDir, formName, stores.records);
  if (!resolved.ok) return resolved;
  const unitName = flagText(args, 'unit');
  const unit = unitName ? stores.units.find(unitName) : undefined;
  if (unitName && !unit) return { ok: false, error: `未知单位「${unitName}」。已知单位：\n${describeKnownUnits(stores.units)}` };
  let period = flagText(args, 'period');
  if (period) {
    const normalized = resolved.normalizePeriod(period);
    if (!normalized.ok) return { ok: false, error: `--period「${period}」无法识别：${normalized.error}` };
    period = normalized.value;
  }
  return { ok: true, form: resolved.form, unit, period };
}
