import type { RuleEvaluator } from './rule-outcome.ts';
import { compare, evaluateExpression, formatNumber, isMissing, resolvePath } from './values.ts';

export const evaluateNotDecreasing: RuleEvaluator<'not_decreasing'> = (rule, env) => {
  const previous = env.context.previous;
  return rule.fields.map((field) => {
    const value = resolvePath(env.scope, field);
    if (typeof value !== 'number') return { missing: [field] };
    const before = previous?.[field];
    const values = { label: env.label(field), value: formatNumber(value), unit: env.unit(field) };
    if (typeof before !== 'number') return env.say('pass', '{label}没有上期数据可比，跳过。', values);
    const previousText = formatNumber(before);
    return compare(value, before) >= 0
      ? env.say('pass', '{label} {value}{unit}，不低于上期 {previous}{unit}。', { ...values, previous: previousText })
      : env.say(rule.level, '{label} {value}{unit}，比上期 {previous}{unit} 还少；累计数不应减少，请核对。', { ...values, previous: previousText });
  });
};

export const evaluateNoDuplicate: RuleEvaluator<'no_duplicate'> = (rule, env) => {
  const missing = rule.keyFields.filter((field) => isMissing(resolvePath(env.scope, field)));
  if (missing.length) return [{ missing }];
  const key = rule.keyFields.map((field) => String(resolvePath(env.scope, field)));
  const duplicate = (env.context.existing ?? []).some((other) => rule.keyFields.every((field, index) => String(other[field]) === key[index]));
  const values = { keys: rule.keyFields.map((field, index) => `${env.label(field)}「${key[index]}」`).join('、') };
  return [
    duplicate
      ? env.say(rule.level, '已有相同{keys}的记录，请勿重复填报；如需更正请修改原记录。', values)
      : env.say('pass', '没有重复记录。', values),
  ];
};

export const evaluateWithinRemaining: RuleEvaluator<'within_remaining'> = (rule, env) => {
  const value = resolvePath(env.scope, rule.field);
  if (typeof value !== 'number') return [{ missing: [rule.field] }];
  let target: number;
  let targetName = '';
  if (typeof rule.target === 'number') {
    target = rule.target;
  } else {
    const key = resolvePath(env.scope, rule.target.keyField);
    if (isMissing(key)) return [{ missing: [rule.target.keyField] }];
    const found = rule.target.table[String(key)];
    if (found === undefined) return [env.say('warn', '{key} 没有对应的任务数，无法核对「{title}」。', { key: String(key) })];
    target = found;
    targetName = String(key);
  }
  const already = env.context.totals?.[rule.totalKey] ?? 0;
  const unit = env.unit(rule.field);
  const values = { label: env.label(rule.field), value: formatNumber(value), already: formatNumber(already), target: formatNumber(target), remaining: formatNumber(target - already), unit, name: targetName };
  return [
    compare(value + already, target) <= 0
      ? env.say('pass', '{label} {value}{unit}，加上已登记 {already}{unit}，未超过{name}任务 {target}{unit}。', values)
      : env.say(rule.level, '{label} {value}{unit}，加上已登记 {already}{unit}，超过{name}任务 {target}{unit}（剩余 {remaining}{unit}），请核对。', values),
  ];
};

export const evaluateRatio: RuleEvaluator<'ratio'> = (rule, env) => {
  const value = resolvePath(env.scope, rule.field);
  if (typeof value !== 'number') return [{ missing: [rule.field] }];
  const expected = evaluateExpression(env.scope, rule.expected);
  if (!expected.ok) return [{ missing: expected.missing }];
  const allowed = Math.max(rule.tolerance.absolute ?? 0, (rule.tolerance.relative ?? 0) * Math.abs(expected.value));
  const values = { label: env.label(rule.field), value: formatNumber(value), expected: formatNumber(expected.value), unit: env.unit(rule.field) };
  return [
    compare(Math.abs(value - expected.value), allowed) <= 0
      ? env.say('pass', '{label} {value}{unit}，与按规定测算的 {expected}{unit} 相符。', values)
      : env.say(rule.level, '{label} {value}{unit}，按规定应约为 {expected}{unit}，请核对。', values),
  ];
};
