import { describe, expect, it } from 'vitest';
import { translateFeishuCardAction, translateFeishuMessage, type MessageReceiveEvent } from '../../../src/channels/feishu/feishu-event.ts';
import { cardActionEvent, GROUP_CHAT, messageEvent, USER_A } from './feishu-fixtures.ts';

const BOT = 'ou_bot';
/** The SDK's dispatcher hands handlers the header and event fields merged into one object. */
const flat = (payload: { header: object; event: object }) => ({ ...payload.header, ...payload.event }) as MessageReceiveEvent;

describe('translateFeishuMessage', () => {
  it('reads p2p text with the event id as dedup key and replies to the message', () => {
    const inbound = translateFeishuMessage(flat(messageEvent({ text: '宁化县分到多少资金', eventId: 'ev_x' })), BOT);
    expect(inbound).toMatchObject({ message: { channel: 'feishu', userId: USER_A, text: '宁化县分到多少资金', dedupKey: 'feishu:ev_x' }, target: { replyToMessageId: 'om_ev_x' } });
  });

  it('answers groups only when the bot is mentioned, and strips only its placeholder', () => {
    const mentions = [
      { key: '@_user_1', openId: BOT, name: '耕保助手' },
      { key: '@_user_2', openId: 'ou_wang', name: '王五' },
    ];
    const inbound = translateFeishuMessage(flat(messageEvent({ text: '@_user_1 帮 @_user_2 查下补助', chatType: 'group', chatId: GROUP_CHAT, mentions })), BOT);
    expect(inbound?.message.text).toBe('帮 @王五 查下补助');
    expect(translateFeishuMessage(flat(messageEvent({ text: '@_user_1 你好', chatType: 'group', mentions: mentions.slice(1).map((m) => ({ ...m, key: '@_user_1' })) })), BOT)).toBeNull();
    expect(translateFeishuMessage(flat(messageEvent({ text: '大家好', chatType: 'group' })), BOT)).toBeNull();
  });

  it('reads rich-text (post) messages', () => {
    const event = flat(messageEvent({ text: '' }));
    event.message!.message_type = 'post';
    event.message!.content = JSON.stringify({ title: '', content: [[{ tag: 'text', text: '第二档' }, { tag: 'text', text: '补助多少' }]] });
    expect(translateFeishuMessage(event, BOT)?.message.text).toBe('第二档补助多少');
  });

  it('ignores messages sent by apps', () => {
    const event = flat(messageEvent({ text: '机器人的话' }));
    event.sender!.sender_type = 'app';
    expect(translateFeishuMessage(event, BOT)).toBeNull();
  });
});

describe('translateFeishuCardAction', () => {
  it('takes the action from the button value and answers in the chat of the card', () => {
    const inbound = translateFeishuCardAction(flat(cardActionEvent({ action: 'form:back', eventId: 'ev_c' })) as never);
    expect(inbound).toMatchObject({ message: { action: 'form:back', userId: USER_A, dedupKey: 'feishu:ev_c' }, target: { cardMessageId: 'om_card_1' } });
    expect(inbound?.target.replyToMessageId).toBeUndefined();
  });
});
