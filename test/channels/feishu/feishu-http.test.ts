import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../support/fake-http.ts';
import { createRecordingLogger } from '../../../src/channels/channel-logger.ts';
import { createFeishuChannel, type FeishuChannel } from '../../../src/channels/feishu/feishu-channel.ts';
import { encryptFeishuPayload, feishuSignedHeaders, startFakeFeishuApi, type FakeFeishuApi } from '../../support/fake-feishu-api.ts';
import { createTestConversation, type TestConversation } from '../telegram/telegram-fixtures.ts';
import { cardActionEvent, challengeRequest, ENCRYPT_KEY, messageEvent, VERIFICATION_TOKEN } from './feishu-fixtures.ts';

const NOW = 1_700_000_000_000;
const nowSeconds = NOW / 1000;

describe('Feishu channel over HTTP event subscription', () => {
  let api: FakeFeishuApi;
  let channel: FeishuChannel;
  let test: TestConversation;
  let server: Server;
  let base: string;
  const logger = createRecordingLogger();

  beforeEach(async () => {
    api = await startFakeFeishuApi();
    test = createTestConversation();
    channel = createFeishuChannel({
      settings: { appId: api.appId, appSecret: api.appSecret, domain: api.domain, mode: 'http', encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN },
      conversation: test.conversation,
      logger,
      now: () => NOW,
    });
    server = createServer((request, response) => {
      if (!channel.handleHttp(request, response)) response.writeHead(404).end();
    });
    base = `http://127.0.0.1:${await listenOnLoopback(server)}`;
    await channel.start();
  });

  afterEach(async () => {
    await channel.stop();
    await closeServer(server);
    await api.close();
  });

  /** Posts a payload encrypted and signed as Feishu does; `tamper` alters the request after signing. */
  async function post(path: string, payload: object, options: { key?: string; timestamp?: number; sign?: boolean; tamper?: (headers: Record<string, string>) => void } = {}) {
    const raw = JSON.stringify(encryptFeishuPayload(options.key ?? ENCRYPT_KEY, payload));
    const headers = options.sign === false ? { 'content-type': 'application/json' } : feishuSignedHeaders(ENCRYPT_KEY, raw, options.timestamp ?? nowSeconds);
    options.tamper?.(headers);
    const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: raw });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  it('answers the url_verification challenge only with our key and token', async () => {
    expect(await post('/feishu/events', challengeRequest(), { sign: false })).toEqual({ status: 200, body: { challenge: 'ajls384kdjx98XX' } });
    expect((await post('/feishu/events', challengeRequest('forged-token'), { sign: false })).status).toBe(403);
    expect((await post('/feishu/events', challengeRequest(), { sign: false, key: 'another-key' })).status).toBe(401);
  });

  it('acknowledges a signed, encrypted message at once and replies afterwards', async () => {
    const held = test.hold('补助');
    const response = await post('/feishu/events', messageEvent({ text: '第二档补助标准是多少' }));
    expect(response.status).toBe(200);
    expect(api.callsOf('message.reply')).toHaveLength(0);
    held.release();
    const [reply] = await api.waitForCalls('message.reply', 1);
    expect(reply.body.content).toContain('第二档补助标准是多少');
  });

  it('refuses unsigned, badly signed, stale and wrong-token requests, and does not process them', async () => {
    expect((await post('/feishu/events', messageEvent({ text: '伪造一' }), { sign: false })).status).toBe(401);
    expect((await post('/feishu/events', messageEvent({ text: '伪造二' }), { tamper: (h) => (h['x-lark-signature'] = 'ab'.repeat(32)) })).status).toBe(401);
    expect((await post('/feishu/events', messageEvent({ text: '伪造三' }), { timestamp: nowSeconds - 301 })).status).toBe(401);
    const wrongToken = messageEvent({ text: '伪造四' });
    wrongToken.header.token = 'not-ours';
    expect((await post('/feishu/events', wrongToken)).status).toBe(403);
    expect((await fetch(`${base}/feishu/events`)).status).toBe(405);
    await channel.whenIdle();
    expect(test.questions).toEqual([]);
    expect(logger.lines.filter((line) => line.includes('已拒绝')).length).toBeGreaterThanOrEqual(4);
  });

  it('continues the conversation from a card callback at /feishu/cards with a toast', async () => {
    await post('/feishu/events', messageEvent({ text: '/report' }));
    const [card] = await api.waitForCalls('message.reply', 1);
    const action = JSON.parse(card.body.content).elements.at(-1).actions[0].value.action;
    const response = await post('/feishu/cards', cardActionEvent({ action }));
    expect(response).toEqual({ status: 200, body: { toast: { type: 'info', content: '已收到，正在处理' } } });
    const [answer] = await api.waitForCalls('message.create', 1);
    expect(answer.body.content).toContain('已选择：城关镇');
  });

  it('handles an event once when Feishu retries it', async () => {
    const event = messageEvent({ text: '宁化县分到多少资金' });
    await post('/feishu/events', event);
    await post('/feishu/events', event);
    await channel.whenIdle();
    expect(test.questions).toEqual(['宁化县分到多少资金']);
  });
});
