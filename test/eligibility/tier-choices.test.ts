import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/core/conversation.ts';
import type { Reply } from '../../src/core/types.ts';
import { createEligibilitySkill } from '../../src/eligibility/index.ts';
import { loadRuleSets } from '../../src/rules/index.ts';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { createSqliteSessionStore } from '../../src/core/session-store.ts';
import { createFakeAnswerer } from '../support/fake-answerer.ts';
import { createHarness } from '../forms/form-harness.ts';

const rules = loadRuleSets('knowledge');

function chat() {
  const answerer = createFakeAnswerer();
  const conversation = createConversation({
    sessions: createSqliteSessionStore(openMemoryDatabase()),
    answerer,
    skills: [createEligibilitySkill({ rules })],
    onError: (error) => {
      throw error;
    },
  });
  const say = async (text: string) => (await conversation.handle({ channel: 'test', userId: 'farmer', text })).map((reply: Reply) => reply.text).join('\n');
  return { say, answerer };
}

describe('the rate depends on one fact the message did not give', () => {
  it('「免耕播种一亩补多少钱？」 gets every tier with its range and rate and the clause stating them, then the question', async () => {
    const { say, answerer } = chat();
    const reply = await say('免耕播种一亩补多少钱？');
    expect(reply).toContain('播种前秸秆覆盖率低于30%：第一档（秸秆少量覆盖），不高于38元/亩');
    expect(reply).toContain('播种前秸秆覆盖率30%（含）至60%：第二档（秸秆部分覆盖），不高于58元/亩');
    expect(reply).toContain('播种前秸秆覆盖率60%及以上：第三档（秸秆大量覆盖），不高于90元/亩');
    expect(reply).toContain('依据：「第一档标准对应作业补助不高于 38 元/亩，第二档不高于 58 元/亩，第三档不高于 90 元/亩」');
    // the figures come before the question that decides between them
    expect(reply.indexOf('不高于90元/亩')).toBeLessThan(reply.indexOf('百分之多少'));
    expect(reply).not.toContain('计算');
    expect(answerer.questions).toHaveLength(0);
    // the check goes on: the share answers the question asked
    expect(await say('四成')).toContain('面积');
  });

  it('an area given: the tiers, no total before the share is known', async () => {
    const { say } = chat();
    const reply = await say('我们家庭农场免耕播种了200亩，作业补助能拿多少');
    expect(reply).toContain('不高于38元/亩');
    expect(reply).toContain('不高于90元/亩');
    expect(reply).not.toMatch(/200亩最多|计算/);
  });

  it('the share given: one result, no tier list', async () => {
    const { say } = chat();
    const reply = await say('免耕播种，秸秆覆盖三成五，一亩补多少');
    expect(reply).toContain('第二档');
    expect(reply).not.toContain('不高于38元/亩');
  });

  it('a question that is not about the amount (conventional tillage) gets no tiers', async () => {
    const { say } = chat();
    const reply = await say('翻耕后播种的地一亩补多少钱');
    expect(reply).not.toContain('不高于38元/亩');
  });
});

describe('a subsidy question in the middle of a report form', () => {
  function harness() {
    return createHarness({ extraSkills: () => [createEligibilitySkill({ rules })] });
  }

  it('is answered by the calculator in one reply, without a check of its own, and the form goes on', async () => {
    const h = harness();
    await h.bind('wang', 'reporter', '三面船镇');
    await h.say('wang', '填报进度');
    const asked = await h.say('wang', '5月');
    const replies = await h.send('wang', '免耕播种一亩补多少钱？');
    const text = replies.map((reply) => reply.text).join('\n');
    expect(text).toContain('不高于90元/亩');
    expect(text).toContain('您还有未完成的事项');
    expect(text).not.toContain('保护性耕作测算');
    expect(replies.flatMap((reply) => reply.buttons ?? []).some((button) => button.action.startsWith('eligibility:'))).toBe(false);
    expect(h.answerer.questions).toHaveLength(0);
    // the form's question is still the one it asked
    expect(await h.say('wang', '继续')).toContain(asked.split('\n').find((line) => line.includes('【'))!);
  });

  it("the user's share in the question gives the tier and rate, and is not taken as the form's answer", async () => {
    const h = harness();
    await h.bind('wang', 'reporter', '三面船镇');
    for (const line of ['我要登记', '东营子村', '李向东', '种粮大户', '村西坡地', '90亩', '自有', '凭证', '免耕']) await h.say('wang', line);
    const text = await h.say('wang', '覆盖率三成五一亩能补多少');
    expect(text).toContain('第二档');
    expect(text).toContain('58元/亩');
    expect(text).toContain('您还有未完成的事项');
    expect(await h.say('wang', '四成')).toContain('40%');
  });

  it('a question the calculator cannot answer in one message still goes to the documents', async () => {
    const h = harness();
    await h.bind('wang', 'reporter', '三面船镇');
    await h.say('wang', '填报进度');
    await h.say('wang', '5月');
    await h.say('wang', '保护性耕作验收要带什么材料？');
    expect(h.answerer.questions).toHaveLength(1);
  });
});
