import type { FormDefinition } from '../forms/form-schema.ts';
import { describePeriod } from '../forms/period.ts';
import type { ExportableForm, ExportField } from './types.ts';

/**
 * Adapts a form of knowledge/forms to the export. Completion is taken from the form's own computed
 * percent of a field against a target (e.g. cumulativeArea ÷ acidified-farmland-2026); computed fields
 * that use targets are left out because the export adds 任务 and 完成率 columns itself.
 */
export function exportableForm(form: FormDefinition): ExportableForm {
  const completion = form.computed.find(
    (computed) => computed.op === 'percent' && 'field' in computed.args[0] && computed.args[1] && 'target' in computed.args[1],
  );
  const fields: ExportField[] = form.fields.map((field) => ({
    key: field.key,
    label: field.label,
    unit: field.type === 'share' ? undefined : field.unit,
    kind: field.type === 'number' ? 'number' : field.type === 'share' ? 'percent' : 'text',
    ...(field.options ? { options: Object.fromEntries(field.options.map((option) => [option.value, option.label])) } : {}),
  }));
  for (const computed of form.computed) {
    if (computed.args.some((arg) => 'target' in arg)) continue;
    const [a, b] = computed.args;
    const ratio =
      (computed.op === 'percent' || computed.op === 'divide') && a && b && 'field' in a && 'field' in b
        ? { numerator: a.field, denominator: b.field, scale: computed.op === 'percent' ? 100 : 1 }
        : undefined;
    fields.push({ key: computed.key, label: computed.label, unit: computed.unit, kind: 'number', digits: computed.digits, ...(ratio ? { ratio } : {}) });
  }
  const targetArgs = completion?.args ?? [];
  return {
    id: form.id,
    title: form.title,
    fields,
    unitField: form.unitField,
    periodField: form.periodField,
    ...(completion && 'field' in targetArgs[0] && 'target' in targetArgs[1]
      ? { targetField: targetArgs[0].field, program: targetArgs[1].target }
      : {}),
    units: form.scope.units,
    describePeriod,
  };
}
