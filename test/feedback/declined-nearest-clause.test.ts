import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/core/conversation.ts';
import { createSqliteSessionStore } from '../../src/core/session-store.ts';
import { openDatabase } from '../../src/database/database.ts';
import { createAnswerFeedback } from '../../src/feedback/answer-feedback.ts';
import { createSqliteFeedbackStore } from '../../src/feedback/feedback-store.ts';
import { clusterGaps } from '../../src/feedback/gap-clusters.ts';
import { questionFeatures } from '../../src/feedback/question-features.ts';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { KNOWLEDGE } from './feedback-harness.ts';

/** The 法库县 plan speaks of 作业补助 and its 资金 but names no bank card. */
const NEAR_MISS = '法库县保护性耕作作业补助打到哪个银行卡';

describe('a decline that quotes the closest clause is still logged as declined', () => {
  const db = openDatabase(mkdtempSync(join(tmpdir(), 'gengbao-nearest-feedback-')));
  afterAll(() => db.close());
  const knowledge = createKnowledgeBase({ knowledgeDir: KNOWLEDGE, db });
  knowledge.ensureIndexed();
  const store = createSqliteFeedbackStore(db);
  const conversation = createConversation({
    sessions: createSqliteSessionStore(db),
    answerer: { answer: async (question) => knowledge.answer(question) },
    answers: createAnswerFeedback(store),
  });

  it('no 有用/没用 under it; in the unanswered list with the quoted document as source, and in the gap report', async () => {
    const [reply] = await conversation.handle({ channel: 'web', userId: 'u1', text: NEAR_MISS });
    expect(reply.answerStatus).toBe('no_answer');
    expect(reply.text).toContain('最接近的是《');
    expect(reply.citations).toHaveLength(1);
    expect(reply.buttons).toBeUndefined();
    const logged = await store.unanswered(new Date(0));
    expect(logged).toEqual([expect.objectContaining({ question: NEAR_MISS, reason: 'declined', channel: 'web', sources: [reply.citations![0].doc] })]);
    const [gap] = clusterGaps(logged, questionFeatures(KNOWLEDGE));
    // the report's sources are those of answers voted 没用, not of a decline's pointer
    expect(gap).toMatchObject({ declined: 1, votedDown: 0, sources: [] });
  });
});
