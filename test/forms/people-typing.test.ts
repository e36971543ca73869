import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './form-harness.ts';

async function started(...lines: string[]): Promise<{ h: Harness; last: string }> {
  const h = createHarness();
  await h.bind('wang', 'reporter', '三面船镇');
  await h.bind('li', 'reporter', '宁化县');
  let last = '';
  for (const line of lines) last = await h.say(line.startsWith('li:') ? 'li' : 'wang', line.replace(/^li:/, ''));
  return { h, last };
}

describe('what township and county reporters type', () => {
  it('「算了，先不填了」「不弄了，取消」 cancel; 「先不填了」 alone keeps the draft', async () => {
    for (const words of ['算了，先不填了', '不弄了，取消']) {
      const { h, last } = await started('填报进度', '5月', '1.1万亩', words);
      expect(last, words).toContain('已取消');
      expect(await h.say('wang', '报进度')).toContain('报的是哪个月');
    }
    const { last } = await started('填报进度', '5月', '1.1万亩', '先不填了');
    expect(last).not.toContain('已取消');
  });

  it('「验收了一半」 is half of the completed area, said in the reply; without it the user is asked for the amount', async () => {
    const { h, last } = await started('填报进度', '5月', '1.6万亩', '验收了一半');
    expect(last).toContain('✓ 累计验收合格面积：8000亩');
    expect(last).toContain('按「累计完成作业面积」1.6万亩的50%计算');
    await h.say('wang', '跳过');
    expect(await h.say('wang', '确认提交')).toContain('已提交');
    const [record] = await h.records.latest('faku-2022-township-progress');
    expect(record.data).toMatchObject({ completedArea: 16000, acceptedArea: 8000 });
  });

  it('「不对，刚才那个是三百五十万」 corrects the last answer with a spoken amount', async () => {
    const lines = ['li:填报双月调度', 'li:5-6月', 'li:2.3万亩', 'li:5万亩', 'li:45个', 'li:12个', 'li:6个', 'li:3个', 'li:1个', 'li:石灰、有机肥', 'li:1200吨', 'li:2万亩', 'li:250万元', 'li:1000万元', 'li:320万元'];
    const { last } = await started(...lines, 'li:不对，刚才那个是三百五十万');
    expect(last).toContain('已把「中央资金已支出」改为 350万元');
    expect(last).toContain('地方（省市县）累计投入资金多少');
  });

  it('a list with a mistyped option reads it and says so; a piece that is no option is refused, nothing dropped', async () => {
    const lines = ['li:填报双月调度', 'li:5-6月', 'li:2.3万亩', 'li:5万亩', 'li:45个', 'li:12个', 'li:6个', 'li:3个', 'li:1个'];
    const { h, last } = await started(...lines, 'li:石灰、有机废');
    expect(last).toContain('✓ 施用物料种类：石灰质物质、有机肥');
    expect(last).toContain('「有机废」按「有机肥」理解');
    await h.say('li', '上一步');
    expect(await h.say('li', '石灰、磷矿粉')).toContain('「磷矿粉」不在可选项里');
  });

  it('an option typed with a same-sounding character (「带耕」「面耕」) is read as the option that sounds so, and said', async () => {
    const { h, last } = await started('我要登记', '东营子村', '丰收农机合作社', '合作社', '村南洼地', '200亩', '带耕');
    expect(last).toContain('✓ 土地来源：代耕作业（按「代耕作业」理解');
    await h.say('wang', '代耕合同和农户签字');
    expect(await h.say('wang', '面耕')).toMatch(/✓ 播种方式：免耕[^（]*（按「免耕[^」]*」理解/);
  });

  it('a mistyped form name starts the form and says how it was read', async () => {
    const { last } = await started('li:双月掉度');
    expect(last).toContain('按「双月调度」理解');
    expect(last).toContain('本次报的是哪一期');
  });

  it('「丰收农机合作社，是合作社」: the name stays whole, the type is 合作社', async () => {
    const { last } = await started('我要登记', '东营子村', '丰收农机合作社，是合作社');
    expect(last).toContain('✓ 实施主体：丰收农机合作社');
    expect(last).toContain('✓ 主体类型：农机合作社');
  });

  it('「少耕，动土三成，深度八公分」 fills the questions 少耕 opens, not the straw cover', async () => {
    const lines = ['我要登记', '东营子村', '丰收农机合作社', '合作社', '村南洼地', '280亩', '代耕', '代耕合同、农户签字都有'];
    const { last } = await started(...lines, '少耕，动土三成，深度八公分');
    expect(last).toContain('✓ 动土面积占比：30%');
    expect(last).toContain('✓ 动土深度：8cm');
    expect(last).toContain('秸秆覆盖率是多少');
  });

  it('a space between words separates facts: 「用了九百吨 面积一万八千亩」', async () => {
    const lines = ['li:填报双月调度', 'li:5-6月', 'li:2.3万亩', 'li:5万亩', 'li:45个', 'li:12个', 'li:6个', 'li:3个', 'li:1个', 'li:石灰'];
    const { last } = await started(...lines, 'li:用了九百吨 面积一万八千亩');
    expect(last).toContain('✓ 物料施用量：900吨');
    expect(last).toContain('✓ 物料施用面积：1.8万亩');
  });

  it('a start phrase said without a pause: 「填报进度五月份累计完成一万二千亩验收八千亩」', async () => {
    const { last } = await started('填报进度五月份累计完成一万二千亩验收八千亩');
    expect(last).toContain('✓ 月份：2022年5月');
    expect(last).toContain('✓ 累计完成作业面积：1.2万亩');
    expect(last).toContain('✓ 累计验收合格面积：8000亩');
    expect(last).not.toContain('✓ 备注');
  });

  it('an amount said in words after the last number is read, not dropped: 「样板田三个千亩样板田一个」', async () => {
    const lines = ['li:填报双月调度', 'li:5-6月', 'li:2.3万亩', 'li:5万亩', 'li:45个', 'li:12个'];
    const { last } = await started(...lines, 'li:田间试验四个样板田三个千亩样板田一个');
    expect(last).toContain('✓ 样板田：3个');
    expect(last).toContain('✓ 其中千亩样板田：1个');
  });

  it('a statement with two named amounts of one form starts that form without a start word; a question does not', async () => {
    const { last } = await started('5月份的进度：完成作业12600亩，其中验收合格9800亩，备注：部分地块待补签合同');
    expect(last).toContain('✓ 月份：2022年5月');
    expect(last).toContain('✓ 累计完成作业面积：1.26万亩');
    expect(last).toContain('✓ 累计验收合格面积：9800亩');
    expect(last).toContain('请核对');
    const asked = await started('完成作业12600亩，验收合格9800亩，完成率是多少？');
    expect(asked.last).not.toContain('开始填报');
  });
});

