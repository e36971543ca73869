import { expect } from 'vitest';
import { createRecordingLogger } from '../../../src/channels/channel-logger.ts';
import type { App } from '../../../src/app.ts';
import { createFeishuChannel, type FeishuChannel } from '../../../src/channels/feishu/feishu-channel.ts';
import type { PlatformChannel } from '../../../src/channels/platform-channel.ts';
import type { Conversation } from '../../../src/core/conversation.ts';
import { createTelegramChannel, type TelegramChannel } from '../../../src/channels/telegram/telegram-channel.ts';
import { createWebServer } from '../../../src/channels/web/web-server.ts';
import { encryptFeishuPayload, feishuSignedHeaders, startFakeFeishuApi, type FakeFeishuApi, type FeishuCall } from '../../support/fake-feishu-api.ts';
import { startFakeTelegramApi, type FakeTelegramApi, type RecordedCall } from '../../support/fake-telegram-api.ts';
import { cardActionEvent, ENCRYPT_KEY, messageEvent, USER_A, VERIFICATION_TOKEN } from '../feishu/feishu-fixtures.ts';
import { ALICE, buttonUpdate, textUpdate } from '../telegram/telegram-fixtures.ts';
import { closeServer, freshApp, listen, watchedConversation, within } from './app-under-test.ts';
import type { ChannelDriver } from './channel-driver.ts';
import { parseCompactCitation, renderedReader, unescapeTelegramHtml, type ChannelTurn } from './normal-form.ts';

/** Real telegraf, long polling against the fake Bot API: message updates, and callback_query updates for buttons. */
export async function startTelegramDriver(): Promise<ChannelDriver> {
  const { api, app, watched, logger, channel, close } = await startTelegramPlatform(() => freshApp('telegram'));

  function turnOf(sent: RecordedCall[]): ChannelTurn {
    const reader = renderedReader({ isSourcesHeader: (line) => line === '出处', parseHead: parseCompactCitation });
    const presses = new Map<string, unknown>();
    for (const { body } of sent) {
      expect(body.parse_mode).toBe('HTML');
      expect(body.chat_id).toBe(ALICE.id);
      reader.lines(String(body.text).split('\n').map((line) => unescapeTelegramHtml(line.replace(/<\/?b>/g, ''))));
      for (const button of (body.reply_markup?.inline_keyboard ?? []).flat() as Array<{ text: string; callback_data: string }>) {
        reader.button(button.text);
        presses.set(button.text, button.callback_data);
      }
    }
    return { items: reader.items, presses };
  }

  async function deliver(update: Parameters<typeof api.pushUpdates>[0], what: string): Promise<ChannelTurn> {
    const from = api.callsOf('sendMessage').length;
    const expected = watched.received() + 1;
    api.pushUpdates(update);
    await watched.untilReceived(expected);
    await within(channel.whenIdle(), `Telegram replies to ${what}`);
    expect(logger.lines.filter((line) => line.includes('[telegram]') && /失败|未能/.test(line))).toEqual([]);
    return turnOf(api.callsOf('sendMessage').slice(from));
  }

  return {
    channel: 'telegram',
    app,
    userKey: `telegram:${ALICE.id}`,
    say: (text) => deliver(textUpdate(ALICE, text), `「${text}」`),
    async press(turn, label) {
      const answered = api.callsOf('answerCallbackQuery').length;
      const result = await deliver(buttonUpdate(ALICE, turn.presses.get(label) as string), `the button 「${label}」`);
      // The button stops spinning: every callback query is answered.
      await within(api.waitForCalls('answerCallbackQuery', answered + 1), 'answerCallbackQuery');
      return result;
    },
    close,
  };
}

/** A post's lines, or a card's text and buttons. */
function readFeishuMessage(call: FeishuCall, reader: ReturnType<typeof renderedReader>, presses: Map<string, unknown>): void {
  const content = JSON.parse(call.body.content);
  if (call.body.msg_type === 'post') {
    const lines = content.zh_cn.content as Array<Array<{ tag: string; text: string }>>;
    return reader.lines(lines.map((line) => line.map((element) => element.text).join('')));
  }
  expect(call.body.msg_type).toBe('interactive');
  for (const element of content.elements as Array<{ tag: string; text?: { content: string }; actions?: Array<{ text: { content: string }; value: unknown }> }>) {
    if (element.tag === 'div') reader.lines(element.text!.content.split('\n'));
    for (const button of element.actions ?? []) {
      reader.button(button.text.content);
      presses.set(button.text.content, button.value);
    }
  }
}

/**
 * The real Lark SDK path in HTTP mode, as `gengbao serve` mounts it on the web server: encrypted, signed
 * im.message.receive_v1 events to /feishu/events and card.action.trigger callbacks to /feishu/cards.
 */
export async function startFeishuDriver(): Promise<ChannelDriver> {
  const { api, app, watched, logger, channel, base, close } = await startFeishuPlatform(() => freshApp('feishu'));
  const messages = () => api.calls.filter((call) => call.api === 'message.reply' || call.api === 'message.create');

  async function deliver(path: string, event: object, what: string): Promise<{ turn: ChannelTurn; ack: unknown }> {
    const from = messages().length;
    const expected = watched.received() + 1;
    const raw = JSON.stringify(encryptFeishuPayload(ENCRYPT_KEY, event));
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: feishuSignedHeaders(ENCRYPT_KEY, raw, Math.floor(Date.now() / 1000)), body: raw });
    expect(response.status).toBe(200);
    const ack = await response.json();
    await watched.untilReceived(expected);
    await within(channel.whenIdle(), `Feishu replies to ${what}`);
    expect(logger.lines.filter((line) => line.includes('[feishu') && /失败|未能|拒绝/.test(line))).toEqual([]);
    const reader = renderedReader({ isSourcesHeader: (line) => line === '出处：', parseHead: parseCompactCitation });
    const presses = new Map<string, unknown>();
    for (const call of messages().slice(from)) readFeishuMessage(call, reader, presses);
    return { turn: { items: reader.items, presses }, ack };
  }

  return {
    channel: 'feishu',
    app,
    userKey: `feishu:${USER_A}`,
    say: async (text) => (await deliver('/feishu/events', messageEvent({ text }), `「${text}」`)).turn,
    async press(turn, label) {
      const value = turn.presses.get(label) as { action: string };
      const { turn: next, ack } = await deliver('/feishu/cards', cardActionEvent({ action: value.action, value }), `the button 「${label}」`);
      // Feishu shows the callback's answer as a toast on the pressed card.
      expect(ack).toMatchObject({ toast: { type: 'info' } });
      return next;
    },
    close,
  };
}

/** What a platform test drives: the fake platform API, the app it talks to, its watched conversation, the channel. */
interface PlatformParts<Api, Channel> {
  api: Api;
  app: App;
  watched: ReturnType<typeof watchedConversation>;
  logger: ReturnType<typeof createRecordingLogger>;
  channel: Channel;
  close(): Promise<void>;
}

/** Options of a platform set-up: `notify` registers the channel's notifier, so messages the bot sends first reach it. */
interface PlatformOptions {
  notify?: boolean;
}

/** The fake platform API, the app from `makeApp`, the watched conversation and the channel `open` makes over them. */
async function startPlatform<Api extends { close(): Promise<void> }, Channel extends PlatformChannel>(
  startApi: () => Promise<Api>,
  makeApp: () => Promise<App>,
  open: (api: Api, conversation: Conversation, logger: ReturnType<typeof createRecordingLogger>) => Channel,
  options: PlatformOptions,
): Promise<PlatformParts<Api, Channel>> {
  const api = await startApi();
  const app = await makeApp();
  const watched = watchedConversation(app.conversation);
  const logger = createRecordingLogger();
  const channel = open(api, watched.conversation, logger);
  if (options.notify) app.outbox.register(channel.notifier!);
  return {
    api,
    app,
    watched,
    logger,
    channel,
    async close() {
      await channel.stop();
      await api.close();
      app.close();
    },
  };
}

/** Real telegraf, long polling against the fake Bot API, over the app `makeApp` builds (a fresh one, a county's…). */
export async function startTelegramPlatform(makeApp: () => Promise<App>, options: PlatformOptions = {}): Promise<PlatformParts<FakeTelegramApi, TelegramChannel>> {
  const parts = await startPlatform(startFakeTelegramApi, makeApp, (api, conversation, logger) => createTelegramChannel({ settings: { token: api.token, apiRoot: api.apiRoot }, conversation, logger }), options);
  await parts.channel.start();
  return parts;
}

/**
 * The real Lark SDK path in HTTP mode, mounted on a web server as `gengbao serve` does, over the app `makeApp`
 * builds; `base` is the server's address.
 */
export async function startFeishuPlatform(makeApp: () => Promise<App>, options: PlatformOptions = {}): Promise<PlatformParts<FakeFeishuApi, FeishuChannel> & { base: string }> {
  const settings = (api: FakeFeishuApi) => ({ appId: api.appId, appSecret: api.appSecret, domain: api.domain, mode: 'http' as const, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN });
  const parts = await startPlatform(startFakeFeishuApi, makeApp, (api, conversation, logger) => createFeishuChannel({ settings: settings(api), conversation, logger }), options);
  const server = createWebServer({ conversation: parts.app.conversation, routes: [(request, response) => parts.channel.handleHttp(request, response)] });
  const base = await listen(server);
  await parts.channel.start();
  return {
    ...parts,
    base,
    async close() {
      await closeServer(server);
      await parts.close();
    },
  };
}
