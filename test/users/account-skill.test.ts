import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/core/conversation.ts';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { createSqliteSessionStore } from '../../src/core/session-store.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { createAccountSkill } from '../../src/users/account-skill.ts';
import { createSqliteUserStore } from '../../src/users/user-store.ts';
import { createFakeAnswerer } from '../support/fake-answerer.ts';

const units = loadUnits(join(import.meta.dirname, '..', '..', 'knowledge'));

function setup() {
  const db = openMemoryDatabase();
  const users = createSqliteUserStore(db, units);
  const answerer = createFakeAnswerer();
  const conversation = createConversation({
    sessions: createSqliteSessionStore(db),
    answerer,
    skills: [createAccountSkill({ users })],
    users,
  });
  const say = async (text: string, userId = 'u1', channel: 'telegram' | 'web' = 'telegram') =>
    (await conversation.handle({ channel, userId, text, displayName: '王五' })).map((reply) => reply.text).join('\n');
  return { users, say, answerer };
}

describe('account skill', () => {
  it('「绑定 <code>」 binds the user; 「我是谁」 says who they are', async () => {
    const { users, say } = setup();
    const { code } = await users.createInvite('reporter', '三面船镇');
    expect(await say('我是谁')).toMatch(/农户（未绑定单位）[\s\S]*绑定 邀请码/);
    expect(await say(`绑定 ${code.toLowerCase()}`)).toBe('绑定成功！您现在是 三面船镇 填报员。\n您可以填报和查看三面船镇的记录。');
    expect(await say('我的身份')).toMatch(/^您是 三面船镇 填报员/);
    expect(await users.profile('telegram:u1')).toMatchObject({ role: 'reporter', unit: '三面船镇', displayName: '王五' });
  });

  it('Telegram deep link /start <code> binds; plain /start still shows the guide', async () => {
    const { users, say } = setup();
    const { code } = await users.createInvite('admin', '法库县');
    expect(await say(`/start ${code}`)).toMatch(/绑定成功！您现在是 法库县 管理员/);
    expect(await say('/start')).toMatch(/耕保助手/);
  });

  it('refuses a used, expired or unknown code and says why', async () => {
    const { users, say } = setup();
    const { code } = await users.createInvite('reporter', '吉祥街道');
    await say(`绑定 ${code}`, 'first');
    expect(await say(`绑定 ${code}`, 'second')).toMatch(/已于 .* 被使用，每个邀请码只能用一次/);
    expect(await say('绑定 ZZZZ2222')).toMatch(/不存在/);
    expect(await say('绑定')).toMatch(/请在「绑定」后面写上/);
  });

  it('questions that merely start with 绑定 or 邀请码 go to question answering', async () => {
    const { say, answerer } = setup();
    await say('邀请码是什么意思？');
    expect(answerer.questions).toHaveLength(1);
  });

  it('an admin creates invites for their own area only; others are refused with the reason', async () => {
    const { users, say } = setup();
    await users.bind('telegram:admin', 'admin', '法库县', 'test');
    const reply = await say('生成邀请码 填报员 叶茂台', 'admin');
    const code = /邀请码：(\w{8})/.exec(reply)?.[1];
    expect(reply).toContain('叶茂台镇 填报员');
    expect(await say(`绑定 ${code}`, 'newcomer')).toMatch(/叶茂台镇 填报员/);
    expect(await say('生成邀请码 宁化县', 'admin')).toMatch(/不能为「宁化县」生成邀请码：.*不在管辖范围内/);
    expect(await say('生成邀请码 火星', 'admin')).toMatch(/未知单位「火星」/);
    expect(await say('/invite 三面船')).toMatch(/只有管理员才能生成邀请码/);
    expect(await users.invites()).toHaveLength(1);
  });
});
