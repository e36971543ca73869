import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Update } from 'telegraf/types';
import { translateTelegramUpdate } from '../../../src/channels/telegram/telegram-update.ts';
import { FAKE_BOT } from '../../support/fake-telegram-api.ts';
import { ALICE, buttonUpdate, textUpdate } from './telegram-fixtures.ts';

const bot = { id: FAKE_BOT.id, username: FAKE_BOT.username };
const identity = (data: string) => data;
const translate = (update: Update) => translateTelegramUpdate(update, bot, identity);

describe('translateTelegramUpdate', () => {
  it.each([
    ['private text', textUpdate(ALICE, '秸秆覆盖率怎么算'), '秸秆覆盖率怎么算'],
    ['group mention', textUpdate(ALICE, `@${FAKE_BOT.username} 免耕补多少`, { group: true }), '免耕补多少'],
    ['group mention at the end', textUpdate(ALICE, `免耕补多少 @${FAKE_BOT.username}`, { group: true }), '免耕补多少'],
    ['group command to us', textUpdate(ALICE, `/ask@${FAKE_BOT.username} 补助标准`, { group: true }), `/ask@${FAKE_BOT.username} 补助标准`],
    ['group bare command', textUpdate(ALICE, '/help', { group: true }), '/help'],
    ['group reply to the bot', textUpdate(ALICE, '那深松呢', { group: true, replyToBot: true }), '那深松呢'],
  ])('%s', (_, update, text) => {
    const inbound = translate(update);
    expect(inbound?.message).toMatchObject({ channel: 'telegram', userId: String(ALICE.id), text, dedupKey: `telegram:${update.update_id}` });
  });

  it.each([
    ['group chatter', textUpdate(ALICE, '今天下午开会', { group: true })],
    ['command for another bot', textUpdate(ALICE, '/help@other_bot', { group: true })],
  ])('ignores %s', (_, update) => {
    expect(translate(update)).toBeNull();
  });

  it('quotes the asker in groups only', () => {
    expect(translate(textUpdate(ALICE, '你好'))?.replyToMessageId).toBeUndefined();
    expect(translate(textUpdate(ALICE, `@${FAKE_BOT.username} 你好`, { group: true }))?.replyToMessageId).toEqual(expect.any(Number));
  });

  it('turns a button press into an action with the callback query id', () => {
    const inbound = translate(buttonUpdate(ALICE, 'form:back'));
    expect(inbound?.message.action).toBe('form:back');
    expect(inbound?.callbackQueryId).toMatch(/^cq-/);
  });

  it('removes the bot mention from any group text and keeps the rest (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (before, after) => {
        fc.pre(!before.includes('@') && !after.includes('@') && !before.startsWith('/'));
        const inbound = translate(textUpdate(ALICE, `${before}@${FAKE_BOT.username}${after}`, { group: true }));
        expect(inbound?.message.text).toBe(`${before}${after}`.replace(/\s+/g, ' ').trim());
      }),
    );
  });
});
