import { z } from 'zod';

/** A number, or a path into the record (`area`) or the computed values (`computed.tier.capPerMu`). */
export type ValueRef = number | { ref: string };
const valueRef: z.ZodType<ValueRef> = z.union([z.number(), z.strictObject({ ref: z.string().min(1) })]);

export type Expression =
  | ValueRef
  | { mul: Expression[] }
  | { add: Expression[] }
  | { min: Expression[] }
  | { max: Expression[] }
  | { sub: [Expression, Expression] }
  | { div: [Expression, Expression] }
  | { ceil: Expression }
  | { floor: Expression }
  | { round: Expression };
export const expressionSchema: z.ZodType<Expression> = z.lazy(() =>
  z.union([
    valueRef,
    z.strictObject({ mul: z.array(expressionSchema).min(1) }),
    z.strictObject({ add: z.array(expressionSchema).min(1) }),
    z.strictObject({ min: z.array(expressionSchema).min(1) }),
    z.strictObject({ max: z.array(expressionSchema).min(1) }),
    z.strictObject({ sub: z.tuple([expressionSchema, expressionSchema]) }),
    z.strictObject({ div: z.tuple([expressionSchema, expressionSchema]) }),
    z.strictObject({ ceil: expressionSchema }),
    z.strictObject({ floor: expressionSchema }),
    z.strictObject({ round: expressionSchema }),
  ]),
);

/** A bound with its inclusiveness spelled out, because the clause wording decides it. */
export const boundSchema = z.strictObject({ value: valueRef, inclusive: z.boolean() });
export type Bound = z.infer<typeof boundSchema>;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export type Condition =
  | {
      field: string;
      equals?: string | number | boolean;
      in?: Array<string | number | boolean>;
      notIn?: Array<string | number | boolean>;
      min?: Bound;
      max?: Bound;
      present?: boolean;
      includes?: string;
      minItems?: number;
    }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({
      field: z.string().min(1),
      equals: scalar.optional(),
      in: z.array(scalar).optional(),
      notIn: z.array(scalar).optional(),
      min: boundSchema.optional(),
      max: boundSchema.optional(),
      present: z.boolean().optional(),
      includes: z.string().optional(),
      minItems: z.number().int().nonnegative().optional(),
    }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

const messages = z
  .strictObject({ pass: z.string().optional(), warn: z.string().optional(), fail: z.string().optional(), missing: z.string().optional() })
  .optional();

const ruleBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, '规则 id 只能用小写字母、数字和 . _ -'),
  /** Short Chinese name of what is checked. */
  title: z.string().min(1),
  /** Key into the rule set's `clauses`. */
  clause: z.string().min(1),
  when: conditionSchema.optional(),
  /** Level of a violated rule; 「原则上」 clauses use warn. */
  level: z.enum(['warn', 'fail']).default('fail'),
  /** What a missing input field yields. */
  onMissing: z.enum(['warn', 'fail', 'skip']).default('warn'),
  messages,
};

const valueEntry = z.strictObject({ label: z.string().min(1), keywords: z.array(z.string().min(1)).default([]), message: z.string().optional() });

export const ruleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...ruleBase, kind: z.literal('condition'), test: conditionSchema }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('threshold'),
    field: z.string().min(1),
    min: boundSchema.optional(),
    max: boundSchema.optional(),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('cap'),
    field: z.string().min(1),
    /** Inclusive: 「不高于」「不超过」. */
    max: valueRef,
    per: z.string().min(1),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('allowed_values'),
    field: z.string().min(1),
    allowed: z.array(valueEntry).default([]),
    forbidden: z.array(valueEntry).default([]),
    /** A value in neither list (the clause lists examples, 「等」). */
    otherLevel: z.enum(['pass', 'warn', 'fail']).default('warn'),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('tier_table'),
    field: z.string().min(1),
    output: z.string().min(1),
    tiers: z
      .array(
        z.strictObject({
          id: z.string().min(1),
          label: z.string().min(1),
          clause: z.string().optional(),
          min: boundSchema.optional(),
          max: boundSchema.optional(),
          values: z.record(z.string(), z.union([z.number(), z.string()])).default({}),
        }),
      )
      .min(1),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('lookup_table'),
    output: z.string().min(1),
    /** Fields the rows read; a missing one is reported instead of a wrong match. */
    inputs: z.array(z.string().min(1)).min(1),
    rows: z
      .array(
        z.strictObject({
          id: z.string().min(1),
          label: z.string().min(1),
          clause: z.string().optional(),
          when: conditionSchema,
          values: z.record(z.string(), z.union([z.number(), z.string()])).default({}),
        }),
      )
      .min(1),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('required_materials'),
    /** Record field listing the keys of materials already in hand; absent = not asked yet. */
    field: z.string().min(1),
    materials: z.array(z.strictObject({ key: z.string().min(1), label: z.string().min(1) })).min(1),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('deadline'),
    date: z.iso.date(),
    label: z.string().min(1),
    /** Record date that must not be later than `date`; without it, context.today is compared. */
    field: z.string().optional(),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('computed'),
    output: z.string().min(1),
    expression: expressionSchema,
    unit: z.string().min(1),
    /** Decimal places kept. */
    decimals: z.number().int().min(0).max(6).default(2),
  }),
  z.strictObject({ ...ruleBase, kind: z.literal('not_decreasing'), fields: z.array(z.string().min(1)).min(1) }),
  z.strictObject({ ...ruleBase, kind: z.literal('no_duplicate'), keyFields: z.array(z.string().min(1)).min(1) }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('within_remaining'),
    field: z.string().min(1),
    /** Key in context.totals of what is already registered. */
    totalKey: z.string().min(1),
    target: z.union([
      z.number(),
      z.strictObject({ keyField: z.string().min(1), table: z.record(z.string(), z.number()), unit: z.string().optional() }),
    ]),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('ratio'),
    field: z.string().min(1),
    expected: expressionSchema,
    tolerance: z.strictObject({ absolute: z.number().nonnegative().optional(), relative: z.number().nonnegative().optional() }),
  }),
]);
export type Rule = z.infer<typeof ruleSchema>;

export const fieldSchema = z.strictObject({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  label: z.string().min(1),
  type: z.enum(['number', 'percent', 'integer', 'string', 'enum', 'list', 'date', 'boolean']),
  unit: z.string().optional(),
  description: z.string().optional(),
  values: z.array(z.string()).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

export const ruleSetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '规则集 id 只能用小写字母、数字和 -'),
  title: z.string().min(1),
  program: z.string().min(1),
  region: z.string().min(1),
  year: z.number().int().min(1949).max(2100),
  source: z.strictObject({ doc: z.string().min(1), title: z.string().min(1), docNumber: z.string().optional() }),
  notes: z.array(z.string()).optional(),
  clauses: z.record(z.string(), z.strictObject({ section: z.string().min(1), quote: z.string().min(1) })),
  fields: z.array(fieldSchema).min(1),
  rules: z.array(ruleSchema).min(1),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;
