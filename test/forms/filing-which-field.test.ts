import { describe, expect, it } from 'vitest';
import { actionOf, createHarness, type Harness } from './form-harness.ts';

async function started(...lines: string[]): Promise<{ h: Harness; last: string }> {
  const h = createHarness({ now: () => new Date('2022-06-03T02:00:00Z') });
  await h.bind('wang', 'reporter', '三面船镇');
  let last = '';
  for (const line of lines) last = await h.say('wang', line);
  return { h, last };
}

const PROGRESS = ['填报进度', '5月', '1.2万亩', '8000亩'];
const REGISTER = ['我要登记', '东营子村', '李向东', '种粮大户', '村北大块', '100亩', '自有', '凭证', '免耕'];

describe('a corrected value whose field is not clear (filing-5 classes)', () => {
  it('「面积填错了，应该是1.3万亩」 where 面积 names two fields: the value waits, the reply naming one sets it', async () => {
    const { h, last } = await started(...PROGRESS, '面积填错了，应该是1.3万亩');
    expect(last).toContain('「累计完成作业面积」');
    expect(last).toContain('「累计验收合格面积」');
    expect(last).toContain('1.3万亩');
    const set = await h.say('wang', '累计完成');
    expect(set).toContain('✓ 已把「累计完成作业面积」改为 1.3万亩');
    expect(set).not.toContain('备注：累计完成');
  });

  it('the button sets the waiting value too', async () => {
    const { h } = await started(...PROGRESS, '跳过');
    const replies = await h.send('wang', '面积填错了，应该是1.3万亩');
    expect(await h.say('wang', actionOf(replies, '累计验收合格面积'))).toContain('✓ 已把「累计验收合格面积」改为 1.3万亩');
  });

  it('「改成1.3万」 on the summary offers the fields the value fits; a piece of a name (「完成面积」) picks one', async () => {
    const { h, last } = await started(...PROGRESS, '跳过', '改成1.3万');
    expect(last).toContain('可以填在');
    expect(last).not.toContain('请点「确认提交」，或说要改的内容');
    expect(await h.say('wang', '完成面积')).toContain('✓ 已把「累计完成作业面积」改为 1.3万亩');
  });

  it('「改成150」 that only one field can take is set there and the reply says so', async () => {
    const { last } = await started(...REGISTER, '六成', '装了', '5月10号', '改成150');
    expect(last).toContain('✓ 已把「作业面积」改为 150亩');
    expect(last).toContain('只有「作业面积」能填这个数');
  });

  it('a reply that names none of the fields offered is read as usual, and the value is not set', async () => {
    const { h } = await started(...PROGRESS, '改成1.3万');
    const reply = await h.say('wang', '跳过');
    expect(reply).not.toContain('改为 1.3万');
    expect(reply).toContain('1.2万亩');
  });

  it('「上一步」 twice then 「继续」: the answers taken back return and the form goes on where it was', async () => {
    const { h, last } = await started(...REGISTER, '上一步', '上一步');
    expect(last).toContain('原来填的是：自有/流转耕地有效凭证');
    const resumed = await h.say('wang', '继续');
    expect(resumed).toContain('保持原样');
    expect(resumed).toContain('秸秆覆盖率是多少');
    expect(await h.say('wang', '六成')).toContain('远程监测终端');
  });

  it('「上一步」 and a new answer still goes on to the next question in order', async () => {
    const { h } = await started(...REGISTER, '上一步', '上一步');
    expect(await h.say('wang', '土地证')).toContain('播种方式是');
  });

  it('「5月底」 as a completion date is the month\'s last day', async () => {
    const { last } = await started(...REGISTER, '六成', '装了', '5月底');
    expect(last).toContain('2022年5月31日');
  });
});

describe('shares of a whole and cancels said by mistake (filing-5 classes)', () => {
  it('「完成一万六千亩，验收了一半」 in one message: the share is of the whole said before it', async () => {
    const { last } = await started('填报进度', '5月的，完成一万六千亩，验收了一半');
    expect(last).toContain('✓ 累计验收合格面积：8000亩');
    expect(last).not.toContain('备注：的');
  });

  it('「验收了百分之一百二」 in a run: the others are kept and the reply says the share cannot pass 100%', async () => {
    const { h, last } = await started('填报进度', '5月的，完成一万二，验收了百分之一百二');
    expect(last).toContain('✓ 累计完成作业面积：1.2万亩');
    expect(last).toContain('不能超过100%');
    expect(last).toContain('其中已验收合格多少亩');
    expect(await h.say('wang', '九千')).toContain('✓ 累计验收合格面积：9000亩');
  });

  it('「取消」 then 「点错了，接着填」 brings the draft back; anything else after a cancel closes it', async () => {
    const { h, last } = await started('填报进度', '5月', '2万亩', '取消');
    expect(last).toContain('恢复');
    const back = await h.say('wang', '哎呀点错了，接着填');
    expect(back).toContain('已恢复');
    expect(back).toContain('其中已验收合格多少亩');
    expect(await h.say('wang', '1.5万亩')).toContain('✓ 累计验收合格面积：1.5万亩');

    const gone = await started('填报进度', '5月', '2万亩', '取消');
    await gone.h.say('wang', '免耕播种一亩补多少钱？');
    expect(await gone.h.say('wang', '恢复')).not.toContain('已恢复');
  });
});

describe('another form started in the middle of one (filing-5 classes)', () => {
  it('「我要登记」 mid-进度 sets the draft aside; after the registration is submitted 「接着报进度」 goes on with it', async () => {
    const { h, last } = await started('报进度', '5月', '我要登记');
    expect(last).toContain('已填的 1 项先放着');
    expect(last).toContain('在哪个村');
    let reply = '';
    for (const line of [...REGISTER.slice(1), '六成', '装了', '5月10号', '确认提交']) reply = await h.say('wang', line);
    expect(reply).toContain('✅ 已提交「2022年保护性耕作作业验收登记」');
    expect(reply).toContain('先前放下的「乡镇进度」还没填完');
    const back = await h.say('wang', '接着报进度');
    expect(back).toContain('累计完成保护性耕作作业多少亩');
    expect(await h.say('wang', '1.2万亩')).toContain('✓ 累计完成作业面积：1.2万亩');
  });

  it('cancelling the form started in between brings back the one set aside', async () => {
    const { h } = await started('报进度', '5月', '1.2万亩', '我要登记');
    expect(await h.say('wang', '取消')).toContain('接着填先前放下的「乡镇进度」');
    expect(await h.say('wang', '8000亩')).toContain('✓ 累计验收合格面积：8000亩');
  });

  it('「一千万整」: 整 closing an amount is no unit', async () => {
    const h = createHarness({ now: () => new Date('2026-06-20T02:00:00Z') });
    await h.bind('li', 'reporter', '宁化县');
    let last = '';
    for (const line of ['填报双月调度', '5-6月', '2.3万亩', '5万亩', '45个', '12个', '6个', '3个', '1个', '石灰', '1200吨', '2万亩', '250万元', '一千万整']) last = await h.say('li', line);
    expect(last).toContain('✓ 中央资金下达：1000万元');
  });
});

describe('「应该是…」 while a question is open answers it', () => {
  it('「应该是1.2万亩吧」 at the area question is its answer, not a change of another', async () => {
    const { h, last } = await started('填报进度', '5月', '应该是1.2万亩吧');
    expect(last).toContain('✓ 累计完成作业面积：1.2万亩');
    expect(await h.say('wang', '应该是8000亩')).toContain('✓ 累计验收合格面积：8000亩');
  });

  it('「改成1.3万亩」 while the next question is open changes the answer given before', async () => {
    const { last } = await started('填报进度', '5月', '1.2万亩', '改成1.3万亩');
    expect(last).toContain('✓ 已把「累计完成作业面积」改为 1.3万亩');
  });
});
