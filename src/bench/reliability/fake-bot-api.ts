import { createServer, type Server } from 'node:http';

/** A Telegram Bot API on 127.0.0.1 that answers what the server calls and counts messages sent per chat. */
export interface FakeBotApi {
  apiRoot: string;
  token: string;
  sentTo(chatId: number): number;
  close(): Promise<void>;
}

export async function startFakeBotApi(): Promise<FakeBotApi> {
  const token = `7000001:${'B'.repeat(35)}`;
  const sent = new Map<number, number>();
  let messageId = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => void (body += chunk.toString()));
    request.on('end', () => {
      const method = request.url?.split('/').pop() ?? '';
      const payload = (() => {
        try {
          return JSON.parse(body || '{}') as Record<string, unknown>;
        } catch {
          return {};
        }
      })();
      let result: unknown = true;
      if (method === 'getMe') result = { id: 7000001, is_bot: true, first_name: '耕保助手', username: 'gengbao_bench_bot' };
      if (method === 'sendMessage' || method === 'sendPhoto' || method === 'sendDocument') {
        const chatId = Number(payload.chat_id);
        sent.set(chatId, (sent.get(chatId) ?? 0) + 1);
        result = { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: payload.text };
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    sentTo: (chatId) => sent.get(chatId) ?? 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
