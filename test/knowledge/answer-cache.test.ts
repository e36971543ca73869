import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../../src/channels/channel-logger.ts';
import { createAnswerCache, withAnswerCache } from '../../src/knowledge/answer-cache.ts';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { failedIndexReply } from '../../src/knowledge/replies.ts';
import type { Answer } from '../../src/core/types.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { documentsFolderPerTest } from './corpus-fixture.ts';

const PLAN = '002_79c350805b434cf5.txt';
const TASK = '三面船镇的任务面积是多少？';
const STANDARD = '第二档补助标准是多少';

const plan = documentsFolderPerTest('gengbao-answer-cache-', [PLAN]);

/** The real knowledge base over the plan, with a count of the answers it actually worked out. */
function countedKnowledge(): { knowledge: KnowledgeBase; worked: () => number } {
  const real = createKnowledgeBase({ knowledgeDir: plan.folder, db: plan.db, logger: createRecordingLogger() });
  let worked = 0;
  return {
    knowledge: {
      ...real,
      answer: (question, context) => {
        worked++;
        return real.answer(question, context);
      },
    },
    worked: () => worked,
  };
}

describe('the answer cache', () => {
  it('answers a repeated question from the same region once, with the same answer, and a copy the caller may change', () => {
    const { knowledge, worked } = countedKnowledge();
    const cached = withAnswerCache(knowledge, 10);
    cached.ensureIndexed();
    const first = cached.answer(TASK);
    expect(first.answer).toContain('2.91');
    first.citations[0].quote = 'changed by a caller';
    first.answer = 'changed';
    const again = cached.answer(TASK);
    expect(again).toEqual(knowledge.answer(TASK));
    expect(again.citations[0].quote).not.toBe('changed by a caller');
    expect(worked()).toBe(2); // the first question, and the uncached comparison above

    // another region is another answer (the asker's region decides which documents come first)
    cached.answer(TASK, { region: { province: '辽宁省', city: '沈阳市', county: '法库县' } });
    expect(worked()).toBe(3);
    cached.answer(TASK, { region: { province: '辽宁省', city: '沈阳市', county: '法库县' } });
    expect(worked()).toBe(3);
  });

  it('forgets every answer when the documents are indexed again (a removed document no longer answers)', async () => {
    const { knowledge, worked } = countedKnowledge();
    const cached = withAnswerCache(knowledge, 10);
    cached.ensureIndexed();
    expect(cached.answer(TASK).status).toBe('answered');
    rmSync(join(plan.folder, 'docs', PLAN));
    await cached.ensureIndexedAsync!();
    expect(cached.answer(TASK).status).toBe('no_answer');
    expect(worked()).toBe(2);
  });

  it('keeps the most recently used answers only, and never a failed search', () => {
    const { knowledge, worked } = countedKnowledge();
    const cached = withAnswerCache(knowledge, 2);
    cached.ensureIndexed();
    cached.answer(TASK);
    cached.answer(STANDARD);
    cached.answer(TASK);
    cached.answer('秸秆还田什么时候开始');
    expect(worked()).toBe(3);
    cached.answer(TASK);
    expect(worked()).toBe(3);
    cached.answer(STANDARD); // the least recently used one went
    expect(worked()).toBe(4);

    plan.db.exec('DROP TABLE kb_vocab; DROP TABLE kb_fts;');
    const question = '三面船镇的保护性耕作任务是多少？';
    expect(cached.answer(question).answer).toBe(failedIndexReply());
    expect(cached.answer(question).answer).toBe(failedIndexReply());
    expect(worked()).toBe(6);
  });

  it('keeps an answer worked out elsewhere (a promise, as from the answering threads), unless the documents were indexed meanwhile', async () => {
    const { knowledge, worked } = countedKnowledge();
    knowledge.ensureIndexed();
    const cache = createAnswerCache(10);
    const elsewhere = () => Promise.resolve(knowledge.answer(TASK));
    const first = await cache.remember(TASK, undefined, elsewhere);
    expect(first.answer).toContain('2.91');
    expect(await cache.remember(TASK, undefined, elsewhere)).toEqual(first);
    expect(worked()).toBe(1);

    let finish!: () => void;
    const slow = cache.remember(STANDARD, undefined, () => new Promise<Answer>((resolve) => (finish = () => resolve(knowledge.answer(STANDARD)))));
    cache.clear(); // an index run while the answer was being worked out
    finish();
    expect((await slow).status).toBe('answered');
    await cache.remember(STANDARD, undefined, elsewhere);
    expect(worked()).toBe(3);
  });

  it('is off with size 0', () => {
    const { knowledge } = countedKnowledge();
    expect(withAnswerCache(knowledge, 0)).toBe(knowledge);
  });
});
