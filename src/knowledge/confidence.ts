import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { bundledDictionaryFile } from './bundled-dictionary.ts';
import type { ScoredSentence } from './extract-sentences.ts';
import { matchable } from './normalize-text.ts';
import { termMatch, type WeightedTerm } from './retrieval.ts';
import { countOnly } from './answer-type-signals.ts';
import { askedDetail, DETAIL_SIGNAL_NAMES, type DetailContext } from './asked-detail.ts';
import { askedKindSignals, KIND_SIGNAL_NAMES, NO_KIND_SIGNALS } from './asked-kind.ts';

/**
 * What the decline decision looks at, for the best candidate sentence of a question. Every value is
 * roughly 0–1; the weights are fitted (logistic regression) by `src/bench/fit-calibration.ts` on the
 * sets marked tunedOn in eval/sets.json and stored in knowledge/dictionary/answer-calibration.json.
 */
export const FEATURE_NAMES = [
  'coverage',
  'subjectCoverage',
  'knownShare',
  'missingSubject',
  'missingRare',
  'margin',
  'kindMissing',
  'answerFit',
  'wantsQuantity',
  'guessedMissing',
  'userQuantity',
  'unknownMissing',
  'yearMissing',
  'gate',
  'countOnly',
  'metaCarried',
  'headMissing',
  'headFigureApart',
  'headFigure',
  'placeOther',
  'placeOtherFigure',
  'placeStated',
  'yearStated',
  'askedKindAbsent',
  'askedFigureAbsent',
  'askedNameAbsent',
  'askedKindNear',
] as const;

export type Features = Record<(typeof FEATURE_NAMES)[number], number>;

const calibrationSchema = z.object({
  $comment: z.string().optional(),
  fittedOn: z.array(z.string()),
  weights: z.record(z.string(), z.number()),
  bias: z.number(),
  /** Answer when the fitted probability of a correct answer is at least this. */
  threshold: z.number(),
  /**
   * Second-stage vetoes (src/bench/fit-calibration.ts `--veto`): when a rare, high-precision signal of a near
   * miss fires (value ≥ 0.5), the probability must reach this higher threshold too. The weights above are left as
   * validated, so only the questions a signal fires on can change.
   */
  vetoes: z.array(z.object({ signal: z.string(), threshold: z.number() })).optional(),
});

export type Calibration = z.infer<typeof calibrationSchema>;

const BUNDLED = bundledDictionaryFile('answer-calibration.json');

/** The fitted decline model of a knowledge folder's dictionary, else the bundled one, else none. */
export function loadCalibration(knowledgeDir: string): Calibration | undefined {
  for (const path of [join(knowledgeDir, 'dictionary', 'answer-calibration.json'), BUNDLED]) {
    if (existsSync(path)) return calibrationSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  }
  return undefined;
}

/**
 * Features of the best sentence (and its runner-up) for the question's weighted terms; `gate` is the hand-set coverage
 * gate's verdict; `answerText` the quotes the reader is shown; `detail` the best sentence's document and the place and
 * year the question names (for the asked-detail signals).
 */
export function answerFeatures(terms: WeightedTerm[], sentences: ScoredSentence[], wantsQuantity: boolean, wantsKind: boolean, gate: boolean, question = '', documentTitle = '', answerText = '', detail: DetailContext = {}): Features {
  const [best, next] = sentences;
  const counted = terms.filter((term) => !term.optional);
  const total = counted.reduce((sum, term) => sum + term.weight, 0) || 1;
  const where = matchable(`${best.chunk.section} ${best.text}`);
  const missing = counted.filter((term) => termMatch(term, where) === 0);
  const missingWeight = (list: WeightedTerm[]) => Math.max(0, ...list.map((term) => term.weight)) / total;
  return {
    coverage: Math.min(best.coverage, 1.5),
    subjectCoverage: best.subjectCoverage,
    knownShare: counted.filter((term) => term.df > 0).reduce((sum, term) => sum + term.weight, 0) / total,
    missingSubject: missingWeight(missing.filter((term) => term.subject)),
    missingRare: missingWeight(missing),
    margin: next ? Math.max(0, Math.min(best.score - next.score, 0.5)) : 0.5,
    kindMissing: wantsKind && !best.statesAnswerKind ? 1 : 0,
    answerFit: best.answerFit,
    wantsQuantity: wantsQuantity ? 1 : 0,
    guessedMissing: missing.some((term) => term.guessed) ? 1 : 0,
    userQuantity: terms.some((term) => term.optional) ? 1 : 0,
    unknownMissing: missing.filter((term) => term.df === 0 && !term.guessed).reduce((sum, term) => sum + term.weight, 0) / total,
    yearMissing: askedYears(question).some((year) => !`${where}${documentTitle}`.includes(year)) ? 1 : 0,
    gate: gate ? 1 : 0,
    countOnly: countOnly(question, answerText || best.text),
    ...askedDetail(question, terms, best.text, best.chunk.section, wantsQuantity, detail, answerText),
    ...(!detail.only || KIND_SIGNAL_NAMES.some((name) => detail.only!.has(name)) ? askedKindSignals(question, best.text, best.chunk.section, answerText, terms.some((term) => term.optional)) : NO_KIND_SIGNALS),
  };
}

/** Years the question names (`2024年`, `2021—2030年`): a plan of another year is no answer. */
function askedYears(question: string): string[] {
  return [...new Set(question.match(/(?<!\d)(19|20)\d\d(?!\d)/g) ?? [])];
}

/** The asked-detail signals a model reads (a non-zero weight or a veto): the only ones worth computing per answer. */
export function detailSignalsUsed(calibration: Calibration): ReadonlySet<string> {
  const vetoed = new Set((calibration.vetoes ?? []).map(({ signal }) => signal));
  return new Set([...DETAIL_SIGNAL_NAMES, ...KIND_SIGNAL_NAMES].filter((name) => (calibration.weights[name] ?? 0) !== 0 || vetoed.has(name)));
}

/** The fitted probability that answering with this sentence is right. */
export function answerProbability(calibration: Calibration, features: Features): number {
  let z = calibration.bias;
  for (const name of FEATURE_NAMES) z += (calibration.weights[name] ?? 0) * features[name];
  return 1 / (1 + Math.exp(-z));
}

/** Whether to answer: the probability reaches the threshold and the threshold of every veto whose signal fires. */
export function answers(calibration: Calibration, features: Features, probability = answerProbability(calibration, features)): boolean {
  if (probability < calibration.threshold) return false;
  return (calibration.vetoes ?? []).every(({ signal, threshold }) => !((features as Record<string, number>)[signal] >= 0.5) || probability >= threshold);
}
