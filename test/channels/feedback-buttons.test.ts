import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../../src/channels/channel-logger.ts';
import { runConsoleChannel } from '../../src/channels/console/console-channel.ts';
import { createFeishuChannel } from '../../src/channels/feishu/feishu-channel.ts';
import { createTelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { createWebIdentity } from '../../src/channels/web/web-identity.ts';
import { createWebServer } from '../../src/channels/web/web-server.ts';
import { feedbackHarness } from '../feedback/feedback-harness.ts';
import { startFakeFeishuApi } from '../support/fake-feishu-api.ts';
import { startFakeTelegramApi } from '../support/fake-telegram-api.ts';
import { cardActionEvent, messageEvent, P2P_CHAT, USER_A } from './feishu/feishu-fixtures.ts';
import { ALICE, buttonUpdate, textUpdate } from './telegram/telegram-fixtures.ts';

/**
 * 「有用」「没用」 on every channel: the core puts the buttons under an answer, each channel draws them its own way
 * (inline keyboard, card buttons, page buttons, typed label) and a press comes back to the core as an action.
 */
describe('有用/没用 buttons through every channel (real telegraf, Lark SDK, HTTP; fake platform APIs; real SQLite)', () => {
  const harness = feedbackHarness();
  afterAll(() => harness.db.close());
  const votedDown = async (channel: string) => (await harness.store.unanswered(new Date(0))).filter((entry) => entry.reason === 'voted_down' && entry.channel === channel);

  it('Telegram: an inline keyboard under the answer; the callback query is a vote', async () => {
    const api = await startFakeTelegramApi();
    const channel = createTelegramChannel({ settings: { token: api.token, apiRoot: api.apiRoot }, conversation: harness.conversation, logger: createRecordingLogger() });
    await channel.start();
    try {
      api.pushUpdates(textUpdate(ALICE, '第二档补助标准是多少'));
      const [answer] = await api.waitForCalls('sendMessage', 1);
      const keyboard = answer.body.reply_markup.inline_keyboard as Array<Array<{ text: string; callback_data: string }>>;
      const buttons = keyboard.flat();
      expect(buttons.map((button) => button.text)).toEqual(['有用', '没用']);
      api.pushUpdates(buttonUpdate(ALICE, buttons[1].callback_data));
      const sent = await api.waitForCalls('sendMessage', 2);
      expect(sent[1].body.text).toContain('已记下这条回答没有帮上忙');
      expect(api.callsOf('answerCallbackQuery')).toHaveLength(1);
      expect((await votedDown('telegram')).map((entry) => entry.question)).toEqual(['第二档补助标准是多少']);
    } finally {
      await channel.stop();
      await api.close();
    }
  });

  it('Feishu: the answer ends in a card with the two buttons; card.action.trigger is a vote', async () => {
    const api = await startFakeFeishuApi();
    const channel = createFeishuChannel({ settings: { appId: api.appId, appSecret: api.appSecret, domain: api.domain, mode: 'ws' }, conversation: harness.conversation, logger: createRecordingLogger() });
    await channel.start();
    await api.waitForConnection();
    try {
      await api.pushWsEvent(messageEvent({ text: '秸秆还田什么时候开始' }));
      const [reply] = await api.waitForCalls('message.reply', 1);
      expect(reply.body.msg_type).toBe('interactive');
      const card = JSON.parse(reply.body.content) as { elements: Array<{ tag: string; text?: { content: string }; actions?: Array<{ text: { content: string }; value: { action: string } }> }> };
      expect(card.elements[0].text?.content).toContain('秋收后开始。');
      const actions = card.elements.at(-1)!.actions!;
      expect(actions.map((action) => action.text.content)).toEqual(['有用', '没用']);
      const ack = await api.pushWsEvent(cardActionEvent({ action: actions[1].value.action, user: USER_A, chatId: P2P_CHAT }));
      expect(ack.code).toBe(200);
      const [thanks] = await api.waitForCalls('message.create', 1);
      expect(thanks.body.content).toContain('已记下这条回答没有帮上忙');
      expect((await votedDown('feishu')).map((entry) => entry.question)).toEqual(['秸秆还田什么时候开始']);
    } finally {
      await channel.stop();
      await api.close();
    }
  });

  it('web chat: buttons in the reply JSON; posting the action is a vote', async () => {
    const server = createWebServer({ conversation: harness.conversation, identity: createWebIdentity({ secret: randomBytes(32) }) });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const post = (body: unknown, cookie?: string) =>
        fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
      const asked = await post({ text: '第二档补助标准是多少' });
      const cookie = asked.headers.get('set-cookie')!.split(';')[0];
      const { replies } = (await asked.json()) as { replies: Array<{ buttons?: Array<{ label: string; action: string }> }> };
      expect(replies[0].buttons?.map((button) => button.label)).toEqual(['有用', '没用']);
      const pressed = await post({ action: replies[0].buttons![1].action }, cookie);
      expect(((await pressed.json()) as { replies: Array<{ text: string }> }).replies[0].text).toContain('已记下这条回答没有帮上忙');
      expect(await votedDown('web')).toHaveLength(1);
    } finally {
      server.close();
    }
  });

  it('console: the buttons are listed after the answer and typing 「没用」 presses it', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => (printed += chunk));
    const done = runConsoleChannel({ conversation: harness.conversation, input, output, userId: 'console-user' });
    input.end(['秸秆还田什么时候开始', '没用', 'exit'].join('\n') + '\n');
    await done;
    expect(printed).toContain('[#1] 有用  [#2] 没用');
    expect(printed).toContain('已记下这条回答没有帮上忙');
    expect(await votedDown('console')).toHaveLength(1);
  });
});
