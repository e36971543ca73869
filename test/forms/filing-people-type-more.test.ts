import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './form-harness.ts';

async function started(...lines: string[]): Promise<{ h: Harness; last: string }> {
  const h = createHarness({ now: () => new Date('2022-06-03T02:00:00Z') });
  await h.bind('wang', 'reporter', '三面船镇');
  await h.bind('li', 'reporter', '宁化县');
  let last = '';
  for (const line of lines) last = await h.say(line.startsWith('li:') ? 'li' : 'wang', line.replace(/^li:/, ''));
  return { h, last };
}

const REGISTER = ['我要登记', '东营子村', '李向东', '种粮大户', '村北大块', '100亩', '自有', '凭证', '免耕', '六成', '装了'];

describe('filing as people type it (filing-4 classes)', () => {
  it('a question typed at an amount question is not its answer; the form goes on', async () => {
    const { h, last } = await started('填报进度', '5月', '免耕播种一亩补多少钱？');
    expect(last).not.toContain('✓ 累计完成作业面积');
    expect(last).toContain('正在填报「乡镇进度」');
    expect(await h.say('wang', '1.3万亩')).toContain('✓ 累计完成作业面积：1.3万亩');
  });

  it('a check that fails once its figures are in is said at that answer with its clause; the value stays', async () => {
    const { h, last } = await started('填报进度', '5月', '1.2万亩', '1.5万亩');
    expect(last).toContain('✓ 累计验收合格面积：1.5万亩');
    expect(last).toContain('大于完成面积');
    expect(last).toContain('依据');
    expect(last).toContain('还有什么需要说明');
    // Said once: the next answer does not repeat it.
    expect(await h.say('wang', '有两个村合同没签完')).not.toContain('❌ 验收合格面积');
  });

  it('「东营子村，丰收农机合作社」: a name ending with its kind is the name, and the kind is still asked', async () => {
    const { last } = await started('我要登记', '东营子村，丰收农机合作社');
    expect(last).toContain('✓ 实施主体：丰收农机合作社');
    expect(last).toContain('实施主体是哪一类');
  });

  it('「今天先到这儿」 pauses and keeps the draft; 「取消吧，明天再登」 cancels', async () => {
    const paused = await started(...REGISTER.slice(0, 6), '今天先到这儿');
    expect(paused.last).toContain('先填到这里');
    expect(paused.last).not.toContain('播种作业完成日期');
    expect(await paused.h.say('wang', '接着登记')).toContain('自有耕地、流转耕地');
    const cancelled = await started(...REGISTER.slice(0, 5), '取消吧，明天再登');
    expect(cancelled.last).toContain('已取消');
  });

  it('「1.2万母」 asks whether 亩 was meant; 「是」 takes it', async () => {
    const { h, last } = await started('报进度', '5月', '1.2万母');
    expect(last).toContain('不认识「母」这个单位');
    expect(last).toContain('是「亩」打错了吗');
    expect(await h.say('wang', '是')).toContain('✓ 累计完成作业面积：1.2万亩');
  });

  it('a completion date after today is refused with today; 「记不清了」 skips the optional date', async () => {
    const { h, last } = await started(...REGISTER, '6月10号');
    expect(last).toContain('不能晚于今天（2022年6月3日）');
    expect(await h.say('wang', '记不清了')).toContain('请核对');
  });

  it('「打错了，8公分」 after 「80公分」 was refused answers the open question, not the plot', async () => {
    const lines = ['我要登记', '东营子村', '丰收农机合作社', '合作社', '村南洼地', '200亩', '代耕', '代耕合同和农户签字', '少耕', '动土两成', '80公分'];
    const { h, last } = await started(...lines);
    expect(last).toContain('不能大于 60cm');
    const fixed = await h.say('wang', '打错了，8公分');
    expect(fixed).toContain('✓ 动土深度：8cm');
    expect(fixed).not.toContain('地块');
  });

  it('a voice-typed bimonthly report read whole, the form name first and the period after it', async () => {
    const { last } = await started(
      'li:双月调度五六月份本期新增治理两万三千亩累计治理五万亩实施前取土四十五个实施后取土十二个田间试验六个样板田三个其中千亩样板田一个施用石灰和有机肥一千二百吨施用面积两万亩物化补助二百五十万中央资金下达一千万已支出三百二十万地方投入五十万受益农户三千二百户',
    );
    expect(last).toContain('✓ 调度期：2026年5-6月');
    expect(last).toContain('✓ 其中千亩样板田：1个');
    expect(last).toContain('✓ 中央资金已支出：320万元');
  });

  it('「1.2w」 is 1.2万; 「没有备注」 among answers leaves the note empty; 「备注：…」 keeps only the note', async () => {
    expect((await started('报进度', '5月', '1.2w')).last).toContain('✓ 累计完成作业面积：1.2万亩');
    const nothing = await started('报进度', '5月', '累计完成一万二，验收八千，没有备注');
    expect(nothing.last).toContain('备注：（未填）');
    const noted = await started('报进度', '5月', '1.2万亩', '8000亩', '备注：两个村没签完合同');
    expect(noted.last).toContain('✓ 备注：两个村没签完合同');
  });

  it('「面积填错了，应该是1500亩」 on the summary changes the one field called 面积', async () => {
    const { last } = await started(...REGISTER, '跳过', '面积填错了，应该是1500亩');
    expect(last).toContain('✓ 已把「作业面积」改为 1500亩');
  });
});

describe('filing as people speak on a phone (filing-7 classes)', () => {
  it('「嗯 没有」 leaves the note empty, 「对的 提交吧」 submits', async () => {
    const { h, last } = await started('报进度 5月 累计完成1万2 验收八千', '嗯 没有');
    expect(last).toContain('请核对');
    expect(last).not.toContain('备注：嗯');
    expect(await h.say('wang', '对的 提交吧')).toContain('已提交');
  });

  it('「重来」 clears the answers and asks from the first question; a bare 「不对」 asks the last answer again', async () => {
    const { h, last } = await started('报进度', '5月', '一万二', '重来');
    expect(last).toContain('刚才填的都已清空');
    expect(last).toContain('哪个月');
    await h.say('wang', '5月');
    await h.say('wang', '一万两千');
    const again = await h.say('wang', '不对');
    expect(again).toContain('重新填「累计完成作业面积」');
    expect(await h.say('wang', '一万二千五')).toContain('✓ 累计完成作业面积：1.25万亩');
  });

  it('「资金的数财政那边还没给 先存着 过两天再报」 keeps the draft; 「两天」 is no amount', async () => {
    const { last } = await started('li:填报双月调度', 'li:5-6月', 'li:2.3万亩', 'li:资金的数财政那边还没给 先存着 过两天再报');
    expect(last).toContain('都保存着');
    expect(last).not.toContain('✓');
  });

  it('「验收八千 前面那个完成的应该是一万二千五」 answers the open question and changes the earlier one', async () => {
    const { last } = await started('报进度', '5月', '一万二', '验收八千 前面那个完成的应该是一万二千五');
    expect(last).toContain('✓ 累计验收合格面积：8000亩');
    expect(last).toContain('已把「累计完成作业面积」改为 1.25万亩');
  });

  it('on the summary a field named in the user own words is changed: 「面积多写了 实际是二百八十亩」「合作社名字写错了 应该是…」', async () => {
    const { h } = await started(...REGISTER, '5月10号');
    expect(await h.say('wang', '面积多写了 实际是八十亩')).toContain('已把「作业面积」改为 80亩');
    expect(await h.say('wang', '合作社名字写错了 应该是李向东家庭农场')).toContain('已把「实施主体」改为 李向东家庭农场');
  });

  it('a period of this year that has not begun is refused at the period question', async () => {
    const { h } = await started('报进度');
    const refused = await h.say('wang', '8月');
    expect(refused).toContain('还没有开始');
    expect(refused).toContain('哪个月');
  });
});

describe('two periods in one message (filing-7)', () => {
  it('「4月累计完成八千 验收五千 5月累计完成一万二 验收八千」: the first filed now, the next started after its submission', async () => {
    const { h, last } = await started('4月5月的进度一起报 4月累计完成八千 验收五千 5月累计完成一万二 验收八千');
    expect(last).toContain('有 2 期');
    expect(last).toContain('✓ 月份：2022年4月');
    await h.say('wang', '没有');
    const next = await h.say('wang', '确认提交');
    expect(next).toContain('已提交');
    expect(next).toContain('✓ 月份：2022年5月');
    expect(next).toContain('✓ 累计完成作业面积：1.2万亩');
  });
});
