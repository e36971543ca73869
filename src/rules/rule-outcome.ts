import type { Citation } from '../core/types.ts';
import type { Rule, RuleSet } from './rule-set-schema.ts';
import type { CheckContext, VerdictLevel } from './types.ts';
import { fieldLabel, fieldUnit, fillTemplate, type Scope } from './values.ts';

/** What one rule concluded; `missing` names the absent inputs. */
export type Outcome =
  | { level: VerdictLevel; message: string; /** A more precise clause than the rule's own (a table row's). */ clause?: string }
  | { missing: string[] };

export interface RuleEnvironment {
  ruleSet: RuleSet;
  scope: Scope;
  context: CheckContext;
  citation: Citation;
  /** Source string of the rule's clause, for values stored in `computed`. */
  source: string;
  /** Source string of another clause of the set. */
  sourceOf(clause: string): string;
  label(path: string): string;
  unit(path: string): string;
  /** The rule's own template for the level if it has one, else the default, filled with values. */
  say(level: VerdictLevel, fallback: string, values?: Record<string, string | number | undefined>): Outcome;
}

export function createEnvironment(
  ruleSet: RuleSet,
  rule: Rule,
  scope: Scope,
  context: CheckContext,
  citation: Citation,
  sourceOf: (clause: string) => string,
): RuleEnvironment {
  return {
    ruleSet,
    scope,
    context,
    citation,
    source: sourceOf(rule.clause),
    sourceOf,
    label: (path) => fieldLabel(ruleSet, path),
    unit: (path) => fieldUnit(ruleSet, path),
    say(level, fallback, values = {}) {
      const template = rule.messages?.[level] ?? fallback;
      const recordValues = Object.fromEntries(
        Object.entries(scope.record).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'),
      );
      return { level, message: fillTemplate(template, { ...recordValues, title: rule.title, ...values }) };
    },
  };
}

export type RuleEvaluator<K extends Rule['kind']> = (rule: Extract<Rule, { kind: K }>, env: RuleEnvironment) => Outcome[];
