import { z } from 'zod';
import type { Answer } from '../core/types.ts';
import { readJsonLines } from './json-lines.ts';

const caseSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  q: z.string(),
  must: z.array(z.string()).optional(),
  /** At least one of these must be in the answer. */
  must_any: z.array(z.string()).optional(),
  /** None of these may be in the answer (「符合」 asked: the answer must not say 「不符合」). */
  must_not: z.array(z.string()).optional(),
  expect: z.string().optional(),
  /** The document the question was written on (corpus-extra): one cross-validation group. */
  doc: z.string().optional(),
  /** The document the answer must cite first (several regions' documents in one index: the asker's region's). */
  cite: z.string().optional(),
});

export type EvalCase = z.infer<typeof caseSchema>;

export interface EvalResult {
  id: string;
  status: Answer['status'];
  answer: string;
  citations: Answer['citations'];
  ms: number;
  /** true/false for `must` and `expect: no_answer` questions, undefined otherwise. */
  pass?: boolean;
}

export interface EvalSummary {
  mustTotal: number;
  mustPassed: number;
  mustRate: number;
  declineTotal: number;
  declined: number;
  declineRate: number;
  p50: number;
  p95: number;
  failures: string[];
}

/** Reads a JSONL eval file; bad lines are reported with their line number. */
export function readEvalFile(path: string): { cases: EvalCase[]; errors: string[] } {
  const { items, errors } = readJsonLines(path, caseSchema, () => '缺少 id 或 q');
  return { cases: items, errors };
}

/** Comparison form of the eval contract: NFKC, no white space. */
export function normalizeForEval(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** An answer is judged on its first this many characters (after NFKC, without white space): key facts must come early. */
export const MAX_ANSWER_CHARS = 300;

/** A must string passes when the text holds it or, for `a|b`, one of its alternatives. */
function holds(text: string, must: string): boolean {
  return must.split('|').some((alternative) => text.includes(normalizeForEval(alternative)));
}

export function judge(testCase: EvalCase, answer: Answer): boolean | undefined {
  if (testCase.expect === 'no_answer') return answer.status === 'no_answer';
  const must = testCase.must ?? [];
  const any = testCase.must_any ?? [];
  if (!must.length && !any.length) return undefined;
  const text = normalizeForEval(answer.answer).slice(0, MAX_ANSWER_CHARS);
  const cited = !testCase.cite || answer.citations[0]?.doc === testCase.cite;
  const none = testCase.must_not ?? [];
  return answer.status === 'answered' && cited && must.every((one) => holds(text, one)) && (!any.length || any.some((one) => holds(text, one))) && !none.some((one) => holds(text, one));
}

export function percentile(values: number[], share: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

/** Runs every case through an async `answer` (the conversation core), one after another, timing each call. */
export async function runEvalAsync(cases: EvalCase[], answer: (question: string) => Promise<Answer>): Promise<{ results: EvalResult[]; summary: EvalSummary }> {
  const results: EvalResult[] = [];
  for (const testCase of cases) {
    const started = performance.now();
    const reply = await answer(testCase.q);
    const ms = Math.round((performance.now() - started) * 100) / 100;
    results.push({ id: testCase.id, status: reply.status, answer: reply.answer, citations: reply.citations, ms, pass: judge(testCase, reply) });
  }
  return { results, summary: summarize(cases, results) };
}

/** Runs every case through `answer`, timing each call. */
export function runEval(cases: EvalCase[], answer: (question: string) => Answer): { results: EvalResult[]; summary: EvalSummary } {
  const results = cases.map((testCase): EvalResult => {
    const started = performance.now();
    const reply = answer(testCase.q);
    const ms = Math.round((performance.now() - started) * 100) / 100;
    return { id: testCase.id, status: reply.status, answer: reply.answer, citations: reply.citations, ms, pass: judge(testCase, reply) };
  });
  return { results, summary: summarize(cases, results) };
}

export function summarize(cases: EvalCase[], results: EvalResult[]): EvalSummary {
  const mustIds = new Set(cases.filter((testCase) => (testCase.must?.length || testCase.must_any?.length) && testCase.expect !== 'no_answer').map((testCase) => testCase.id));
  const declineIds = new Set(cases.filter((testCase) => testCase.expect === 'no_answer').map((testCase) => testCase.id));
  const mustPassed = results.filter((result) => mustIds.has(result.id) && result.pass).length;
  const declined = results.filter((result) => declineIds.has(result.id) && result.pass).length;
  const times = results.map((result) => result.ms);
  return {
    mustTotal: mustIds.size,
    mustPassed,
    mustRate: mustIds.size ? mustPassed / mustIds.size : 1,
    declineTotal: declineIds.size,
    declined,
    declineRate: declineIds.size ? declined / declineIds.size : 1,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    failures: results.filter((result) => result.pass === false).map((result) => result.id),
  };
}
