import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judge } from '../../src/bench/eval-runner.ts';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { nearestClauseReply } from '../../src/knowledge/replies.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { openDatabase, type SqliteDatabase } from '../../src/database/database.ts';
import { REPO_KNOWLEDGE } from './corpus-fixture.ts';

/** The five documents of the corpus and a 第X条 办法 (test/knowledge/fixtures/unseen) in one index. */
const UNSEEN = resolve(import.meta.dirname, 'fixtures/unseen');
const MEASURES = 'baishi-farmland-project-measures.txt';
const DECLINE_OPENING = '文件里没有找到直接回答这个问题的内容。';

let knowledge: KnowledgeBase;
let db: SqliteDatabase;

beforeAll(() => {
  const folder = mkdtempSync(join(tmpdir(), 'gengbao-nearest-'));
  mkdirSync(join(folder, 'docs'));
  for (const dir of [join(REPO_KNOWLEDGE, 'docs'), UNSEEN]) for (const name of readdirSync(dir)) copyFileSync(join(dir, name), join(folder, 'docs', name));
  db = openDatabase(mkdtempSync(join(tmpdir(), 'gengbao-nearest-data-')));
  knowledge = createKnowledgeBase({ knowledgeDir: folder, db });
  knowledge.ensureIndexed();
});
afterAll(() => db.close());

describe('a declined question the documents come close to', () => {
  it('says the documents do not answer it, then quotes the closest whole clause with its article and citation', () => {
    // the 办法 names 监理制 but no company
    const reply = knowledge.answer('高标准农田项目的监理单位是哪家公司');
    expect(reply.status).toBe('no_answer');
    expect(reply.answer.startsWith(DECLINE_OPENING)).toBe(true);
    expect(reply.answer).not.toContain('没有讲到');
    expect(reply.answer).toContain('最接近的是《');
    expect(reply.answer).toMatch(/「第六条项目实行法人制、招投标制、监理制和合同制。」（仅供参考，请以原文为准）$/);
    expect(reply.citations).toHaveLength(1);
    expect(reply.citations[0]).toMatchObject({ doc: MEASURES, section: expect.stringContaining('第六条'), quote: '第六条项目实行法人制、招投标制、监理制和合同制。' });
  });

  it('stays a decline for the eval: a no-answer line passes, an answer line does not', () => {
    const reply = knowledge.answer('高标准农田项目的监理单位是哪家公司');
    expect(judge({ id: 'n1', q: '', expect: 'no_answer' }, reply)).toBe(true);
    expect(judge({ id: 'n2', q: '', must: ['监理制'] }, reply)).toBe(false);
  });

  it('gives the plain decline with examples and no quote to questions about something else', () => {
    for (const question of ['明天天气怎么样', '残疾人两项补贴标准是多少', '医保一年交多少钱', '残疾人托养服务有哪几种方式？', '河口乡的乡长是谁', '宅基地最多能批多大', '12345', '😀😀😀', '']) {
      const reply = knowledge.answer(question);
      expect(reply.status, question).toBe('no_answer');
      expect(reply.citations, question).toEqual([]);
      expect(reply.answer, question).not.toContain('最接近');
    }
  });
});

describe('nearestClauseReply', () => {
  it('names the article, or a short heading, once', () => {
    expect(nearestClauseReply('某县办法', '第十二条', '补助资金按季度拨付。')).toBe(`${DECLINE_OPENING}\n最接近的是《某县办法》第十二条：「补助资金按季度拨付。」（仅供参考，请以原文为准）`);
    expect(nearestClauseReply('某县办法', '第十二条', '第十二条补助资金按季度拨付。')).toContain('最接近的是《某县办法》：「第十二条');
    expect(nearestClauseReply('某县方案', '四、扶持政策', '每亩补助40元。')).toContain('《某县方案》“四、扶持政策”部分：「');
    expect(nearestClauseReply('某县方案', '（三）实行差异化作业补助并开展抽查核验工作', '每亩补助40元。')).toContain('《某县方案》：「');
  });

  it('puts the notice of another region or year before the quote', () => {
    const lines = nearestClauseReply('甲县2023年方案', '', '每亩补助40元。', '注：没有找到2025年的文件，以下出自2023年的《甲县2023年方案》。').split('\n');
    expect(lines).toEqual([DECLINE_OPENING, '注：没有找到2025年的文件，以下出自2023年的《甲县2023年方案》。', '最接近的是《甲县2023年方案》：「每亩补助40元。」（仅供参考，请以原文为准）']);
  });
});
