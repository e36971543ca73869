import type { Answer } from '../core/types.ts';
import { failedIndexReply } from './replies.ts';
import type { AnswerContext, KnowledgeBase } from './types.ts';

/**
 * Offline answers by question and asker's region. The answer depends only on those and on the indexed documents,
 * not on who asks: the same question from the same region is worked out once (a county's farmers ask the same few
 * things). Least recently used answers go first once `size` are kept; a failed search is never kept.
 */
export interface AnswerCache {
  get(question: string, context?: AnswerContext): Answer | undefined;
  /** Keeps an answer worked out while `generation` was current; one from before the last clear() is not kept. */
  set(question: string, context: AnswerContext | undefined, answer: Answer, generation: number): void;
  /** Bumped by every clear(). */
  readonly generation: number;
  clear(): void;
  /**
   * The kept answer, or the one `work` gives (kept unless an index run came while it was worked out): the
   * knowledge base answers synchronously, the answering threads with a promise.
   */
  remember(question: string, context: AnswerContext | undefined, work: () => Answer): Answer;
  remember(question: string, context: AnswerContext | undefined, work: () => Promise<Answer>): Promise<Answer>;
}

const copy = (answer: Answer): Answer => ({ ...answer, citations: answer.citations.map((citation) => ({ ...citation })) });

export function createAnswerCache(size: number): AnswerCache {
  const answers = new Map<string, Answer>();
  const failed = failedIndexReply();
  let generation = 0;
  const keyOf = (question: string, context?: AnswerContext) => {
    const region = context?.region;
    return `${region?.province ?? ''}\u0001${region?.city ?? ''}\u0001${region?.county ?? ''}\u0001${String(question ?? '')}`;
  };
  const cache: AnswerCache = {
    get(question, context) {
      const key = keyOf(question, context);
      const kept = answers.get(key);
      if (!kept) return undefined;
      // re-inserted: the Map's order is the order of last use
      answers.delete(key);
      answers.set(key, kept);
      return copy(kept);
    },
    set(question, context, answer, at) {
      if (size <= 0 || at !== generation || answer.answer === failed) return;
      answers.set(keyOf(question, context), copy(answer));
      if (answers.size > size) answers.delete(answers.keys().next().value!);
    },
    get generation() {
      return generation;
    },
    clear() {
      generation++;
      answers.clear();
    },
    remember,
  };
  function remember(question: string, context: AnswerContext | undefined, work: () => Answer): Answer;
  function remember(question: string, context: AnswerContext | undefined, work: () => Promise<Answer>): Promise<Answer>;
  function remember(question: string, context: AnswerContext | undefined, work: () => Answer | Promise<Answer>): Answer | Promise<Answer> {
    const kept = cache.get(question, context);
    if (kept) return kept;
    const at = generation;
    const answer = work();
    if (answer instanceof Promise) return answer.then((worked) => (cache.set(question, context, worked, at), worked));
    cache.set(question, context, answer, at);
    return answer;
  }
  return cache;
}

/** The knowledge base with `afterIndex` called after every index run (start, an upload), whether it succeeded or not. */
export function afterEachIndexRun<K extends KnowledgeBase>(knowledge: K, afterIndex: () => void): K {
  return {
    ...knowledge,
    ensureIndexed(options) {
      try {
        return knowledge.ensureIndexed(options);
      } finally {
        afterIndex();
      }
    },
    ...(knowledge.ensureIndexedAsync
      ? {
          async ensureIndexedAsync(options) {
            try {
              return await knowledge.ensureIndexedAsync!(options);
            } finally {
              afterIndex();
            }
          },
        }
      : {}),
  } as K;
}

/** The knowledge base answering from `cache` (emptied by every index run); size 0 = the knowledge base as it is. */
export function withAnswerCache<K extends KnowledgeBase>(knowledge: K, size: number, cache: AnswerCache = createAnswerCache(size)): K {
  if (size <= 0) return knowledge;
  const cached = {
    ...knowledge,
    answer(question: string, context?: AnswerContext) {
      return cache.remember(question, context, () => knowledge.answer(question, context));
    },
  } as K;
  return afterEachIndexRun(cached, () => cache.clear());
}
