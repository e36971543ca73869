import { afterEach, describe, expect, it } from 'vitest';
import { createFeishuChannel } from '../../src/channels/feishu/feishu-channel.ts';
import { createRecordingLogger } from '../../src/channels/channel-logger.ts';
import { createTelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { startFakeFeishuApi, type FakeFeishuApi } from '../support/fake-feishu-api.ts';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.ts';
import { BIMONTHLY_REST } from './bimonthly-fill.ts';
import { startReportingApp, type ReportingApp } from './reporting-app.ts';

const FORM = 'fujian-2026-acid-bimonthly';
const NO_RETRY = { sleep: async () => undefined };
let telegram: FakeTelegramApi;
let feishu: FakeFeishuApi;
const apps: ReportingApp[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) app.close();
  await telegram?.close();
  await feishu?.close();
});

/** The app with the real Telegram and Feishu channels' notifiers (telegraf, Lark SDK) against local fake servers. */
function withChannels(r: ReportingApp): ReportingApp {
  const logger = createRecordingLogger();
  const tg = createTelegramChannel({ settings: { token: telegram.token, apiRoot: telegram.apiRoot }, conversation: r.app.conversation, logger, retry: NO_RETRY, botInfo: { id: 7000001, username: 'gengbao_test_bot' } });
  const fs = createFeishuChannel({ settings: { appId: feishu.appId, appSecret: feishu.appSecret, domain: feishu.domain, mode: 'http', encryptKey: 'k', verificationToken: 't' }, conversation: r.app.conversation, logger, retry: NO_RETRY });
  r.app.outbox.register(tg.notifier!);
  r.app.outbox.register(fs.notifier!);
  apps.push(r);
  return r;
}

async function fileAs(r: ReportingApp, channel: 'telegram' | 'feishu', userId: string, period: string): Promise<void> {
  const say = (text: string) => r.app.conversation.handle({ channel, userId, text });
  await say('填报双月调度');
  await say(period);
  for (const line of BIMONTHLY_REST) await say(line);
  await say('确认提交');
}

const telegramTexts = (chatId: number) => telegram.callsOf('sendMessage').filter((call) => Number(call.body.chat_id) === chatId).map((call) => String(call.body.text));
const feishuTo = (openId: string) =>
  feishu.callsOf('message.create').filter((call) => call.query.receive_id_type === 'open_id' && call.body.receive_id === openId).map((call) => String(call.body.content));

describe('reminders that go out by themselves (moved clock, real telegraf and Lark SDK paths)', () => {
  it('reach exactly the unfiled units’ reporters, once per window, not at night, not after filing, and survive a restart', async () => {
    telegram = await startFakeTelegramApi();
    feishu = await startFakeFeishuApi();
    const r = withChannels(await startReportingApp('2026-06-20T10:00:00+08:00'));
    await r.users.bind('telegram:501', 'reporter', '宁化县', 'test');
    await r.users.bind('feishu:ou_changting', 'reporter', '长汀县', 'test');
    await r.users.bind('telegram:502', 'reporter', '连城县', 'test');
    await r.users.bind('feishu:ou_admin', 'admin', '福建省', 'test');
    await fileAs(r, 'telegram', '502', '5-6月');

    // Five days before the 25th: no window yet.
    expect((await r.app.reminders.tick()).outcomes).toEqual([]);
    // Three days before, but at 06:00 Beijing time: quiet hours.
    r.clock.set('2026-06-22T06:00:00+08:00');
    expect(await r.app.reminders.tick()).toMatchObject({ quiet: true, outcomes: [] });
    expect(telegram.callsOf('sendMessage')).toHaveLength(0);

    r.clock.set('2026-06-22T09:00:00+08:00');
    const first = await r.app.reminders.tick();
    expect(first.outcomes.map((o) => `${o.result} ${o.userKey} ${o.window}`).sort()).toEqual(['sent feishu:ou_changting before-3', 'sent telegram:501 before-3']);
    const [toNinghua] = telegramTexts(501);
    expect(toNinghua).toContain('6月25日（周四）');
    expect(toNinghua).toContain('还有 3 天，宁化县还没有填报');
    const keyboard = telegram.callsOf('sendMessage').find((call) => Number(call.body.chat_id) === 501)!.body.reply_markup.inline_keyboard.flat();
    expect(keyboard.map((button: { text: string }) => button.text)).toEqual(['开始填报', '不再提醒']);
    expect(feishuTo('ou_changting').join('')).toContain('长汀县还没有填报');
    expect(telegramTexts(502)).toEqual([]);

    // Same window later that day and after a restart over the same database: nothing again.
    r.clock.set('2026-06-22T15:00:00+08:00');
    expect((await r.app.reminders.tick()).outcomes.every((o) => o.result === 'already-sent')).toBe(true);
    const restarted = withChannels(await startReportingApp('2026-06-23T10:00:00+08:00', r.app.config.dataDir));
    expect((await restarted.app.reminders.tick()).outcomes.filter((o) => o.result === 'sent')).toEqual([]);
    expect(telegram.callsOf('sendMessage')).toHaveLength(1);

    // The button starts the form for that period; 宁化县 files, so the due-day reminder skips it.
    const started = await restarted.app.conversation.handle({ channel: 'telegram', userId: '501', action: `form:start:${FORM}:2026-05/06` });
    expect(started[0].text).toContain('本期（这两个月）新增完成酸化耕地治理多少亩');
    for (const line of BIMONTHLY_REST) await restarted.app.conversation.handle({ channel: 'telegram', userId: '501', text: line });
    await restarted.app.conversation.handle({ channel: 'telegram', userId: '501', text: '确认提交' });
    restarted.clock.set('2026-06-25T08:30:00+08:00');
    const due = await restarted.app.reminders.tick();
    expect(due.outcomes.map((o) => `${o.result} ${o.userKey} ${o.window}`)).toEqual(['sent feishu:ou_changting due']);
    expect(feishuTo('ou_changting').at(-1)).toContain('今天是');
    expect(telegramTexts(501)).toHaveLength(1);

    // The day after: the province admin gets the summary of who is still missing.
    restarted.clock.set('2026-06-26T09:00:00+08:00');
    const after = await restarted.app.reminders.tick();
    expect(after.outcomes.map((o) => `${o.result} ${o.userKey} ${o.window}`)).toEqual(['sent feishu:ou_admin summary']);
    const summary = feishuTo('ou_admin').join('');
    expect(summary).toContain('已过截止日');
    expect(summary).toContain('5 个单位中 2 个已填报，未填报：长汀县、永泰县、建宁县');
  });

  it('a reporter who opted out gets nothing; 「恢复提醒」 turns it back on', async () => {
    telegram = await startFakeTelegramApi();
    feishu = await startFakeFeishuApi();
    const r = withChannels(await startReportingApp('2026-06-22T09:00:00+08:00'));
    await r.users.bind('telegram:501', 'reporter', '宁化县', 'test');
    const reply = await r.app.conversation.handle({ channel: 'telegram', userId: '501', text: '不要提醒' });
    expect(reply[0].text).toContain('不再主动给您发填报提醒');
    expect((await r.app.reminders.tick()).outcomes).toEqual([]);
    await r.app.conversation.handle({ channel: 'telegram', userId: '501', text: '恢复提醒' });
    expect((await r.app.reminders.tick()).outcomes.map((o) => o.result)).toEqual(['sent']);
  });
});
