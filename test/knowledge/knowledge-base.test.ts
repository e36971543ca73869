import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { failedIndexReply } from '../../src/knowledge/replies.ts';
import { readEvalFile, runEval } from '../../src/bench/eval-runner.ts';
import type { IngestReport, KnowledgeBase } from '../../src/knowledge/types.ts';
import type { SqliteDatabase } from '../../src/database/database.ts';
import { indexCorpus } from './corpus-fixture.ts';
import { resolve } from 'node:path';

const OPINION_PRINTINGS = ['001_8e3e8206cb996402.txt', '004_801e1c0ba3d2f08c.txt'];
const PLAN = '002_79c350805b434cf5.txt';

let knowledge: KnowledgeBase;
let report: IngestReport;
let db: SqliteDatabase;

beforeAll(() => {
  ({ knowledge, report, db } = indexCorpus());
});
afterAll(() => db.close());

describe('cleaning', () => {
  it('keeps the unrelated newspaper articles out of the index', () => {
    const rows = db.prepare('SELECT text FROM kb_chunks WHERE doc IN (?, ?)').all(...OPINION_PRINTINGS) as Array<{ text: string }>;
    expect(rows.length).toBeGreaterThan(10);
    for (const { text } of rows) expect(text).not.toMatch(/出租|陶瓷|唐山|残疾人|宣讲团|童心向党|民政部/);
    expect(report.dropped?.filter((dropped) => OPINION_PRINTINGS.includes(dropped.doc)).length).toBeGreaterThanOrEqual(6);
  });

  it('declines questions about the unrelated articles', () => {
    for (const question of ['出租车司机拾金不昧的有哪些人？', '陶瓷彩绘工比赛在哪里举行？', '残疾人托养服务有哪几种方式？', '唐山绿色低碳转型有哪些建议？']) {
      expect(knowledge.answer(question).status, question).toBe('no_answer');
    }
  });

  it('declines a programme the corpus does not cover even when the question shares its year with a clause', () => {
    // 深松 is a noun of the question (domain-terms.txt): a 2025 clause about 延包 subsidies is no answer to it
    for (const question of ['2025年深松补助标准是多少', '深松补助标准是多少']) expect(knowledge.answer(question).status, question).toBe('no_answer');
  });

  it('rejoins a sentence broken by a page break', () => {
    const { answer } = knowledge.answer('国家级监测点要达到多少个？');
    expect(answer).toContain('结合实施高标准农田建设等项目');
    expect(answer).toContain('1500');
  });
});

describe('near-duplicate printings', () => {
  it('records 004 as a printing of 001 (the better-laid-out one wins)', () => {
    expect(report.duplicates).toContainEqual({ doc: OPINION_PRINTINGS[1], duplicateOf: OPINION_PRINTINGS[0] });
  });

  it('answers a question about the 2024 opinion from one printing, once', () => {
    const answer = knowledge.answer('国家多久对省级党委和政府落实耕地保护责任进行考核？');
    expect(answer.status).toBe('answered');
    // one printing only (several sentences of it may be quoted; a next-best sentence of another document may fill the room)
    expect(answer.citations[0].doc).toBe(OPINION_PRINTINGS[0]);
    expect(answer.citations.some((citation) => citation.doc === OPINION_PRINTINGS[1])).toBe(false);
    const hits = knowledge.search('耕地保护责任考核 国家每年', { limit: 10 });
    expect(hits.some((hit) => hit.doc === OPINION_PRINTINGS[1])).toBe(false);
  });
});

describe('structure', () => {
  it('keeps a table row with its header', () => {
    const answer = knowledge.answer('三面船镇的任务面积是多少？');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('2.91');
    expect(answer.citations[0]).toMatchObject({ doc: PLAN, docNumber: '法农农发〔2022〕16号' });
    expect(answer.citations[0].quote).toContain('三面船镇 · 任务面积（万亩） 2.91');
  });

  it('gives passages their section path', () => {
    const answer = knowledge.answer('第一档作业补助标准是多少？');
    expect(answer.citations[0].section).toBe('法库县2022年黑土地保护性耕作项目实施方案 › 四、扶持政策 › （三）实行差异化作业补助 › 2. 补助标准');
    expect(answer.answer).toContain('不高于38元/亩');
    const hit = knowledge.search('酸化耕地治理 物化补助', { limit: 3 })[0];
    expect(hit.section).toContain('附件7 2026年福建省酸化耕地治理项目实施方案 › 五、资金补助内容');
  });

  it('reads a table split over pages with <b> tags as one table, without invented sums', () => {
    const rows = db.prepare("SELECT text FROM kb_chunks WHERE kind = 'row' AND text LIKE '%三明市小计%'").all() as Array<{ text: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0].text).not.toContain('<b>');
    expect(rows[0].text).toContain('合计 2725.45');
    const pingtan = knowledge.answer('平潭综合实验区分到多少资金？');
    expect(pingtan.answer).toContain('14.9');
  });
});

describe('bad input', () => {
  const inputs = ['', '   ', '？？？', '😀😀😀', 'a'.repeat(10_000), '耕'.repeat(10_000), "'; DROP TABLE kb_chunks; --", 'SELECT * FROM kb_fts', '"补助', '补助*', 'NEAR(补助 标准)', '补助:标准', '(第二档', '-补助 AND OR NOT', 'mixed 第二档 standard 😀 ñ', '\u0000\u0001'];
  it('never throws and always replies', () => {
    // search catches and logs its failures, so "does not throw" says nothing: nothing may be logged either.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const input of inputs) {
      const answer = knowledge.answer(input);
      expect(['answered', 'no_answer']).toContain(answer.status);
      expect(answer.answer.length).toBeGreaterThan(0);
      expect(answer.answer).not.toBe(failedIndexReply());
      expect(Array.isArray(knowledge.search(input))).toBe(true);
    }
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
    expect(knowledge.answer('a'.repeat(10_000)).answer).toContain('10000');
    expect((db.prepare('SELECT count(*) AS n FROM kb_chunks').get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('survives any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), (text) => {
        const answer = knowledge.answer(text);
        return answer.status === 'answered' || answer.status === 'no_answer';
      }),
      { numRuns: 150 },
    );
  });
});

describe('eval contract', () => {
  it('passes ≥ 90% of dev-qa must questions and declines every no_answer question', () => {
    const { cases, errors } = readEvalFile(resolve(import.meta.dirname, '../../eval/dev-qa.jsonl'));
    expect(errors).toEqual([]);
    const { summary } = runEval(cases, (question) => knowledge.answer(question));
    expect(summary.mustRate).toBeGreaterThanOrEqual(0.9);
    expect(summary.declineRate).toBe(1);
  });
});
