import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../support/fake-http.ts';
import { createTelegramChannel, type TelegramChannel } from '../../../src/channels/telegram/telegram-channel.ts';
import { createRecordingLogger } from '../../../src/channels/channel-logger.ts';
import { startFakeTelegramApi, type FakeTelegramApi } from '../../support/fake-telegram-api.ts';
import { ALICE, createTestConversation, textUpdate, type TestConversation } from './telegram-fixtures.ts';

describe('Telegram channel in webhook mode', () => {
  let api: FakeTelegramApi;
  let channel: TelegramChannel;
  let test: TestConversation;
  let server: Server;
  let base: string;
  const secret = 'hook_secret-123';

  beforeEach(async () => {
    api = await startFakeTelegramApi();
    test = createTestConversation();
    channel = createTelegramChannel({
      settings: { token: api.token, apiRoot: api.apiRoot, webhook: { url: 'https://bot.example.cn/telegram/hook', path: '/telegram/hook', secret } },
      conversation: test.conversation,
      logger: createRecordingLogger(),
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

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/telegram/hook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('asks Telegram to retry while the channel is not started yet', async () => {
    const early = createTelegramChannel({ settings: { token: api.token, apiRoot: api.apiRoot, webhook: { url: 'https://x.cn/early', path: '/early', secret } }, conversation: test.conversation });
    const probe = createServer((request, response) => void early.handleHttp(request, response));
    const response = await fetch(`http://127.0.0.1:${await listenOnLoopback(probe)}/early`, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': secret }, body: '{}' });
    expect(response.status).toBe(503);
    await closeServer(probe);
  });

  it('registers the webhook with its secret token', () => {
    expect(api.callsOf('setWebhook')[0].body).toMatchObject({ url: 'https://bot.example.cn/telegram/hook', secret_token: secret, allowed_updates: ['message', 'callback_query'] });
  });

  it('refuses requests without or with a wrong secret token, and other paths', async () => {
    expect((await post(textUpdate(ALICE, '你好'))).status).toBe(401);
    expect((await post(textUpdate(ALICE, '你好'), { 'x-telegram-bot-api-secret-token': 'guess' })).status).toBe(403);
    expect((await fetch(`${base}/telegram/hook`)).status).toBe(405);
    expect((await fetch(`${base}/elsewhere`, { method: 'POST', body: '{}' })).status).toBe(404);
    await channel.whenIdle();
    expect(test.questions).toEqual([]);
  });

  it('acknowledges at once and answers a genuine update asynchronously', async () => {
    const held = test.hold('耕地');
    const response = await post(textUpdate(ALICE, '耕地地力补贴标准'), { 'x-telegram-bot-api-secret-token': secret });
    expect(response.status).toBe(200);
    expect(api.callsOf('sendMessage')).toHaveLength(0);
    held.release();
    const [sent] = await api.waitForCalls('sendMessage', 1);
    expect(sent.body.text).toContain('耕地地力补贴标准');
  });

  it('answers an update Telegram retries only once', async () => {
    const update = textUpdate(ALICE, '秸秆覆盖率怎么算');
    await post(update, { 'x-telegram-bot-api-secret-token': secret });
    await post(update, { 'x-telegram-bot-api-secret-token': secret });
    await api.waitForCalls('sendMessage', 1);
    await channel.whenIdle();
    expect(test.questions).toEqual(['秸秆覆盖率怎么算']);
    expect(api.callsOf('sendMessage')).toHaveLength(1);
  });
});
