import type { SqliteDatabase } from '../store/database.ts';
import type { KnowledgeBase } from './types.ts';

export interface KnowledgeBaseOptions {
  knowledgeDir: string;
  db: SqliteDatabase;
}

/** Placeholder until the knowledge module lands: indexes nothing, declines everything. */
export function createKnowledgeBase(_options: KnowledgeBaseOptions): KnowledgeBase {
  return {
    ensureIndexed: () => ({ indexed: [], unchanged: [], removed: [], failed: [] }),
    search: () => [],
    answer: () => ({ status: 'no_answer', answer: '资料库尚未建立。', citations: [] }),
  };
}
