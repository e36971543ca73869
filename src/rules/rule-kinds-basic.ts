import { evaluateCondition } from './conditions.ts';
import type { Outcome, RuleEvaluator } from './rule-outcome.ts';
import { boundValue, describeBound, formatNumber, isMissing, resolvePath, resolveRef, withinBound } from './values.ts';

export const evaluateConditionRule: RuleEvaluator<'condition'> = (rule, env) => {
  const result = evaluateCondition(env.scope, rule.test);
  if (!result.decided) return [{ missing: result.missing }];
  return [result.holds ? env.say('pass', `符合「${rule.title}」。`) : env.say(rule.level, `不符合「${rule.title}」。`)];
};

export const evaluateThreshold: RuleEvaluator<'threshold'> = (rule, env) => {
  const value = resolvePath(env.scope, rule.field);
  if (typeof value !== 'number') return [{ missing: [rule.field] }];
  const unit = env.unit(rule.field);
  const limits: string[] = [];
  let violated = false;
  for (const side of ['min', 'max'] as const) {
    const bound = rule[side];
    if (!bound) continue;
    const limit = boundValue(env.scope, bound);
    if (!limit.ok) return [{ missing: limit.missing }];
    limits.push(describeBound(limit.value, bound.inclusive, side, unit));
    if (!withinBound(value, limit.value, bound.inclusive, side)) violated = true;
  }
  const values = { label: env.label(rule.field), value: formatNumber(value), unit, limit: limits.join('且') };
  return [
    violated
      ? env.say(rule.level, '{label}为 {value}{unit}，应{limit}。', values)
      : env.say('pass', '{label}为 {value}{unit}，{limit}，符合要求。', values),
  ];
};

export const evaluateCap: RuleEvaluator<'cap'> = (rule, env) => {
  const value = resolvePath(env.scope, rule.field);
  if (typeof value !== 'number') return [{ missing: [rule.field] }];
  const limit = resolveRef(env.scope, rule.max);
  if (!limit.ok) return [{ missing: limit.missing }];
  const values = { label: env.label(rule.field), value: formatNumber(value), limit: formatNumber(limit.value), per: rule.per };
  return [
    withinBound(value, limit.value, true, 'max')
      ? env.say('pass', '{label} {value} {per}，未超过上限 {limit} {per}。', values)
      : env.say(rule.level, '{label} {value} {per}，超过上限 {limit} {per}（应不高于 {limit} {per}）。', values),
  ];
};

export const evaluateAllowedValues: RuleEvaluator<'allowed_values'> = (rule, env) => {
  const raw = resolvePath(env.scope, rule.field);
  if (isMissing(raw)) return [{ missing: [rule.field] }];
  const items = (Array.isArray(raw) ? raw : [raw]).map(String);
  const matches = (item: string, entry: { label: string; keywords: string[] }) =>
    item === entry.label || entry.keywords.some((keyword) => item.includes(keyword));
  const outcomes: Outcome[] = [];
  for (const item of items) {
    const forbidden = rule.forbidden.find((entry) => matches(item, entry));
    if (forbidden) {
      const fallback = forbidden.message ?? '「{value}」属于{forbidden}，不符合「{title}」。';
      outcomes.push(env.say(rule.level, fallback, { value: item, forbidden: forbidden.label }));
      continue;
    }
    const allowed = rule.allowed.find((entry) => matches(item, entry));
    if (allowed) {
      outcomes.push(env.say('pass', '「{value}」属于{allowed}，符合「{title}」。', { value: item, allowed: allowed.label }));
      continue;
    }
    const listed = rule.allowed.map((entry) => entry.label).join('、');
    outcomes.push(
      env.say(rule.otherLevel, '「{value}」不在条款列明的范围（{listed}）内，请向主管部门确认。', { value: item, listed }),
    );
  }
  return outcomes;
};
