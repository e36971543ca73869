import { createServer, type IncomingMessage as HttpRequest, type Server, type ServerResponse } from 'node:http';
import type { Conversation } from '../../core/conversation.ts';
import { replyBlocks } from '../../core/reply-layout.ts';
import { consoleChannelLogger, type ChannelLogger } from '../channel-logger.ts';
import type { UserDirectory } from '../../core/user-directory.ts';
import { createAttemptLimiter, type AttemptLimiter } from './attempt-limiter.ts';
import { BodyTooLargeError, readBody } from '../read-body.ts';
import { CHAT_PAGE } from './chat-page.ts';
import { parseChatRequest } from './chat-request.ts';
import { createWebIdentity, type WebIdentity } from './web-identity.ts';
import { randomBytes } from 'node:crypto';
import type { Reply } from '../../core/types.ts';
import { parseUpload } from './upload-request.ts';

/** Lets another channel (e.g. Feishu HTTP events) serve paths on the same server; returns true if it handled the request. */
export type RouteHandler = (request: HttpRequest, response: ServerResponse) => boolean | Promise<boolean>;

export interface WebServerOptions {
  conversation: Conversation;
  /** Extra routes tried before the built-in ones. */
  routes?: RouteHandler[];
  maxBodyBytes?: number;
  /** Where failed requests are logged; the console by default. */
  logger?: ChannelLogger;
  /** Who speaks: the signed session cookie, or an integration's userId with the API token. Default: a random secret, no token. */
  identity?: WebIdentity;
  /** To see whether a binding succeeded (then the cookie is rotated). */
  users?: UserDirectory;
  /** Binding attempts allowed per identity and per address in 10 minutes (default 5 and 20). */
  bindLimits?: { perIdentity: number; perAddress: number };
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy?: boolean;
  /** Open connections at most (default 1000); more are closed at once. */
  maxConnections?: number;
  /** Whole request (headers and body) must arrive within this (default 15 s); headers within 10 s. */
  requestTimeoutMs?: number;
  /** Largest file accepted by POST /api/upload (default 50 MB); a larger declared body is refused at once. */
  maxUploadBytes?: number;
}

/** A client that went away mid-request is not a server error: one line, no stack. */
function isClientAbort(response: ServerResponse, error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return response.destroyed || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (error as Error | undefined)?.message === 'aborted';
}

const BINDING = /^\s*(?:\/(?:start|bind)\b|绑定|綁定|邀请码|bind\b)/i;
const BIND_WINDOW_MS = 10 * 60_000;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...JSON_HEADERS, ...headers }).end(JSON.stringify(body));
}

/** A browser's cross-site POST carries an Origin naming another host: refused (CSRF). No Origin = not a browser page. */
function crossSite(request: HttpRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

function clientAddress(request: HttpRequest, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(request.headers['x-forwarded-for'] ?? '').split(',')[0].trim() : '';
  return forwarded || request.socket.remoteAddress || 'unknown';
}

/** Replies as the page reads them: text, citations, buttons, an attachment as base64. */
function repliesJson(replies: Reply[]) {
  return {
    replies: replies.map((reply) => ({
      text: reply.text,
      citations: reply.citations ?? [],
      // The layout every channel uses (paragraphs, then citation blocks); the page only escapes and wraps it.
      blocks: replyBlocks(reply),
      ...(reply.buttons?.length ? { buttons: reply.buttons } : {}),
      ...(reply.attachment
        ? { attachment: { fileName: reply.attachment.fileName, mimeType: reply.attachment.mimeType, base64: reply.attachment.content.toString('base64') } }
        : {}),
    })),
  };
}

/** The local web chat: a page at `/` and the JSON API at `POST /api/chat`, over the shared conversation core. */
export function createWebServer(options: WebServerOptions): Server {
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  const identity = options.identity ?? createWebIdentity({ secret: randomBytes(32) });
  const limits = options.bindLimits ?? { perIdentity: 5, perAddress: 20 };
  const perIdentity: AttemptLimiter = createAttemptLimiter(limits.perIdentity, BIND_WINDOW_MS);
  const perAddress: AttemptLimiter = createAttemptLimiter(limits.perAddress, BIND_WINDOW_MS);
  const requestTimeout = options.requestTimeoutMs ?? 15_000;
  const maxUploadBytes = options.maxUploadBytes ?? 50 * 1024 * 1024;

  /** A file from the page's upload button: same identity and origin rules as /api/chat, the same core path as a file sent in Telegram. */
  async function handleUpload(request: HttpRequest, response: ServerResponse): Promise<void> {
    // A refused or failed upload is not read in: the connection is closed instead of draining the rest.
    const refuse = (status: number, error: string, headers: Record<string, string> = {}) => sendJson(response, status, { error }, { connection: 'close', ...headers });
    if (request.method !== 'POST') return refuse(405, '请用 POST 上传文件。');
    if (crossSite(request)) return refuse(403, '拒绝跨站请求：请在本服务自己的网页里上传文件。');
    const cookie = identity.fromCookie(request);
    const headers: Record<string, string> = cookie.setCookie ? { 'set-cookie': cookie.setCookie } : {};
    const upload = parseUpload(request, maxUploadBytes);
    if (!upload.ok) return refuse(upload.status, upload.error, headers);
    const replies = await options.conversation.handle({ channel: 'web', userId: cookie.userId, chatId: cookie.userId, file: upload.file });
    if (!upload.consumed()) headers.connection = 'close';
    sendJson(response, 200, repliesJson(replies), headers);
  }
  // The timeouts are checked every second (Node's default is every 30 s).
  const server = createServer({ connectionsCheckingInterval: Math.min(1000, requestTimeout) }, async (request, response) => {
    try {
      for (const route of options.routes ?? []) {
        if (await route(request, response)) return;
      }
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (request.method === 'GET' && (path === '/' || path === '/index.html')) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(CHAT_PAGE);
        return;
      }
      if (request.method === 'GET' && path === '/healthz') return sendJson(response, 200, { ok: true });
      if (path === '/api/upload') return await handleUpload(request, response);
      if (path !== '/api/chat') return sendJson(response, 404, { error: '没有这个地址。网页聊天在 /，接口是 POST /api/chat（上传文件：POST /api/upload）。' });
      if (request.method !== 'POST') return sendJson(response, 405, { error: '请用 POST 调用 /api/chat。' });
      if (crossSite(request)) return sendJson(response, 403, { error: '拒绝跨站请求：请在本服务自己的网页里使用聊天。' });
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        return sendJson(response, 415, { error: '请求头 Content-Type 必须是 application/json。' });
      }
      if (Number(request.headers['content-length'] ?? 0) > maxBodyBytes) {
        response.setHeader('connection', 'close');
        return sendJson(response, 413, { error: `请求太大，请控制在 ${Math.floor(maxBodyBytes / 1024)} KB 以内。` });
      }
      let body: string;
      try {
        body = await readBody(request, maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        return sendJson(response, 413, { error: `请求太大，请控制在 ${Math.floor(maxBodyBytes / 1024)} KB 以内。` });
      }
      const integration = identity.isIntegration(request);
      const cookie = integration ? undefined : identity.fromCookie(request);
      const parsed = parseChatRequest(body, cookie?.userId);
      if (!parsed.ok) return sendJson(response, 400, { error: parsed.error });
      if (integration && !parsed.namedUserId) return sendJson(response, 400, { error: '集成调用需要在请求体里写明 userId。' });
      if (!integration) delete parsed.message.displayName;
      const headers: Record<string, string> = cookie?.setCookie ? { 'set-cookie': cookie.setCookie } : {};
      const binding = BINDING.test(parsed.message.text ?? '') || /^account:/.test(parsed.message.action ?? '');
      let rotated: ReturnType<WebIdentity['issue']> | undefined;
      if (binding) {
        const address = clientAddress(request, options.trustProxy ?? false);
        if (!perIdentity.allow(parsed.message.userId) || !perAddress.allow(address)) {
          return sendJson(response, 429, { error: '绑定尝试过于频繁，请 10 分钟后再试，并核对邀请码（8 位字母和数字）。' }, { ...headers, 'retry-after': '600' });
        }
        // A binding is made for a fresh identity: the cookie held before binding never carries the binding.
        if (!integration && options.users) {
          rotated = identity.issue();
          parsed.message.userId = rotated.userId;
          parsed.message.chatId = rotated.userId;
        }
      }
      const replies = await options.conversation.handle(parsed.message);
      if (rotated && options.users && (await options.users.profile(`web:${rotated.userId}`)).role !== 'farmer') headers['set-cookie'] = rotated.setCookie;
      sendJson(response, 200, repliesJson(replies), headers);
    } catch (error) {
      const logger = options.logger ?? consoleChannelLogger;
      if (isClientAbort(response, error)) return void logger.warn(`[web] ${request.method} ${request.url} 客户端中途断开`);
      logger.error(`[web] ${request.method} ${request.url} 处理失败`, error);
      if (!response.headersSent) sendJson(response, 500, { error: '服务器内部错误，请稍后重试。' });
    }
  });
  // Seconds, not minutes: a slow or stalled client cannot hold a connection (Node answers 408).
  server.requestTimeout = requestTimeout;
  server.headersTimeout = Math.min(10_000, server.requestTimeout);
  server.keepAliveTimeout = 5_000;
  server.maxConnections = options.maxConnections ?? 1000;
  // Node's header timeout starts with the first byte: a connection that never sends one would hold a slot
  // of the cap for ever (measured by bench:reliability), so it is closed after the header timeout too.
  server.on('connection', (socket) => {
    const timer = setTimeout(() => socket.bytesRead === 0 && socket.destroy(), server.headersTimeout);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
  return server;
}
