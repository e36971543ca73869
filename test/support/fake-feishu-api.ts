import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import * as protobuf from 'protobufjs';
import { closeServer, createFailureQueue, createWaitList, listenOnLoopback, readRequestBody, sendJson } from './fake-http.ts';

/** One recorded Open API call. */
export interface FeishuCall {
  /** message.create, message.reply, message.patch, file.create, image.create, bot.info, token, ws.endpoint */
  api: string;
  path: string;
  query: Record<string, string>;
  /** JSON body, or multipart fields (files as { fileName, content }). */
  body: Record<string, any>;
}

type Failure = { status: number; code?: number; msg?: string };

// The long connection speaks protobuf frames (pbbp2.Frame) over WebSocket; these mirror the SDK's schema.
const frames = protobuf.Root.fromJSON({
  nested: {
    pbbp2: {
      nested: {
        Header: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Frame: {
          fields: {
            SeqID: { type: 'uint64', id: 1 },
            LogID: { type: 'uint64', id: 2 },
            service: { type: 'int32', id: 3 },
            method: { type: 'int32', id: 4 },
            headers: { rule: 'repeated', type: 'Header', id: 5 },
            payloadEncoding: { type: 'string', id: 6 },
            payloadType: { type: 'string', id: 7 },
            payload: { type: 'bytes', id: 8 },
            LogIDNew: { type: 'string', id: 9 },
          },
        },
      },
    },
  },
}).lookupType('pbbp2.Frame');

interface WsSocket {
  send(data: Uint8Array): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  close(): void;
  terminate(): void;
}
interface WsServer {
  handleUpgrade(request: IncomingMessage, socket: Socket, head: Buffer, done: (socket: WsSocket) => void): void;
  close(): void;
}
// `ws` ships with the Lark SDK (no own type declarations are installed), so load it untyped.
const { WebSocketServer } = createRequire(import.meta.url)('ws') as { WebSocketServer: new (options: { noServer: true }) => WsServer };

export interface FakeFeishuApi {
  /** Base URL to use as FEISHU_DOMAIN. */
  domain: string;
  appId: string;
  appSecret: string;
  botOpenId: string;
  calls: FeishuCall[];
  callsOf(api: string): FeishuCall[];
  waitForCalls(api: string, count: number): Promise<FeishuCall[]>;
  /** The next `times` calls of `api` fail this way. */
  failNext(api: string, failure: Failure, times?: number): void;
  /** Resolves when the SDK's long connection is open and listening (its first ping arrived). */
  waitForConnection(): Promise<void>;
  /** Bytes served by GET /open-apis/im/v1/messages/:message_id/resources/:file_key (messageResource.get). */
  addResource(messageId: string, key: string, content: Buffer): void;
  /** Resource downloads so far, as `message_id/file_key?type=…`. */
  downloads: string[];
  /** Pushes an event over the long connection as a data frame; resolves with the SDK's ack payload. */
  pushWsEvent(payload: object): Promise<{ code: number; data?: unknown }>;
  close(): Promise<void>;
}

export async function startFakeFeishuApi(): Promise<FakeFeishuApi> {
  const appId = 'cli_a1b2c3d4e5f60718';
  const appSecret = 'fake-app-secret-0123456789';
  const botOpenId = 'ou_bot_gengbao';
  const calls: FeishuCall[] = [];
  const failures = createFailureQueue<Failure>();
  const waits = createWaitList();
  const sockets: WsSocket[] = [];
  const ackWaiters = new Map<string, (ack: { code: number; data?: unknown }) => void>();
  let sequence = 0;
  const resources = new Map<string, Buffer>();
  const downloads: string[] = [];
  const wss = new WebSocketServer({ noServer: true });

  function route(method: string, path: string): string | undefined {
    if (path === '/open-apis/auth/v3/tenant_access_token/internal') return 'token';
    if (path === '/callback/ws/endpoint') return 'ws.endpoint';
    if (path === '/open-apis/bot/v3/info') return 'bot.info';
    if (path === '/open-apis/im/v1/files') return 'file.create';
    if (path === '/open-apis/im/v1/images') return 'image.create';
    if (/^\/open-apis\/im\/v1\/messages\/[^/]+\/resources\/[^/]+$/.test(path) && method === 'GET') return 'message.resource';
    if (path === '/open-apis/im/v1/messages' && method === 'POST') return 'message.create';
    if (/^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/.test(path)) return 'message.reply';
    if (/^\/open-apis\/im\/v1\/messages\/[^/]+$/.test(path) && method === 'PATCH') return 'message.patch';
    return undefined;
  }

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const api = route(request.method ?? 'GET', url.pathname);
    if (!api) return sendJson(response, 404, { code: 404, msg: 'not found' });
    const body = await readRequestBody(request);
    calls.push({ api, path: url.pathname, query: Object.fromEntries(url.searchParams), body });
    waits.wake();
    const failure = failures.take(api);
    if (failure) return sendJson(response, failure.status, { code: failure.code ?? failure.status, msg: failure.msg ?? 'injected failure' });
    const authorized = request.headers.authorization === 'Bearer t-fake-tenant-token';
    switch (api) {
      case 'token':
        return body.app_id === appId && body.app_secret === appSecret
          ? sendJson(response, 200, { code: 0, msg: 'ok', tenant_access_token: 't-fake-tenant-token', expire: 7200 })
          : sendJson(response, 200, { code: 10014, msg: 'app secret invalid' });
      case 'ws.endpoint':
        return sendJson(response, 200, {
          code: 0,
          data: { URL: `ws://127.0.0.1:${port}/ws?device_id=dev1&service_id=7`, ClientConfig: { PingInterval: 600, ReconnectCount: -1, ReconnectInterval: 600, ReconnectNonce: 0 } },
        });
      default:
        if (!authorized) return sendJson(response, 401, { code: 99991663, msg: 'invalid tenant_access_token' });
        if (api === 'bot.info') return sendJson(response, 200, { code: 0, msg: 'ok', bot: { open_id: botOpenId, app_name: '耕保助手' } });
        if (api === 'file.create') return sendJson(response, 200, { code: 0, msg: 'ok', data: { file_key: `file_v3_${calls.length}` } });
        if (api === 'message.resource') {
          const [, messageId, key] = /messages\/([^/]+)\/resources\/([^/]+)$/.exec(url.pathname)!;
          const content = resources.get(`${messageId}/${key}`);
          if (!content || !['file', 'image'].includes(url.searchParams.get('type') ?? '')) return sendJson(response, 400, { code: 234003, msg: 'File not in msg.' });
          downloads.push(`${messageId}/${key}?type=${url.searchParams.get('type')}`);
          response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': content.length });
          return void response.end(content);
        }
        if (api === 'image.create') return sendJson(response, 200, { code: 0, msg: 'ok', data: { image_key: `img_v3_${calls.length}` } });
        return sendJson(response, 200, { code: 0, msg: 'ok', data: { message_id: `om_sent_${calls.length}` } });
    }
  });
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data) => {
        // The client's first frame (its ping) shows it is listening; frames sent earlier could be lost.
        if (!sockets.includes(ws)) {
          sockets.push(ws);
          waits.wake();
        }
        const frame = frames.toObject(frames.decode(data), { longs: String }) as { method: number; headers: Array<{ key: string; value: string }>; payload?: Uint8Array };
        const id = frame.headers.find((header) => header.key === 'message_id')?.value;
        if (frame.method === 1 && id && frame.payload) ackWaiters.get(id)?.(JSON.parse(Buffer.from(frame.payload).toString('utf8')));
      });
    });
  });
  const port = await listenOnLoopback(server);

  return {
    domain: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    botOpenId,
    calls,
    callsOf: (api) => calls.filter((call) => call.api === api),
    async waitForCalls(api, count) {
      await waits.until(() => calls.filter((call) => call.api === api).length >= count);
      return calls.filter((call) => call.api === api);
    },
    failNext: failures.failNext,
    addResource: (messageId, key, content) => void resources.set(`${messageId}/${key}`, content),
    downloads,
    waitForConnection: () => waits.until(() => sockets.length > 0),
    pushWsEvent(payload) {
      const id = `msg_${++sequence}`;
      const frame = frames.encode(
        frames.fromObject({
          SeqID: 0,
          LogID: 0,
          service: 7,
          method: 1,
          headers: [
            { key: 'type', value: 'event' },
            { key: 'message_id', value: id },
            { key: 'sum', value: '1' },
            { key: 'seq', value: '0' },
            { key: 'trace_id', value: `trace_${sequence}` },
          ],
          payload: Buffer.from(JSON.stringify(payload)),
        }),
      ).finish();
      const acked = new Promise<{ code: number; data?: unknown }>((resolve) => ackWaiters.set(id, resolve));
      sockets[sockets.length - 1].send(frame);
      return acked;
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}

/** Encrypts a payload the way Feishu does: AES-256-CBC, key sha256(encryptKey), random IV prepended, base64. */
export function encryptFeishuPayload(encryptKey: string, payload: object): { encrypt: string } {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return { encrypt: Buffer.concat([iv, cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]).toString('base64') };
}

/** The headers Feishu adds to an HTTP event request. */
export function feishuSignedHeaders(encryptKey: string, rawBody: string, timestamp: number, nonce = randomBytes(8).toString('hex')): Record<string, string> {
  const signature = createHash('sha256').update(`${timestamp}${nonce}${encryptKey}${rawBody}`).digest('hex');
  return { 'content-type': 'application/json', 'x-lark-request-timestamp': String(timestamp), 'x-lark-request-nonce': nonce, 'x-lark-signature': signature };
}
