import { createServer, type IncomingMessage as HttpRequest, type Server, type ServerResponse } from 'node:http';
import type { Conversation } from '../../core/conversation.ts';
import { consoleChannelLogger, type ChannelLogger } from '../channel-logger.ts';
import { BodyTooLargeError, readBody } from '../read-body.ts';
import { CHAT_PAGE } from './chat-page.ts';
import { parseChatRequest } from './chat-request.ts';

/** Lets another channel (e.g. Feishu HTTP events) serve paths on the same server; returns true if it handled the request. */
export type RouteHandler = (request: HttpRequest, response: ServerResponse) => boolean | Promise<boolean>;

export interface WebServerOptions {
  conversation: Conversation;
  /** Extra routes tried before the built-in ones. */
  routes?: RouteHandler[];
  maxBodyBytes?: number;
  /** Where failed requests are logged; the console by default. */
  logger?: ChannelLogger;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, JSON_HEADERS).end(JSON.stringify(body));
}

/** The local web chat: a page at `/` and the JSON API at `POST /api/chat`, over the shared conversation core. */
export function createWebServer(options: WebServerOptions): Server {
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  return createServer(async (request, response) => {
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
      if (path !== '/api/chat') return sendJson(response, 404, { error: '没有这个地址。网页聊天在 /，接口是 POST /api/chat。' });
      if (request.method !== 'POST') return sendJson(response, 405, { error: '请用 POST 调用 /api/chat。' });
      let body: string;
      try {
        body = await readBody(request, maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        return sendJson(response, 413, { error: `请求太大，请控制在 ${Math.floor(maxBodyBytes / 1024)} KB 以内。` });
      }
      const parsed = parseChatRequest(body);
      if (!parsed.ok) return sendJson(response, 400, { error: parsed.error });
      const replies = await options.conversation.handle(parsed.message);
      sendJson(response, 200, {
        replies: replies.map((reply) => ({
          text: reply.text,
          citations: reply.citations ?? [],
          ...(reply.buttons?.length ? { buttons: reply.buttons } : {}),
          ...(reply.attachment
            ? {
                attachment: {
                  fileName: reply.attachment.fileName,
                  mimeType: reply.attachment.mimeType,
                  base64: reply.attachment.content.toString('base64'),
                },
              }
            : {}),
        })),
      });
    } catch (error) {
      (options.logger ?? consoleChannelLogger).error(`[web] ${request.method} ${request.url} 处理失败`, error);
      if (!response.headersSent) sendJson(response, 500, { error: '服务器内部错误，请稍后重试。' });
    }
  });
}
