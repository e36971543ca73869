import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import data from '../../knowledge/units-of-measure.json' with { type: 'json' };
import type { QuantityBound, QuantityKind } from './types.ts';

const kindSchema = z.enum(['area', 'share', 'money', 'ph', 'count', 'length', 'weight', 'power', 'angle', 'number']);

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
  /** Of those, the words that give only one side of the figure (一万出头, 近八千, 两百多): a report cannot use it as said. */
  openEndedApproximations: z.array(z.string().min(1)).default([]),
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
  /** Anywhere in the words after exactly one unit (「一亩最多能收多少作业费」), these ask what the one unit gets. */
  perUnitAskedWords: z.array(z.string().min(1)).default([]),
  /** Units after any numeral when a model answer's numbers are checked against its sources; the family compares equal (元/亩 → 元). */
  numberMentionUnits: z.object({ note: z.string().optional(), units: z.array(z.object({ text: z.string().min(1), family: z.string().min(1).optional() })) }).optional(),
  /** 「多少钱」「几亩」: the unit a question asks its figure in, and the unit words a quote must state it in. */
  askedUnits: z.object({
    note: z.string().optional(),
    questionWords: z.array(z.string().min(1)).min(1),
    groups: z.array(z.object({ asked: z.array(z.string().min(1)).min(1), stated: z.array(z.string().min(1)).min(1) })),
  }).optional(),
  /**
   * Words around a document's range that change what it means for the user's figure: a change (较上年增加10亩以上
   * is no level), a refusal after it (…以上的耕地不纳入: inside it means not eligible), a sum of rates (合计每亩30元).
   */
  rangeClauseWords: z.object({
    note: z.string().optional(),
    change: z.array(z.string().min(1)),
    refusal: z.array(z.string().min(1)),
    total: z.array(z.string().min(1)),
    /** Names of the measures a figure of one kind can be (深度, 间距 for a length): two different ones are two measures. */
    measures: z.array(z.string().min(1)).default([]),
    /** Words naming a tier after its ordinal (第二档, 二类): a range's tier and the rate written for the same tier elsewhere. */
    tiers: z.array(z.string().min(1)).default([]),
  }).default({ change: [], refusal: [], total: [], measures: [], tiers: [] }),
  /** Units of a stated figure that make an example question for a newly added document. */
  exampleQuestionUnits: z.object({ note: z.string().optional(), units: z.array(z.string().min(1)).min(1) }).optional(),
});

export type UnitOfMeasure = z.infer<typeof unitSchema> & { kind: QuantityKind };
export type BoundWord = { text: string; position: 'before' | 'after'; bound: QuantityBound };
export type UnitsOfMeasure = z.infer<typeof schema>;

const byLengthDescending = (a: { text: string }, b: { text: string }) => b.text.length - a.text.length;
const byTextLength = (a: string, b: string) => b.length - a.length;

/** A units-of-measure.json file is unreadable or invalid. */
export class UnitsOfMeasureError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnitsOfMeasureError';
  }
}

/** Validates one vocabulary and sorts every word list longest first (the scanner takes the first match). */
export function readUnitsOfMeasure(json: unknown, file = 'units-of-measure.json'): UnitsOfMeasure {
  const result = schema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new UnitsOfMeasureError(`计量单位文件 ${file} 格式有误：\n${problems.join('\n')}`);
  }
  const parsed = result.data;
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
}

/** The vocabulary shipped in the repository's knowledge/units-of-measure.json. */
export const defaultUnitsOfMeasure: UnitsOfMeasure = readUnitsOfMeasure(data);

/**
 * A knowledge folder's units-of-measure.json (a county may add 垧 or its own 亩), or the shipped one when
 * the folder has none.
 */
export function loadUnitsOfMeasure(knowledgeDir: string): UnitsOfMeasure {
  const file = join(knowledgeDir, 'units-of-measure.json');
  if (!existsSync(file)) return defaultUnitsOfMeasure;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new UnitsOfMeasureError(`读不到计量单位文件 ${file}：${(cause as Error).message}`, { cause });
  }
  return readUnitsOfMeasure(json, file);
}

let active = defaultUnitsOfMeasure;

/**
 * The vocabulary every parse reads. One process serves one knowledge folder, so the folder in use sets it
 * once (useUnitsOfMeasure, called where the folder is opened); until then it is the shipped one.
 */
export function activeUnitsOfMeasure(): UnitsOfMeasure {
  return active;
}

/** Makes a knowledge folder's units the ones every parse reads; returns them. */
export function useUnitsOfMeasure(units: UnitsOfMeasure): UnitsOfMeasure {
  active = units;
  return units;
}
