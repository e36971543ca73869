import type { KnowledgeBase, SearchHit } from '../knowledge/types.ts';

/** Where the passages for a grounded answer come from (full-text, or hybrid with embeddings). */
export interface PassageRetriever {
  retrieve(question: string, limit: number): Promise<SearchHit[]>;
}

export function createLexicalRetriever(knowledge: Pick<KnowledgeBase, 'search'>): PassageRetriever {
  return { retrieve: async (question, limit) => knowledge.search(question, { limit }) };
}
