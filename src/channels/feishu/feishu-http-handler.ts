import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventDispatcher } from '@larksuiteoapi/node-sdk';
import type { ChannelLogger } from '../channel-logger.ts';
import { BodyTooLargeError, readBody } from '../read-body.ts';
import { checkFeishuRequest, type FeishuSecrets } from './feishu-request-check.ts';

export const FEISHU_EVENTS_PATH = '/feishu/events';
export const FEISHU_CARDS_PATH = '/feishu/cards';

/**
 * HTTP event subscription: verifies each request (signature, timestamp, token), answers the
 * url_verification challenge, then lets the SDK decrypt and dispatch. Handlers only enqueue work, so
 * Feishu gets its answer well within 3 seconds. Returns false for paths that are not Feishu's.
 */
export function createFeishuHttpHandler(options: {
  secrets: FeishuSecrets;
  dispatcher: EventDispatcher;
  logger: ChannelLogger;
  now?: () => number;
}): (request: IncomingMessage, response: ServerResponse) => boolean {
  const now = options.now ?? Date.now;
  const json = (response: ServerResponse, status: number, body: unknown): void =>
    void response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw: string;
    try {
      raw = await readBody(request);
    } catch (error) {
      options.logger.warn(`[feishu] 读取 ${request.url} 的请求体失败`, error);
      return void response.writeHead(error instanceof BodyTooLargeError ? 413 : 400).end();
    }
    const check = checkFeishuRequest(raw, request.headers, options.secrets, Math.floor(now() / 1000));
    if (!check.ok) {
      options.logger.warn(`[feishu] 已拒绝 ${request.url}：${check.reason}`);
      return json(response, check.status, { msg: 'refused' });
    }
    if (check.kind === 'challenge') return json(response, 200, { challenge: check.challenge });
    // The SDK reads the signature headers from the prototype; we already verified them, so skip its check.
    const data = Object.assign(Object.create({ headers: request.headers }), check.body);
    try {
      const result = await options.dispatcher.invoke(data, { needCheck: false });
      json(response, 200, result && typeof result === 'object' ? result : {});
    } catch (error) {
      options.logger.error(`[feishu] 处理事件 ${check.eventType ?? '?'} 失败`, error);
      json(response, 500, {});
    }
  }

  return (request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== FEISHU_EVENTS_PATH && path !== FEISHU_CARDS_PATH) return false;
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end();
      return true;
    }
    void handle(request, response);
    return true;
  };
}
