import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel, TELEGRAM_COMMANDS, type TelegramChannel } from '../../../src/channels/telegram/telegram-channel.ts';
import { createRecordingLogger } from '../../../src/channels/channel-logger.ts';
import { FAKE_BOT, startFakeTelegramApi, type FakeTelegramApi } from '../../support/fake-telegram-api.ts';
import { ALICE, BOB, buttonUpdate, createTestConversation, GROUP, textUpdate, type TestConversation } from './telegram-fixtures.ts';

describe('Telegram channel over long polling (real telegraf, fake Bot API)', () => {
  let api: FakeTelegramApi;
  let channel: TelegramChannel;
  let test: TestConversation;
  let sleeps: number[];
  const logger = createRecordingLogger();

  beforeEach(async () => {
    api = await startFakeTelegramApi();
    test = createTestConversation();
    sleeps = [];
    channel = createTelegramChannel({
      settings: { token: api.token, apiRoot: api.apiRoot },
      conversation: test.conversation,
      logger,
      retry: { sleep: async (ms) => void sleeps.push(ms), callTimeoutMs: 200 },
    });
    await channel.start();
  });

  afterEach(async () => {
    await channel.stop();
    await api.close();
  });

  it('registers the Chinese command menu and answers a private question as HTML with sources', async () => {
    expect(api.callsOf('getMe')).toHaveLength(1);
    expect(api.callsOf('setMyCommands')[0].body.commands).toEqual(TELEGRAM_COMMANDS);
    api.pushUpdates(textUpdate(ALICE, '第二档补助标准是多少？'));
    const [sent] = await api.waitForCalls('sendMessage', 1);
    expect(sent.body).toMatchObject({ chat_id: ALICE.id, parse_mode: 'HTML' });
    expect(sent.body.text).toContain('关于「第二档补助标准是多少?」');
    expect(sent.body.text).toContain('<b>出处</b>\n1. 《宁化县2022年保护性耕作实施方案》宁农〔2022〕1号 · 四、扶持政策「第二档补助标准为每亩&lt;40&gt;元 &amp; 以上」');
    expect(sent.body.reply_parameters).toBeUndefined();
  });

  it('in groups answers only when mentioned, commanded or replied to, quoting the asker', async () => {
    api.pushUpdates(
      textUpdate(ALICE, '大家好，今天开会', { group: true }),
      textUpdate(ALICE, `@${FAKE_BOT.username} 免耕补多少钱`, { group: true }),
      textUpdate(BOB, '/help@some_other_bot', { group: true }),
      textUpdate(BOB, '那秸秆覆盖呢', { group: true, replyToBot: true }),
    );
    const sent = await api.waitForCalls('sendMessage', 2);
    await channel.whenIdle();
    expect(test.questions.sort()).toEqual(['免耕补多少钱', '那秸秆覆盖呢']);
    expect(api.callsOf('sendMessage')).toHaveLength(2);
    for (const call of sent) {
      expect(call.body.chat_id).toBe(GROUP.id);
      expect(call.body.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
      expect(typeof call.body.reply_parameters.message_id).toBe('number');
    }
  });

  it('sends buttons as an inline keyboard, answers the callback query and continues the conversation', async () => {
    api.pushUpdates(textUpdate(ALICE, '/report'));
    const [menu] = await api.waitForCalls('sendMessage', 1);
    const keyboard = menu.body.reply_markup.inline_keyboard.flat();
    expect(keyboard.map((button: { text: string }) => button.text)).toEqual(['城关镇', '确认']);
    for (const button of keyboard) expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
    // The second action is 96 bytes: it must travel through the server-side table.
    expect(keyboard[1].callback_data).toMatch(/^~/);
    expect(logger.lines.some((line) => line.includes('服务器端映射'))).toBe(true);

    api.pushUpdates(buttonUpdate(ALICE, keyboard[1].callback_data));
    const sent = await api.waitForCalls('sendMessage', 2);
    expect(sent[1].body.text).toBe(`已选择：${'长'.repeat(30)}`);
    expect(api.callsOf('answerCallbackQuery')).toHaveLength(1);

    // Pressing an old button after the step has passed shows the skill's explanation.
    api.pushUpdates(buttonUpdate(ALICE, keyboard[0].callback_data));
    const later = await api.waitForCalls('sendMessage', 3);
    expect(later[2].body.text).toContain('按钮不再有效');
    expect(api.callsOf('answerCallbackQuery')).toHaveLength(2);

    // An unknown mapped button (e.g. after a restart) is reported as expired by the core.
    api.pushUpdates(buttonUpdate(ALICE, '~unknownkey'));
    const last = await api.waitForCalls('sendMessage', 4);
    expect(last[3].body.text).toContain('这个按钮已失效');
  });

  it('sends exports as documents (multipart upload)', async () => {
    api.pushUpdates(textUpdate(ALICE, '/export'));
    const [document] = await api.waitForCalls('sendDocument', 1);
    expect(document.body.chat_id).toBe(String(ALICE.id));
    expect(document.body.caption).toBe('汇总表已生成。');
    expect(document.body.document.fileName).toBe('汇总表.xlsx');
    expect(document.body.document.content.toString()).toBe('PK-fake-xlsx');
  });

  it('handles a redelivered update once (a restart before Telegram saw the offset)', async () => {
    const update = textUpdate(ALICE, '宁化县分到多少资金');
    api.pushUpdates(update);
    await api.waitForCalls('sendMessage', 1);
    await channel.stop();
    // A new process polls from offset 0 and gets the same update again.
    channel = createTelegramChannel({ settings: { token: api.token, apiRoot: api.apiRoot }, conversation: test.conversation, logger });
    await channel.start();
    api.pushUpdates({ ...update }, textUpdate(ALICE, '第二个问题'));
    await api.waitForCalls('sendMessage', 2);
    await channel.whenIdle();
    expect(test.questions).toEqual(['宁化县分到多少资金', '第二个问题']);
  });

  it('keeps one user in order within a batch while other users are not blocked', async () => {
    const slowFirst = test.hold('第一');
    const slowSecond = test.hold('第二');
    api.pushUpdates(textUpdate(ALICE, '第一问'), textUpdate(ALICE, '第二问'), textUpdate(ALICE, '第三问'), textUpdate(BOB, '别人的问题'));
    // Bob is answered while Alice's first question is still held.
    const [first] = await api.waitForCalls('sendMessage', 1);
    expect(first.body.chat_id).toBe(BOB.id);
    slowSecond.release();
    slowFirst.release();
    await api.waitForCalls('sendMessage', 4);
    const alice = api.callsOf('sendMessage').filter((call) => call.body.chat_id === ALICE.id);
    expect(alice.map((call) => /「(.+?)」/.exec(call.body.text)?.[1])).toEqual(['第一问', '第二问', '第三问']);
  });

  it('retries sends on 429 (retry_after), 5xx and timeouts without losing the reply', async () => {
    api.failNext('sendMessage', { status: 429, retryAfter: 3 });
    api.failNext('sendMessage', { status: 502 });
    api.failNext('sendMessage', 'hang');
    api.pushUpdates(textUpdate(ALICE, '补贴什么时候发'));
    const calls = await api.waitForCalls('sendMessage', 4);
    await channel.whenIdle();
    expect(new Set(calls.map((call) => call.body.text)).size).toBe(1);
    expect(sleeps[0]).toBe(3000);
    expect(sleeps).toHaveLength(3);
  });

  it('resends as plain text when Telegram cannot parse the HTML', async () => {
    api.failNext('sendMessage', { status: 400, description: "Bad Request: can't parse entities: unexpected end tag" });
    api.pushUpdates(textUpdate(ALICE, '补助标准'));
    const [html, plain] = await api.waitForCalls('sendMessage', 2);
    expect(html.body.parse_mode).toBe('HTML');
    expect(plain.body.parse_mode).toBeUndefined();
    expect(plain.body.text).toContain('第二档补助标准为每亩<40>元 & 以上');
    expect(plain.body.text).not.toContain('<b>');
  });

  it('splits long answers under 4096 characters without breaking a citation', async () => {
    api.pushUpdates(textUpdate(ALICE, '/long'));
    await api.waitForCalls('sendMessage', 1);
    await channel.whenIdle();
    const texts = api.callsOf('sendMessage').map((call) => call.body.text as string);
    expect(texts.length).toBeGreaterThan(2);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096);
    const all = texts.join('\n');
    for (let i = 1; i <= 12; i++) expect(all).toMatch(new RegExp(`${i}\\. 《[^\\n]+」`));
  });
});
