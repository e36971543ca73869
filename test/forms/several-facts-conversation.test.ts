import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './form-harness.ts';

const UNUSED = '这部分没有对应到表格里的项目';

async function tillage(): Promise<Harness> {
  const h = createHarness();
  await h.bind('wang', 'reporter', '三面船镇');
  return h;
}

async function bimonthly(period = '5-6月'): Promise<Harness> {
  const h = createHarness();
  await h.bind('li', 'reporter', '宁化县');
  await h.say('li', '填报双月调度');
  if (period) await h.say('li', period);
  return h;
}

describe('several facts in one message, without a language model', () => {
  it('gives a name question only its own clause and the other clauses to the fields they name', async () => {
    const h = await tillage();
    await h.say('wang', '我要登记');
    const reply = await h.say('wang', '东营子村，实施主体是老王农机合作社，免耕播种了350亩，秸秆覆盖率大概六成');
    expect(reply).toContain('✓ 村：东营子村');
    expect(reply).toContain('✓ 实施主体：老王农机合作社');
    expect(reply).toContain('✓ 作业面积：350亩');
    expect(reply).toContain('✓ 播种方式：免耕播种');
    expect(reply).toContain('✓ 播种前秸秆覆盖率：60%（您说的是约数');
    expect(reply).not.toContain(UNUSED);
    expect(reply).toContain('实施主体是哪一类');
    const row = h.db.prepare('select activity from sessions').get() as { activity: string };
    expect(JSON.parse(row.activity).state.values).toMatchObject({ village: '东营子村', operatorName: '老王农机合作社', area: 350, sowingMode: '免耕', strawCover: 0.6 });
  });

  it('still takes a whole answer to a name question that names nothing else', async () => {
    const h = await tillage();
    for (const line of ['我要登记', '东营子村']) await h.say('wang', line);
    // One clause: the name question keeps it whole, even though 合作社 is also a 主体类型 option.
    expect(await h.say('wang', '老王农机合作社')).toContain('✓ 实施主体：老王农机合作社');
  });

  it('reads a choice said after the amount (「350亩，自己的」)', async () => {
    const h = await tillage();
    for (const line of ['我要登记', '东营子村', '丰收合作社', '合作社', '村东大块']) await h.say('wang', line);
    const reply = await h.say('wang', '350亩，自己的');
    expect(reply).toContain('✓ 作业面积：350亩');
    expect(reply).toContain('✓ 土地来源：自有耕地');
    expect(reply).toContain('验收材料');
  });

  it('an amount in a unit no units file knows (「2垧」) is refused with how to convert, not stored as 2 亩; the rest is kept', async () => {
    const h = await bimonthly();
    const reply = await h.say('li', '本期治理2垧，累计5万亩');
    expect(reply).toContain('不认识「垧」这个单位');
    expect(reply).not.toContain('本期治理面积：2');
    expect(reply).toContain('✓ 累计治理面积：5万亩');
    const row = h.db.prepare('select activity from sessions').get() as { activity: string };
    expect(JSON.parse(row.activity).state.values.periodArea).toBeUndefined();
  });

  it('reads the period given together with the amounts', async () => {
    const h = await bimonthly('');
    const reply = await h.say('li', '7-8月，本期新增1000亩，累计1500亩');
    expect(reply).toContain('✓ 调度期：2026年7-8月（第4期）');
    expect(reply).toContain('✓ 本期治理面积：1000亩');
    expect(reply).toContain('✓ 累计治理面积：1500亩');
    expect(reply).toContain('实施前取土化验多少个');
  });

  it('places 「实施后2个」 and 「已支出150万」 by their natural wording', async () => {
    const h = await bimonthly();
    await h.say('li', '本期治理2.3万亩，累计5万亩');
    const samples = await h.say('li', '实施前45个，实施后2个');
    expect(samples).toContain('✓ 实施前取土化验：45个');
    expect(samples).toContain('✓ 实施后取土化验：2个');
    expect(await h.say('li', '6个，已支出150万')).toContain('✓ 中央资金已支出：150万元');
  });

  it('places an amount by its unit when one unanswered field is measured in it, and a yes-no by its name', async () => {
    const h = await tillage();
    for (const line of ['我要登记', '东营子村', '丰收合作社', '合作社']) await h.say('wang', line);
    const reply = await h.say('wang', '村东大块，350亩，流转的，装了远程监测终端');
    expect(reply).toContain('✓ 地块：村东大块');
    expect(reply).toContain('✓ 作业面积：350亩');
    expect(reply).toContain('✓ 远程监测终端：是');
    expect(reply).toContain('✓ 土地来源：流转耕地');
    expect(reply).not.toContain(UNUSED);
    const b = await bimonthly();
    const two = await b.say('li', '本期治理2.3万亩，1200吨');
    expect(two).toContain('✓ 物料施用量：1200吨');
  });

  it('says which part of the message it could not use, and keeps what it could', async () => {
    const h = await bimonthly();
    const reply = await h.say('li', '本期治理2.3万亩，那边还有些没弄完，另外搞了8个');
    expect(reply).toContain('✓ 本期治理面积：2.3万亩');
    expect(reply).toContain(`${UNUSED}：「那边还有些没弄完」「另外搞了8个」，请单独再说一次或换个说法。`);
    expect(reply).toContain('累计完成酸化耕地治理多少亩');
  });

  it('does not report a clause that only restates the question or the value', async () => {
    const h = await bimonthly();
    const reply = await h.say('li', '2.3万亩，这两个月的');
    expect(reply).toContain('✓ 本期治理面积：2.3万亩');
    expect(reply).not.toContain(UNUSED);
    expect(await h.say('li', '5万亩，累计的')).not.toContain(UNUSED);
    const zero = await h.say('li', '没有，0个');
    expect(zero).toContain('✓ 实施前取土化验：0个');
    expect(zero).not.toContain(UNUSED);
  });

  it('refuses an amount outside its field like a typed answer and keeps the rest', async () => {
    const h = await bimonthly();
    const reply = await h.say('li', '本期治理2.3万亩，实施后5000个');
    expect(reply).toContain('✓ 本期治理面积：2.3万亩');
    expect(reply).toContain('「实施后取土化验」不能大于 2000个');
  });

  it('notes a unit conversion only when the user used another unit than the question', async () => {
    const h = await bimonthly();
    for (const line of ['本期治理2.3万亩', '累计治理5万亩', '0', '0', '6个', '3个', '1', '石灰']) await h.say('li', line);
    const tonnes = await h.say('li', '300吨');
    expect(tonnes).toContain('✓ 物料施用量：300吨');
    expect(tonnes).not.toContain('换算');
    expect(await h.say('li', '100公顷')).toContain('✓ 物料施用面积：1500亩（已按 1 公顷 = 15 亩换算）');
  });

  it('accepts 「是」「对」「确认」 on the review screen', async () => {
    for (const word of ['是', '对', '确认。']) {
      const h = await tillage();
      for (const line of ['我要登记', '东营子村', '丰收合作社', '合作社', '村东大块', '350亩', '自有', '凭证', '免耕', '一半', '装了']) await h.say('wang', line);
      expect(await h.say('wang', '跳过')).toContain('请核对');
      expect(await h.say('wang', word)).toContain('已提交');
    }
  });
});
