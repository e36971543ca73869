import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { benchHybrid, readRetrievalCases } from '../../src/model/bench-hybrid.ts';
import { createModelAnswerer } from '../../src/model/model-answerer.ts';
import { openDatabase, type SqliteDatabase } from '../../src/database/database.ts';
import { chatText, type RecordedRequest } from '../support/fake-openai-server.ts';
import { useFakeOpenAiServer } from '../support/use-fake-openai-server.ts';
import { FARMER, modelConfig, offlineAnswerer, testRuntime } from './model-test-kit.ts';

const KNOWLEDGE_DIR = resolve(import.meta.dirname, '../../knowledge');
let dataDir: string;
let db: SqliteDatabase;
let knowledge: KnowledgeBase;
const fake = useFakeOpenAiServer();

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'gengbao-model-'));
  db = openDatabase(dataDir);
  knowledge = createKnowledgeBase({ knowledgeDir: KNOWLEDGE_DIR, db });
  knowledge.ensureIndexed();
});
afterAll(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A scripted model that cites whichever given passage holds the needle. */
const citeThePassageWith = (needle: string, answer: (id: number) => string) => (request: RecordedRequest) => {
  const system: string = request.body.messages[0].content;
  const passages = [...system.matchAll(/<passage id="(\d+)">([\s\S]*?)<\/passage>/g)];
  const found = passages.find((match) => match[2].replace(/\s+/g, '').includes(needle));
  return chatText(found ? answer(Number(found[1])) : '资料中未找到');
};

describe('model answerer over the real knowledge base', () => {
  it('answers 第二档补助标准 from the retrieved 法库 passage with its 文号', async () => {
    const config = modelConfig(fake.baseURL);
    const { runtime } = testRuntime(config);
    const answerer = createModelAnswerer({ config, knowledge, fallback: offlineAnswerer(knowledge), runtime });
    fake.enqueueChat(citeThePassageWith('第二档不高于58元/亩', (id) => `第二档作业补助不高于58元/亩[${id}]。`));

    const answer = await answerer.answer('第二档补助标准是多少？', FARMER);
    expect(answer.status).toBe('answered');
    expect(answer.answer).toBe('第二档作业补助不高于58元/亩[1]。');
    expect(answer.citations[0]).toMatchObject({ doc: '002_79c350805b434cf5.txt', docNumber: '法农农发〔2022〕16号' });
    expect(answer.citations[0].quote.replace(/\s+/g, '')).toContain('第二档不高于58元/亩');
  });

  it('runs the hybrid bench hook end to end (quality is not measured against the fake)', async () => {
    const config = modelConfig(fake.baseURL, { OPENAI_EMBEDDING_MODEL: 'bge-test' });
    const cases = readRetrievalCases(resolve(import.meta.dirname, 'fixtures/retrieval-cases.jsonl'));
    const report = await benchHybrid({ config, knowledge, db, cases });
    expect(report.lexical.mustTotal).toBe(5);
    expect(report.hybrid.mustTotal).toBe(5);
  });
});
