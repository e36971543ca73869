import { describe, expect, it } from 'vitest';
import type { RecordStore } from '../../src/records/types.ts';
import { actionOf, createHarness, type Harness } from './form-harness.ts';

async function fillProgress(h: Harness, user: string, completed = '2万亩', accepted = '1.5万亩'): Promise<string> {
  await h.say(user, '填报进度');
  await h.say(user, '5月');
  await h.say(user, completed);
  await h.say(user, accepted);
  return h.say(user, '跳过');
}

/** Fails the next `count` saves: before writing ('before') or after writing ('after'), like a crash. */
function crashing(mode: 'before' | 'after', count = 1) {
  let left = count;
  return (records: RecordStore): RecordStore => ({
    ...records,
    async save(request) {
      if (left > 0 && mode === 'before') {
        left -= 1;
        throw new Error('disk I/O error');
      }
      const result = await records.save(request);
      if (left > 0 && mode === 'after') {
        left -= 1;
        throw new Error('process killed after commit');
      }
      return result;
    },
  });
}

describe('form faults', () => {
  it('乡镇进度 checks the township target from knowledge/units and accepted ≤ completed', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    const summary = await fillProgress(h, 'wang', '2万亩', '2.5万亩');
    expect(summary).toContain('乡镇任务面积：2.91万亩');
    expect(summary).toContain('验收合格面积 25000 亩大于完成面积 20000 亩');
    expect(await h.say('wang', '验收合格改成1.5万亩')).toContain('任务完成率：68.7%');
  });

  it('keeps the confirmed draft when the save crashes, and a retry saves exactly once', async () => {
    const h = createHarness({ wrapRecords: crashing('after') });
    await h.bind('wang', 'reporter', '三面船镇');
    await fillProgress(h, 'wang');
    const crashed = await h.send('wang', '确认提交');
    expect(crashed[0].text).toContain('您已填写的内容都已保存');
    h.restart();
    const retried = await h.say('wang', '确认提交');
    expect(retried).toContain('已提交');
    const [record] = await h.records.latest('faku-2022-township-progress');
    expect(await h.records.history(record.recordId)).toHaveLength(1);
    expect(retried).toContain(record.recordId);
  });

  it('a failed write keeps the draft for another try', async () => {
    const h = createHarness({ wrapRecords: crashing('before') });
    await h.bind('wang', 'reporter', '三面船镇');
    const summary = await h.send('wang', '填报进度');
    await h.say('wang', '5月');
    await h.say('wang', '2万亩');
    await h.say('wang', '1.5万亩');
    const review = await h.send('wang', '跳过');
    expect(summary.map((reply) => reply.text).join('\n')).toContain('开始填报');
    await h.send('wang', actionOf(review, '确认提交'));
    expect(await h.records.latest('faku-2022-township-progress')).toHaveLength(0);
    expect(await h.say('wang', actionOf(review, '确认提交'))).toContain('已提交');
    expect(await h.records.latest('faku-2022-township-progress')).toHaveLength(1);
  });

  it('a second user filing the same unit and period gets a conflict, nothing lost, and can file a new version', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    await h.bind('zhao', 'admin', '法库县');
    await fillProgress(h, 'wang');
    await h.say('zhao', '填报进度');
    await h.say('zhao', '三面船');
    await h.say('zhao', '5月');
    await h.say('zhao', '2.2万亩');
    await h.say('zhao', '1.6万亩');
    await h.say('zhao', '跳过');
    expect(await h.say('wang', '确认提交')).toContain('已提交');
    const conflict = await h.send('zhao', '确认提交');
    expect(conflict[0].text).toContain('没有提交');
    expect(conflict[0].text).toContain('已由 wang');
    expect(conflict[0].text).toContain('您填写的内容都还保留着');
    const rebased = await h.send('zhao', actionOf(conflict, '以我的填写为准，作为新版本提交'));
    expect(rebased[0].text).toContain('累计完成作业面积：2.2万亩');
    expect(await h.say('zhao', '确认提交')).toContain('第2版');
    const [record] = await h.records.latest('faku-2022-township-progress');
    expect((await h.records.history(record.recordId)).map((version) => version.author.userKey)).toEqual(['test:zhao', 'test:wang']);
  });

  it('two people correcting the same record: the later save is refused with who saved first', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    await h.bind('zhao', 'admin', '法库县');
    await fillProgress(h, 'wang');
    await h.say('wang', '确认提交');
    const [record] = await h.records.latest('faku-2022-township-progress');
    await h.say('wang', `修改记录 ${record.recordId}`);
    await h.say('zhao', `修改记录 ${record.recordId}`);
    await h.say('wang', '累计完成改成2.1万亩');
    expect(await h.say('wang', '确认提交')).toContain('第2版');
    await h.say('zhao', '累计完成改成2.3万亩');
    const conflict = await h.say('zhao', '确认提交');
    expect(conflict).toContain('在您修改期间，wang');
    expect(conflict).toContain('第2版');
  });

  it('取消 abandons the draft and old buttons then say so', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    await fillProgress(h, 'wang');
    const review = await h.send('wang', '继续');
    expect(await h.say('wang', '取消')).toContain('没有提交任何内容');
    expect(await h.say('wang', actionOf(review, '确认提交'))).toContain('已经结束或取消');
    expect(await h.records.latest('faku-2022-township-progress')).toHaveLength(0);
  });
});
