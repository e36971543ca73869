import { evaluateCondition } from './conditions.ts';
import type { Outcome, RuleEvaluator } from './rule-outcome.ts';
import type { Deadline, RequiredMaterial } from './types.ts';
import { boundValue, evaluateExpression, formatNumber, isMissing, resolvePath, withinBound } from './values.ts';

const withClause = (clause: string | undefined, outcome: Outcome): Outcome => (clause && 'level' in outcome ? { ...outcome, clause } : outcome);

export const evaluateTierTable: RuleEvaluator<'tier_table'> = (rule, env) => {
  const value = resolvePath(env.scope, rule.field);
  if (typeof value !== 'number') return [{ missing: [rule.field] }];
  for (const tier of rule.tiers) {
    const fits = (['min', 'max'] as const).every((side) => {
      const bound = tier[side];
      if (!bound) return true;
      const limit = boundValue(env.scope, bound);
      return limit.ok && withinBound(value, limit.value, bound.inclusive, side);
    });
    if (!fits) continue;
    env.scope.computed[rule.output] = { id: tier.id, label: tier.label, ...tier.values, source: tier.clause ? env.sourceOf(tier.clause) : env.source };
    return [withClause(tier.clause, env.say('pass', '{label}为 {value}{unit}，属于{tier}。', { label: env.label(rule.field), value: formatNumber(value), unit: env.unit(rule.field), tier: tier.label, ...tier.values }))];
  }
  return [env.say(rule.level, '{label}为 {value}{unit}，不在任何一档内。', { label: env.label(rule.field), value: formatNumber(value), unit: env.unit(rule.field) })];
};

export const evaluateLookupTable: RuleEvaluator<'lookup_table'> = (rule, env) => {
  const missing = rule.inputs.filter((input) => isMissing(resolvePath(env.scope, input)));
  if (missing.length) return [{ missing }];
  for (const row of rule.rows) {
    const result = evaluateCondition(env.scope, row.when);
    if (!result.decided) return [{ missing: result.missing }];
    if (!result.holds) continue;
    env.scope.computed[rule.output] = { id: row.id, label: row.label, ...row.values, source: row.clause ? env.sourceOf(row.clause) : env.source };
    return [withClause(row.clause, env.say('pass', '{row}。', { row: row.label, ...row.values }))];
  }
  return [env.say(rule.level, '没有适用的「{title}」。')];
};

export const evaluateRequiredMaterials: RuleEvaluator<'required_materials'> = (rule, env) => {
  const raw = resolvePath(env.scope, rule.field);
  const asked = !isMissing(raw);
  const provided = new Set(Array.isArray(raw) ? raw.map(String) : asked ? [String(raw)] : []);
  const list = (env.scope.computed.requiredMaterials ??= []) as RequiredMaterial[];
  for (const material of rule.materials) {
    list.push({ ...material, provided: provided.has(material.key) || provided.has(material.label), source: env.source, citation: env.citation });
  }
  const labels = rule.materials.map((material) => material.label);
  if (!asked) return [env.say('warn', '请准备：{materials}。', { materials: labels.join('；') })];
  const lacking = rule.materials.filter((material) => !provided.has(material.key) && !provided.has(material.label));
  if (!lacking.length) return [env.say('pass', '材料齐全：{materials}。', { materials: labels.join('；') })];
  return [env.say(rule.level, '缺少材料：{materials}。', { materials: lacking.map((material) => material.label).join('；') })];
};

export const evaluateDeadline: RuleEvaluator<'deadline'> = (rule, env) => {
  const list = (env.scope.computed.deadlines ??= []) as Deadline[];
  if (!list.some((deadline) => deadline.date === rule.date)) list.push({ date: rule.date, label: rule.label, source: env.source, citation: env.citation });
  const values = { date: rule.date, label: rule.label };
  if (rule.field) {
    const actual = resolvePath(env.scope, rule.field);
    if (typeof actual !== 'string') {
      if (!env.context.today) return [{ missing: [rule.field] }];
    } else {
      return [
        actual <= rule.date
          ? env.say('pass', '{field} {actual}，在 {date} 截止日期内（{label}）。', { ...values, field: env.label(rule.field), actual })
          : env.say(rule.level, '{field} {actual}，晚于截止日期 {date}（{label}）。', { ...values, field: env.label(rule.field), actual }),
      ];
    }
  }
  if (env.context.today && env.context.today > rule.date) {
    return [env.say('warn', '截止日期 {date}（{label}）已过。', values)];
  }
  return [env.say('pass', '截止日期：{date} 前，{label}。', values)];
};

export const evaluateComputed: RuleEvaluator<'computed'> = (rule, env) => {
  const result = evaluateExpression(env.scope, rule.expression);
  if (!result.ok) return [{ missing: result.missing }];
  const factor = 10 ** rule.decimals;
  const value = Math.round(result.value * factor) / factor;
  env.scope.computed[rule.output] = value;
  return [env.say('pass', '{title}：{value} {unit}。', { value: formatNumber(value), unit: rule.unit })];
};
