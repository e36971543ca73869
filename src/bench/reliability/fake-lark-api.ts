import { createHash, createCipheriv, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/** A Feishu/Lark open API on 127.0.0.1 for the real Lark SDK: tenant token, bot info, and messages counted per chat. */
export interface FakeLarkApi {
  domain: string;
  appId: string;
  appSecret: string;
  /** Messages sent into this chat (created there, or replies to a message of it). */
  sentTo(chatId: string): number;
  /** The bench tells which chat a message id belongs to (replies name the message, not the chat). */
  noteMessage(messageId: string, chatId: string): void;
  close(): Promise<void>;
}

export async function startFakeLarkApi(): Promise<FakeLarkApi> {
  const appId = 'cli_a1b2c3d4e5f60718';
  const appSecret = 'bench-app-secret';
  const sent = new Map<string, number>();
  const chatOf = new Map<string, string>();
  let next = 0;
  const count = (chatId: string | undefined) => chatId && sent.set(chatId, (sent.get(chatId) ?? 0) + 1);
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => void (raw += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const body = (() => {
        try {
          return JSON.parse(raw || '{}') as Record<string, unknown>;
        } catch {
          return {};
        }
      })();
      const send = (payload: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      if (url.pathname.endsWith('/tenant_access_token/internal')) return send({ code: 0, msg: 'ok', tenant_access_token: 't-bench', expire: 7200 });
      if (url.pathname === '/open-apis/bot/v3/info') return send({ code: 0, msg: 'ok', bot: { open_id: 'ou_bench_bot', app_name: '耕保助手' } });
      const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(url.pathname);
      if (reply) count(chatOf.get(reply[1]));
      else if (url.pathname === '/open-apis/im/v1/messages' && request.method === 'POST') count(String(body.receive_id));
      send({ code: 0, msg: 'ok', data: { message_id: `om_sent_${++next}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    domain: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    sentTo: (chatId) => sent.get(chatId) ?? 0,
    noteMessage: (messageId, chatId) => void chatOf.set(messageId, chatId),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A signed, encrypted im.message.receive_v1 request body and headers, as Feishu posts it. */
export function feishuMessageRequest(secrets: { encryptKey: string; verificationToken: string; appId: string }, event: { eventId: string; chatId: string; messageId: string; text: string }) {
  const payload = {
    schema: '2.0',
    header: { event_id: event.eventId, token: secrets.verificationToken, create_time: String(Date.now()), event_type: 'im.message.receive_v1', tenant_key: 'tenant_bench', app_id: secrets.appId },
    event: {
      sender: { sender_id: { open_id: `ou_${event.chatId}`, union_id: `on_${event.chatId}`, user_id: `u_${event.chatId}` }, sender_type: 'user', tenant_key: 'tenant_bench' },
      message: { message_id: event.messageId, root_id: '', parent_id: '', create_time: String(Date.now()), update_time: String(Date.now()), chat_id: event.chatId, chat_type: 'p2p', message_type: 'text', content: JSON.stringify({ text: event.text }), mentions: [] },
    },
  };
  const key = createHash('sha256').update(secrets.encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const body = JSON.stringify({ encrypt: Buffer.concat([iv, cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]).toString('base64') });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const signature = createHash('sha256').update(`${timestamp}${nonce}${secrets.encryptKey}${body}`).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature } };
}
