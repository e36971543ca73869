import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { READERS } from './formats.ts';
import { shortError } from './read-docx.ts';
import type { SystemTools } from './system-tools.ts';
import type { ReaderOutcome } from './types.ts';

export interface ReadRequest {
  id: number;
  path: string;
  /** Name shown in reasons and used for the extension. */
  fileName: string;
  tools: SystemTools;
  timeoutMs: number;
}

const { syncPort, signal } = workerData as { syncPort: MessagePort; signal: SharedArrayBuffer };
const flag = new Int32Array(signal);

async function handle(request: ReadRequest): Promise<ReaderOutcome> {
  const reader = READERS[extname(request.fileName).toLowerCase()];
  if (!reader) return { ok: false, reason: '不支持的文件类型' };
  try {
    const bytes = new Uint8Array(await readFile(request.path));
    return await reader(bytes, { fileName: request.fileName, tools: request.tools, timeoutMs: request.timeoutMs });
  } catch (error) {
    return { ok: false, reason: `读取时出错（${shortError(error)}）` };
  }
}

syncPort.on('message', async (request: ReadRequest) => {
  const outcome = await handle(request);
  syncPort.postMessage({ id: request.id, outcome });
  Atomics.store(flag, 0, request.id);
  Atomics.notify(flag, 0);
});

parentPort!.on('message', async (request: ReadRequest) => {
  parentPort!.postMessage({ id: request.id, outcome: await handle(request) });
});
