import { z } from 'zod';
import data from '../../knowledge/units-of-measure.json' with { type: 'json' };
import type { QuantityBound, QuantityKind } from './types.ts';

const kindSchema = z.enum(['area', 'share', 'money', 'ph', 'count', 'length', 'weight', 'number']);

const unitSchema = z.object({
  text: z.string().min(1),
  kind: kindSchema,
  factor: z.number().positive(),
  note: z.string().optional(),
  /** 「四成五」「3块5」: a single digit after the unit counts in this factor. */
  subunitFactor: z.number().positive().optional(),
  /** 块 is money (3块钱) or a count of plots (3块地), decided by the expected kind or the next word. */
  alsoKind: kindSchema.optional(),
  countWhenFollowedBy: z.array(z.string()).optional(),
});

const schema = z.object({
  units: z.array(unitSchema),
  approximatePrefixes: z.array(z.string().min(1)),
  approximateSuffixes: z.array(z.string().min(1)),
  boundWords: z.array(z.object({
    text: z.string().min(1),
    position: z.enum(['before', 'after']),
    bound: z.enum(['below', 'atMost', 'above', 'atLeast']),
  })),
  rangeSeparators: z.array(z.string().min(1)),
  shareWords: z.array(z.object({
    text: z.string().min(1),
    value: z.number().min(0).max(1).optional(),
    min: z.number().min(0).max(1).optional(),
    max: z.number().min(0).max(1).optional(),
    wholeAnswerOnly: z.boolean().optional(),
  })),
  zeroAnswers: z.array(z.string().min(1)),
  phPrefixes: z.array(z.string().min(1)),
  moneyContextWords: z.array(z.string().min(1)),
  labelLeadingWords: z.array(z.string().min(1)),
  labelTrailingWords: z.array(z.string().min(1)),
  afterLeadingWords: z.array(z.string().min(1)),
  /** After exactly one unit (「一亩补多少」), these ask for a rate: the one unit is the basis, not an amount. */
  perUnitQuestionWords: z.array(z.string().min(1)).default([]),
});

export type UnitOfMeasure = z.infer<typeof unitSchema> & { kind: QuantityKind };
export type BoundWord = { text: string; position: 'before' | 'after'; bound: QuantityBound };
export type UnitsOfMeasure = z.infer<typeof schema>;

const byLengthDescending = (a: { text: string }, b: { text: string }) => b.text.length - a.text.length;
const byTextLength = (a: string, b: string) => b.length - a.length;

/** The vocabulary of knowledge/units-of-measure.json, validated once, every word list sorted longest first. */
export const unitsOfMeasure: UnitsOfMeasure = (() => {
  const parsed = schema.parse(data);
  return {
    ...parsed,
    units: [...parsed.units].sort(byLengthDescending),
    approximatePrefixes: [...parsed.approximatePrefixes].sort(byTextLength),
    approximateSuffixes: [...parsed.approximateSuffixes].sort(byTextLength),
    boundWords: [...parsed.boundWords].sort(byLengthDescending),
    rangeSeparators: [...parsed.rangeSeparators].sort(byTextLength),
    shareWords: [...parsed.shareWords].sort(byLengthDescending),
    phPrefixes: [...parsed.phPrefixes].sort(byTextLength),
    labelLeadingWords: [...parsed.labelLeadingWords].sort(byTextLength),
    labelTrailingWords: [...parsed.labelTrailingWords].sort(byTextLength),
    afterLeadingWords: [...parsed.afterLeadingWords].sort(byTextLength),
  };
})();
