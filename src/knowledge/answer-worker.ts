import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { loadUnitsOfMeasure, useUnitsOfMeasure } from '../quantity/index.ts';
import { createKnowledgeBase } from './knowledge-base.ts';
import type { AnswerRequest, AnswerThreadData, FromAnswerThread } from './answer-threads.ts';

/** One answering thread: its own knowledge base over the index the main thread built (read only here). */
const { knowledgeDir, databaseFile } = workerData as AnswerThreadData;
const port = parentPort!;
const send = (message: FromAnswerThread) => port.postMessage(message);

useUnitsOfMeasure(loadUnitsOfMeasure(knowledgeDir));
const db = new Database(databaseFile);
db.pragma('busy_timeout = 5000');
const open = () => createKnowledgeBase({ knowledgeDir, db, logger: { error: (message, error) => send({ kind: 'log', message, error: error instanceof Error ? error.message : String(error ?? '') }) } });

let knowledge = open();
send({ kind: 'ready' });
port.on('message', (request: AnswerRequest) => {
  if (request.kind === 'reindexed') {
    knowledge = open();
    return send({ kind: 'ready' });
  }
  try {
    send({ kind: 'answer', id: request.id, answer: knowledge.answer(request.question, request.context) });
  } catch (error) {
    send({ kind: 'failed', id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
