import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { createRecordingLogger } from '../../src/channels/channel-logger.ts';
import { createFeishuChannel, type FeishuChannel } from '../../src/channels/feishu/feishu-channel.ts';
import { renderFeishuReply } from '../../src/channels/feishu/feishu-format.ts';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { renderTelegramHtml } from '../../src/channels/telegram/telegram-format.ts';
import { loadConfig } from '../../src/config.ts';
import type { Reply } from '../../src/core/types.ts';
import { startFakeFeishuApi, type FakeFeishuApi } from '../support/fake-feishu-api.ts';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.ts';
import { cardActionEvent, messageEvent, USER_A } from './feishu/feishu-fixtures.ts';
import { ALICE, buttonUpdate, textUpdate } from './telegram/telegram-fixtures.ts';

/** One user line, or a press of the button with this label in the previous answer. */
type Step = { text: string } | { button: string };

// The lead extends this script (eligibility, a full bimonthly report); every step must read the same everywhere.
const SCRIPT: Step[] = [
  { text: '第二档补助标准是多少？' },
  { text: '你好' },
  { text: '/report 双月调度' },
  { text: '5-6月' },
  { button: '上一步' },
  { text: '取消' },
];

/** Button actions carry per-draft ids, so compare what people see: labels and text. */
function withoutActions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutActions);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'value').map(([key, inner]) => [key, withoutActions(inner)]));
  }
  return value;
}
const feishuView = (msgType: string, content: string) => ({ msgType, content: withoutActions(JSON.parse(content)) });

describe('the same conversation on Telegram and Feishu as in the core (real app, real SDKs, fake platforms)', () => {
  let app: App;
  let telegramApi: FakeTelegramApi;
  let feishuApi: FakeFeishuApi;
  let telegram: TelegramChannel;
  let feishu: FeishuChannel;

  beforeAll(async () => {
    telegramApi = await startFakeTelegramApi();
    feishuApi = await startFakeFeishuApi();
    const env = { GENGBAO_ADMIN: `test:u1=宁化县,telegram:${ALICE.id}=宁化县,feishu:${USER_A}=宁化县` };
    app = await createApp(loadConfig({ knowledge: join(import.meta.dirname, '..', '..', 'knowledge'), data: mkdtempSync(join(tmpdir(), 'gengbao-transcript-')) }, env));
    const logger = createRecordingLogger();
    telegram = createTelegramChannel({ settings: { token: telegramApi.token, apiRoot: telegramApi.apiRoot }, conversation: app.conversation, logger });
    feishu = createFeishuChannel({
      settings: { appId: feishuApi.appId, appSecret: feishuApi.appSecret, domain: feishuApi.domain, mode: 'ws' },
      conversation: app.conversation,
      logger,
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
    app.close();
  });

  it('renders every core reply unchanged in both channels', async () => {
    let core: Reply[] = [];
    let telegramKeyboard: Array<{ text: string; callback_data: string }> = [];
    let feishuButtons: Array<{ text: { content: string }; value: { action: string } }> = [];
    for (const step of SCRIPT) {
      const coreAction = 'button' in step ? core.flatMap((reply) => reply.buttons ?? []).find((button) => button.label === step.button)?.action : undefined;
      if ('button' in step) expect(coreAction, `button ${step.button}`).toBeDefined();
      core = await app.conversation.handle({ channel: 'test', userId: 'u1', ...('text' in step ? { text: step.text } : { action: coreAction }) });
      expect(core.length).toBeGreaterThan(0);

      // Telegram: the sent messages are exactly the core replies rendered as HTML.
      const before = telegramApi.callsOf('sendMessage').length;
      const expectedTelegram = core.flatMap((reply) => renderTelegramHtml(reply).filter(Boolean));
      if ('text' in step) telegramApi.pushUpdates(textUpdate(ALICE, step.text));
      else telegramApi.pushUpdates(buttonUpdate(ALICE, telegramKeyboard.find((button) => button.text === step.button)!.callback_data));
      const sent = (await telegramApi.waitForCalls('sendMessage', before + expectedTelegram.length)).slice(before);
      expect(sent.map((call) => call.body.text)).toEqual(expectedTelegram);
      telegramKeyboard = sent.flatMap((call) => call.body.reply_markup?.inline_keyboard?.flat() ?? []);
      expect(telegramKeyboard.map((button) => button.text)).toEqual(core.flatMap((reply) => reply.buttons ?? []).map((button) => button.label));

      // Feishu: posts and cards are exactly the core replies rendered for Feishu.
      const messages = () => feishuApi.calls.filter((call) => call.api === 'message.reply' || call.api === 'message.create');
      const feishuBefore = messages().length;
      if ('text' in step) await feishuApi.pushWsEvent(messageEvent({ text: step.text }));
      else await feishuApi.pushWsEvent(cardActionEvent({ action: feishuButtons.find((button) => button.text.content === step.button)!.value.action }));
      await feishu.whenIdle();
      const feishuSent = messages().slice(feishuBefore);
      const expectedFeishu = core.flatMap(renderFeishuReply).map((outgoing) => feishuView(outgoing.msgType, outgoing.content));
      expect(feishuSent.map((call) => feishuView(call.body.msg_type, call.body.content))).toEqual(expectedFeishu);
      feishuButtons = feishuSent.flatMap((call) => JSON.parse(call.body.content).elements?.find((element: { tag: string }) => element.tag === 'action')?.actions ?? []);
    }
  });

  it('offers the whole report as one Feishu card through the app', async () => {
    const before = feishuApi.callsOf('message.reply').length;
    await feishuApi.pushWsEvent(messageEvent({ text: '/card 双月调度' }));
    await feishu.whenIdle();
    const [sent] = feishuApi.callsOf('message.reply').slice(before);
    expect(sent.body.msg_type).toBe('interactive');
    const form = JSON.parse(sent.body.content).elements.find((element: { tag: string }) => element.tag === 'form');
    const county = form.elements.find((element: { name?: string }) => element.name === 'county');
    expect(county.default_value).toBe('宁化县');
  });
});
