import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, percentile, runEval, type EvalCase } from '../../src/bench/eval-runner.ts';
import { generateCorpus } from '../../src/bench/synthetic-corpus.ts';
import type { Answer } from '../../src/core/types.ts';

const answered = (answer: string): Answer => ({ status: 'answered', answer, citations: [] });
const declined: Answer = { status: 'no_answer', answer: '资料里没有。', citations: [] };

describe('eval contract', () => {
  it('matches must strings after NFKC and without spaces', () => {
    const testCase: EvalCase = { id: 'x', q: '？', must: ['20万', '60%'] };
    expect(judge(testCase, answered('不超过 20 万元，覆盖率６０％以上'))).toBe(true);
    expect(judge(testCase, answered('不超过20万元'))).toBe(false);
    expect(judge(testCase, declined)).toBe(false);
  });

  it('with `cite`, the answer must cite that document first (several regions in one index)', () => {
    const testCase: EvalCase = { id: 'x', q: '？', must: ['58'], cite: 'fakou-2022.md' };
    const citing = (doc: string): Answer => ({ status: 'answered', answer: '不高于58元', citations: [{ doc, title: doc, section: '', quote: '58元' }] });
    expect(judge(testCase, citing('fakou-2022.md'))).toBe(true);
    expect(judge(testCase, citing('heilongjiang-2025.md'))).toBe(false);
  });

  it('counts declines and reports p50/p95', () => {
    const cases: EvalCase[] = [
      { id: 'a', q: '第二档？', must: ['58'] },
      { id: 'b', q: '股市？', expect: 'no_answer' },
      { id: 'c', q: '天气？', expect: 'no_answer' },
    ];
    const { results, summary } = runEval(cases, (question) => (question === '第二档？' ? answered('不高于58元/亩') : question === '股市？' ? declined : answered('瞎说')));
    expect(results.map((result) => result.id)).toEqual(['a', 'b', 'c']);
    expect(summary).toMatchObject({ mustTotal: 1, mustPassed: 1, declineTotal: 2, declined: 1, failures: ['c'] });
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 100], 0.95)).toBe(100);
  });
});

describe('synthetic corpus', () => {
  it('is deterministic and asks questions whose answers are in the documents', () => {
    const first = mkdtempSync(join(tmpdir(), 'gengbao-synthetic-'));
    const second = mkdtempSync(join(tmpdir(), 'gengbao-synthetic-'));
    try {
      const questions = generateCorpus(first, 20);
      expect(generateCorpus(second, 20)).toEqual(questions);
      expect(readdirSync(first)).toHaveLength(20);
      const all = readdirSync(first).map((file) => readFileSync(join(first, file), 'utf8')).join('\n');
      for (const question of questions) for (const must of question.must ?? []) expect(all).toContain(must);
    } finally {
      rmSync(first, { recursive: true, force: true });
      rmSync(second, { recursive: true, force: true });
    }
  });
});
