import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './form-harness.ts';

async function progress(...lines: string[]): Promise<{ h: Harness; last: string }> {
  const h = createHarness();
  await h.bind('wang', 'reporter', '三面船镇');
  let last = '';
  for (const line of ['填报进度', '5月', ...lines]) last = await h.say('wang', line);
  return { h, last };
}

describe('corrections and empty answers typed as people type them', () => {
  it('「不对，面积是1300」 right after an answer corrects that answer, not the question now asked', async () => {
    const { h, last } = await progress('1200亩', '不对，面积是1300');
    expect(last).toContain('✓ 已把「累计完成作业面积」改为 1300亩');
    expect(last).toContain('其中已验收合格多少亩');
    const row = h.db.prepare('select activity from sessions').get() as { activity: string };
    expect(JSON.parse(row.activity).state.values).toMatchObject({ completedArea: 1300 });
    expect(JSON.parse(row.activity).state.values.acceptedArea).toBeUndefined();
  });

  it('「说错了，1.3万」 without a name goes to the last answer the value fits', async () => {
    const { last } = await progress('1.2万亩', '8000亩', '说错了，9000');
    expect(last).toContain('✓ 已把「累计验收合格面积」改为 9000亩');
  });

  it('「改一下第二项」 on the summary asks that line again; 「第3项改成1.6万亩」 sets it', async () => {
    const { h, last } = await progress('1.5万亩', '1万亩', '跳过');
    expect(last).toContain('请核对');
    expect(await h.say('wang', '改一下第二项')).toContain('好的，改「月份」');
    expect(await h.say('wang', '4月')).toContain('月份：2022年4月');
    const set = await h.say('wang', '第3项改成1.6万亩');
    expect(set).toContain('✓ 已把「累计完成作业面积」改为 1.6万亩');
    expect(set).toContain('请核对');
  });

  it('a computed line or a number past the end is explained, and nothing entered is lost', async () => {
    const { h } = await progress('1.5万亩', '1万亩', '跳过');
    const computed = await h.say('wang', '改一下第5项');
    expect(computed).toContain('第5项「乡镇任务面积」是按其他项目自动得出的，不能直接改');
    expect(computed).toContain('累计完成作业面积：1.5万亩');
    expect(await h.say('wang', '第九项改成3')).toContain('核对表里只有 7 项');
    expect(await h.say('wang', '确认提交')).toContain('已提交');
    const [record] = await h.records.latest('faku-2022-township-progress');
    expect(record.data).toMatchObject({ completedArea: 15000, acceptedArea: 10000 });
  });

  it('「没有」「无」 to an optional note leaves it empty instead of saving the word', async () => {
    for (const word of ['没有', '无', '没有。']) {
      const { h, last } = await progress('1.2万亩', '8000亩', word);
      expect(last).toContain('已跳过「备注」');
      expect(await h.say('wang', '确认提交')).toContain('已提交');
      const [record] = await h.records.latest('faku-2022-township-progress');
      expect(record.data.note).toBeUndefined();
    }
  });

  it('reads traditional characters, emoji and full-width digits like plain text', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    for (const line of ['填報進度', '５月', '累計完成1.2萬畝🌾', '驗收合格八千畝✅', '跳過']) await h.say('wang', line);
    expect(await h.say('wang', '確認提交😊')).toContain('已提交');
    const [record] = await h.records.latest('faku-2022-township-progress');
    expect(record.data).toMatchObject({ period: '2022-05', completedArea: 12000, acceptedArea: 8000 });
  });

  it('starts a form from a sentence that already holds answers, and reads the rest as answers', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    const reply = await h.say('wang', '填报5月进度，累计完成1.2万亩，验收8000亩');
    expect(reply).toContain('开始填报「2022年乡镇保护性耕作进度」');
    expect(reply).toContain('✓ 月份：2022年5月');
    expect(reply).toContain('✓ 累计完成作业面积：1.2万亩');
    expect(reply).toContain('✓ 累计验收合格面积：8000亩');
    expect(h.answerer.questions).toEqual([]);
    // A question about a form is still a question.
    await h.say('wang', '取消');
    await h.say('wang', '填报进度的时候，验收合格面积到底是怎么算的呢？');
    expect(h.answerer.questions).toHaveLength(1);
  });

  it('reads 「验收合格的有一千八」 by the field it names, and 「没装终端」 as no', async () => {
    const { last } = await progress('完成了两千三百五十亩，验收合格的有一千八');
    expect(last).toContain('✓ 累计完成作业面积：2350亩');
    expect(last).toContain('✓ 累计验收合格面积：1800亩');
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    for (const line of ['我要登记', '东营子村', '丰收农机合作社', '合作社', '村东大块', '120亩', '自有', '凭证', '免耕', '一半']) await h.say('wang', line);
    expect(await h.say('wang', '没装终端')).toContain('✓ 远程监测终端：否');
  });

  it('「上一步」 on the summary goes back to the question skipped last; 「没有备注」 and 「提交吧」 are understood', async () => {
    const { h, last } = await progress('1.2万亩', '8000亩', '跳过');
    expect(last).toContain('请核对');
    expect(await h.say('wang', '上一步')).toContain('重新填「备注」');
    expect(await h.say('wang', '没有备注')).toContain('已跳过「备注」');
    expect(await h.say('wang', '提交吧')).toContain('已提交');
  });

  it('takes a choice typed with one wrong character when only one option is that close, and says how it read it', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    for (const line of ['我要登记', '东营子村', '丰收农机合作社', '合作社', '村东大块', '120亩']) await h.say('wang', line);
    expect(await h.say('wang', '流传的')).toContain('✓ 土地来源：流转耕地（按「流转耕地」理解，不对请直接更正）');
    await h.say('wang', '凭证');
    // 深耕 is one character from 免耕, 少耕, 翻耕 and 旋耕: not guessed.
    expect(await h.say('wang', '深耕')).toContain('「播种方式」请从这些里选');
    expect(h.answerer.questions).toEqual([]);
    expect(await h.say('wang', '第二档补多少？')).toContain('【答】第二档补多少');
  });
});
