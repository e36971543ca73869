import { describe, expect, it } from 'vitest';
import { GUIDE_TEXT } from '../../src/core/guide.ts';
import { createRecordsSkill } from '../../src/forms/records-skill.ts';
import { createAccountSkill } from '../../src/users/account-skill.ts';
import { createHarness } from '../forms/form-harness.ts';

/** Answers after 「填报双月调度」 and the period, up to the summary (a 宁化县 reporter). */
const REST = ['本期治理2.3万亩，取土45个', '累计治理5万亩', '0', '6个', '3个', '1', '石灰、有机肥', '1200吨', '2万亩', '250万元', '1000万元', '320万', '50万元', '3200户', '跳过'];

describe('what a new user meets around an open form', () => {
  it('the welcome names 绑定 and 查看记录', async () => {
    expect(GUIDE_TEXT).toContain('绑定');
    expect(GUIDE_TEXT).toContain('查看记录');
  });

  it('「查看记录」 and 「我是谁」 mid-form are answered, and the form goes on where it was', async () => {
    const h = createHarness({ extraSkills: (parts) => [createAccountSkill({ users: parts.users }), createRecordsSkill({ records: parts.records, units: parts.units })] });
    await h.bind('wang', 'reporter', '三面船镇');
    await h.say('wang', '填报乡镇进度');
    const before = await h.say('wang', '继续');
    const records = await h.say('wang', '查看记录');
    expect(records).toContain('三面船镇还没有已保存的填报记录');
    expect(records).toContain('您还有未完成的事项');
    expect(await h.say('wang', '我是谁')).toContain('三面船镇 填报员');
    expect(await h.say('wang', '继续')).toBe(before);
  });

  it('「确认提交」 typed after saving says it is saved already', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await h.say('li', '填报双月调度');
    await h.say('li', '5-6月');
    for (const line of REST) await h.say('li', line);
    const saved = await h.say('li', '确认提交');
    expect(saved).toMatch(/已提交.*记录编号 R[2-9A-HJKMNP-Z]{8}/);
    const again = await h.say('li', '确认提交');
    expect(again).toContain('已经提交过了');
    expect(h.answerer.questions).toHaveLength(0);
  });

  it('a reporter bound to a city is told at once why a county form is not theirs', async () => {
    const h = createHarness();
    await h.bind('chen', 'reporter', '三明市');
    const reply = await h.say('chen', '填报双月调度');
    expect(reply).toContain('按县填报');
    expect(reply).toContain('三明市');
    expect(reply).not.toContain('请问是哪个县');
  });
});
