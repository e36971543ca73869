import { describe, expect, it } from 'vitest';
import type { ScoredSentence } from '../../src/knowledge/extract-sentences.ts';
import { fillBudget } from '../../src/knowledge/fill-budget.ts';

const sentence = (text: string, score: number, tight = text): ScoredSentence =>
  ({ chunk: { id: 1, doc: 'a.txt', section: '一、', text, kind: 'text' }, text, tight: () => tight, coverage: score, statesAnswerKind: true, statesQuantity: true, answerFit: 0, subjectCoverage: 1, score }) as unknown as ScoredSentence;

describe('fillBudget', () => {
  const best = sentence('补助标准为每亩30元。', 1);
  const next = sentence('补助对象为实施深松作业的农户和农机合作社。', 0.8);
  const third = sentence('资金于当年12月31日前兑付到户，由县级农业农村部门负责。', 0.7, '资金于当年12月31日前兑付到户');

  it('adds the next-best sentences, best first, while they fit in the room left', () => {
    const added = fillBudget([best, next, third], [{ sentence: best, quote: best.text }], 200, 20);
    expect(added.map(({ quote }) => quote)).toEqual([next.text, third.text]);
  });

  it('uses a sentence’s tightest clauses when the whole one does not fit, and stops below the minimum room', () => {
    const room = next.text.length + 1 + '资金于当年12月31日前兑付到户'.length + 1;
    expect(fillBudget([best, next, third], [{ sentence: best, quote: best.text }], room, 5).map(({ quote }) => quote)).toEqual([next.text, '资金于当年12月31日前兑付到户']);
    expect(fillBudget([best, next, third], [{ sentence: best, quote: best.text }], 19, 20)).toEqual([]);
  });

  it('never repeats what a quote already holds (the first quote widened with its neighbours)', () => {
    const widened = `${best.text}${next.text}`;
    expect(fillBudget([best, next, third], [{ sentence: best, quote: widened }], 200, 20).map(({ quote }) => quote)).toEqual([third.text]);
  });
});
