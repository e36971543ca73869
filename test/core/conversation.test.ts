import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/core/conversation.ts';
import type { Skill } from '../../src/core/skill.ts';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { createSqliteDeliveryLog } from '../../src/core/delivery-log.ts';
import { createSqliteSessionStore } from '../../src/core/session-store.ts';
import { createFakeAnswerer } from '../support/fake-answerer.ts';

function setup(skills: Skill[] = []) {
  const db = openMemoryDatabase();
  const answerer = createFakeAnswerer({ 第二档补助标准是多少: '不高于58元/亩。' });
  const conversation = createConversation({
    sessions: createSqliteSessionStore(db),
    deliveries: createSqliteDeliveryLog(db),
    answerer,
    skills,
  });
  const say = (text: string, userId = 'u1') => conversation.handle({ channel: 'test', userId, text });
  return { conversation, answerer, say };
}

/** A tiny skill that counts numbers the user sends while its activity is active. */
const counterSkill: Skill = {
  name: 'counter',
  commands: { count: (ctx) => (ctx.setActivity({ skill: 'counter', state: { total: 0 } }), ctx.reply('开始计数')) },
  continueActivity(ctx) {
    if (!/^\d+$/.test(ctx.text)) return false;
    const state = ctx.session.activity!.state as { total: number };
    state.total += Number(ctx.text);
    ctx.reply(`合计 ${state.total}`);
    return true;
  },
  describeActivity: (activity) => `计数中，当前合计 ${(activity.state as { total: number }).total}`,
  onAction: (ctx, payload) => ctx.reply(`按下了 ${payload}`),
};

describe('conversation core', () => {
  it('answers greetings and help with the guide', async () => {
    const { say } = setup();
    for (const text of ['你好', '帮助', '/help', '/start', '', '👍👍', '？']) {
      const [reply] = await say(text);
      expect(reply.text).toContain('耕保助手');
    }
  });

  it('routes a question to the answerer with citations', async () => {
    const { say } = setup();
    const [reply] = await say('第二档补助标准是多少');
    expect(reply.text).toBe('不高于58元/亩。');
    expect(reply.citations?.[0].doc).toBe('doc.txt');
  });

  it('keeps an activity across turns, answers an off-topic question and reminds', async () => {
    const { say } = setup([counterSkill]);
    await say('/count');
    expect((await say('2'))[0].text).toBe('合计 2');
    const replies = await say('第二档补助标准是多少');
    expect(replies[0].text).toBe('不高于58元/亩。');
    expect(replies[1].text).toContain('当前合计 2');
    expect((await say('3'))[0].text).toBe('合计 5');
    expect((await say('取消'))[0].text).toBe('已取消。');
    expect((await say('取消'))[0].text).toContain('没有进行中');
  });

  it('dispatches button actions by skill prefix and explains unknown buttons', async () => {
    const { conversation } = setup([counterSkill]);
    const [pressed] = await conversation.handle({ channel: 'test', userId: 'u1', action: 'counter:abc' });
    expect(pressed.text).toBe('按下了 abc');
    const [stale] = await conversation.handle({ channel: 'test', userId: 'u1', action: 'gone:1' });
    expect(stale.text).toContain('按钮已失效');
  });

  it('handles a redelivered message once', async () => {
    const { conversation, answerer } = setup();
    const message = { channel: 'test' as const, userId: 'u1', text: '第二档补助标准是多少', dedupKey: 'test:42' };
    expect(await conversation.handle(message)).toHaveLength(1);
    expect(await conversation.handle(message)).toHaveLength(0);
    expect(answerer.questions).toHaveLength(1);
  });

  it('processes one user in order even when handling takes different times', async () => {
    const order: string[] = [];
    const slowSkill: Skill = {
      name: 'slow',
      async tryIntent(ctx) {
        await new Promise((resolve) => setTimeout(resolve, ctx.text === 'a' ? 30 : 1));
        order.push(ctx.text);
        ctx.reply(ctx.text);
        return true;
      },
    };
    const { say } = setup([slowSkill]);
    await Promise.all([say('a'), say('b'), say('c')]);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('survives a throwing skill and tells the user', async () => {
    const broken: Skill = { name: 'broken', tryIntent: () => { throw new Error('boom'); } };
    const db = openMemoryDatabase();
    const errors: unknown[] = [];
    const conversation = createConversation({
      sessions: createSqliteSessionStore(db), answerer: createFakeAnswerer(), skills: [broken], onError: (e) => errors.push(e),
    });
    const [reply] = await conversation.handle({ channel: 'test', userId: 'u', text: '随便问问' });
    expect(reply.text).toContain('出错');
    expect(errors).toHaveLength(1);
  });

  it('truncates very long input and says so', async () => {
    const { say, answerer } = setup();
    const replies = await say('秸秆'.repeat(6000));
    expect(replies[0].text).toContain('只处理了前');
    expect(answerer.questions[0].length).toBeLessThanOrEqual(2000);
  });
});

describe('session writes', () => {
  it('writes an activity every turn, but an empty session only when it is new or an hour old', async () => {
    const db = openMemoryDatabase();
    const real = createSqliteSessionStore(db);
    const saved: Array<string | null> = [];
    let clock = new Date('2026-11-30T08:00:00Z');
    const conversation = createConversation({
      sessions: { ...real, save: (session) => (saved.push(session.activity?.skill ?? null), real.save(session)) },
      answerer: createFakeAnswerer({ 第二档补助标准是多少: '不高于58元/亩。' }),
      skills: [counterSkill],
      now: () => clock,
    });
    const say = (text: string) => conversation.handle({ channel: 'test', userId: 'u1', text });
    await say('第二档补助标准是多少');
    await say('第二档补助标准是多少');
    expect(saved).toEqual([null]);
    clock = new Date('2026-11-30T09:00:01Z');
    await say('你好');
    expect(saved).toEqual([null, null]);
    await say('/count');
    await say('2');
    await say('3');
    expect(saved).toEqual([null, null, 'counter', 'counter', 'counter']);
    expect((await real.load('test:u1')).activity?.state).toEqual({ total: 5 });
    await say('取消');
    expect(saved).toEqual([null, null, 'counter', 'counter', 'counter', null]);
    expect((await real.load('test:u1')).activity).toBeNull();
  });
});
