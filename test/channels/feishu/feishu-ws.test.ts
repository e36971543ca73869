import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../../../src/channels/channel-logger.ts';
import { ConfigError } from '../../../src/config.ts';
import { createFeishuChannel, type FeishuChannel } from '../../../src/channels/feishu/feishu-channel.ts';
import { startFakeFeishuApi, type FakeFeishuApi } from '../../support/fake-feishu-api.ts';
import { createTestConversation, type TestConversation } from '../telegram/telegram-fixtures.ts';
import { cardActionEvent, GROUP_CHAT, messageEvent, P2P_CHAT, USER_A, USER_B } from './feishu-fixtures.ts';

const postText = (content: string) =>
  (JSON.parse(content).zh_cn.content as Array<Array<{ text: string }>>).map((line) => line.map((item) => item.text).join('')).join('\n');

describe('Feishu channel over the long connection (real WSClient, fake Open API)', () => {
  let api: FakeFeishuApi;
  let channel: FeishuChannel;
  let test: TestConversation;
  let sleeps: number[];

  beforeEach(async () => {
    api = await startFakeFeishuApi();
    test = createTestConversation();
    sleeps = [];
    channel = createFeishuChannel({
      settings: { appId: api.appId, appSecret: api.appSecret, domain: api.domain, mode: 'ws' },
      conversation: test.conversation,
      logger: createRecordingLogger(),
      retry: { sleep: async (ms) => void sleeps.push(ms) },
    });
    await channel.start();
    await api.waitForConnection();
  });

  afterEach(async () => {
    await channel.stop();
    await api.close();
  });

  it('answers a p2p question with a rich-text reply to the message, citing sources', async () => {
    const ack = await api.pushWsEvent(messageEvent({ text: '第二档补助标准是多少' }));
    expect(ack.code).toBe(200);
    const [reply] = await api.waitForCalls('message.reply', 1);
    expect(reply.path).toMatch(/^\/open-apis\/im\/v1\/messages\/om_ev_\d+\/reply$/);
    expect(reply.body.msg_type).toBe('post');
    const text = postText(reply.body.content);
    expect(text).toContain('关于「第二档补助标准是多少」');
    expect(text).toContain('出处：\n1. 《宁化县2022年保护性耕作实施方案》宁农〔2022〕1号 · 四、扶持政策「第二档补助标准为每亩<40>元 & 以上」');
    expect(api.callsOf('token')).toHaveLength(1);
  });

  it('in groups answers only when the bot is @-mentioned, without the placeholder', async () => {
    await api.pushWsEvent(messageEvent({ text: '今天开会', chatType: 'group', chatId: GROUP_CHAT }));
    await api.pushWsEvent(messageEvent({ text: '@_user_1 看看这个', chatType: 'group', chatId: GROUP_CHAT, mentions: [{ key: '@_user_1', openId: 'ou_someone', name: '王五' }] }));
    await api.pushWsEvent(
      messageEvent({ text: '@_user_1 免耕补多少钱', user: USER_B, chatType: 'group', chatId: GROUP_CHAT, mentions: [{ key: '@_user_1', openId: api.botOpenId, name: '耕保助手' }] }),
    );
    await channel.whenIdle();
    expect(test.questions).toEqual(['免耕补多少钱']);
    const [reply] = api.callsOf('message.reply');
    expect(api.callsOf('message.reply')).toHaveLength(1);
    expect(postText(reply.body.content)).toContain('免耕补多少钱');
  });

  it('sends choices as card buttons whose callbacks continue the conversation', async () => {
    await api.pushWsEvent(messageEvent({ text: '/report' }));
    const [cardMessage] = await api.waitForCalls('message.reply', 1);
    expect(cardMessage.body.msg_type).toBe('interactive');
    const card = JSON.parse(cardMessage.body.content);
    const buttons = card.elements.find((element: { tag: string }) => element.tag === 'action').actions;
    expect(buttons.map((button: { text: { content: string } }) => button.text.content)).toEqual(['城关镇', '确认']);

    const ack = await api.pushWsEvent(cardActionEvent({ action: buttons[0].value.action }));
    expect(JSON.parse(Buffer.from(String(ack.data), 'base64').toString('utf8'))).toEqual({ toast: { type: 'info', content: '已收到，正在处理' } });
    const [answer] = await api.waitForCalls('message.create', 1);
    expect(answer.query).toEqual({ receive_id_type: 'chat_id' });
    expect(answer.body.receive_id).toBe(P2P_CHAT);
    expect(postText(answer.body.content)).toBe('已选择：城关镇');

    // The same button again, after the step has passed: the skill's explanation is shown.
    await api.pushWsEvent(cardActionEvent({ action: buttons[0].value.action }));
    const later = await api.waitForCalls('message.create', 2);
    expect(postText(later[1].body.content)).toContain('按钮不再有效');
  });

  it('handles an event once even when Feishu delivers it again', async () => {
    const event = messageEvent({ text: '宁化县分到多少资金' });
    await api.pushWsEvent(event);
    await api.pushWsEvent(event);
    await channel.whenIdle();
    expect(test.questions).toEqual(['宁化县分到多少资金']);
  });

  it('uploads exports and sends them as file messages', async () => {
    await api.pushWsEvent(messageEvent({ text: '/export' }));
    const [upload] = await api.waitForCalls('file.create', 1);
    expect(upload.body.file_type).toBe('xls');
    expect(upload.body.file_name).toBe('汇总表.xlsx');
    expect(upload.body.file.content.toString()).toBe('PK-fake-xlsx');
    const [file] = await api.waitForCalls('message.create', 1);
    expect(file.body.msg_type).toBe('file');
    expect(JSON.parse(file.body.content).file_key).toMatch(/^file_v3_/);
  });

  it('retries rate limits and server errors, then answers', async () => {
    api.failNext('message.reply', { status: 429, code: 99991400, msg: 'request trigger frequency limit' });
    api.failNext('message.reply', { status: 503 });
    await api.pushWsEvent(messageEvent({ text: '补贴什么时候发' }));
    await channel.whenIdle();
    expect(api.callsOf('message.reply')).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('keeps one user in order while another user is not blocked', async () => {
    const held = test.hold('第一');
    await api.pushWsEvent(messageEvent({ text: '第一问' }));
    await api.pushWsEvent(messageEvent({ text: '第二问' }));
    await api.pushWsEvent(messageEvent({ text: '别人的问题', user: USER_B, chatId: 'oc_p2p_bob' }));
    const [first] = await api.waitForCalls('message.reply', 1);
    expect(postText(first.body.content)).toContain('别人的问题');
    held.release();
    const all = await api.waitForCalls('message.reply', 3);
    expect(all.slice(1).map((call) => /「(.+?)」/.exec(postText(call.body.content))?.[1])).toEqual(['第一问', '第二问']);
  });
});

describe('Feishu channel start-up', () => {
  it('fails with a message naming the credentials when Feishu rejects them', async () => {
    const api = await startFakeFeishuApi();
    const channel = createFeishuChannel({
      settings: { appId: api.appId, appSecret: 'wrong-secret', domain: api.domain, mode: 'ws' },
      conversation: createTestConversation().conversation,
      logger: createRecordingLogger(),
    });
    await expect(channel.start()).rejects.toThrow(ConfigError);
    await expect(channel.start()).rejects.toThrow(/FEISHU_APP_SECRET/);
    await api.close();
  });
});
