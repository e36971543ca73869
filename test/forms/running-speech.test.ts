import { describe, expect, it } from 'vitest';
import { createHarness } from './form-harness.ts';

describe('text answers said inside running speech, and warnings answered as people answer them', () => {
  it('「东营子村的李向东，在村东大块免耕播种了120亩」 fills the village, the operator and the plot', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    await h.say('wang', '作业登记');
    const reply = await h.say('wang', '东营子村的李向东，在村东大块免耕播种了120亩，自己的地');
    expect(reply).toContain('✓ 村：东营子村');
    expect(reply).toContain('✓ 实施主体：李向东');
    expect(reply).toContain('✓ 地块：村东大块');
    expect(reply).toContain('✓ 作业面积：120亩');
    expect(reply).toContain('实施主体是哪一类');
  });

  it('bare words in the order the form asks them go to the text questions that come next, and stop at a choice', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    await h.say('wang', '作业登记');
    const reply = await h.say('wang', '东营子村，李向东，村东大块');
    expect(reply).toContain('✓ 村：东营子村');
    expect(reply).toContain('✓ 实施主体：李向东');
    expect(reply).not.toContain('✓ 地块');
    expect(reply).toContain('没有对应到');
  });

  it('a single answer with a comma still answers only the question asked', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    for (const line of ['作业登记', '东营子村', '李向东', '种粮大户']) await h.say('wang', line);
    const reply = await h.say('wang', '村东大块，挨着河边那块');
    expect(reply).toMatch(/✓ 地块：村东大块[，,]挨着河边那块/);
  });

  it('after the warnings alone, 「确认」 or 「确认提交」 again confirms them instead of showing them once more', async () => {
    for (const answer of ['确认', '确认提交', '没错']) {
      const h = createHarness();
      await h.bind('wang', 'reporter', '三面船镇');
      for (const line of ['我要登记', '东营子村', '丰收农机合作社', '合作社', '村东大块', '2350亩', '自有', '凭证', '免耕', '3成', '是']) await h.say('wang', line);
      expect(await h.say('wang', '跳过')).toContain('请核实');
      const warned = await h.say('wang', '确认提交');
      expect(warned).toContain('提交前请确认以下');
      expect(warned).toContain('回复「确认」');
      expect(await h.records.latest('faku-2022-tillage-acceptance')).toHaveLength(0);
      expect(await h.say('wang', answer), answer).toContain('已记录您确认过的 1 项提醒');
      const [record] = await h.records.latest('faku-2022-tillage-acceptance');
      expect(record.data).toMatchObject({ area: 2350, strawCover: 0.3 });
    }
  });

  it('a change after the warnings shows the summary again, and its 确认提交 asks about the warnings anew', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    for (const line of ['我要登记', '东营子村', '丰收农机合作社', '合作社', '村东大块', '2350亩', '自有', '凭证', '免耕', '3成', '是', '跳过']) await h.say('wang', line);
    await h.say('wang', '确认提交');
    expect(await h.say('wang', '面积改成2400亩')).toContain('请核对');
    expect(await h.say('wang', '确认提交')).toContain('提交前请确认以下');
    expect(await h.records.latest('faku-2022-tillage-acceptance')).toHaveLength(0);
  });

  it('in a run-on registration a yes/no next to its name and a date are read; 「确认提交」 never becomes a name', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    await h.say('wang', '作业登记');
    const reply = await h.say('wang', '东营子村在村东大块免耕播种了一百二十亩自己的地有土地证秸秆覆盖率六成装了终端五月三号播完的');
    expect(reply).toContain('✓ 远程监测终端：是');
    expect(reply).toContain('✓ 播种作业完成日期：2022年5月3日');
    expect(reply).toContain('实施主体叫什么名字');
    const command = await h.say('wang', '确认提交');
    expect(command).toContain('还有问题没回答');
    expect(command).not.toContain('✓ 实施主体');
    expect(await h.say('wang', '李向东')).toContain('✓ 实施主体：李向东');
  });
});

