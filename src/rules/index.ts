export type { CheckContext, CheckResult, Deadline, RequiredMaterial, RuleRegistry, RuleSetField, RuleSetInfo, LookupTableInfo, TierTableInfo, Verdict, VerdictLevel } from './types.ts';
export { loadRuleSets, createRuleRegistry, parseRuleSet, RuleSetLoadError, UnknownRuleSetError } from './load-rule-sets.ts';
export { checkRecord } from './check-record.ts';
export { formatCheckResult } from './format-check-result.ts';
