import type { Condition } from './rule-set-schema.ts';
import { boundValue, compare, isMissing, resolvePath, withinBound, type Scope } from './values.ts';

/** true/false, or the fields whose absence keeps the condition undecided. */
export type ConditionResult = { decided: true; holds: boolean } | { decided: false; missing: string[] };

const holds = (value: boolean): ConditionResult => ({ decided: true, holds: value });

function sameScalar(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return compare(a, b) === 0;
  return a === b;
}

function evaluateLeaf(scope: Scope, condition: Extract<Condition, { field: string }>): ConditionResult {
  const value = resolvePath(scope, condition.field);
  if (condition.present !== undefined) return holds(isMissing(value) !== condition.present);
  if (isMissing(value)) return { decided: false, missing: [condition.field] };
  const values = Array.isArray(value) ? value : [value];
  if (condition.equals !== undefined && !values.some((item) => sameScalar(item, condition.equals))) return holds(false);
  if (condition.in && !values.some((item) => condition.in!.some((option) => sameScalar(item, option)))) return holds(false);
  if (condition.notIn && values.some((item) => condition.notIn!.some((option) => sameScalar(item, option)))) return holds(false);
  if (condition.includes !== undefined && !values.some((item) => String(item).includes(condition.includes!))) return holds(false);
  if (condition.minItems !== undefined && values.length < condition.minItems) return holds(false);
  for (const side of ['min', 'max'] as const) {
    const bound = condition[side];
    if (!bound) continue;
    if (typeof value !== 'number') return holds(false);
    const limit = boundValue(scope, bound);
    if (!limit.ok) return { decided: false, missing: limit.missing };
    if (!withinBound(value, limit.value, bound.inclusive, side)) return holds(false);
  }
  return holds(true);
}

export function evaluateCondition(scope: Scope, condition: Condition): ConditionResult {
  if ('field' in condition) return evaluateLeaf(scope, condition);
  if ('not' in condition) {
    const inner = evaluateCondition(scope, condition.not);
    return inner.decided ? holds(!inner.holds) : inner;
  }
  const parts = ('all' in condition ? condition.all : condition.any).map((part) => evaluateCondition(scope, part));
  const decisive = 'all' in condition ? false : true;
  if (parts.some((part) => part.decided && part.holds === decisive)) return holds(decisive);
  const missing = parts.flatMap((part) => (part.decided ? [] : part.missing));
  return missing.length ? { decided: false, missing: [...new Set(missing)] } : holds(!decisive);
}

/**
 * A value of `field` that lets the condition hold as far as that field decides it (a lookup row's 「县级」, or a number
 * inside its bounds), to try what the rule set says for that row; undefined when the condition does not name the field
 * by a value or a literal bound.
 */
export function valueMeeting(condition: Condition, field: string): string | number | boolean | undefined {
  if ('not' in condition) return undefined;
  if ('all' in condition || 'any' in condition) {
    for (const part of 'all' in condition ? condition.all : condition.any) {
      const value = valueMeeting(part, field);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  if (condition.field !== field) return undefined;
  if (condition.equals !== undefined) return condition.equals;
  if (condition.in?.length) return condition.in[0];
  const low = typeof condition.min?.value === 'number' ? condition.min.value : undefined;
  const high = typeof condition.max?.value === 'number' ? condition.max.value : undefined;
  if (low !== undefined && high !== undefined) return (low + high) / 2;
  if (low !== undefined) return low + 1;
  if (high !== undefined) return high - 1;
  return undefined;
}
