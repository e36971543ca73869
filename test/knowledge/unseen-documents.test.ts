import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvalFile, runEval } from '../../src/bench/eval-runner.ts';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { openDatabase, type SqliteDatabase } from '../../src/database/database.ts';
import { REPO_KNOWLEDGE } from './corpus-fixture.ts';

/** Two documents written in other styles than the corpus (markdown with a pipe table; 第X章/第X条 articles with a 附表), beside the five. */
const UNSEEN = resolve(import.meta.dirname, 'fixtures/unseen');
const SUBSIDY = 'qinghe-2025-land-fertility-subsidy.md';
const MEASURES = 'baishi-farmland-project-measures.txt';

let knowledge: KnowledgeBase;
let db: SqliteDatabase;

beforeAll(() => {
  const folder = mkdtempSync(join(tmpdir(), 'gengbao-unseen-'));
  mkdirSync(join(folder, 'docs'));
  for (const dir of [join(REPO_KNOWLEDGE, 'docs'), UNSEEN]) for (const name of readdirSync(dir)) copyFileSync(join(dir, name), join(folder, 'docs', name));
  db = openDatabase(mkdtempSync(join(tmpdir(), 'gengbao-unseen-data-')));
  knowledge = createKnowledgeBase({ knowledgeDir: folder, db });
  knowledge.ensureIndexed();
});
afterAll(() => db.close());

const meta = (doc: string) => JSON.parse((db.prepare('SELECT meta FROM kb_documents WHERE doc = ?').get(doc) as { meta: string }).meta);
const chunks = (doc: string) => db.prepare('SELECT section, text, kind FROM kb_chunks WHERE doc = ? ORDER BY ord').all(doc) as Array<{ section: string; text: string; kind: string }>;

describe('documents nobody has seen', () => {
  it('reads title, 文号, issuer, date and region of a markdown plan', () => {
    expect(meta(SUBSIDY)).toMatchObject({ title: '青禾县2025年耕地地力保护补贴实施方案', docNumber: '青农发〔2025〕8号', date: '2025-03-18', region: '青禾县' });
    expect(meta(SUBSIDY).issuer).toContain('青禾县财政局');
    expect(meta(MEASURES)).toMatchObject({ docNumber: '白农规〔2024〕3号', issuer: '白石县农业农村局', date: '2024-11-06', region: '白石县' });
  });

  it('turns a markdown pipe table into rows with their headers', () => {
    const rows = chunks(SUBSIDY).filter((chunk) => chunk.kind === 'row');
    expect(rows.map((row) => row.text)).toContain('河口乡 · 补贴面积（万亩） 5.48 · 补贴资金（万元） 575.40');
    expect(rows.every((row) => !row.text.includes('---'))).toBe(true);
    expect(rows[0].section).toBe('青禾县2025年耕地地力保护补贴实施方案 › 二、补贴标准');
  });

  it('gives each 第X条 article its chapter and number as section path', () => {
    const article = chunks(MEASURES).find((chunk) => chunk.text.includes('3000元'));
    expect(article?.section).toBe('白石县高标准农田建设项目管理办法 › 第二章 建设内容与标准 › 第四条');
    const table = chunks(MEASURES).find((chunk) => chunk.text.startsWith('云岭乡'));
    expect(table?.text).toBe('云岭乡 · 新建面积（亩） 6500 · 改造提升面积（亩） 1500 · 财政投入（万元） 2175');
    expect(table?.section).toMatch(/附表.*2025年高标准农田建设任务分解表/);
  });

  it('answers the unseen-documents eval set and declines what they do not say', () => {
    const { cases } = readEvalFile(resolve(import.meta.dirname, '../../eval/unseen-docs.jsonl'));
    const { summary } = runEval(cases, (question) => knowledge.answer(question));
    expect(summary.declined).toBe(summary.declineTotal);
    expect(summary.mustRate).toBeGreaterThanOrEqual(0.85);
  });

  it('cites the article of an answer', () => {
    const answer = knowledge.answer('高标准农田建成后管护期限多少年？');
    expect(answer.status).toBe('answered');
    expect(answer.citations[0]).toMatchObject({ doc: MEASURES, section: expect.stringContaining('第八条') });
  });

  it('declines in at most three short lines, with examples the documents do answer', () => {
    const reply = knowledge.answer('县城房价多少钱一平？');
    expect(reply.status).toBe('no_answer');
    const lines = reply.answer.split('\n');
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines[0]).toContain('没有讲到');
    const examples = [...reply.answer.matchAll(/「([^」]+)」/g)].map((match) => match[1]);
    expect(examples.length).toBeGreaterThanOrEqual(1);
    for (const example of examples) expect(knowledge.answer(example).status).toBe('answered');
  });
});
