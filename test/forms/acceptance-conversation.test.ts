import { describe, expect, it } from 'vitest';
import { actionOf, createHarness, type Harness } from './form-harness.ts';

async function register(h: Harness, user: string, area = '350亩'): Promise<string> {
  const lines = ['我要登记', '东营子村', '丰收农机专业合作社', '合作社', '村东大块', area, '代耕', '代耕合同、验收签字', '少耕', '30%', '8厘米', '四成半', '装了'];
  for (const line of lines) await h.say(user, line);
  return h.say(user, '5月3日');
}

describe('保护性耕作作业验收登记 conversation', () => {
  it('asks conditional fields only for 少耕, checks the definition and materials, and saves', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    const start = await h.send('wang', '我要登记');
    expect(start[0].text).toContain('单位：三面船镇');
    expect(start[0].text).toContain('在哪个村');
    const summary = await register(h, 'wang');
    expect(summary).toContain('动土深度：8cm');
    expect(summary).not.toContain('不符合要求');
    expect(await h.say('wang', '确认提交')).toContain('已提交');
    const [record] = await h.records.latest('faku-2022-tillage-acceptance');
    expect(record).toMatchObject({ unit: '三面船镇', data: { area: 350, sowingMode: '少耕', strawCover: 0.45, materials: ['proxyContract', 'proxyAcceptance'] } });
  });

  it('lists missing materials with their clause and lets the user fix them by words', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    for (const line of ['我要登记', '东营子村', '丰收合作社', '合作社', '村东大块', '350亩', '代耕']) await h.say('wang', line);
    await h.say('wang', 'form:o:1');
    await h.say('wang', 'form:o:done');
    for (const line of ['免耕', '一半', '否']) await h.say('wang', line);
    const summary = await h.say('wang', '跳过');
    expect(summary).toContain('缺少材料');
    expect(summary).toContain('五、实施程序');
    const fixed = await h.say('wang', '已备材料改成代耕合同、验收签字');
    expect(fixed).toContain('已把「已备材料」改为 代耕作业合同、代耕对象验收签字');
    expect(fixed).not.toContain('缺少材料');
    // Switching 免耕 → 少耕 in review asks the fields that now apply.
    expect(await h.say('wang', '播种方式改成少耕')).toContain('动土面积');
  });

  it('rejects the same operator and plot twice', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    await register(h, 'wang');
    await h.say('wang', '确认提交');
    const again = await register(h, 'wang');
    expect(again).toContain('已有相同');
    expect(await h.say('wang', '确认提交')).toContain('暂不能提交');
  });

  it('needs an explicit confirmation for warnings and records it', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    const summary = await register(h, 'wang', '3万亩');
    expect(summary).toContain('请核实');
    const warned = await h.send('wang', '确认提交');
    expect(warned[0].text).toContain('提交前请确认以下');
    expect(await h.records.latest('faku-2022-tillage-acceptance')).toHaveLength(0);
    expect(await h.say('wang', actionOf(warned, '确认无误，仍然提交'))).toContain('已记录您确认过的');
    const [record] = await h.records.latest('faku-2022-tillage-acceptance');
    expect(record.confirmedWarnings).toEqual(expect.arrayContaining(['plausible.area', 'registration.within-remaining']));
  });

  it('lets a county admin choose the township by button', async () => {
    const h = createHarness();
    await h.bind('zhao', 'admin', '法库县');
    const asked = await h.send('zhao', '/report 作业验收登记');
    expect(asked[0].text).toContain('哪个乡镇');
    expect(await h.say('zhao', actionOf(asked, '三面船镇'))).toContain('乡镇：三面船镇');
  });
});
