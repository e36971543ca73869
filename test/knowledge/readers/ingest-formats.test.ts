import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../../src/knowledge/knowledge-base.ts';
import { ingestFolder } from '../../../src/knowledge/ingest.ts';
import { createIndexStore } from '../../../src/knowledge/index-store.ts';
import { detectTools } from '../../../src/knowledge/readers/system-tools.ts';
import { createReaderPool } from '../../../src/knowledge/readers/reader-pool.ts';
import { openDatabase, type SqliteDatabase } from '../../../src/database/database.ts';
import { REPO_KNOWLEDGE } from '../corpus-fixture.ts';
import { makeDocx } from '../../../src/bench/fixtures/make-docx.ts';

const PLAN = '002_79c350805b434cf5.txt';

let folder: string;
let docs: string;
let db: SqliteDatabase;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'gengbao-formats-'));
  docs = join(folder, 'docs');
  mkdirSync(docs);
  db = openDatabase(join(folder, 'data'));
});
afterEach(() => {
  db.close();
  rmSync(folder, { recursive: true, force: true });
});

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务分配');
  sheet.addRow(['青禾县2025年秸秆还田任务分配表']);
  sheet.addRow(['乡镇', '还田面积（亩）', '补助标准（元/亩）']);
  sheet.addRow(['东河镇', 3200, 35]);
  sheet.addRow(['西岭乡', 2100, 35]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('a folder of mixed formats', () => {
  it('indexes Word, Excel and web pages, reports each unreadable file by name, and answers from them', async () => {
    const plan = readFileSync(join(REPO_KNOWLEDGE, 'docs', PLAN), 'utf8');
    writeFileSync(join(docs, 'plan.docx'), await makeDocx(plan));
    writeFileSync(join(docs, 'tasks.xlsx'), await workbook());
    writeFileSync(join(docs, 'notice.html'), '<html><body><nav>首页 新闻</nav><article><h1>青禾县关于秸秆还田的通知</h1><p>秸秆还田作业须在2025年11月30日前完成，验收合格后兑付补助。</p></article></body></html>');
    writeFileSync(join(docs, 'empty.pdf'), '');
    writeFileSync(join(docs, 'broken.docx'), 'PK\u0003\u0004 broken');
    writeFileSync(join(docs, 'huge.pdf'), Buffer.alloc(3 * 1024 * 1024, 0x20));
    writeFileSync(join(docs, 'photo.heic'), 'x');
    const knowledge = createKnowledgeBase({ knowledgeDir: folder, db, env: { ...process.env, GENGBAO_MAX_DOC_MB: '2' } });
    const progress: string[] = [];
    const report = knowledge.ensureIndexed({ onProgress: (p) => progress.push(`${p.done}/${p.total}${p.current ? ` ${p.current}` : ''}`) });
    expect(report.indexed).toEqual(['notice.html', 'plan.docx', 'tasks.xlsx']);
    const reasons = Object.fromEntries(report.failed.map((failure) => [failure.doc, failure.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['broken.docx', 'empty.pdf', 'huge.pdf', 'photo.heic']);
    expect(reasons['empty.pdf']).toBe('文件是空的');
    expect(reasons['huge.pdf']).toMatch(/文件过大（3\.0 MB，上限 2\.0 MB）/);
    expect(reasons['broken.docx']).toContain('已损坏');
    expect(reasons['photo.heic']).toContain('不支持的文件类型');
    expect(progress[0]).toBe('0/7 broken.docx');
    expect(progress.at(-1)).toBe('7/7');
    expect(report.elapsedMs).toBeGreaterThanOrEqual(0);

    expect(knowledge.answer('三面船镇的任务面积是多少？').answer).toContain('2.91');
    expect(knowledge.answer('第二档补助标准是多少？').answer).toContain('58');
    expect(knowledge.answer('东河镇秸秆还田面积多少亩？').answer).toContain('3200');
    expect(knowledge.answer('秸秆还田作业什么时候前完成？').answer).toContain('11月30日');
    const planCitation = knowledge.answer('三面船镇的任务面积是多少？').citations[0];
    expect(planCitation).toMatchObject({ doc: 'plan.docx', docNumber: '法农农发〔2022〕16号' });
  });

  it('re-indexing an unchanged folder opens no file, and failures are remembered until the file or the tools change', async () => {
    writeFileSync(join(docs, 'plan.docx'), await makeDocx('# 青禾县实施方案\n一、目标\n完成还田面积3200亩。'));
    writeFileSync(join(docs, 'broken.xlsx'), 'PK\u0003\u0004 broken');
    const aWhileAgo = 1_700_000_000; // whole seconds: the time set back below is exactly the one indexed
    for (const name of ['plan.docx', 'broken.xlsx']) utimesSync(join(docs, name), aWhileAgo, aWhileAgo);
    const knowledge = createKnowledgeBase({ knowledgeDir: folder, db });
    expect(knowledge.ensureIndexed()).toMatchObject({ indexed: ['plan.docx'], failed: [{ doc: 'broken.xlsx' }] });
    // the same size and time but other bytes: a run that opened the file would find it corrupt
    for (const name of ['plan.docx', 'broken.xlsx']) {
      const path = join(docs, name);
      writeFileSync(path, Buffer.alloc(statSync(path).size, 0x21));
      utimesSync(path, aWhileAgo, aWhileAgo);
    }
    expect(knowledge.ensureIndexed()).toMatchObject({ indexed: [], unchanged: ['plan.docx'], failed: [{ doc: 'broken.xlsx', reason: expect.stringContaining('已损坏') }] });
    expect(knowledge.answer('还田面积是多少亩？').answer).toContain('3200');
    // a newer time makes the run read it again: now it is garbage and leaves the index
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(docs, 'plan.docx'), later, later);
    expect(knowledge.ensureIndexed().failed.map((failure) => failure.doc)).toEqual(['broken.xlsx', 'plan.docx']);
  });

  it('writes a run in one transaction: a failure while writing leaves the previous index whole', async () => {
    writeFileSync(join(docs, 'a.txt'), '青禾县实施方案\n\n一、目标\n\n完成还田面积3200亩。\n');
    const store = createIndexStore(db);
    const tools = detectTools();
    const base = { store, knowledgeDir: folder, lexiconVersion: 'x', words: (text: string) => [text], domainTerms: [], readers: () => createReaderPool(), tools };
    ingestFolder({ ...base, segment: (text) => text });
    expect(store.documents().map((document) => document.doc)).toEqual(['a.txt']);
    writeFileSync(join(docs, 'a.txt'), '青禾县实施方案\n\n一、目标\n\n完成还田面积4000亩。\n');
    writeFileSync(join(docs, 'b.txt'), '青禾县另一方案\n\n一、目标\n\n爆炸\n');
    expect(() => ingestFolder({ ...base, segment: (text) => (text.includes('爆炸') ? (() => { throw new Error('disk full'); })() : text) })).toThrow('disk full');
    expect(store.documents().map((document) => document.doc)).toEqual(['a.txt']);
    const row = db.prepare("SELECT text FROM kb_chunks WHERE doc = 'a.txt' AND text LIKE '%亩%'").get() as { text: string };
    expect(row.text).toContain('3200');
  });
});
