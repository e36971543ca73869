import type { Bound, Expression, RuleSet, ValueRef } from './rule-set-schema.ts';

/** What a rule reads: the normalised record and what earlier rules computed. */
export interface Scope {
  record: Record<string, unknown>;
  computed: Record<string, unknown>;
}

/** Numbers from percent conversions (0.3 × 100) carry float noise; compare with a tolerance. */
const EPSILON = 1e-9;

export function compare(a: number, b: number): number {
  const scale = Math.max(1, Math.abs(a), Math.abs(b));
  if (Math.abs(a - b) <= EPSILON * scale) return 0;
  return a < b ? -1 : 1;
}

export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

export function resolvePath(scope: Scope, path: string): unknown {
  const [head, ...rest] = path.split('.');
  let current: unknown = head === 'computed' ? scope.computed : scope.record[head];
  for (const part of rest) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export type Evaluated = { ok: true; value: number } | { ok: false; missing: string[] };

export function resolveRef(scope: Scope, ref: ValueRef): Evaluated {
  if (typeof ref === 'number') return { ok: true, value: ref };
  const value = resolvePath(scope, ref.ref);
  return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : { ok: false, missing: [ref.ref] };
}

export function evaluateExpression(scope: Scope, expression: Expression): Evaluated {
  if (typeof expression === 'number' || 'ref' in expression) return resolveRef(scope, expression);
  const [operator, operand] = Object.entries(expression)[0] as [string, Expression | Expression[]];
  const parts = (Array.isArray(operand) ? operand : [operand]).map((part) => evaluateExpression(scope, part));
  const missing = parts.flatMap((part) => (part.ok ? [] : part.missing));
  if (missing.length) return { ok: false, missing };
  const values = parts.map((part) => (part as { value: number }).value);
  const apply: Record<string, (v: number[]) => number> = {
    mul: (v) => v.reduce((a, b) => a * b, 1),
    add: (v) => v.reduce((a, b) => a + b, 0),
    min: (v) => Math.min(...v),
    max: (v) => Math.max(...v),
    sub: (v) => v[0] - v[1],
    div: (v) => v[0] / v[1],
    ceil: (v) => Math.ceil(v[0] - EPSILON),
    floor: (v) => Math.floor(v[0] + EPSILON),
    round: (v) => Math.round(v[0]),
  };
  const result = apply[operator](values);
  return Number.isFinite(result) ? { ok: true, value: result } : { ok: false, missing: [] };
}

/** Whether value satisfies the bound as a lower (min) or upper (max) limit. */
export function withinBound(value: number, bound: number, inclusive: boolean, side: 'min' | 'max'): boolean {
  const order = compare(value, bound);
  if (order === 0) return inclusive;
  return side === 'min' ? order > 0 : order < 0;
}

export function boundValue(scope: Scope, bound: Bound): Evaluated {
  return resolveRef(scope, bound.value);
}

/** 「不低于 30」「高于 30」… wording for a bound. */
export function describeBound(limit: number, inclusive: boolean, side: 'min' | 'max', unit = ''): string {
  const word = side === 'min' ? (inclusive ? '不低于' : '高于') : inclusive ? '不高于' : '低于';
  return `${word} ${formatNumber(limit)}${unit}`;
}

export function formatNumber(value: number): string {
  return String(Number(value.toFixed(4)));
}

export function fieldLabel(ruleSet: RuleSet, path: string): string {
  const key = path.startsWith('computed.') ? path.slice('computed.'.length) : path;
  const field = ruleSet.fields.find((candidate) => candidate.key === key);
  return field ? `「${field.label}」` : `「${key}」`;
}

export function fieldUnit(ruleSet: RuleSet, path: string): string {
  const field = ruleSet.fields.find((candidate) => candidate.key === path);
  if (!field) return '';
  if (field.type === 'percent') return '%';
  return field.unit ?? '';
}

/** Fills {name} placeholders; unknown names stay visible so a data typo is noticed. */
export function fillTemplate(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}
