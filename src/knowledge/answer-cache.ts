import type { Answer } from '../core/types.ts';
import { failedIndexReply } from './replies.ts';
import type { AnswerContext, KnowledgeBase } from './types.ts';

/**
 * The offline answer depends only on the question, the asker's region and the indexed documents, not on who
 * asks: the same question from the same region is answered once and then read back (a county's farmers ask
 * the same few things). Every index run (start, an upload) empties the cache; a failed search is never kept.
 * Least recently used entries go first once `size` answers are kept.
 */
export function withAnswerCache<K extends KnowledgeBase>(knowledge: K, size: number): K {
  if (size <= 0) return knowledge;
  const answers = new Map<string, Answer>();
  const copy = (answer: Answer): Answer => ({ ...answer, citations: answer.citations.map((citation) => ({ ...citation })) });
  const keyOf = (question: string, context?: AnswerContext) => {
    const region = context?.region;
    return `${region?.province ?? ''}\u0001${region?.city ?? ''}\u0001${region?.county ?? ''}\u0001${question}`;
  };
  const failed = failedIndexReply();
  return {
    ...knowledge,
    ensureIndexed(options) {
      try {
        return knowledge.ensureIndexed(options);
      } finally {
        answers.clear();
      }
    },
    ...(knowledge.ensureIndexedAsync
      ? {
          async ensureIndexedAsync(options) {
            try {
              return await knowledge.ensureIndexedAsync!(options);
            } finally {
              answers.clear();
            }
          },
        }
      : {}),
    answer(question, context) {
      const key = keyOf(String(question ?? ''), context);
      const kept = answers.get(key);
      if (kept) {
        // re-inserted: the Map's order is the order of last use
        answers.delete(key);
        answers.set(key, kept);
        return copy(kept);
      }
      const answer = knowledge.answer(question, context);
      if (answer.answer === failed) return answer;
      answers.set(key, copy(answer));
      if (answers.size > size) answers.delete(answers.keys().next().value!);
      return answer;
    },
  } as K;
}
