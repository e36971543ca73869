import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerProbability, answers, FEATURE_NAMES, type Calibration, type Features } from '../knowledge/confidence.ts';
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

const CALIBRATION_FILE = join(REPO_ROOT, 'knowledge', 'dictionary', 'answer-calibration.json');

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

/** The committed model's log-odds for a sample (its bias and weights; features it does not weigh count 0). */
export function baseLogit(base: Calibration, features: Features): number {
  return FEATURE_NAMES.reduce((sum, name) => sum + (base.weights[name] ?? 0) * features[name], base.bias);
}

/**
 * A residual fit: the validated model's weights and bias are held, and only the weights of `names` (new
 * signals, 0 in the committed model) are fitted on top of its log-odds, classes weighted as in fitLogistic.
 * Only the questions a new signal fires on change, so a rare signal cannot move the common features.
 */
export function fitResidual(samples: Sample[], base: Calibration, names: ReadonlyArray<(typeof FEATURE_NAMES)[number]>, options: { l2?: number; iterations?: number } = {}): Record<string, number> {
  const l2 = options.l2 ?? 0.002;
  const iterations = options.iterations ?? 4000;
  const rate = 0.5;
  const positives = samples.filter((sample) => sample.right).length || 1;
  const negatives = samples.length - positives || 1;
  const rows = samples.map((sample) => ({ offset: baseLogit(base, sample.features), x: names.map((name) => sample.features[name]), y: sample.right ? 1 : 0, w: sample.right ? samples.length / (2 * positives) : samples.length / (2 * negatives) }));
  const weights = names.map(() => 0);
  for (let step = 0; step < iterations; step++) {
    const gradient = weights.map(() => 0);
    for (const { offset, x, y, w } of rows) {
      if (x.every((value) => value === 0)) continue;
      const p = 1 / (1 + Math.exp(-(offset + x.reduce((sum, value, i) => sum + value * weights[i], 0))));
      x.forEach((value, i) => (gradient[i] += (p - y) * w * value));
    }
    weights.forEach((_, i) => (weights[i] -= rate * (gradient[i] / rows.length + l2 * weights[i])));
  }
  return Object.fromEntries(names.map((name, i) => [name, weights[i]]));
}

/** The committed model with residual weights added. */
export function withResidual(base: Calibration, residual: Record<string, number>, threshold = base.threshold): Calibration {
  return { ...base, weights: { ...base.weights, ...residual }, threshold };
}

/**
 * Leave one group out for a residual fit: each group's questions are decided by the committed model plus
 * residual weights fitted without them, at the committed threshold (or one refit without them).
 */
export function crossValidateResidual(samples: Sample[], base: Calibration, names: ReadonlyArray<(typeof FEATURE_NAMES)[number]>, options: { l2?: number; refitThreshold?: boolean; declineWeight?: number } = {}): { right: number; declined: number; wronglyDeclined: number } {
  const total = { right: 0, declined: 0, wronglyDeclined: 0 };
  for (const group of new Set(samples.map((sample) => sample.group))) {
    const train = samples.filter((sample) => sample.group !== group);
    const test = samples.filter((sample) => sample.group === group);
    const model = withResidual(base, fitResidual(train, base, names, { l2: options.l2, iterations: 1500 }));
    const p = (sample: Sample) => answerProbability(model, sample.features);
    const threshold = options.refitThreshold ? bestThreshold(train, p, options.declineWeight) : base.threshold;
    const { right, declined } = scoreAt(test, p, threshold);
    total.right += right;
    total.declined += declined;
    total.wronglyDeclined += test.filter((sample) => sample.right && p(sample) < threshold).length;
  }
  return total;
}

/**
 * A veto's threshold for one signal: among the questions it fires on, the probability below which declining gets
 * most questions right (a required decline counts `declineWeight` times); of an equally good run of thresholds, its middle.
 * Undefined when no threshold above the model's own gains anything.
 */
export function fitVeto(samples: Sample[], model: Calibration, signal: (typeof FEATURE_NAMES)[number], declineWeight = DECLINE_WEIGHT): number | undefined {
  const fires = samples.filter((sample) => sample.features[signal] >= 0.5).map((sample) => ({ sample, p: answerProbability(model, sample.features) })).filter(({ p }) => p >= model.threshold);
  const scoreBelow = (threshold: number) => fires.reduce((sum, { sample, p }) => sum + (p < threshold ? (sample.decline ? declineWeight : 0) : sample.right ? 1 : 0), 0);
  let best = { low: model.threshold, high: model.threshold, score: scoreBelow(model.threshold) };
  for (let threshold = model.threshold + 0.01; threshold <= 1.005; threshold += 0.01) {
    const score = scoreBelow(threshold);
    if (score > best.score) best = { low: threshold, high: threshold, score };
    else if (score === best.score && best.high >= threshold - 0.0101) best.high = threshold;
  }
  // the middle of the best run: as far from the questions on either side as the samples allow
  return best.low > model.threshold ? Math.round(((best.low + best.high) / 2) * 100) / 100 : undefined;
}

/** The committed model with a fitted veto for each signal that gains on the samples. */
export function withVetoes(samples: Sample[], base: Calibration, signals: ReadonlyArray<(typeof FEATURE_NAMES)[number]>, declineWeight = DECLINE_WEIGHT): Calibration {
  const vetoes = signals.flatMap((signal) => {
    const threshold = fitVeto(samples, base, signal, declineWeight);
    return threshold === undefined ? [] : [{ signal, threshold }];
  });
  return { ...base, vetoes };
}

/** Leave one group out for vetoes: each group's questions are decided with vetoes fitted without them. */
export function crossValidateVetoes(samples: Sample[], base: Calibration, signals: ReadonlyArray<(typeof FEATURE_NAMES)[number]>, declineWeight = DECLINE_WEIGHT): { right: number; declined: number; wronglyDeclined: number } {
  const total = { right: 0, declined: 0, wronglyDeclined: 0 };
  for (const group of new Set(samples.map((sample) => sample.group))) {
    const model = withVetoes(samples.filter((sample) => sample.group !== group), base, signals, declineWeight);
    for (const sample of samples.filter((sample) => sample.group === group)) {
      const answered = answers(model, sample.features);
      if (sample.decline && !answered) total.declined++;
      if (sample.right && answered) total.right++;
      if (sample.right && !answered) total.wronglyDeclined++;
    }
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
  // the vetoes of the committed file are fitted again against the new model
  const previous = existsSync(CALIBRATION_FILE) ? (JSON.parse(readFileSync(CALIBRATION_FILE, 'utf8')) as Calibration) : undefined;
  const vetoSignals = (previous?.vetoes ?? []).map(({ signal }) => signal as (typeof FEATURE_NAMES)[number]);
  const calibration: Calibration = {
    $comment: 'Fitted by src/bench/fit-calibration.ts (npx tsx src/bench/fit-calibration.ts): logistic regression of "answering with the chosen sentence is right" (classes weighted equally) over the features of src/knowledge/confidence.ts chosen by leave-one-document-out cross-validation (--cv), on the sets marked tunedOn in eval/sets.json; threshold = most questions right (answers and declines) on those sets. Do not edit by hand; refit.',
    fittedOn: sets.filter((set) => set.tunedOn).map((set) => set.name),
    weights: Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, Math.round(model.weights[i] * 1000) / 1000])),
    bias: Math.round(model.bias * 1000) / 1000,
    threshold,
  };
  if (vetoSignals.length) calibration.vetoes = withVetoes(fitting, calibration, vetoSignals).vetoes;
  if (options.write !== false) writeFileSync(CALIBRATION_FILE, `${JSON.stringify(calibration, null, 2)}\n`);
  return calibration;
}

/**
 * `--veto <signal,…>`: with the committed weights and threshold held, fits a veto for each signal on the tuned-on
 * sets, prints its leave-one-document-out CV next to the committed model's counts and every set's counts, and
 * (without `--dry`) writes answer-calibration.json with the vetoes. `--residual <signal,…>`: the CV of residual
 * weights for the signals instead (printed only; a rare signal's weight did less than a veto, eval/README.md).
 */
function fitSignals(mode: 'veto' | 'residual', signals: Array<(typeof FEATURE_NAMES)[number]>, write: boolean, log: (line: string) => void): void {
  const path = CALIBRATION_FILE;
  const committed = JSON.parse(readFileSync(path, 'utf8')) as Calibration;
  const base: Calibration = { ...committed, vetoes: undefined };
  const sets = loadEvalSets().filter((set) => !/^eligibility/.test(set.name));
  const samples = collectSamples(sets);
  const fitting = samples.filter((sample) => sets.find((set) => set.name === sample.set)!.tunedOn && !NOT_FITTED.test(sample.set));
  const count = (model: Calibration, list: Sample[]) => ({ right: list.filter((s) => s.right && answers(model, s.features)).length, declined: list.filter((s) => s.decline && !answers(model, s.features)).length, wronglyDeclined: list.filter((s) => s.right && !answers(model, s.features)).length });
  log(`${fitting.length} fitting questions, ${fitting.filter((s) => s.decline).length} to decline; committed model: ${JSON.stringify(count(base, fitting))}`);
  let model = base;
  if (mode === 'residual') {
    for (const l2 of [0.002, 0.02]) log(`residual ${signals.join('+')} l2=${l2} CV ${JSON.stringify(crossValidateResidual(fitting, base, signals, { l2 }))}`);
    model = withResidual(base, fitResidual(fitting, base, signals));
  } else {
    log(`vetoes ${signals.join('+')} CV ${JSON.stringify(crossValidateVetoes(fitting, base, signals))}`);
    model = withVetoes(fitting, base, signals);
  }
  log(JSON.stringify(mode === 'veto' ? model.vetoes : model.weights));
  for (const set of sets) {
    const own = samples.filter((sample) => sample.set === set.name);
    const [before, after] = [count(base, own), count(model, own)];
    log(`${set.name.padEnd(22)} ${set.tunedOn ? 'fit ' : 'test'} right ${before.right} → ${after.right}/${own.filter((s) => !s.decline).length} declined ${before.declined} → ${after.declined}/${own.filter((s) => s.decline).length} (with a candidate sentence)`);
  }
  if (write && mode === 'veto') writeFileSync(path, `${JSON.stringify({ ...committed, vetoes: model.vetoes }, null, 2)}\n`);
}

const listArgument = (flag: string) => (process.argv[process.argv.indexOf(flag) + 1] ?? '').split(',').filter(Boolean) as Array<(typeof FEATURE_NAMES)[number]>;

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--veto')) {
  fitSignals('veto', listArgument('--veto'), !process.argv.includes('--dry'), console.log);
} else if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--residual')) {
  fitSignals('residual', listArgument('--residual'), false, console.log);
} else if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--cv')) {
  printCrossValidation(console.log);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const override = process.argv.indexOf('--corpus-extra-docs');
  const docs = override > 0 ? { 'eval/corpus-extra/docs': [process.argv[override + 1]] } : undefined;
  console.log(JSON.stringify(fitCalibration({ docsOverride: docs, write: !process.argv.includes('--dry') }), null, 1));
}
