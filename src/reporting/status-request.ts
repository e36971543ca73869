import type { FormDefinition } from '../forms/form-schema.ts';
import { describePeriod, parsePeriod } from '../forms/period.ts';
import type { FormCatalog } from '../forms/types.ts';
import type { UnitDirectory } from '../units/types.ts';
import { currentPeriod, isFuturePeriod } from './deadlines.ts';
import { periodSpan } from './periods.ts';
import { unitsThatFile } from './status.ts';

export type Resolved<T> = { ok: true; value: T } | { ok: false; error: string };

/** A form by id, title, short name or trigger word; the error lists the forms there are. */
export function resolveForm(forms: FormCatalog, name: string): Resolved<FormDefinition> {
  const lower = name.trim().toLowerCase();
  const list = forms.list();
  const exact = list.find((form) => [form.id, form.title, form.shortName].some((word) => word.toLowerCase() === lower));
  const named = exact ? [exact] : list.filter((form) => [form.shortName, ...form.triggers].some((word) => lower.includes(word.toLowerCase())));
  if (named.length === 1) return { ok: true, value: named[0] };
  const known = list.map((form) => `「${form.shortName}」（${form.id}）`).join('、');
  return { ok: false, error: `没有找到表单「${name}」。可用的表单：${known || '（无）'}。请写表单名或编号，例如「${list[0]?.shortName ?? '双月调度'}」。` };
}

/** The period the user named (or the current one), refused when unknown or not yet begun. */
export function resolvePeriod(form: FormDefinition, input: string | undefined, now: Date, units: UnitDirectory): Resolved<string> {
  if (!form.period) return { ok: false, error: `「${form.title}」不按期填报，没有进度可查。` };
  let period: string | undefined;
  if (input && input.trim()) {
    const parsed = parsePeriod(input, form.period.kind, form.period.year ?? form.year, now);
    if (!parsed.ok) return { ok: false, error: `期间「${input}」无法识别：${parsed.error}` };
    period = parsed.value;
  } else {
    period = currentPeriod(form, now, units);
    if (!period) return { ok: false, error: `「${form.title}」的第一期还没有开始，暂无进度。请用 --period 指定期间，例如「5-6月」。` };
  }
  if (!periodSpan(period)) return { ok: false, error: `期间「${input}」不是按月或按双月的期间。` };
  if (isFuturePeriod(period, now)) {
    return { ok: false, error: `${describePeriod(period)}还没有开始，不能查看或催报。请换一个已经开始的期间，例如当前的${describePeriod(currentPeriod(form, now, units) ?? period)}。` };
  }
  return { ok: true, value: period };
}

/** A unit that files this form (三面船 → 三面船镇); the error lists the ones that do. */
export function resolveFilingUnit(form: FormDefinition, name: string, units: UnitDirectory): Resolved<string> {
  const found = units.find(name);
  const filing = unitsThatFile(form, units);
  if (!found) return { ok: false, error: `未知单位「${name}」。填报「${form.shortName}」的单位有：${filing.join('、')}。` };
  if (!filing.includes(found.name) && !filing.some((unit) => units.isWithin(unit, found.name))) {
    return { ok: false, error: `「${found.name}」不填报「${form.shortName}」。填报这张表的单位有：${filing.join('、')}。` };
  }
  return { ok: true, value: found.name };
}
