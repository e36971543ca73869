import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURE_NAMES, type Calibration, type Features } from '../knowledge/confidence.ts';
import { createKnowledgeBase } from '../knowledge/knowledge-base.ts';
import { openDatabase } from '../database/database.ts';
import { judge } from './eval-runner.ts';
import { knowledgeKey, loadEvalSets, prepareKnowledge, REPO_ROOT, setCases, type EvalSet } from './eval-sets.ts';

export interface Sample {
  set: string;
  id: string;
  /** Questions asked over one document count as one group in the cross-validation (a set, or a corpus-extra document). */
  group: string;
  features: Features;
  /** Answering with this sentence is right (false for every question that must be declined). */
  right: boolean;
  /** The question must be declined. */
  decline: boolean;
}

/** Features and labels of every question of the given sets, with the decline decision left open. */
export function collectSamples(sets: EvalSet[]): Sample[] {
  const work = mkdtempSync(join(tmpdir(), 'gengbao-fit-'));
  const samples: Sample[] = [];
  try {
    const groups = new Map<string, EvalSet[]>();
    for (const set of sets) groups.set(knowledgeKey(set), [...(groups.get(knowledgeKey(set)) ?? []), set]);
    let group = 0;
    for (const members of groups.values()) {
      const folder = join(work, `k${++group}`);
      const knowledgeDir = prepareKnowledge(members[0], join(folder, 'knowledge'));
      const db = openDatabase(join(folder, 'data'));
      try {
        const knowledge = createKnowledgeBase({ knowledgeDir, db, calibration: null });
        knowledge.ensureIndexed();
        for (const set of members) {
          for (const testCase of setCases(set)) {
            const tried = knowledge.attempt(testCase.q);
            if (!tried.features) continue;
            const decline = testCase.expect === 'no_answer';
            const group = testCase.doc ? `${set.name}:${testCase.doc}` : set.name;
            samples.push({ set: set.name, id: testCase.id, group, features: tried.features, decline, right: !decline && judge(testCase, tried.answer) === true });
          }
        }
      } finally {
        db.close();
      }
    }
    return samples;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Sets left out of the fit: the eligibility ones (answered by the eligibility conversation, not by the
 * documents: no evidence about the decline decision) and the multi-region ones (the corpus-extra
 * questions asked again over a larger index: fitted twice, and leaking across the cross-validation's
 * document groups).
 */
const NOT_FITTED = /^(eligibility|multi-region)/;

/**
 * The features the model uses, chosen by leave-one-document-out cross-validation on the tuned-on sets
 * (`npx tsx src/bench/fit-calibration.ts --cv`): the ones that say what the best sentence misses of
 * the question. The margin, answer-fit and old-gate features fitted the tuned documents better and
 * held-out documents worse.
 */
export const USED_FEATURES: Array<(typeof FEATURE_NAMES)[number]> = ['coverage', 'subjectCoverage', 'missingSubject', 'missingRare', 'unknownMissing', 'yearMissing', 'kindMissing', 'knownShare'];

export interface FitOptions {
  features?: ReadonlyArray<(typeof FEATURE_NAMES)[number]>;
  l2?: number;
  iterations?: number;
  /** What is fitted: `right` = answering with the chosen sentence is right (default); `answerable` = the question is not one to decline. */
  label?: 'right' | 'answerable';
}

/** Logistic regression by batch gradient descent with a small L2 penalty (features are all about 0–1); classes weighted to equal mass. */
export function fitLogistic(samples: Sample[], options: FitOptions = {}): { weights: number[]; bias: number } {
  const names = options.features ?? USED_FEATURES;
  const vector = (features: Features) => FEATURE_NAMES.map((name) => (names.includes(name) ? features[name] : 0));
  const iterations = options.iterations ?? 4000;
  const rate = 0.5;
  const l2 = options.l2 ?? 0.002;
  const weights = FEATURE_NAMES.map(() => 0);
  let bias = 0;
  const label = (sample: Sample) => ((options.label ?? 'right') === 'right' ? sample.right : !sample.decline);
  const positives = samples.filter(label).length || 1;
  const negatives = samples.length - positives || 1;
  const rows = samples.map((sample) => ({ x: vector(sample.features), y: label(sample) ? 1 : 0, w: label(sample) ? samples.length / (2 * positives) : samples.length / (2 * negatives) }));
  for (let step = 0; step < iterations; step++) {
    const gradient = weights.map(() => 0);
    let gradientBias = 0;
    for (const { x, y, w } of rows) {
      const p = 1 / (1 + Math.exp(-(bias + x.reduce((sum, value, i) => sum + value * weights[i], 0))));
      const error = (p - y) * w;
      x.forEach((value, i) => (gradient[i] += error * value));
      gradientBias += error;
    }
    weights.forEach((_, i) => (weights[i] -= rate * (gradient[i] / rows.length + l2 * weights[i])));
    bias -= (rate * gradientBias) / rows.length;
  }
  return { weights, bias };
}

export function probability(model: { weights: number[]; bias: number }, features: Features): number {
  return 1 / (1 + Math.exp(-(model.bias + FEATURE_NAMES.reduce((sum, name, i) => sum + features[name] * model.weights[i], 0))));
}

/** Questions scored right at a threshold: right answers given plus required declines made. */
export function scoreAt(samples: Sample[], p: (sample: Sample) => number, threshold: number): { right: number; declined: number; total: number } {
  let right = 0;
  let declined = 0;
  for (const sample of samples) {
    const answers = p(sample) >= threshold;
    if (sample.decline && !answers) declined++;
    if (!sample.decline && answers && sample.right) right++;
  }
  return { right, declined, total: samples.length };
}

/**
 * A question that must be declined and is answered anyway counts this many times (every such question
 * must be declined). 2 by leave-one-document-out cross-validation on the tuned sets (373 questions, 24
 * to decline): 319 right and 13 declines made, vs 319 and 12 with 1, 318 and 13 with 3.
 */
const DECLINE_WEIGHT = Number(process.env.DECLINE_WEIGHT ?? 2);

/** The threshold that gets most questions right (answers and declines alike); ties go to the higher, safer one. */
export function bestThreshold(samples: Sample[], p: (sample: Sample) => number, declineWeight = DECLINE_WEIGHT): number {
  let best = { threshold: 0.5, score: -1 };
  for (let threshold = 0.05; threshold <= 0.95; threshold += 0.01) {
    const { right, declined } = scoreAt(samples, p, threshold);
    const score = right + declineWeight * declined;
    if (score >= best.score) best = { threshold: Math.round(threshold * 100) / 100, score };
  }
  return best.threshold;
}

/**
 * Leave one group out over the tuned-on samples: each document's (or starting set's) questions are
 * decided by a model and threshold fitted without them. Sums right answers, required declines made,
 * and right answers wrongly declined.
 */
export function crossValidate(samples: Sample[], options: FitOptions, declineWeight = DECLINE_WEIGHT): { right: number; declined: number; wronglyDeclined: number } {
  const total = { right: 0, declined: 0, wronglyDeclined: 0 };
  for (const group of new Set(samples.map((sample) => sample.group))) {
    const train = samples.filter((sample) => sample.group !== group);
    const test = samples.filter((sample) => sample.group === group);
    const model = fitLogistic(train, { ...options, iterations: 1500 });
    const p = (sample: Sample) => probability(model, sample.features);
    const threshold = bestThreshold(train, p, declineWeight);
    const { right, declined } = scoreAt(test, p, threshold);
    total.right += right;
    total.declined += declined;
    total.wronglyDeclined += test.filter((sample) => sample.right && p(sample) < threshold).length;
  }
  return total;
}

/** The cross-validation table behind USED_FEATURES and the default options (tuned-on sets only). */
function printCrossValidation(log: (line: string) => void): void {
  const sets = loadEvalSets().filter((set) => set.tunedOn && !NOT_FITTED.test(set.name));
  const samples = collectSamples(sets);
  const variants: Record<string, ReadonlyArray<(typeof FEATURE_NAMES)[number]>> = { all: FEATURE_NAMES, used: USED_FEATURES, 'used+margin,fit': [...USED_FEATURES, 'margin', 'answerFit', 'wantsQuantity', 'userQuantity'] };
  log(`${samples.length} questions, ${samples.filter((s) => s.decline).length} to decline, ${new Set(samples.map((s) => s.group)).size} groups`);
  for (const [name, features] of Object.entries(variants)) {
    for (const label of ['right', 'answerable'] as const) {
      for (const l2 of [0.002, 0.02, 0.1]) log(`${name.padEnd(16)} ${label.padEnd(10)} l2=${l2} ${JSON.stringify(crossValidate(samples, { features, label, l2 }))}`);
    }
  }
}

/** Fits on the tunedOn sets, reports the others, writes knowledge/dictionary/answer-calibration.json. */
export function fitCalibration(options: { docsOverride?: Record<string, string[]>; write?: boolean; log?: (line: string) => void } = {}): Calibration {
  const log = options.log ?? console.log;
  const sets = loadEvalSets().filter((set) => !NOT_FITTED.test(set.name)).map((set) => (set.docs && options.docsOverride?.[set.docs.join('|')] ? { ...set, docs: options.docsOverride[set.docs.join('|')] } : set));
  const samples = collectSamples(sets);
  const fitting = samples.filter((sample) => sets.find((set) => set.name === sample.set)!.tunedOn);
  const model = fitLogistic(fitting);
  const p = (sample: Sample) => probability(model, sample.features);
  const threshold = bestThreshold(fitting, p);
  for (const set of sets) {
    const own = samples.filter((sample) => sample.set === set.name);
    const { right, declined } = scoreAt(own, p, threshold);
    log(`${set.name.padEnd(16)} ${set.tunedOn ? 'fit ' : 'test'} right ${right}/${own.filter((s) => !s.decline).length} declined ${declined}/${own.filter((s) => s.decline).length}`);
    if (process.env.SHOW) for (const sample of own.filter((s) => s.decline && p(s) >= threshold)) log(`   answers ${sample.id} p=${p(sample).toFixed(2)} ${JSON.stringify(sample.features)}`);
  }
  const calibration: Calibration = {
    $comment: 'Fitted by src/bench/fit-calibration.ts (npx tsx src/bench/fit-calibration.ts): logistic regression of "answering with the chosen sentence is right" (classes weighted equally) over the features of src/knowledge/confidence.ts chosen by leave-one-document-out cross-validation (--cv), on the sets marked tunedOn in eval/sets.json; threshold = most questions right (answers and declines) on those sets. Do not edit by hand; refit.',
    fittedOn: sets.filter((set) => set.tunedOn).map((set) => set.name),
    weights: Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, Math.round(model.weights[i] * 1000) / 1000])),
    bias: Math.round(model.bias * 1000) / 1000,
    threshold,
  };
  if (options.write !== false) writeFileSync(join(REPO_ROOT, 'knowledge', 'dictionary', 'answer-calibration.json'), `${JSON.stringify(calibration, null, 2)}\n`);
  return calibration;
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--cv')) {
  printCrossValidation(console.log);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const override = process.argv.indexOf('--corpus-extra-docs');
  const docs = override > 0 ? { 'eval/corpus-extra/docs': [process.argv[override + 1]] } : undefined;
  console.log(JSON.stringify(fitCalibration({ docsOverride: docs, write: !process.argv.includes('--dry') }), null, 1));
}
