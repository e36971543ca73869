import { unitFactor } from '../quantity/index.ts';
import type { FieldCondition, FieldDefinition, FormDefinition } from './form-schema.ts';
import { formatNumber } from './format-value.ts';
import type { UnitDirectory } from '../units/types.ts';
import type { FieldValue } from './types.ts';

function conditionHolds(condition: FieldCondition, values: Record<string, FieldValue>): boolean {
  const value = values[condition.field];
  if (condition.answered !== undefined) return (value !== undefined) === condition.answered;
  if (value === undefined) return false;
  const items = Array.isArray(value) ? value : [value];
  if (condition.equals !== undefined && !items.some((item) => item === condition.equals)) return false;
  if (condition.in && !items.some((item) => condition.in!.includes(String(item)))) return false;
  return true;
}

/** Whether a field applies, given the answers so far (a `when` on an unanswered field keeps it hidden). */
export function isFieldActive(field: FieldDefinition, values: Record<string, FieldValue>): boolean {
  return !field.when || conditionHolds(field.when, values);
}

export function activeFields(form: FormDefinition, values: Record<string, FieldValue>): FieldDefinition[] {
  return form.fields.filter((field) => isFieldActive(field, values));
}

/** The next field to ask: the first active, askable one neither answered nor skipped. */
export function nextField(form: FormDefinition, values: Record<string, FieldValue>, skipped: string[]): FieldDefinition | undefined {
  return activeFields(form, values).find((field) => field.ask && values[field.key] === undefined && !skipped.includes(field.key));
}

/** Required active fields that still have no answer. */
export function missingRequired(form: FormDefinition, values: Record<string, FieldValue>): FieldDefinition[] {
  return activeFields(form, values).filter((field) => field.required && values[field.key] === undefined);
}

/** Drops answers of fields that no longer apply (e.g. 动土深度 after switching 少耕 → 免耕). */
export function pruneInactive(form: FormDefinition, values: Record<string, FieldValue>): Record<string, FieldValue> {
  const result = { ...values };
  for (let changed = true; changed; ) {
    changed = false;
    for (const field of form.fields) {
      if (result[field.key] !== undefined && !isFieldActive(field, result)) {
        delete result[field.key];
        changed = true;
      }
    }
  }
  return result;
}

/** A unit's target in the form's canonical units (万亩 → 亩), from knowledge/units; the unit is read by src/quantity. */
export function targetInBaseUnits(units: UnitDirectory, unit: string, programId: string): number | undefined {
  const target = units.target(unit, programId);
  if (target === undefined) return undefined;
  return target * (unitFactor(units.program(programId)?.unit ?? '')?.factor ?? 1);
}

/** Computed fields (per-亩 subsidy, completion rate…) from answers, constants and the unit's targets. */
export function computeFields(form: FormDefinition, values: Record<string, FieldValue>, units: UnitDirectory): Record<string, number> {
  const computed: Record<string, number> = {};
  const unitName = values[form.unitField];
  for (const definition of form.computed) {
    const operands = definition.args.map((arg) => {
      if ('const' in arg) return arg.const;
      if ('target' in arg) return typeof unitName === 'string' ? targetInBaseUnits(units, unitName, arg.target) : undefined;
      const value = computed[arg.field] ?? values[arg.field];
      return typeof value === 'number' ? value : undefined;
    });
    if (operands.some((operand) => operand === undefined)) continue;
    const numbers = operands as number[];
    let result: number;
    switch (definition.op) {
      case 'sum':
        result = numbers.reduce((a, b) => a + b, 0);
        break;
      case 'subtract':
        result = numbers.slice(1).reduce((a, b) => a - b, numbers[0]);
        break;
      case 'multiply':
        result = numbers.reduce((a, b) => a * b, 1);
        break;
      case 'divide':
        result = numbers[1] ? numbers[0] / numbers[1] : Number.NaN;
        break;
      case 'percent':
        result = numbers[1] ? (numbers[0] / numbers[1]) * 100 : Number.NaN;
        break;
    }
    if (Number.isFinite(result)) computed[definition.key] = Number(formatNumber(result, definition.digits));
  }
  return computed;
}
