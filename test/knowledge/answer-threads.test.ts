import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { createRecordingLogger } from '../../src/channels/channel-logger.ts';
import { loadConfig } from '../../src/config.ts';
import { createAnswerThreads, type AnswerThreads } from '../../src/knowledge/answer-threads.ts';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { openDatabase, type SqliteDatabase } from '../../src/database/database.ts';
import { REPO_KNOWLEDGE } from './corpus-fixture.ts';

const PLAN = '002_79c350805b434cf5.txt';
const NATIONAL = '000_72c50ba053a96a9e.txt';
const QUESTIONS = readFileSync(join(REPO_KNOWLEDGE, '..', 'eval', 'dev-qa.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { q: string }).q);
const REGION = { region: { province: '辽宁省', city: '沈阳市', county: '法库县' } };

let folder: string | undefined;
let db: SqliteDatabase | undefined;
let threads: AnswerThreads | undefined;
let app: App | undefined;
afterEach(async () => {
  await threads?.close();
  await app?.shutdown();
  db?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  threads = app = db = folder = undefined;
});

async function untilReady(pool: AnswerThreads, count: number): Promise<void> {
  for (let waited = 0; pool.ready < count; waited += 50) {
    if (waited > 60_000) throw new Error('answer threads not ready in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('answers worked out in worker threads (GENGBAO_ANSWER_THREADS)', () => {
  it('give exactly the main thread’s answers, follow a re-index, and fall back to the main thread when none is ready', async () => {
    folder = mkdtempSync(join(tmpdir(), 'gengbao-answer-threads-'));
    mkdirSync(join(folder, 'docs'));
    for (const name of [PLAN, NATIONAL]) copyFileSync(join(REPO_KNOWLEDGE, 'docs', name), join(folder, 'docs', name));
    db = openDatabase(join(folder, 'data'));
    const knowledge = createKnowledgeBase({ knowledgeDir: folder, db, logger: createRecordingLogger() });
    knowledge.ensureIndexed();
    let fallbacks = 0;
    const logger = createRecordingLogger();
    threads = createAnswerThreads({ knowledgeDir: folder, databaseFile: db.name, threads: 2, logger, fallback: (question, context) => (fallbacks++, knowledge.answer(question, context)) });
    await untilReady(threads, 2);

    const asked = [...QUESTIONS.map((question) => [question, undefined] as const), ...QUESTIONS.slice(0, 6).map((question) => [question, REGION] as const)];
    const inThreads = await Promise.all(asked.map(([question, context]) => threads!.answer(question, context)));
    expect(inThreads).toEqual(asked.map(([question, context]) => knowledge.answer(question, context)));
    expect(inThreads.filter((answer) => answer.status === 'answered').length).toBeGreaterThan(5);
    expect(fallbacks).toBe(0);

    // the plan goes: the main thread re-indexes, the threads reopen the index before their next question
    const task = '三面船镇的任务面积是多少？';
    expect((await threads.answer(task)).answer).toContain('2.91');
    rmSync(join(folder, 'docs', PLAN));
    knowledge.ensureIndexed();
    threads.reindexed();
    expect(threads.ready).toBe(0);
    expect(await threads.answer(task)).toEqual(knowledge.answer(task)); // no thread ready: the main thread answers
    expect(fallbacks).toBe(1);
    await untilReady(threads, 2);
    expect(await threads.answer(task)).toEqual(knowledge.answer(task));
    expect((await threads.answer(task)).answer).not.toContain('2.91');
    expect(logger.lines).toEqual([]);
  }, 120_000);

  it('serve the app’s questions when GENGBAO_ANSWER_THREADS is set, with the same replies as without', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gengbao-answer-threads-app-'));
    folder = dataDir;
    const plain = await createApp(loadConfig({ knowledge: REPO_KNOWLEDGE, data: join(dataDir, 'plain') }, { GENGBAO_ANSWER_CACHE: '0' }));
    const expected: string[] = [];
    try {
      for (const question of QUESTIONS.slice(0, 8)) expected.push((await plain.conversation.handle({ channel: 'test', userId: 'a', text: question }))[0].text);
    } finally {
      await plain.shutdown();
    }
    app = await createApp(loadConfig({ knowledge: REPO_KNOWLEDGE, data: join(dataDir, 'threads') }, { GENGBAO_ANSWER_THREADS: '2', GENGBAO_ANSWER_CACHE: '0' }));
    await untilReady(app.answerThreads!, 2);
    const replies = await Promise.all(QUESTIONS.slice(0, 8).map((question, i) => app!.conversation.handle({ channel: 'test', userId: `u${i}`, text: question })));
    expect(replies.map((reply) => reply[0].text)).toEqual(expected);
  }, 120_000);
});
