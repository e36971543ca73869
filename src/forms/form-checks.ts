import type { RecordStore, RecordVersion } from '../records/types.ts';
import type { CheckContext, RuleRegistry, Verdict } from '../rules/types.ts';
import type { UnitDirectory } from '../units/types.ts';
import type { FormDefinition, RulesLink } from './form-schema.ts';
import { formatFieldValue } from './format-value.ts';
import { describePeriod } from './period.ts';
import { activeFields, computeFields, targetInBaseUnits } from './form-progress.ts';
import type { CheckOutcome, FieldValue } from './types.ts';

export interface CheckDependencies {
  rules: RuleRegistry;
  /** Where earlier reports are read; null for a checked form, which has none. */
  records: RecordStore | null;
  units: UnitDirectory;
}

/** The latest reports of a form in these units, or none where nothing is filed (a checked form). */
async function filed(deps: CheckDependencies, formId: string, units: string[]): Promise<RecordVersion[]> {
  return deps.records ? await deps.records.latest(formId, { units }) : [];
}

export interface CheckRequest {
  form: FormDefinition;
  values: Record<string, FieldValue>;
  /** The record being corrected: excluded from previous/existing/totals. */
  recordId?: string;
  today: string;
}

/** A draft's values as the rule set's record: mapped names, constants, shares as percentages where the rule set wants them. */
export function toRuleRecord(link: RulesLink, form: FormDefinition, data: Record<string, unknown>, rules: RuleRegistry): Record<string, unknown> {
  const ruleFields = new Map((rules.get(link.ruleSet)?.fields ?? []).map((field) => [field.key, field]));
  const shares = new Set(form.fields.filter((field) => field.type === 'share').map((field) => field.key));
  const record: Record<string, unknown> = { ...link.constants };
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    const target = link.map[key] ?? key;
    // Rule sets keep percentages as 0–100; the forms store shares as fractions.
    const percent = shares.has(key) && ruleFields.get(target)?.type === 'percent' && typeof value === 'number';
    record[target] = percent ? Number(((value as number) * 100).toFixed(6)) : value;
  }
  return record;
}

function periodOf(record: RecordVersion): string {
  return record.period ?? '';
}

function unitsInScope(form: FormDefinition, unit: string, scope: 'unit' | 'parent', units: UnitDirectory): string[] {
  if (scope === 'unit') return [unit];
  const parent = units.parent(unit);
  return parent ? units.children(parent.name).map((u) => u.name) : [unit];
}

async function buildContext(link: RulesLink, request: CheckRequest, deps: CheckDependencies): Promise<CheckContext> {
  const { form, values } = request;
  const unit = String(values[form.unitField] ?? '');
  const period = form.periodField ? String(values[form.periodField] ?? '') : undefined;
  const others = async (filterUnits: string[]) =>
    (await filed(deps, form.id, filterUnits)).filter((record) => record.recordId !== request.recordId);
  const context: CheckContext = link.today ? { today: request.today } : {};
  if (link.previous && unit && period) {
    const earlier = (await others([unit]))
      .filter((record) => periodOf(record) < period)
      .sort((a, b) => periodOf(b).localeCompare(periodOf(a)));
    if (earlier[0]) context.previous = toRuleRecord(link, form, earlier[0].data, deps.rules);
  }
  if (link.existing && unit) {
    context.existing = (await others(unitsInScope(form, unit, 'parent', deps.units))).map((record) => toRuleRecord(link, form, record.data, deps.rules));
  }
  if (link.totals.length && unit) {
    context.totals = {};
    for (const total of link.totals) {
      if (total.target) {
        const target = targetInBaseUnits(deps.units, unit, total.target);
        if (target !== undefined) context.totals[total.name] = target;
      } else if (total.sumOf) {
        const key = total.sumOf;
        context.totals[total.name] = (await others(unitsInScope(form, unit, total.scope, deps.units))).reduce(
          (sum, record) => sum + (typeof record.data[key] === 'number' ? (record.data[key] as number) : 0),
          0,
        );
      }
    }
  }
  return context;
}

function plausibilityVerdicts(form: FormDefinition, values: Record<string, FieldValue>): Verdict[] {
  const source = `《${form.source.title}》${form.source.docNumber ? `（${form.source.docNumber}）` : ''} 表单「${form.title}」常见数值范围`;
  const verdicts: Verdict[] = [];
  for (const field of activeFields(form, values)) {
    const value = values[field.key];
    const range = field.plausible;
    if (!range || typeof value !== 'number') continue;
    const low = range.min !== undefined && value < range.min;
    const high = range.max !== undefined && value > range.max;
    if (!low && !high) continue;
    const bounds = [range.min, range.max].map((bound) => (bound === undefined ? '…' : formatFieldValue(field, bound))).join('～');
    const message = range.message ?? `「${field.label}」填的是 ${formatFieldValue(field, value)}，超出常见范围（${bounds}），请核实是否填错。`;
    verdicts.push({ rule: `plausible.${field.key}`, level: 'warn', message, source });
  }
  return verdicts;
}

/**
 * A correction of an earlier period must not lift a cumulative value above what a later period of the
 * same unit already reports, or the series would decrease there.
 */
async function laterPeriodVerdicts(request: CheckRequest, deps: CheckDependencies): Promise<Verdict[]> {
  const { form, values } = request;
  if (!form.rules.some((link) => link.previous) || !form.periodField) return [];
  const unit = String(values[form.unitField] ?? '');
  const period = String(values[form.periodField] ?? '');
  if (!unit || !period) return [];
  const later = (await filed(deps, form.id, [unit]))
    .filter((record) => record.recordId !== request.recordId && periodOf(record) > period)
    .sort((a, b) => periodOf(a).localeCompare(periodOf(b)))[0];
  if (!later) return [];
  const source = `《${form.source.title}》${form.source.docNumber ? `（${form.source.docNumber}）` : ''} 表单「${form.title}」累计数逐期不减`;
  const laterPeriod = describePeriod(periodOf(later));
  return activeFields(form, values)
    .filter((field) => field.cumulative && typeof values[field.key] === 'number' && typeof later.data[field.key] === 'number')
    .filter((field) => (values[field.key] as number) > (later.data[field.key] as number))
    .map((field) => ({
      rule: `later.${field.key}`,
      level: 'fail' as const,
      message: `「${field.label}」 ${formatFieldValue(field, values[field.key])}，比下一期 ${laterPeriod} 的记录 ${later.recordId} 已报的 ${formatFieldValue(field, later.data[field.key] as number)} 还多；累计数不应减少，请核对本期，或先更正 ${later.recordId}。`,
      source,
    }));
}

/** The record data saved for a draft: answers of active fields plus computed fields. */
export function recordData(form: FormDefinition, values: Record<string, FieldValue>, units: UnitDirectory): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of activeFields(form, values)) {
    if (values[field.key] !== undefined) data[field.key] = values[field.key];
  }
  return { ...data, ...computeFields(form, values, units) };
}

/** Runs the form's plausibility ranges and every linked rule set, with previous/existing/totals from the store. */
export async function checkDraft(request: CheckRequest, deps: CheckDependencies): Promise<CheckOutcome> {
  const data = recordData(request.form, request.values, deps.units);
  const verdicts: Verdict[] = [...plausibilityVerdicts(request.form, request.values), ...(await laterPeriodVerdicts(request, deps))];
  const computed: Record<string, unknown> = {};
  for (const link of request.form.rules) {
    const context = await buildContext(link, request, deps);
    const record = { ...toRuleRecord(link, request.form, data, deps.rules), ...context.totals };
    const result = deps.rules.check(link.ruleSet, record, context);
    verdicts.push(...result.verdicts);
    Object.assign(computed, result.computed);
  }
  return {
    verdicts,
    fails: verdicts.filter((verdict) => verdict.level === 'fail'),
    warnings: verdicts.filter((verdict) => verdict.level === 'warn'),
    computed,
  };
}
