import { describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../../src/channels/channel-logger.ts';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { failedIndexReply } from '../../src/knowledge/replies.ts';
import { documentsFolderPerTest } from './corpus-fixture.ts';

const PLAN = '002_79c350805b434cf5.txt';

const plan = documentsFolderPerTest('gengbao-search-failure-', [PLAN]);

describe('a failing search', () => {
  it('is logged, and the question gets a Chinese message saying the library cannot be searched', () => {
    const logger = createRecordingLogger();
    const knowledge = createKnowledgeBase({ knowledgeDir: plan.folder, db: plan.db, logger });
    knowledge.ensureIndexed();
    expect(knowledge.answer('三面船镇的任务面积是多少？').status).toBe('answered');
    expect(knowledge.search('三面船镇任务面积').length).toBeGreaterThan(0);
    expect(logger.lines).toEqual([]);

    // The full-text table disappears under the running bot (a damaged or replaced data file).
    plan.db.exec('DROP TABLE kb_vocab; DROP TABLE kb_fts;');
    const answer = knowledge.answer('三面船镇的任务面积是多少？');
    expect(answer).toMatchObject({ status: 'no_answer', answer: failedIndexReply() });
    expect(answer.answer).toMatch(/资料库暂时无法查询/);
    expect(knowledge.search('三面船镇任务面积')).toEqual([]);
    expect(logger.lines).toHaveLength(2);
    for (const line of logger.lines) expect(line).toMatch(/^error \[knowledge\] 检索失败：三面船镇.* \(.*kb_fts/);
  });
});
