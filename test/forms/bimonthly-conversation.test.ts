import { describe, expect, it } from 'vitest';
import { actionOf, createHarness, type Harness } from './form-harness.ts';

/** Answers after 「填报双月调度」 and the period, up to the summary (a 宁化县 reporter). */
const REST = ['本期治理2.3万亩，取土45个', '累计治理5万亩', '0', '6个', '3个', '1', '石灰、有机肥', '1200吨', '2万亩', '250万元', '1000万元', '320万', '50万元', '3200户', '跳过'];

async function fill(h: Harness, user: string, period: string, overrides: Record<number, string> = {}): Promise<string> {
  await h.say(user, '填报双月调度');
  let last = await h.say(user, period);
  for (const [index, line] of REST.entries()) last = await h.say(user, overrides[index] ?? line);
  return last;
}

describe('双月调度 conversation', () => {
  it('reads a field name with filler words inside it (「本期又治理」 is 本期治理, not 累计治理)', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await h.say('li', '填报双月调度');
    await h.say('li', '5-6月');
    const reply = await h.say('li', '本期又治理了2.3万亩，累计共治理5万亩');
    expect(reply).toContain('本期治理面积：2.3万亩');
    expect(reply).toContain('累计治理面积：5万亩');
  });

  it('fills the form one question at a time, several answers per message, and saves after confirmation', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    const start = await h.say('li', '填报双月调度');
    expect(start).toContain('单位：宁化县');
    expect(start).toContain('本次报的是哪一期');
    expect(await h.say('li', '5-6月')).toContain('调度期：2026年5-6月');
    const two = await h.say('li', '本期治理2.3万亩，取土45个');
    expect(two).toContain('本期治理面积：2.3万亩');
    expect(two).toContain('实施前取土化验：45个');
    expect(two).toContain('累计完成酸化耕地治理多少亩');
    for (const line of REST.slice(1, -1)) await h.say('li', line);
    const replies = await h.send('li', '跳过');
    const summary = replies.map((r) => r.text).join('\n');
    expect(summary).toContain('请核对「2026年酸化耕地治理双月调度」');
    expect(summary).toContain('任务完成率：62.5%');
    expect(summary).toContain('物化补助每亩：125元/亩');
    const saved = await h.say('li', actionOf(replies, '确认提交'));
    expect(saved).toMatch(/已提交.*记录编号 R[2-9A-HJKMNP-Z]{8}/);
    const [record] = await h.records.latest('fujian-2026-acid-bimonthly');
    expect(record).toMatchObject({ unit: '宁化县', period: '2026-05/06', version: 1, author: { userKey: 'test:li', channel: 'test' } });
    expect(record.data).toMatchObject({ periodArea: 23000, cumulativeArea: 50000, samplesBefore: 45, materialKinds: ['石灰质物质', '有机肥'], materialQuantity: 1200000 });
    // The same button pressed twice: saved once, the second press says so.
    const again = await h.say('li', actionOf(replies, '确认提交'));
    expect(again).toContain('已经提交过了');
    expect(again).toContain(record.recordId);
    expect(await h.records.history(record.recordId)).toHaveLength(1);
  });

  it('answers a question typed mid-form, reminds, and 继续 shows the current question', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await h.say('li', '填报双月调度');
    await h.say('li', '第3期');
    const answer = await h.say('li', '第二档补助标准是多少？');
    expect(answer).toContain('【答】第二档补助标准是多少');
    expect(answer).toContain('您还有未完成的事项：正在填报「双月调度」，当前问题：本期（这两个月）新增完成酸化耕地治理多少亩');
    expect(await h.say('li', '继续')).toContain('新增完成酸化耕地治理多少亩');
    // 「帮助」 is not an answer: the guide, then where the form is.
    const help = await h.say('li', '帮助');
    expect(help).toContain('您还有未完成的事项：正在填报「双月调度」');
    expect(help).not.toContain('请输入');
  });

  it('resumes after a restart where the user was', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await h.say('li', '填报双月调度');
    await h.say('li', '5-6月');
    await h.say('li', '2.3万亩');
    h.restart();
    const resumed = await h.say('li', '继续');
    expect(resumed).toContain('累计完成酸化耕地治理多少亩');
    await h.say('li', '5万亩');
    expect(await h.say('li', '上一步')).toContain('重新填「累计治理面积」');
  });

  it('keeps the answers after a wrong answer and names the field with an example', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await h.say('li', '填报双月调度');
    expect(await h.say('li', '4-5月')).toContain('1-2月、3-4月、5-6月');
    await h.say('li', '5-6月');
    const wrong = await h.say('li', '很多');
    expect(wrong).toMatch(/本期治理面积|面积/);
    expect(wrong).toContain('2.3万亩');
    expect(wrong).toContain('已填写的内容都保留着');
    const range = await h.say('li', '两三万亩');
    expect(range).toContain('确定的数');
    // 「两万出头」 is only one side of the figure: asked for it, 「按 2万亩 填」 takes the number said.
    const open = await h.send('li', '两万出头');
    expect(open[0].text).toContain('报表要填确切的数');
    expect(await h.say('li', actionOf(open, '按 2万亩 填'))).toContain('本期治理面积：2万亩');
    // 「大概4万亩」 is a figure: entered as said, and the reply says it was an approximation.
    const approx = await h.say('li', '大概4万亩');
    expect(approx).toContain('累计治理面积：4万亩');
    expect(approx).toContain('您说的是约数');
  });

  it('corrects a field by words and after submit creates a new version', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await fill(h, 'li', '5-6月');
    const corrected = await h.send('li', '累计治理面积改成6万亩');
    expect(corrected[0].text).toContain('已把「累计治理面积」改为 6万亩');
    expect(corrected[0].text).toContain('任务完成率：75%');
    await h.say('li', actionOf(corrected, '确认提交'));
    const review = await h.send('li', '改一下');
    expect(review[0].text).toContain('正在修改记录');
    const asked = await h.say('li', '改一下取土数');
    expect(asked).toContain('改「实施前取土化验」');
    const changed = await h.send('li', '50个');
    const done = await h.say('li', actionOf(changed, '确认提交'));
    expect(done).toContain('第2版');
    const [latest] = await h.records.latest('fujian-2026-acid-bimonthly');
    expect(latest.version).toBe(2);
    expect(latest.data.samplesBefore).toBe(50);
    expect(await h.records.history(latest.recordId)).toHaveLength(2);
    // 「修改记录 R…」 loads the record by id.
    expect(await h.say('li', `修改记录 ${latest.recordId}`)).toContain(`正在修改记录 ${latest.recordId}（当前第2版）`);
  });

  it('blocks the save on failing checks and lists each with its clause', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    // 300万元 over 2万亩 = 150 元/亩 > 125; spent 1200万 > allocated 1000万.
    const summary = await fill(h, 'li', '5-6月', { 9: '300万元', 11: '1200万' });
    expect(summary).toContain('不符合要求');
    expect(summary).toContain('超过每亩不高于 125 元的标准');
    expect(summary).toContain('五、资金补助内容 › （二）物化补助');
    expect(summary).toContain('超过下达的');
    expect(summary).not.toContain('确认提交」；');
    expect(await h.say('li', '确认提交')).toContain('暂不能提交');
    expect(await h.records.latest('fujian-2026-acid-bimonthly')).toHaveLength(0);
  });

  it('compares cumulative values with the same county’s previous period', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await fill(h, 'li', '3-4月');
    await h.say('li', '确认提交');
    const summary = await fill(h, 'li', '5-6月', { 1: '累计4万亩' });
    expect(summary).toContain('比上期 50000亩 还少');
    expect(await h.say('li', '累计治理改成5.5万亩')).not.toContain('还少');
  });

  it('refuses unbound users and explains how to get bound', async () => {
    const h = createHarness();
    const refused = await h.say('farmer', '填报双月调度');
    expect(refused).toContain('绑定 邀请码');
    await h.bind('wang', 'reporter', '三面船镇');
    expect(await h.say('wang', '填报双月调度')).toContain('适用于宁化县');
  });
});

describe('双月调度 corrections by a loose name', () => {
  it('asks which field 「面积」 means when several labels contain it, keeping the value said', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await fill(h, 'li', '5-6月');
    const asked = await h.send('li', '面积改成2.5万亩');
    expect(asked[0].text).toContain('「面积」可以指');
    const chosen = await h.say('li', actionOf(asked, '本期治理面积'));
    expect(chosen).toContain('已把「本期治理面积」改为 2.5万亩');
  });

  it('without a value, the button asks the field again', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await fill(h, 'li', '5-6月');
    const asked = await h.send('li', '改一下面积');
    expect(asked[0].text).toContain('「面积」指哪一项');
    expect(await h.say('li', actionOf(asked, '本期治理面积'))).toContain('改「本期治理面积」');
    expect(await h.say('li', '2.5万亩')).toContain('本期治理面积：2.5万亩');
  });
});

describe('双月调度 correction of an earlier period', () => {
  it('refuses lifting a cumulative value above what the next period already reports', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await fill(h, 'li', '5-6月');
    await h.say('li', '确认提交');
    await fill(h, 'li', '7-8月', { 1: '累计治理6万亩' });
    await h.say('li', '确认提交');
    const earlier = (await h.records.latest('fujian-2026-acid-bimonthly')).find((record) => record.period === '2026-05/06')!;
    await h.say('li', `修改记录 ${earlier.recordId}`);
    const summary = await h.say('li', '累计治理改成7万亩');
    expect(summary).toContain('比下一期 2026年7-8月（第4期） 的记录');
    expect(summary).toContain('已报的 6万亩 还多');
    expect(await h.say('li', '确认提交')).toContain('暂不能提交');
    expect(await h.records.history(earlier.recordId)).toHaveLength(1);
    expect(await h.say('li', '累计治理改成5.8万亩')).not.toContain('比下一期');
  });
});

describe('双月调度 by a second reporter of the same county', () => {
  it('says right after the period that it is already filed, with the record to correct', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await h.bind('zhao', 'reporter', '宁化县');
    await fill(h, 'li', '5-6月');
    await h.say('li', '确认提交');
    const [record] = await h.records.latest('fujian-2026-acid-bimonthly');
    await h.say('zhao', '填报双月调度');
    const reply = await h.say('zhao', '5-6月');
    expect(reply).toContain(`已由 li 提交（记录编号 ${record.recordId}）`);
    expect(reply).toContain(`修改记录 ${record.recordId}`);
    expect(reply).toContain('本期（这两个月）新增');
    expect(await h.say('zhao', '上一步')).toContain('重新填「调度期」');
    expect(await h.say('zhao', '7-8月')).not.toContain('已由');
  });
});
