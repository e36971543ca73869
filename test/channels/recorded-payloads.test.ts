import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../../src/channels/channel-logger.ts';
import { createFeishuChannel, type FeishuChannel } from '../../src/channels/feishu/feishu-channel.ts';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { startFakeFeishuApi, type FakeFeishuApi } from '../support/fake-feishu-api.ts';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.ts';
import { messageEvent } from './feishu/feishu-fixtures.ts';
import { ALICE, createTestConversation, textUpdate } from './telegram/telegram-fixtures.ts';

/**
 * What the platforms receive, compared with payloads recorded once and read by a person (not with the
 * renderer's own output). After an intended change of layout, rerun with RECORD_PAYLOADS=1 and review the diff.
 */
const RECORDED = join(import.meta.dirname, 'fixtures', 'recorded-payloads.json');
const LINES = ['第二档补助标准是多少？', '/report', '/long'];

describe('Telegram and Feishu payloads for a fixed conversation', () => {
  let telegramApi: FakeTelegramApi;
  let feishuApi: FakeFeishuApi;
  let telegram: TelegramChannel;
  let feishu: FeishuChannel;

  beforeAll(async () => {
    telegramApi = await startFakeTelegramApi();
    feishuApi = await startFakeFeishuApi();
    telegram = createTelegramChannel({ settings: { token: telegramApi.token, apiRoot: telegramApi.apiRoot }, conversation: createTestConversation().conversation, logger: createRecordingLogger() });
    feishu = createFeishuChannel({
      settings: { appId: feishuApi.appId, appSecret: feishuApi.appSecret, domain: feishuApi.domain, mode: 'ws' },
      conversation: createTestConversation().conversation,
      logger: createRecordingLogger(),
    });
    await telegram.start();
    await feishu.start();
    await feishuApi.waitForConnection();
  });

  afterAll(async () => {
    await telegram.stop();
    await feishu.stop();
    await telegramApi.close();
    await feishuApi.close();
  });

  it('sends exactly the recorded messages', async () => {
    const actual: Record<string, unknown[]> = {};
    for (const line of LINES) {
      const telegramFrom = telegramApi.callsOf('sendMessage').length;
      const feishuMessages = () => feishuApi.calls.filter((call) => call.api === 'message.reply' || call.api === 'message.create');
      const feishuFrom = feishuMessages().length;
      telegramApi.pushUpdates(textUpdate(ALICE, line));
      await feishuApi.pushWsEvent(messageEvent({ text: line }));
      // Every line gets at least one message; the queue holds the rest until they are sent.
      await telegramApi.waitForCalls('sendMessage', telegramFrom + 1);
      await feishuApi.waitForCalls('message.reply', LINES.indexOf(line) + 1);
      await telegram.whenIdle();
      await feishu.whenIdle();
      // Telegram button actions may be server-side keys; labels are what is recorded.
      actual[`telegram ${line}`] = telegramApi.callsOf('sendMessage').slice(telegramFrom).map((call) => ({
        text: call.body.text,
        parse_mode: call.body.parse_mode,
        buttons: call.body.reply_markup?.inline_keyboard?.flat().map((button: { text: string }) => button.text),
      }));
      actual[`feishu ${line}`] = feishuMessages()
        .slice(feishuFrom)
        .map((call) => ({ api: call.api, msg_type: call.body.msg_type, content: JSON.parse(call.body.content) }));
    }
    if (process.env.RECORD_PAYLOADS) writeFileSync(RECORDED, `${JSON.stringify(actual, null, 1)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(RECORDED, 'utf8')));
  }, 60_000);
});
