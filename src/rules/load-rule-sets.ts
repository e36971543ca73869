import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRecord } from './check-record.ts';
import { ruleSetSchema, type Bound, type Rule, type RuleSet } from './rule-set-schema.ts';
import type { LookupTableInfo, RuleRegistry, RuleSetInfo, TierTableInfo } from './types.ts';

/** A rule-set file is unreadable or invalid; the message names the file and the JSON path. */
export class RuleSetLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuleSetLoadError';
  }
}

/** Asked to check against a rule set that does not exist. */
export class UnknownRuleSetError extends Error {
  constructor(readonly id: string, readonly available: string[]) {
    super(`没有找到规则集「${id}」。可用的规则集：${available.join('、') || '（无）'}`);
    this.name = 'UnknownRuleSetError';
  }
}

function referencedFields(rule: Rule): string[] {
  const fields: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'field' || key === 'ref' || key === 'keyField') && typeof value === 'string') fields.push(value);
      else if ((key === 'fields' || key === 'keyFields' || key === 'inputs') && Array.isArray(value)) fields.push(...value);
      else if (key !== 'values' && key !== 'table') visit(value);
    }
  };
  visit(rule);
  return fields.filter((field) => !field.startsWith('computed.'));
}

/** Cross-checks zod cannot express: clause keys exist, rule ids unique, fields declared. */
function crossCheck(ruleSet: RuleSet): string[] {
  const problems: string[] = [];
  const declared = new Set(ruleSet.fields.map((field) => field.key));
  const seen = new Set<string>();
  ruleSet.rules.forEach((rule, index) => {
    const at = `rules[${index}]（${rule.id}）`;
    if (seen.has(rule.id)) problems.push(`${at}: 规则 id 重复`);
    seen.add(rule.id);
    if (!ruleSet.clauses[rule.clause]) problems.push(`${at}.clause: 条款「${rule.clause}」未在 clauses 中定义`);
    const rows = rule.kind === 'tier_table' ? rule.tiers : rule.kind === 'lookup_table' ? rule.rows : [];
    rows.forEach((row, rowIndex) => {
      if (row.clause && !ruleSet.clauses[row.clause]) problems.push(`${at} 第 ${rowIndex + 1} 行: 条款「${row.clause}」未在 clauses 中定义`);
    });
    for (const field of referencedFields(rule)) {
      if (!declared.has(field)) problems.push(`${at}: 字段「${field}」未在 fields 中声明`);
    }
  });
  ruleSet.fields.forEach((field, index) => {
    if (field.type === 'enum' && !field.values?.length) problems.push(`fields[${index}]（${field.key}）: enum 字段须列出 values`);
  });
  return problems;
}

export function parseRuleSet(json: unknown, fileName: string): RuleSet {
  const parsed = ruleSetSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(根)'}: ${issue.message}`);
    throw new RuleSetLoadError(`规则文件 ${fileName} 格式有误：\n${problems.join('\n')}`);
  }
  const problems = crossCheck(parsed.data);
  if (problems.length) throw new RuleSetLoadError(`规则文件 ${fileName} 有误：\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return parsed.data;
}

export function infoOf(ruleSet: RuleSet): RuleSetInfo {
  const { id, title, program, region, year, source, fields, notes } = ruleSet;
  const outputs: NonNullable<RuleSetInfo['outputs']> = {};
  for (const rule of ruleSet.rules) {
    if ('output' in rule) outputs[rule.output] = { label: rule.title, unit: rule.kind === 'computed' ? rule.unit : undefined };
  }
  const numeric = (bound: Bound | undefined) => (bound && typeof bound.value === 'number' ? { value: bound.value, inclusive: bound.inclusive } : undefined);
  const tierTables: TierTableInfo[] = ruleSet.rules.flatMap((rule) =>
    rule.kind === 'tier_table'
      ? [{ rule: rule.id, field: rule.field, output: rule.output, clause: rule.clause, tiers: rule.tiers.map((tier) => ({ id: tier.id, label: tier.label, clause: tier.clause, min: numeric(tier.min), max: numeric(tier.max), values: tier.values })) }]
      : [],
  );
  const lookupTables: LookupTableInfo[] = ruleSet.rules.flatMap((rule) =>
    rule.kind === 'lookup_table'
      ? [{ rule: rule.id, inputs: rule.inputs, output: rule.output, clause: rule.clause, rows: rule.rows.map((row) => ({ id: row.id, label: row.label, clause: row.clause, when: row.when, values: row.values })) }]
      : [],
  );
  return { id, title, program, region, year, source, fields, notes, outputs, ...(tierTables.length ? { tierTables } : {}), ...(lookupTables.length ? { lookupTables } : {}) };
}

export function createRuleRegistry(ruleSets: RuleSet[]): RuleRegistry & { ruleSet(id: string): RuleSet | undefined } {
  const byId = new Map(ruleSets.map((ruleSet) => [ruleSet.id, ruleSet]));
  return {
    list: () => ruleSets.map(infoOf),
    get: (id) => {
      const ruleSet = byId.get(id);
      return ruleSet && infoOf(ruleSet);
    },
    ruleSet: (id) => byId.get(id),
    check(id, record, context) {
      const ruleSet = byId.get(id);
      if (!ruleSet) throw new UnknownRuleSetError(id, [...byId.keys()]);
      return checkRecord(ruleSet, record, context);
    },
  };
}

/** Reads knowledge/rules/*.json, validated with zod; a bad file stops loading with a clear error; no folder → no rule sets. */
export function loadRuleSets(knowledgeDir: string): RuleRegistry {
  const dir = join(knowledgeDir, 'rules');
  // A knowledge folder with documents only has no rules yet: an empty registry, not a crash at start.
  if (!existsSync(dir)) return createRuleRegistry([]);
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch (cause) {
    throw new RuleSetLoadError(`读不到规则目录 ${dir}，请检查 --knowledge 参数。`, { cause });
  }
  const ruleSets: RuleSet[] = [];
  const ids = new Set<string>();
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (cause) {
      throw new RuleSetLoadError(`规则文件 ${file} 不是有效的 JSON：${(cause as Error).message}`, { cause });
    }
    const ruleSet = parseRuleSet(json, file);
    if (ids.has(ruleSet.id)) throw new RuleSetLoadError(`规则文件 ${file}：规则集 id「${ruleSet.id}」与其他文件重复`);
    ids.add(ruleSet.id);
    ruleSets.push(ruleSet);
  }
  return createRuleRegistry(ruleSets);
}
