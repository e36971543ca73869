import { describe, expect, it } from 'vitest';
import { scoreSentences } from '../../src/knowledge/extract-sentences.ts';
import type { RankedChunk, WeightedTerm } from '../../src/knowledge/retrieval.ts';

const term = (text: string, weight = 2): WeightedTerm => ({ text, variants: [], synonyms: [], numeric: false, parts: [], guessed: false, phrasing: false, functional: false, subject: true, weight, df: 3 });
const passage = (id: number, text: string, score: number): RankedChunk => ({ chunk: { id, doc: 'plan.txt', section: '三、补助标准', text, kind: 'text' }, coverage: score, score });

describe('the asked kind of answer in choosing passages and sentences', () => {
  const terms = [term('深松'), term('补助')];
  // ten passages about the subject without a date rank above the one that states when the money comes
  const ranked = [
    ...Array.from({ length: 10 }, (_, i) => passage(i + 1, `深松补助资金按任务面积切块下达，第${i + 1}批作业主体须公开遴选。`, 1.1 - i * 0.01)),
    passage(11, '公示无异议的，县财政部门于次年3月31日前将深松补助资金兑付给作业主体。', 1.0),
  ];

  it('a question asking when looks further down the passages for one that holds a date', () => {
    const [best] = scoreSentences('深松补助什么时候能拿到', terms, ranked);
    expect(best.text).toContain('3月31日前');
    expect(best.statesAnswerKind).toBe(true);
  });

  it('a question not asking a date or an amount keeps the best passages as ranked', () => {
    const sentences = scoreSentences('深松补助怎么管', terms, ranked);
    expect(sentences.some((sentence) => sentence.text.includes('3月31日'))).toBe(false);
  });
});

describe('the asked kind of answer in ranking sentences', () => {
  it('a sentence holding the asked date outranks one that covers a little more of the question without any', () => {
    const terms = [term('管护', 2), term('办法', 2), term('执行', 2)];
    const text = '本办法自2024年7月1日起施行，管护期限为5年。社会资本建设的农田参照执行管护要求。';
    const [best] = scoreSentences('这个管护办法啥时候开始执行', terms, [{ ...passage(1, text, 1), chunk: { id: 1, doc: 'plan.txt', section: '附则', text, kind: 'text' } }]);
    expect(best.text).toContain('2024年7月1日');
  });
});
