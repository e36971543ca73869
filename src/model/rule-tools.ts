import type { RuleRegistry } from '../rules/types.ts';
import type { ToolCall, ToolSpec } from './chat-client.ts';
import { findNumberMentions, type NumberMention } from '../quantity/index.ts';

/** What the model may use of the rule engine: list and check, nothing that reads or writes records. */
export type RuleEngine = Pick<RuleRegistry, 'list' | 'check'>;

export const RULE_TOOLS: ToolSpec[] = [
  {
    name: 'list_rule_sets',
    description: '列出可用的规则集（项目、地区、年份）及每个规则集需要的字段。计算补贴或判断档次前先调用。',
    parameters: { type: 'object', properties: {}, additionalProperties: false },
  },
  {
    name: 'check_rules',
    description: '用规则引擎核对一条记录并计算补贴、档次等结果。record 的键取自 list_rule_sets 返回的字段 key，值用用户给出的数字。',
    parameters: {
      type: 'object',
      properties: {
        ruleset: { type: 'string', description: '规则集 id' },
        record: { type: 'object', description: '字段 key → 值', additionalProperties: true },
      },
      required: ['ruleset', 'record'],
      additionalProperties: false,
    },
  },
];

export interface ToolOutcome {
  /** JSON handed back to the model. */
  content: string;
  /** Numbers this result makes citable in the answer. */
  groundedNumbers: NumberMention[];
}

/**
 * Runs one tool call against the rule engine. Numbers the engine returns count as grounded; numbers
 * the model passed in count only when the user wrote them in the question (the user's own facts).
 */
export function runRuleTool(rules: RuleEngine, call: ToolCall, question: string): ToolOutcome {
  const fail = (message: string): ToolOutcome => ({ content: JSON.stringify({ error: message }), groundedNumbers: [] });
  if (call.invalid !== undefined) return fail('参数不是合法的 JSON，请重新调用。');
  try {
    if (call.name === 'list_rule_sets') {
      const sets = rules.list().map(({ id, title, program, region, year, fields, notes }) => ({ id, title, program, region, year, fields, notes }));
      return { content: JSON.stringify(sets), groundedNumbers: [] };
    }
    if (call.name === 'check_rules') {
      const ruleset = call.args.ruleset;
      const record = call.args.record;
      if (typeof ruleset !== 'string' || !record || typeof record !== 'object' || Array.isArray(record)) {
        return fail('需要参数 ruleset（字符串）和 record（对象）。');
      }
      if (!rules.list().some((set) => set.id === ruleset)) return fail(`没有规则集 ${ruleset}，请先调用 list_rule_sets。`);
      const result = rules.check(ruleset, record as Record<string, unknown>);
      const content = JSON.stringify(result);
      const fromQuestion = findNumberMentions(question);
      const inputs = findNumberMentions(JSON.stringify(record)).filter((input) =>
        fromQuestion.some((mention) => mention.value === input.value || mention.raw === input.raw),
      );
      return { content, groundedNumbers: [...findNumberMentions(content), ...inputs] };
    }
    return fail(`没有工具 ${call.name}。`);
  } catch (error) {
    return fail(`规则引擎出错：${error instanceof Error ? error.message : String(error)}`);
  }
}
