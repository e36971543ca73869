import { describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { scoreSentences } from '../../src/knowledge/extract-sentences.ts';
import type { RankedChunk, WeightedTerm } from '../../src/knowledge/retrieval.ts';
import { normalizeForEval } from '../../src/bench/eval-runner.ts';
import { documentsFolderPerTest } from './corpus-fixture.ts';

// the 保护性耕作 plan of the starting corpus (法库县): long sections whose first sentences hold no date or depth
const PLAN = '002_79c350805b434cf5.txt';
const plan = documentsFolderPerTest('gengbao-composition-', [PLAN]);
/** What the reader (and the eval judge) sees first: 300 characters without white space. */
const shownFirst = (answer: string) => normalizeForEval(answer).slice(0, 300);

describe('the characters the reader sees first', () => {
  it('a quote that the first quote’s neighbours already hold is not shown again', () => {
    const knowledge = createKnowledgeBase({ knowledgeDir: plan.folder, db: plan.db });
    knowledge.ensureIndexed();
    for (const question of ['少耕的话土能动多深', '秸秆覆盖率60%属于哪一档？', '补助的钱多会儿能兑付到位', '县级应用基地建设标准是什么']) {
      const answer = knowledge.answer(question);
      expect(answer.status).toBe('answered');
      const lines = answer.answer.split('\n');
      for (const [at, line] of lines.entries()) expect(lines.slice(0, at).some((before) => before.includes(line))).toBe(false);
    }
  });

  it('when the best sentence holds no date, the next one that states it comes before the neighbours fill the answer', () => {
    const knowledge = createKnowledgeBase({ knowledgeDir: plan.folder, db: plan.db });
    knowledge.ensureIndexed();
    // 多会儿 asks when; the best-covering sentence (资金兑付等工作) has no date, 「2022年9月30日前…资金兑付工作」 does
    const answer = knowledge.answer('补助的钱多会儿能兑付到位');
    expect(answer.status).toBe('answered');
    expect(shownFirst(answer.answer)).toContain('9月30日');
  });

  it('a question asking how deep is answered by the sentence stating a depth', () => {
    const knowledge = createKnowledgeBase({ knowledgeDir: plan.folder, db: plan.db });
    knowledge.ensureIndexed();
    expect(shownFirst(knowledge.answer('少耕的话土能动多深').answer)).toContain('10cm');
  });
});

const term = (text: string, weight = 2): WeightedTerm => ({ text, variants: [], synonyms: [], numeric: false, parts: [], guessed: false, phrasing: false, functional: false, subject: true, weight, df: 3 });
const passage = (id: number, text: string, score: number): RankedChunk => ({ chunk: { id, doc: 'plan.txt', section: '四、作业要求', text, kind: 'text' }, coverage: score, score });

describe('asked kinds read from the question vocabulary', () => {
  it('几月份 asks a date: a sentence stating one outranks an equally complete one with other figures', () => {
    const ranked = [passage(1, '地力补贴资金按每亩105.6元核定发放到户。', 1), passage(2, '地力补贴资金于6月30日前发放到户。', 0.95)];
    const [best] = scoreSentences('地力补贴几月份能发到户', [term('地力补贴'), term('发放')], ranked);
    expect(best.text).toContain('6月30日前');
    expect(best.statesAnswerKind).toBe(true);
  });

  it('多厚 / 多深 ask a length: a sentence stating one in 厘米 or cm outranks one without', () => {
    const ranked = [passage(1, '深翻作业由作业主体按规定组织实施，乡镇负责核实。', 1), passage(2, '深翻作业深度达到30厘米以上。', 0.9)];
    expect(scoreSentences('深翻要翻多深', [term('深翻'), term('作业')], ranked)[0].text).toContain('30厘米');
    expect(scoreSentences('深翻作业的要求', [term('深翻'), term('作业')], ranked)[0].text).not.toContain('30厘米');
  });
});
