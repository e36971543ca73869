import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeServer } from '../support/fake-http.ts';
import { createRecordingLogger } from '../../src/channels/channel-logger.ts';
import { createConfiguredChannels } from '../../src/channels/configured-channels.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { encryptFeishuPayload, startFakeFeishuApi } from '../support/fake-feishu-api.ts';
import { startFakeTelegramApi } from '../support/fake-telegram-api.ts';
import { createTestConversation } from './telegram/telegram-fixtures.ts';

const conversation = createTestConversation().conversation;

describe('createConfiguredChannels', () => {
  it('keeps channels without credentials off and says so', () => {
    const logger = createRecordingLogger();
    const channels = createConfiguredChannels({ config: loadConfig({}, {}), conversation, logger });
    expect(channels.names).toEqual([]);
    expect(channels.routes).toEqual([]);
    expect(logger.lines.join('\n')).toMatch(/Telegram 未启用[\s\S]*飞书未启用/);
  });

  it('fails on partial credentials naming the variable', () => {
    expect(() => createConfiguredChannels({ config: loadConfig({}, { FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718' }), conversation })).toThrow(ConfigError);
    expect(() => createConfiguredChannels({ config: loadConfig({}, { TELEGRAM_BOT_TOKEN: '12345' }), conversation })).toThrow(/TELEGRAM_BOT_TOKEN/);
  });

  it('starts Telegram and Feishu (HTTP mode) and routes Feishu requests on the shared server', async () => {
    const telegramApi = await startFakeTelegramApi();
    const feishuApi = await startFakeFeishuApi();
    const env = {
      TELEGRAM_BOT_TOKEN: telegramApi.token,
      TELEGRAM_API_ROOT: telegramApi.apiRoot,
      FEISHU_APP_ID: feishuApi.appId,
      FEISHU_APP_SECRET: feishuApi.appSecret,
      FEISHU_DOMAIN: feishuApi.domain,
      FEISHU_MODE: 'http',
      FEISHU_ENCRYPT_KEY: 'k-123',
      FEISHU_VERIFICATION_TOKEN: 't-123',
    };
    const channels = createConfiguredChannels({ config: loadConfig({}, env), conversation, logger: createRecordingLogger() });
    expect(channels.names).toEqual(['telegram', 'feishu']);
    const server = createServer((request, response) => {
      if (!channels.routes.some((route) => route(request, response))) response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await channels.start();
    expect(telegramApi.callsOf('setMyCommands')).toHaveLength(1);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const challenge = await fetch(`${url}/feishu/events`, {
      method: 'POST',
      body: JSON.stringify(encryptFeishuPayload('k-123', { type: 'url_verification', token: 't-123', challenge: 'c-1' })),
    });
    expect(await challenge.json()).toEqual({ challenge: 'c-1' });
    expect((await fetch(`${url}/other`)).status).toBe(404);
    await channels.stop();
    await closeServer(server);
    await telegramApi.close();
    await feishuApi.close();
  });
});
