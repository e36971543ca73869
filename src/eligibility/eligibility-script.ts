import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formDefinitionSchema, type FieldDefinition, type FormDefinition } from '../forms/form-schema.ts';
import type { QuantityKind } from '../quantity/index.ts';

/**
 * How one program's eligibility check reads messages and words its answer. Its questions are a form
 * (<id>.form.json, the schema of knowledge/forms) whose rule set decides; this file is the rest.
 */
export const eligibilityScriptSchema = z.strictObject({
  id: z.string().min(1),
  /** Short ASCII code for buttons that pick this script. */
  code: z.string().regex(/^[a-z0-9]{1,6}$/),
  topic: z.string().min(1),
  /** Words that name this program (酸化, 应用基地): they decide between programs sharing situation words. */
  programWords: z.array(z.string().min(1)).default([]),
  situationWords: z.array(z.string().min(1)),
  questionWords: z.array(z.string().min(1)),
  unknownWords: z.array(z.string().min(1)),
  yesWords: z.array(z.string().min(1)),
  noWords: z.array(z.string().min(1)),
  operationWords: z.array(z.string().min(1)),
  countyPattern: z.string().min(1),
  /** Rules whose failure settles 「not eligible」 without asking further. */
  definitionRules: z.array(z.string()),
  /** Rules (→ the field they judge) whose failure means the user's number is wrong: say so and ask again. */
  inputRules: z.record(z.string(), z.string()),
  /** Keys in CheckResult.computed the answer reads; tier is optional (not every program has tiers). */
  outputs: z.strictObject({ tier: z.string().optional(), capPerMu: z.string().optional(), total: z.string().optional() }),
  /**
   * Definition rules that may still be open when the answer is given: the answer states them as its
   * premise (「须为免耕或少耕播种」) instead of asking first. Any other open definition rule is asked.
   */
  assumptions: z.record(z.string(), z.string().min(1)).default({}),
  /**
   * Answer lines; placeholders {topic} {tier} {tierShort} {cap} {area} {total} and any fact ({level}).
   * `rate` is used while the area is not known yet.
   */
  answer: z.strictObject({ headline: z.string().min(1), amount: z.string().min(1), rate: z.string().min(1).optional() }),
  /** Rule-id prefixes whose passes are listed as the reasons for 「符合」. */
  reasonRules: z.array(z.string().min(1)).min(1),
});

/** A question of the check as the message reader sees it, read off the form field it comes from. */
export interface EligibilityQuestion {
  /** Record field of the rule set this question fills (the form field's key). */
  field: string;
  kind: 'choice' | 'share' | QuantityKind;
  prompt: string;
  hint?: string;
  optional: boolean;
  choices: Array<{ value: string; label: string; keywords: string[] }>;
  /** A typed answer matching no choice is kept as written. */
  freeText: boolean;
  /** Words near a number that send it to this field (the field's synonyms). */
  cues: string[];
}

/** One program's check: the script, the form holding its questions, and the rule set that decides. */
export type EligibilityScript = z.infer<typeof eligibilityScriptSchema> & {
  form: FormDefinition;
  ruleSet: string;
  /** Words that make a message a subsidy question (the form's triggers). */
  triggers: string[];
  questions: EligibilityQuestion[];
};

function questionOf(field: FieldDefinition): EligibilityQuestion {
  return {
    field: field.key,
    kind: field.type === 'choice' ? 'choice' : field.type === 'share' ? 'share' : (field.quantity ?? 'number'),
    prompt: field.question,
    hint: field.hint,
    optional: !field.required,
    choices: (field.options ?? []).map((option) => ({ value: option.value, label: option.label, keywords: option.synonyms })),
    freeText: field.otherText,
    cues: field.synonyms,
  };
}

/** An eligibility script file is unreadable or invalid. */
export class EligibilityScriptError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EligibilityScriptError';
  }
}

const DEFAULT_SCRIPT = 'conservation-tillage';
/** The questions of <id>.json are in <id>.form.json beside it. */
const FORM_SUFFIX = '.form.json';

/** Every script in knowledge/rules/eligibility/ (each <id>.json with its <id>.form.json), the default (conservation tillage) first. */
export function loadEligibilityScripts(knowledgeDir: string): EligibilityScript[] {
  const dir = join(knowledgeDir, 'rules', 'eligibility');
  // A knowledge folder without eligibility scripts simply has no eligibility check.
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((name) => name.endsWith('.json') && !name.endsWith(FORM_SUFFIX)).sort();
  const ids = names.map((name) => name.replace(/\.json$/, ''));
  ids.sort((a, b) => Number(b === DEFAULT_SCRIPT) - Number(a === DEFAULT_SCRIPT));
  return ids.map((id) => loadEligibilityScript(knowledgeDir, id));
}

export function loadEligibilityScript(knowledgeDir: string, id = DEFAULT_SCRIPT): EligibilityScript {
  const file = join(knowledgeDir, 'rules', 'eligibility', `${id}.json`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new EligibilityScriptError(`读不到补贴测算对话文件 ${file}：${(cause as Error).message}`, { cause });
  }
  const parsed = eligibilityScriptSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EligibilityScriptError(`补贴测算对话文件 ${file} 格式有误：\n${problems.join('\n')}`);
  }
  const form = loadCheckForm(join(knowledgeDir, 'rules', 'eligibility', `${id}${FORM_SUFFIX}`));
  const ruleSet = form.rules[0]?.ruleSet;
  if (!ruleSet) throw new EligibilityScriptError(`补贴测算表单 ${id}${FORM_SUFFIX} 需要在 rules 中写明规则集（"rules": [{ "ruleSet": "…" }]）。`);
  const questions = form.fields.filter((field) => field.ask).map(questionOf);
  return { ...parsed.data, form, ruleSet, triggers: form.triggers, questions };
}

/** The questions of a check: a form definition, validated like every form. */
function loadCheckForm(file: string): FormDefinition {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new EligibilityScriptError(`读不到补贴测算的问题表单 ${file}：${(cause as Error).message}`, { cause });
  }
  const parsed = formDefinitionSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(根)'}: ${issue.message}`);
    throw new EligibilityScriptError(`补贴测算的问题表单 ${file} 格式有误：\n${problems.join('\n')}`);
  }
  return parsed.data;
}
