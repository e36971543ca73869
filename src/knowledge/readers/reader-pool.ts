import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { detectTools, type SystemTools } from './system-tools.ts';
import type { ReaderOutcome } from './types.ts';
import type { ReadRequest } from './reader-worker.ts';

/** Longest time one file may take to read (OCR of a long scan included) before it is given up. */
export const DEFAULT_READ_TIMEOUT_MS = 180_000;
/** Heap of the reading thread: a huge PDF fails on its own instead of taking the server with it. */
const WORKER_HEAP_MB = 1024;
const WAIT_SLICE_MS = 250;

export interface ReaderPool {
  /** Reads one file, blocking until done (used by the synchronous index run). */
  readSync(path: string, fileName: string): ReaderOutcome;
  /** Reads one file without blocking the event loop (uploads while the bot serves others). */
  read(path: string, fileName: string): Promise<ReaderOutcome>;
  tools: SystemTools;
  close(): void;
}

interface Thread {
  worker: Worker;
  syncPort: MessagePort;
  flag: Int32Array;
  pending: Map<number, (outcome: ReaderOutcome) => void>;
}

/** The worker's entry beside this file, or — when running from the dist/ build, two folders below the root — in src/. */
function workerEntry(): URL {
  const beside = new URL('./reader-worker.mjs', import.meta.url);
  return existsSync(fileURLToPath(beside)) ? beside : new URL('../../src/knowledge/readers/reader-worker.mjs', import.meta.url);
}

function timedOut(timeoutMs: number): ReaderOutcome {
  return { ok: false, reason: `读取超时（超过 ${Math.round(timeoutMs / 1000)} 秒），已停止：文件可能过大或已损坏` };
}

/**
 * Non-text files are read in a worker thread: a reader that hangs is stopped at the timeout, one that
 * runs out of memory fails alone, and the thread is started only when such a file needs reading.
 */
export function createReaderPool(options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): ReaderPool {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? (Number(env.GENGBAO_READ_TIMEOUT_MS) || DEFAULT_READ_TIMEOUT_MS);
  const tools = detectTools(env);
  let thread: Thread | undefined;
  let nextId = 1;

  const start = (): Thread => {
    if (thread) return thread;
    const signal = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(workerEntry(), {
      workerData: { syncPort: port2, signal },
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      env: { ...env },
    });
    const current: Thread = { worker, syncPort: port1, flag: new Int32Array(signal), pending: new Map() };
    worker.on('message', ({ id, outcome }: { id: number; outcome: ReaderOutcome }) => {
      current.pending.get(id)?.(outcome);
      current.pending.delete(id);
    });
    const fail = (reason: string) => {
      for (const resolve of current.pending.values()) resolve({ ok: false, reason });
      current.pending.clear();
      if (thread === current) thread = undefined;
    };
    worker.on('error', (error) => fail(/memory/i.test(String(error)) ? '文件太大，读取时内存不足' : `读取线程出错（${String(error).slice(0, 80)}）`));
    worker.on('exit', () => fail('读取线程意外退出'));
    worker.unref();
    return (thread = current);
  };

  const stop = (current: Thread) => {
    if (thread === current) thread = undefined;
    void current.worker.terminate();
    current.syncPort.close();
  };

  const request = (path: string, fileName: string): ReadRequest => ({ id: nextId++, path, fileName, tools, timeoutMs });

  return {
    tools,
    readSync(path, fileName) {
      const current = start();
      const message = request(path, fileName);
      current.syncPort.postMessage(message);
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        Atomics.wait(current.flag, 0, Atomics.load(current.flag, 0), WAIT_SLICE_MS);
        const received = receiveMessageOnPort(current.syncPort);
        if (received) return (received.message as { outcome: ReaderOutcome }).outcome;
        if (current.worker.threadId < 0) {
          stop(current);
          return { ok: false, reason: '读取线程意外退出（文件可能过大）' };
        }
      }
      stop(current);
      return timedOut(timeoutMs);
    },
    read(path, fileName) {
      const current = start();
      const message = request(path, fileName);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          current.pending.delete(message.id);
          stop(current);
          resolve(timedOut(timeoutMs));
        }, timeoutMs);
        current.pending.set(message.id, (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        });
        current.worker.postMessage(message);
      });
    },
    close() {
      if (thread) stop(thread);
    },
  };
}
