import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'telegraf/types';

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
  close(): Promise<void>;
}

export const FAKE_BOT = { id: 7000001, username: 'gengbao_test_bot', is_bot: true, first_name: '耕保助手' };

export async function startFakeTelegramApi(token = `7000001:${'A'.repeat(35)}`): Promise<FakeTelegramApi> {
  const calls: RecordedCall[] = [];
  const queue: Update[] = [];
  const parked: Array<{ offset: number; respond: (updates: Update[]) => void }> = [];
  const failures = new Map<string, Failure[]>();
  const waiters: Array<() => void> = [];
  const hanging: ServerResponse[] = [];
  let messageId = 1000;

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

  const reply = (response: ServerResponse, status: number, payload: unknown) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));

  async function parseBody(request: IncomingMessage): Promise<Record<string, any>> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const type = request.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
      const fields: Record<string, any> = {};
      for (const [key, value] of form) {
        fields[key] = typeof value === 'string' ? value : { fileName: value.name, content: Buffer.from(await value.arrayBuffer()) };
      }
      return fields;
    }
    return raw.length ? JSON.parse(raw.toString('utf8')) : {};
  }

  function result(method: string, body: Record<string, any>): unknown {
    switch (method) {
      case 'getMe':
        return FAKE_BOT;
      case 'sendMessage':
      case 'sendDocument':
        return { message_id: ++messageId, date: 0, chat: { id: Number(body.chat_id), type: 'private' }, text: body.text };
      default:
        return true;
    }
  }

  const server: Server = createServer(async (request, response) => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
    if (!match) return reply(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== token) return reply(response, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2];
    const body = await parseBody(request);
    if (method === 'getUpdates') {
      const updates = pending(Number(body.offset ?? 0));
      if (updates.length || body.limit === 1) return reply(response, 200, { ok: true, result: updates });
      parked.push({ offset: Number(body.offset ?? 0), respond: (list) => reply(response, 200, { ok: true, result: list }) });
      return;
    }
    calls.push({ method, body });
    for (const wake of waiters.splice(0)) wake();
    const failure = failures.get(method)?.shift();
    if (failure === 'hang') return void hanging.push(response);
    if (failure && failure.status === 429) {
      return reply(response, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${failure.retryAfter}`, parameters: { retry_after: failure.retryAfter } });
    }
    if (failure) return reply(response, failure.status, { ok: false, error_code: failure.status, description: failure.description ?? 'Bad Gateway' });
    if (method === 'sendMessage' && typeof body.text === 'string' && body.text.length > 4096) {
      return reply(response, 400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    }
    return reply(response, 200, { ok: true, result: result(method, body) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    pushUpdates(...updates) {
      queue.push(...updates);
      flushParked();
    },
    failNext(method, failure, times = 1) {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(method, list);
    },
    async waitForCalls(method, count) {
      while (calls.filter((call) => call.method === method).length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return calls.filter((call) => call.method === method);
    },
    async close() {
      for (const entry of parked.splice(0)) entry.respond([]);
      for (const response of hanging.splice(0)) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
