import type { Citation } from '../core/types.ts';
import { evaluateCondition } from './conditions.ts';
import { normalizeRecord } from './normalize-record.ts';
import { evaluateAllowedValues, evaluateCap, evaluateConditionRule, evaluateThreshold } from './rule-kinds-basic.ts';
import { evaluateNoDuplicate, evaluateNotDecreasing, evaluateRatio, evaluateWithinRemaining } from './rule-kinds-context.ts';
import { evaluateComputed, evaluateDeadline, evaluateLookupTable, evaluateRequiredMaterials, evaluateTierTable } from './rule-kinds-tables.ts';
import { createEnvironment, type Outcome, type RuleEnvironment } from './rule-outcome.ts';
import type { Rule, RuleSet } from './rule-set-schema.ts';
import type { CheckContext, CheckResult, Verdict } from './types.ts';
import type { Scope } from './values.ts';

const evaluators: { [K in Rule['kind']]: (rule: Extract<Rule, { kind: K }>, env: RuleEnvironment) => Outcome[] } = {
  condition: evaluateConditionRule,
  threshold: evaluateThreshold,
  cap: evaluateCap,
  allowed_values: evaluateAllowedValues,
  tier_table: evaluateTierTable,
  lookup_table: evaluateLookupTable,
  required_materials: evaluateRequiredMaterials,
  deadline: evaluateDeadline,
  computed: evaluateComputed,
  not_decreasing: evaluateNotDecreasing,
  no_duplicate: evaluateNoDuplicate,
  within_remaining: evaluateWithinRemaining,
  ratio: evaluateRatio,
};

export function citationOf(ruleSet: RuleSet, clauseKey: string): Citation {
  const clause = ruleSet.clauses[clauseKey];
  return { doc: ruleSet.source.doc, title: ruleSet.source.title, docNumber: ruleSet.source.docNumber, section: clause.section, quote: clause.quote };
}

export function sourceText(citation: Citation): string {
  const number = citation.docNumber ? `（${citation.docNumber}）` : '';
  return `《${citation.title}》${number} ${citation.section}：「${citation.quote}」`;
}

/** Runs every rule of the set (no short-circuit) and lists each pass/warn/fail with its clause. */
export function checkRecord(ruleSet: RuleSet, record: Record<string, unknown>, context: CheckContext = {}): CheckResult {
  const normalized = normalizeRecord(ruleSet, record);
  const verdicts: Verdict[] = [...normalized.verdicts];
  const scope: Scope = { record: normalized.record, computed: {} };
  for (const rule of ruleSet.rules) {
    if (rule.when) {
      const applies = evaluateCondition(scope, rule.when);
      if (!applies.decided || !applies.holds) continue;
    }
    const citation = citationOf(ruleSet, rule.clause);
    const source = sourceText(citation);
    const sourceOf = (clause: string) => sourceText(citationOf(ruleSet, clause));
    const env = createEnvironment(ruleSet, rule, scope, context, citation, sourceOf);
    const evaluate = evaluators[rule.kind] as (rule: Rule, env: RuleEnvironment) => Outcome[];
    for (const outcome of evaluate(rule, env)) {
      if ('missing' in outcome) {
        if (rule.onMissing === 'skip') continue;
        const fields = [...new Set(outcome.missing)].map((field) => env.label(field)).join('、') || '必要数据';
        const fallback = `缺少${fields}，无法判断「${rule.title}」，请补充。`;
        const message = rule.messages?.missing?.replace('{fields}', fields) ?? fallback;
        verdicts.push({ rule: rule.id, level: rule.onMissing, message, source, citation, missing: [...new Set(outcome.missing)] });
      } else if (outcome.clause) {
        const precise = citationOf(ruleSet, outcome.clause);
        verdicts.push({ rule: rule.id, level: outcome.level, message: outcome.message, source: sourceText(precise), citation: precise });
      } else {
        verdicts.push({ rule: rule.id, level: outcome.level, message: outcome.message, source, citation });
      }
    }
  }
  return { ok: verdicts.every((verdict) => verdict.level !== 'fail'), verdicts, computed: scope.computed };
}
