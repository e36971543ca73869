import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURE_NAMES, type Calibration, type Features } from '../knowledge/confidence.ts';
import { createKnowledgeBase } from '../knowledge/knowledge-base.ts';
import { openDatabase } from '../store/database.ts';
import { judge } from './eval-runner.ts';
import { knowledgeKey, loadEvalSets, prepareKnowledge, REPO_ROOT, setCases, type EvalSet } from './eval-sets.ts';

export interface Sample {
  set: string;
  id: string;
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
            samples.push({ set: set.name, id: testCase.id, features: tried.features, decline, right: !decline && judge(testCase, tried.answer) === true });
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

/** Sets answered by the eligibility conversation, not by the documents: no evidence about the decline decision. */
const ELIGIBILITY_SETS = /^eligibility/;

const vector = (features: Features) => FEATURE_NAMES.map((name) => features[name]);

/** Logistic regression by batch gradient descent with a small L2 penalty (features are all about 0–1). */
export function fitLogistic(samples: Sample[], iterations = 4000, rate = 0.5, l2 = 0.002): { weights: number[]; bias: number } {
  const weights = FEATURE_NAMES.map(() => 0);
  let bias = 0;
  // label: the documents answer the question (LABEL=right: our chosen sentence is right); classes weighted to equal mass
  const label = (sample: Sample) => (process.env.LABEL === 'right' ? sample.right : !sample.decline);
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
  return 1 / (1 + Math.exp(-(model.bias + vector(features).reduce((sum, value, i) => sum + value * model.weights[i], 0))));
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

/** A question that must be declined and is answered anyway counts this many times (every such question must be declined). */
const DECLINE_WEIGHT = Number(process.env.DECLINE_WEIGHT ?? 1);

/** The threshold that gets most questions right (answers and declines alike); ties go to the higher, safer one. */
export function bestThreshold(samples: Sample[], p: (sample: Sample) => number, declineWeight = DECLINE_WEIGHT): number {
  let best = { threshold: 0.5, score: -1 };
  for (let threshold = 0.05; threshold <= 0.95; threshold += 0.01) {
    const { right, declined } = scoreAt(samples, p, threshold);
    if (right + declineWeight * declined >= best.score) best = { threshold: Math.round(threshold * 100) / 100, score: right + declined };
  }
  return best.threshold;
}

/** Fits on the tunedOn sets, reports the others, writes knowledge/dictionary/answer-calibration.json. */
export function fitCalibration(options: { docsOverride?: Record<string, string[]>; write?: boolean; log?: (line: string) => void } = {}): Calibration {
  const log = options.log ?? console.log;
  const sets = loadEvalSets().filter((set) => !ELIGIBILITY_SETS.test(set.name)).map((set) => (set.docs && options.docsOverride?.[set.docs.join('|')] ? { ...set, docs: options.docsOverride[set.docs.join('|')] } : set));
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
    $comment: 'Fitted by src/bench/fit-calibration.ts (npx tsx src/bench/fit-calibration.ts): logistic regression of "the documents answer this question" (classes weighted equally) over the features of src/knowledge/confidence.ts, on the sets marked tunedOn in eval/sets.json; threshold = most questions right (answers and declines) on those sets. Do not edit by hand; refit.',
    fittedOn: sets.filter((set) => set.tunedOn).map((set) => set.name),
    weights: Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, Math.round(model.weights[i] * 1000) / 1000])),
    bias: Math.round(model.bias * 1000) / 1000,
    threshold,
  };
  if (options.write !== false) writeFileSync(join(REPO_ROOT, 'knowledge', 'dictionary', 'answer-calibration.json'), `${JSON.stringify(calibration, null, 2)}\n`);
  return calibration;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const override = process.argv.indexOf('--corpus-extra-docs');
  const docs = override > 0 ? { 'eval/corpus-extra/docs': [process.argv[override + 1]] } : undefined;
  console.log(JSON.stringify(fitCalibration({ docsOverride: docs, write: !process.argv.includes('--dry') }), null, 1));
}
