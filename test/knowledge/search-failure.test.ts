import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../../src/channels/channel-logger.ts';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { failedIndexReply } from '../../src/knowledge/replies.ts';
import { openDatabase, type SqliteDatabase } from '../../src/store/database.ts';
import { REPO_KNOWLEDGE } from './corpus-fixture.ts';

const PLAN = '002_79c350805b434cf5.txt';

let folder: string;
let db: SqliteDatabase;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'gengbao-search-failure-'));
  mkdirSync(join(folder, 'docs'));
  copyFileSync(join(REPO_KNOWLEDGE, 'docs', PLAN), join(folder, 'docs', PLAN));
  db = openDatabase(join(folder, 'data'));
});
afterEach(() => {
  db.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('a failing search', () => {
  it('is logged, and the question gets a Chinese message saying the library cannot be searched', () => {
    const logger = createRecordingLogger();
    const knowledge = createKnowledgeBase({ knowledgeDir: folder, db, logger });
    knowledge.ensureIndexed();
    expect(knowledge.answer('三面船镇的任务面积是多少？').status).toBe('answered');
    expect(knowledge.search('三面船镇任务面积').length).toBeGreaterThan(0);
    expect(logger.lines).toEqual([]);

    // The full-text table disappears under the running bot (a damaged or replaced data file).
    db.exec('DROP TABLE kb_vocab; DROP TABLE kb_fts;');
    const answer = knowledge.answer('三面船镇的任务面积是多少？');
    expect(answer).toMatchObject({ status: 'no_answer', answer: failedIndexReply() });
    expect(answer.answer).toMatch(/资料库暂时无法查询/);
    expect(knowledge.search('三面船镇任务面积')).toEqual([]);
    expect(logger.lines).toHaveLength(2);
    for (const line of logger.lines) expect(line).toMatch(/^error \[knowledge\] 检索失败：三面船镇.* \(.*kb_fts/);
  });
});
