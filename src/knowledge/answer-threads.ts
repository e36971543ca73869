import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Answer } from '../core/types.ts';
import type { AnswerContext } from './types.ts';

export interface AnswerThreadData {
  knowledgeDir: string;
  /** The SQLite file holding the knowledge index (built and kept current by the main thread). */
  databaseFile: string;
}

export type AnswerRequest = { kind: 'answer'; id: number; question: string; context?: AnswerContext } | { kind: 'reindexed' };
export type FromAnswerThread =
  | { kind: 'ready' }
  | { kind: 'answer'; id: number; answer: Answer }
  | { kind: 'failed'; id: number; error: string }
  | { kind: 'log'; message: string; error: string };

/** Offline answers worked out on other cores: the main thread keeps every state write, turn order and reply. */
export interface AnswerThreads {
  answer(question: string, context?: AnswerContext): Promise<Answer>;
  /** The index changed: every thread reopens its knowledge base (questions sent after this see the new documents). */
  reindexed(): void;
  /** Threads ready to answer now. */
  readonly ready: number;
  close(): Promise<void>;
}

export interface AnswerThreadOptions extends AnswerThreadData {
  threads: number;
  /** Answers in the main thread while no thread is ready, and for the questions of a thread that failed. */
  fallback(question: string, context?: AnswerContext): Answer;
  logger?: { error(message: string, error?: unknown): void };
}

interface Thread {
  worker: Worker;
  ready: boolean;
  pending: Map<number, { question: string; context?: AnswerContext; resolve: (answer: Answer) => void }>;
}

/** The worker's entry beside this file, or — when running from the dist/ build, two folders below the root — in src/. */
function workerEntry(): URL {
  const beside = new URL('./answer-worker.mjs', import.meta.url);
  return existsSync(fileURLToPath(beside)) ? beside : new URL('../../src/knowledge/answer-worker.mjs', import.meta.url);
}

/**
 * `threads` worker threads, each with its own knowledge base over the same index; a question goes to the ready
 * thread with the fewest waiting. A thread that dies hands its questions to the main thread and is not replaced.
 */
export function createAnswerThreads(options: AnswerThreadOptions): AnswerThreads {
  const logger = options.logger ?? { error: (message: string, error?: unknown) => console.error(message, error) };
  const threads: Thread[] = [];
  let nextId = 1;

  function drop(thread: Thread, why: string): void {
    const index = threads.indexOf(thread);
    if (index < 0) return;
    threads.splice(index, 1);
    logger.error(`[knowledge] 回答线程停止（${why}），由主线程回答`);
    for (const { question, context, resolve } of thread.pending.values()) resolve(options.fallback(question, context));
    thread.pending.clear();
  }

  for (let i = 0; i < options.threads; i++) {
    const worker = new Worker(workerEntry(), { workerData: { knowledgeDir: options.knowledgeDir, databaseFile: options.databaseFile } satisfies AnswerThreadData });
    const thread: Thread = { worker, ready: false, pending: new Map() };
    worker.on('message', (message: FromAnswerThread) => {
      if (message.kind === 'ready') thread.ready = true;
      else if (message.kind === 'log') logger.error(message.message, message.error);
      else {
        const waiting = thread.pending.get(message.id);
        thread.pending.delete(message.id);
        if (!waiting) return;
        if (message.kind === 'answer') waiting.resolve(message.answer);
        else {
          logger.error('[knowledge] 回答线程出错，改由主线程回答', message.error);
          waiting.resolve(options.fallback(waiting.question, waiting.context));
        }
      }
    });
    worker.on('error', (error) => drop(thread, error.message));
    worker.on('exit', (code) => drop(thread, `退出码 ${code}`));
    worker.unref();
    threads.push(thread);
  }

  return {
    answer(question, context) {
      let best: Thread | undefined;
      for (const thread of threads) if (thread.ready && (!best || thread.pending.size < best.pending.size)) best = thread;
      if (!best) return Promise.resolve(options.fallback(question, context));
      const id = nextId++;
      const thread = best;
      return new Promise((resolve) => {
        thread.pending.set(id, { question, context, resolve });
        thread.worker.postMessage({ kind: 'answer', id, question, context } satisfies AnswerRequest);
      });
    },
    reindexed() {
      for (const thread of threads) {
        thread.ready = false;
        thread.worker.postMessage({ kind: 'reindexed' } satisfies AnswerRequest);
      }
    },
    get ready() {
      return threads.filter((thread) => thread.ready).length;
    },
    async close() {
      const closing = threads.splice(0);
      for (const thread of closing) thread.worker.removeAllListeners('exit');
      await Promise.all(closing.map((thread) => thread.worker.terminate()));
    },
  };
}
