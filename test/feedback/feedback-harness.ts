import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConversation, type Conversation } from '../../src/core/conversation.ts';
import { createAnswerFeedback } from '../../src/feedback/answer-feedback.ts';
import { createSqliteFeedbackStore } from '../../src/feedback/feedback-store.ts';
import { createFeedbackSkill } from '../../src/feedback/feedback-skill.ts';
import { questionFeatures } from '../../src/feedback/question-features.ts';
import type { FeedbackStore } from '../../src/feedback/types.ts';
import { openDatabase, type SqliteDatabase } from '../../src/database/database.ts';
import { createSqliteSessionStore } from '../../src/core/session-store.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { createSqliteUserStore, type UserStore } from '../../src/users/user-store.ts';
import { createFakeAnswerer } from '../support/fake-answerer.ts';

export const KNOWLEDGE = join(import.meta.dirname, '..', '..', 'knowledge');

export const ANSWERS = {
  第二档补助标准是多少: '第二档补助标准为每亩40元。',
  秸秆还田什么时候开始: '秋收后开始。',
};

export interface FeedbackHarness {
  db: SqliteDatabase;
  conversation: Conversation;
  store: FeedbackStore;
  users: UserStore;
  dataDir: string;
}

/** The conversation core with the feedback parts as the app wires them, over a real SQLite file; answers from a fixed table. */
export function feedbackHarness(now: () => Date = () => new Date()): FeedbackHarness {
  const dataDir = mkdtempSync(join(tmpdir(), 'gengbao-feedback-'));
  const db = openDatabase(dataDir);
  const store = createSqliteFeedbackStore(db);
  const users = createSqliteUserStore(db, loadUnits(KNOWLEDGE));
  const conversation = createConversation({
    sessions: createSqliteSessionStore(db),
    answerer: createFakeAnswerer(ANSWERS),
    skills: [createFeedbackSkill({ store, features: () => questionFeatures(KNOWLEDGE) })],
    users,
    answers: createAnswerFeedback(store),
    now,
  });
  return { db, conversation, store, users, dataDir };
}
