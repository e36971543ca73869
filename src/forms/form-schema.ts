import { z } from 'zod';
import { deadlineSchema } from './deadline-schema.ts';

/** Where a form (or one of its parts) comes from: the clause a reviewer can check it against. */
const sourceSchema = z.object({
  doc: z.string().min(1),
  title: z.string().min(1),
  docNumber: z.string().optional(),
  section: z.string().min(1),
  quote: z.string().optional(),
});

/** A field is asked only when another field's answer matches. */
const conditionSchema = z
  .object({
    field: z.string().min(1),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z.array(z.string()).optional(),
    answered: z.boolean().optional(),
  })
  .refine((c) => c.equals !== undefined || c.in !== undefined || c.answered !== undefined, {
    message: 'when 需要 equals、in 或 answered 之一',
  });

const rangeSchema = z.object({ min: z.number().optional(), max: z.number().optional(), message: z.string().optional() });

const optionSchema = z.object({
  value: z.string().min(1),
  label: z.string().min(1),
  synonyms: z.array(z.string()).default([]),
  /** Names of this kind end with its word (「丰收农机合作社」「老刘家庭农场」): a clause that is such a name answers the name, not this choice. */
  endsNames: z.boolean().default(false),
});

const quantityKinds = ['area', 'money', 'count', 'weight', 'length', 'ph', 'number'] as const;

const fieldSchema = z
  .object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, '字段 key 只能用英文字母和数字'),
    label: z.string().min(1),
    question: z.string().min(1),
    type: z.enum(['number', 'share', 'choice', 'text', 'date', 'yes-no', 'period', 'county', 'township']),
    /** For number: which quantity the parser should expect. */
    quantity: z.enum(quantityKinds).optional(),
    /** Display unit of the stored canonical value (亩, 元, 个, 吨, cm). */
    unit: z.string().optional(),
    options: z.array(optionSchema).optional(),
    multiple: z.boolean().default(false),
    required: z.boolean().default(true),
    when: conditionSchema.optional(),
    /** Hard limits: an answer outside is rejected with a message. */
    min: z.number().optional(),
    max: z.number().optional(),
    /** Soft limits: a value outside needs an explicit confirmation before saving. */
    plausible: rangeSchema.optional(),
    integer: z.boolean().default(false),
    /** Other words people use for this field, so 「取土45个」 finds the field. */
    synonyms: z.array(z.string()).default([]),
    example: z.string().optional(),
    /** A running total since the start of the project (must not decrease). */
    cumulative: z.boolean().default(false),
    hint: z.string().optional(),
    /** false: never asked, only taken from what the user says (the county named in an eligibility question). */
    ask: z.boolean().default(true),
    /** A choice typed as none of the options is kept as written (「村集体经济组织」). */
    otherText: z.boolean().default(false),
    /** Number fields: the field this amount is part of (其中…): 「一半」「八成」 is read as that share of it. */
    partOf: z.string().optional(),
    /** Text fields: how a value of this field ends (村, 屯, 社区), so 「东营子村的李向东」 ends it after 村. */
    valueEndings: z.array(z.string().min(1)).optional(),
    /** Text fields: words that introduce this field's value in running speech (「在村东大块免耕播种了120亩」: 在). */
    introducedBy: z.array(z.string().min(1)).optional(),
    /** Date fields: a day that has already happened (a completion date): a day after today is refused. */
    past: z.boolean().default(false),
  })
  .superRefine((field, ctx) => {
    if (field.type === 'choice' && !field.options?.length) {
      ctx.addIssue({ code: 'custom', message: `字段 ${field.key} 是 choice 类型，需要 options` });
    }
    if (field.type === 'number' && !field.quantity) {
      ctx.addIssue({ code: 'custom', message: `字段 ${field.key} 是 number 类型，需要 quantity（area/money/count/…）` });
    }
  });

/** A computed field: a simple arithmetic over answers, constants and the unit's targets. */
const operandSchema = z.union([
  z.object({ field: z.string() }),
  z.object({ const: z.number() }),
  z.object({ target: z.string() }),
]);

const computedSchema = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  label: z.string().min(1),
  unit: z.string().optional(),
  op: z.enum(['sum', 'subtract', 'multiply', 'divide', 'percent']),
  args: z.array(operandSchema).min(1),
  digits: z.number().int().min(0).max(6).default(2),
});

const periodSchema = z.object({
  kind: z.enum(['bimonthly', 'month', 'year', 'date']),
  /** Year assumed when the user gives none (the plan's year). */
  year: z.number().int().optional(),
});

const totalSchema = z.object({
  /** Name under which the rule engine receives the number, both in context.totals and in the record. */
  name: z.string().min(1),
  /** Sum this form field over saved records. */
  sumOf: z.string().optional(),
  /** Or the unit's target of this name (from knowledge/units). */
  target: z.string().optional(),
  /** Which records: of the same unit (default) or of the whole parent (county). */
  scope: z.enum(['unit', 'parent']).default('unit'),
});

const rulesLinkSchema = z.object({
  ruleSet: z.string().min(1),
  /** form field key → field name in the rule set's record. Unmapped form fields are passed under their own key. */
  map: z.record(z.string(), z.string()).default({}),
  /** Extra constant facts the rules need (e.g. the region). */
  constants: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  previous: z.boolean().default(false),
  existing: z.boolean().default(false),
  /** Pass today's date (deadline rules without a record date compare it). */
  today: z.boolean().default(false),
  totals: z.array(totalSchema).default([]),
});

export const formDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'id 只能用小写字母、数字和连字符'),
    title: z.string().min(1),
    /** Short name for buttons (≤ 10 characters reads well on a phone). */
    shortName: z.string().min(1),
    program: z.string().min(1),
    year: z.number().int(),
    source: sourceSchema,
    /** Words that start this form (「填报双月调度」 contains 双月调度). */
    triggers: z.array(z.string().min(1)).min(1),
    /**
     * Words around a correction said in words that are not the change (「县里说5月进度验收面积报错了」「刚才那个…」):
     * verbs after a short teller (说, 讲, 通知) and pointing words at the start (刚才, 之前, 那个).
     */
    correctionLead: z
      .object({ toldVerbs: z.array(z.string().min(1)).default([]), pointingWords: z.array(z.string().min(1)).default([]) })
      .default({ toldVerbs: [], pointingWords: [] }),
    /** Counties the form applies to; a user bound elsewhere is told so. */
    scope: z.object({ units: z.array(z.string().min(1)).min(1) }),
    unitField: z.string(),
    periodField: z.string().optional(),
    period: periodSchema.optional(),
    /** At most one record per unit and period: a second filing becomes a new version of the first. */
    onePerPeriod: z.boolean().default(false),
    /** When each period is due, with the clause it comes from (reminders and status read it). */
    deadline: deadlineSchema.optional(),
    fields: z.array(fieldSchema).min(1),
    computed: z.array(computedSchema).default([]),
    rules: z.array(rulesLinkSchema).default([]),
    /** Field keys (answers or computed) shown in the confirmation summary, in order. */
    summary: z.array(z.string()).min(1),
  })
  .superRefine((form, ctx) => {
    const keys = new Set(form.fields.map((f) => f.key));
    const all = new Set([...keys, ...form.computed.map((c) => c.key)]);
    if (keys.size !== form.fields.length) ctx.addIssue({ code: 'custom', message: '字段 key 有重复' });
    if (!keys.has(form.unitField)) ctx.addIssue({ code: 'custom', message: `unitField「${form.unitField}」不是表单字段` });
    if (form.periodField && !keys.has(form.periodField)) {
      ctx.addIssue({ code: 'custom', message: `periodField「${form.periodField}」不是表单字段` });
    }
    for (const field of form.fields) {
      if (field.when && !keys.has(field.when.field)) {
        ctx.addIssue({ code: 'custom', message: `字段 ${field.key} 的 when 引用了不存在的字段 ${field.when.field}` });
      }
      const whole = field.partOf ? form.fields.find((other) => other.key === field.partOf) : undefined;
      if (field.partOf && whole?.type !== 'number') {
        ctx.addIssue({ code: 'custom', message: `字段 ${field.key} 的 partOf 应是表单里的数字字段，「${field.partOf}」不是` });
      }
    }
    for (const computed of form.computed) {
      for (const arg of computed.args) {
        if ('field' in arg && !all.has(arg.field)) {
          ctx.addIssue({ code: 'custom', message: `计算字段 ${computed.key} 引用了不存在的字段 ${arg.field}` });
        }
      }
    }
    for (const key of form.summary) {
      if (!all.has(key)) ctx.addIssue({ code: 'custom', message: `summary 引用了不存在的字段 ${key}` });
    }
    for (const link of form.rules) {
      for (const key of Object.keys(link.map)) {
        if (!all.has(key)) ctx.addIssue({ code: 'custom', message: `rules.map 引用了不存在的字段 ${key}` });
      }
    }
  });

export type FormDefinition = z.infer<typeof formDefinitionSchema>;
export type FieldDefinition = FormDefinition['fields'][number];
export type ComputedDefinition = FormDefinition['computed'][number];
export type FieldCondition = NonNullable<FieldDefinition['when']>;
export type RulesLink = FormDefinition['rules'][number];
