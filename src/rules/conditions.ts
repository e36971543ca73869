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
