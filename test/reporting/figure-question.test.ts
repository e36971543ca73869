import { afterEach, describe, expect, it } from 'vitest';
import { startReportingApp, type ReportingApp } from './reporting-app.ts';

let r: ReportingApp;
afterEach(() => r?.close());

async function progress(user: string, month: string, done: string, accepted: string): Promise<void> {
  await r.text(user, `填报${month}进度，累计完成${done}，验收${accepted}`);
  await r.text(user, '没有');
  expect(await r.text(user, '确认提交')).toContain('已提交');
}

describe('the county asks for the figures filed: a sum, one unit, two periods compared', () => {
  it('「5月全县累计完成一共多少亩」 sums the units that filed; 「…比4月增加了多少」 gives both periods and the change', async () => {
    r = await startReportingApp('2022-06-03T10:00:00+08:00');
    await r.bind('wang', 'reporter', '三面船镇');
    await r.bind('liu', 'reporter', '叶茂台镇');
    await r.bind('zhao', 'admin', '法库县');
    await progress('wang', '4月', '8000亩', '5000亩');
    await progress('liu', '4月', '6000亩', '4000亩');
    await progress('wang', '5月', '1.2万亩', '8000亩');
    await progress('liu', '5月', '9000亩', '6000亩');
    const total = await r.text('zhao', '5月全县累计完成一共多少亩');
    expect(total).toContain('合计 2.1万亩');
    expect(total).toContain('未报，未计入');
    const compared = await r.text('zhao', '全县5月累计完成比4月增加了多少');
    expect(compared).toContain('合计 1.4万亩');
    expect(compared).toContain('增加 7000亩');
    const one = await r.text('zhao', '三面船镇验收合格比上个月多了多少');
    expect(one).toContain('三面船镇2022年5月「累计验收合格面积」：8000亩');
    expect(one).toContain('增加 3000亩');
    // One unit's report of one period, every field asked.
    const record = await r.text('zhao', '看一下三面船镇5月报的');
    expect(record).toContain('三面船镇2022年5月的记录');
    expect(record).toContain('累计验收合格面积：8000亩');
    // Two periods in one status question: each one's status.
    const both = await r.text('zhao', '4月和5月的进度谁还没报');
    expect(both).toContain('2022年4月填报进度');
    expect(both).toContain('2022年5月填报进度');
    // A reporter gets no county figures.
    expect(await r.text('wang', '5月全县累计完成一共多少亩')).not.toContain('合计 2.1万亩');
  });
});
