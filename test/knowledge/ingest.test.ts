import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { openDatabase, openMemoryDatabase, type SqliteDatabase } from '../../src/database/database.ts';
import { REPO_KNOWLEDGE } from './corpus-fixture.ts';

const PLAN = '002_79c350805b434cf5.txt';
const NATIONAL = '000_72c50ba053a96a9e.txt';

let folder: string;
let docs: string;
let db: SqliteDatabase;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'gengbao-knowledge-'));
  docs = join(folder, 'docs');
  mkdirSync(docs);
  for (const name of [PLAN, NATIONAL]) copyFileSync(join(REPO_KNOWLEDGE, 'docs', name), join(docs, name));
  db = openDatabase(join(folder, 'data'));
});
afterEach(() => {
  db.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('incremental ingest', () => {
  it('does no work for unchanged files and re-indexes only a changed one', () => {
    const knowledge = createKnowledgeBase({ knowledgeDir: folder, db });
    expect(knowledge.ensureIndexed()).toMatchObject({ indexed: [NATIONAL, PLAN], unchanged: [], failed: [] });
    expect(knowledge.ensureIndexed()).toMatchObject({ indexed: [], unchanged: [NATIONAL, PLAN], removed: [] });

    writeFileSync(join(docs, PLAN), '\n补充说明：本方案自印发之日起施行。\n', { flag: 'a' });
    expect(knowledge.ensureIndexed()).toMatchObject({ indexed: [PLAN], unchanged: [NATIONAL] });

    // a second knowledge base on the same database (a restart) also sees nothing to do
    const restarted = createKnowledgeBase({ knowledgeDir: folder, db });
    expect(restarted.ensureIndexed()).toMatchObject({ indexed: [], unchanged: [NATIONAL, PLAN] });
    expect(restarted.answer('三面船镇的任务面积是多少？').answer).toContain('2.91');
  });

  it('removes a deleted file from the index', () => {
    const knowledge = createKnowledgeBase({ knowledgeDir: folder, db });
    knowledge.ensureIndexed();
    rmSync(join(docs, PLAN));
    expect(knowledge.ensureIndexed()).toMatchObject({ removed: [PLAN], unchanged: [NATIONAL] });
    const answer = knowledge.answer('三面船镇的任务面积是多少？');
    expect(answer.answer).not.toContain('三面船镇');
    expect(answer.citations.map((citation) => citation.doc)).not.toContain(PLAN);
    expect(knowledge.search('三面船镇').map((hit) => hit.doc)).not.toContain(PLAN);
  });

  it('indexes a plain folder of documents given as --knowledge (no docs/ subfolder)', () => {
    const knowledge = createKnowledgeBase({ knowledgeDir: docs, db: openMemoryDatabase() });
    expect(knowledge.ensureIndexed().indexed).toEqual([NATIONAL, PLAN]);
  });
});

describe('corrupt and unreadable files', () => {
  it('names each bad file with a reason, skips it and indexes the rest', () => {
    writeFileSync(join(docs, 'garbage.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0xff, 0xfe]));
    writeFileSync(join(docs, 'gbk.txt'), Buffer.from([0xb8, 0xfb, 0xb5, 0xd8, 0xb1, 0xa3, 0xbb, 0xa4, 0x0a]));
    writeFileSync(join(docs, 'scan.pdf'), '%PDF-1.4');
    const knowledge = createKnowledgeBase({ knowledgeDir: folder, db });
    const report = knowledge.ensureIndexed();
    expect(report.indexed).toEqual([NATIONAL, PLAN]);
    expect(report.failed.map((failure) => failure.doc).sort()).toEqual(['garbage.txt', 'gbk.txt', 'scan.pdf']);
    expect(report.failed.find((failure) => failure.doc === 'gbk.txt')?.reason).toContain('UTF-8');
    expect(knowledge.answer('第二档补助标准是多少？').answer).toContain('58');
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it has no permission to read', () => {
    writeFileSync(join(docs, 'secret.txt'), '耕地保护');
    chmodSync(join(docs, 'secret.txt'), 0o000);
    const report = createKnowledgeBase({ knowledgeDir: folder, db }).ensureIndexed();
    expect(report.failed).toContainEqual({ doc: 'secret.txt', reason: '没有读取权限' });
  });
});

describe('metadata', () => {
  it('infers title, 文号, issuer, date and region from the text', () => {
    createKnowledgeBase({ knowledgeDir: folder, db }).ensureIndexed();
    const row = db.prepare('SELECT meta FROM kb_documents WHERE doc = ?').get(PLAN) as { meta: string };
    expect(JSON.parse(row.meta)).toMatchObject({
      docNumber: '法农农发〔2022〕16号',
      date: '2022-05-11',
      region: '法库县',
      title: expect.stringContaining('法库县2022年黑土地保护性耕作项目实施方案'),
    });
  });

  it('takes metadata given beside a document', () => {
    writeFileSync(join(docs, `${NATIONAL}.meta.json`), JSON.stringify({ title: '2020年全国耕地质量监测保护工作要点', program: '耕地质量监测' }));
    const knowledge = createKnowledgeBase({ knowledgeDir: folder, db });
    knowledge.ensureIndexed();
    const answer = knowledge.answer('国家级监测点要达到多少个？');
    expect(answer.citations[0]).toMatchObject({ title: '2020年全国耕地质量监测保护工作要点', docNumber: '耕地办〔2020〕1号' });
  });
});
