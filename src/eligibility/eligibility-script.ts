import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { conditionSchema } from '../rules/rule-set-schema.ts';

const choiceSchema = z.strictObject({
  /** Short ASCII code used in button payloads (Telegram allows 64 bytes). */
  code: z.string().regex(/^[a-z0-9]{1,6}$/),
  value: z.string().min(1),
  label: z.string().min(1),
  keywords: z.array(z.string().min(1)).default([]),
});

const questionSchema = z.strictObject({
  /** Record field of the rule set this question fills. */
  field: z.string().min(1),
  code: z.string().regex(/^[a-z0-9]{1,6}$/),
  kind: z.enum(['choice', 'share', 'area', 'length', 'count', 'money', 'ph']),
  prompt: z.string().min(1),
  hint: z.string().optional(),
  /** Asked only when this holds for the facts so far. */
  when: conditionSchema.optional(),
  /** 「不知道」 skips it instead of insisting. */
  optional: z.boolean().default(false),
  choices: z.array(choiceSchema).default([]),
  /** A typed answer matching no choice is kept as written (e.g. an unusual operator type). */
  freeText: z.boolean().default(false),
  /** Words near a number that send it to this field when several questions read the same kind (「免耕播种100亩」 → 免耕面积). */
  cues: z.array(z.string().min(1)).default([]),
});

/** The conversation data for one eligibility check: questions, synonyms and trigger words. */
export const eligibilityScriptSchema = z.strictObject({
  id: z.string().min(1),
  /** Short ASCII code for buttons that pick this script. */
  code: z.string().regex(/^[a-z0-9]{1,6}$/),
  ruleSet: z.string().min(1),
  topic: z.string().min(1),
  triggers: z.array(z.string().min(1)).min(1),
  /** Words that name this program (酸化, 应用基地): they decide between programs sharing situation words. */
  programWords: z.array(z.string().min(1)).default([]),
  situationWords: z.array(z.string().min(1)),
  questionWords: z.array(z.string().min(1)),
  unknownWords: z.array(z.string().min(1)),
  yesWords: z.array(z.string().min(1)),
  noWords: z.array(z.string().min(1)),
  shareCues: z.record(z.string(), z.array(z.string().min(1))),
  operationWords: z.array(z.string().min(1)),
  countyPattern: z.string().min(1),
  questions: z.array(questionSchema).min(1),
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
export type EligibilityScript = z.infer<typeof eligibilityScriptSchema>;
export type EligibilityQuestion = EligibilityScript['questions'][number];

/** An eligibility script file is unreadable or invalid. */
export class EligibilityScriptError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EligibilityScriptError';
  }
}

const DEFAULT_SCRIPT = 'conservation-tillage';

/** Every script in knowledge/rules/eligibility/, the default (conservation tillage) first. */
export function loadEligibilityScripts(knowledgeDir: string): EligibilityScript[] {
  const dir = join(knowledgeDir, 'rules', 'eligibility');
  // A knowledge folder without eligibility scripts simply has no eligibility check.
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
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
  return parsed.data;
}
