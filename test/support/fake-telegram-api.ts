import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Update } from 'telegraf/types';
import { closeServer, createFailureQueue, createWaitList, listenOnLoopback, readRequestBody, sendJson } from './fake-http.ts';

export interface RecordedCall {
  method: string;
  /** JSON body, or multipart fields (files as { fileName, content }). */
  body: Record<string, any>;
}

type Failure = { status: number; retryAfter?: number; description?: string } | 'hang';

/**
 * A Bot API server on 127.0.0.1 for the real telegraf client: getUpdates long polling over a queue the test
 * fills, every other method recorded and answered like Telegram does, failures injectable per method.
 */
export interface FakeTelegramApi {
  apiRoot: string;
  token: string;
  calls: RecordedCall[];
  callsOf(method: string): RecordedCall[];
  /** Queues updates; a parked getUpdates returns them at once (as one batch). */
  pushUpdates(...updates: Update[]): void;
  /** The next `times` calls of `method` fail this way. */
  failNext(method: string, failure: Failure, times?: number): void;
  /** Resolves when at least `count` calls of `method` have been recorded. */
  waitForCalls(method: string, count: number): Promise<RecordedCall[]>;
  /** A file users can send: getFile answers its file_path, GET /file/bot<token>/<path> serves the bytes. */
  addFile(fileId: string, content: Buffer): void;
  /** Paths of files downloaded so far. */
  downloads: string[];
  close(): Promise<void>;
}

export const FAKE_BOT = { id: 7000001, username: 'gengbao_test_bot', is_bot: true, first_name: '耕保助手' };

export async function startFakeTelegramApi(token = `7000001:${'A'.repeat(35)}`): Promise<FakeTelegramApi> {
  const calls: RecordedCall[] = [];
  const queue: Update[] = [];
  const parked: Array<{ offset: number; respond: (updates: Update[]) => void }> = [];
  const failures = createFailureQueue<Failure>();
  const waits = createWaitList();
  const hanging: ServerResponse[] = [];
  let messageId = 1000;
  const files = new Map<string, { path: string; content: Buffer }>();
  const downloads: string[] = [];

  const pending = (offset: number) => {
    while (queue.length && queue[0].update_id < offset) queue.shift();
    return [...queue];
  };

  const flushParked = () => {
    for (const entry of parked.splice(0)) {
      const updates = pending(entry.offset);
      if (updates.length) entry.respond(updates);
      else parked.push(entry);
    }
  };

  function result(method: string, body: Record<string, any>): unknown {
    switch (method) {
      case 'getMe':
        return FAKE_BOT;
      case 'getFile': {
        const file = files.get(String(body.file_id));
        return file ? { file_id: body.file_id, file_unique_id: `u${body.file_id}`, file_size: file.content.length, file_path: file.path } : undefined;
      }
      case 'sendMessage':
      case 'sendDocument':
        return { message_id: ++messageId, date: 0, chat: { id: Number(body.chat_id), type: 'private' }, text: body.text };
      default:
        return true;
    }
  }

  const server: Server = createServer(async (request, response) => {
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(request.url ?? '');
    if (download) {
      const file = [...files.values()].find((candidate) => candidate.path === decodeURIComponent(download[2]));
      if (download[1] !== token || !file) return sendJson(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
      downloads.push(file.path);
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.content.length });
      return void response.end(file.content);
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
    if (!match) return sendJson(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== token) return sendJson(response, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2];
    const body = await readRequestBody(request);
    if (method === 'getUpdates') {
      const updates = pending(Number(body.offset ?? 0));
      if (updates.length || body.limit === 1) return sendJson(response, 200, { ok: true, result: updates });
      parked.push({ offset: Number(body.offset ?? 0), respond: (list) => sendJson(response, 200, { ok: true, result: list }) });
      return;
    }
    calls.push({ method, body });
    waits.wake();
    const failure = failures.take(method);
    if (failure === 'hang') return void hanging.push(response);
    if (failure && failure.status === 429) {
      return sendJson(response, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${failure.retryAfter}`, parameters: { retry_after: failure.retryAfter } });
    }
    if (failure) return sendJson(response, failure.status, { ok: false, error_code: failure.status, description: failure.description ?? 'Bad Gateway' });
    if (method === 'getFile' && !files.has(String(body.file_id))) return sendJson(response, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
    if (method === 'sendMessage' && typeof body.text === 'string' && body.text.length > 4096) {
      return sendJson(response, 400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    }
    return sendJson(response, 200, { ok: true, result: result(method, body) });
  });
  const port = await listenOnLoopback(server);

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    pushUpdates(...updates) {
      queue.push(...updates);
      flushParked();
    },
    failNext: failures.failNext,
    addFile(fileId, content) {
      files.set(fileId, { path: `documents/file_${files.size}`, content });
    },
    downloads,
    async waitForCalls(method, count) {
      await waits.until(() => calls.filter((call) => call.method === method).length >= count);
      return calls.filter((call) => call.method === method);
    },
    async close() {
      for (const entry of parked.splice(0)) entry.respond([]);
      for (const response of hanging.splice(0)) response.destroy();
      await closeServer(server);
    },
  };
}
