import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteRecordStore } from '../../src/records/record-store.ts';
import { startReportingApp, type ReportingApp } from './reporting-app.ts';

let r: ReportingApp;
afterEach(() => r?.close());

describe('the county asks a township to correct its report, the township corrects it in words', () => {
  it('「退回…」 tells the unit’s reporter with the record and the reason; 「…报错了，应该是…」 saves a new version', async () => {
    r = await startReportingApp('2022-06-03T10:00:00+08:00');
    await r.bind('wang', 'reporter', '三面船镇');
    await r.bind('zhao', 'admin', '法库县');
    for (const line of ['报进度', '5月', '1.2万亩', '9000亩', '跳过']) await r.say('wang', line);
    expect(await r.text('wang', '确认提交')).toContain('已提交');

    const returned = await r.text('zhao', '退回三面船镇5月进度，验收面积报多了，让他们改');
    expect(returned).toContain('已退回三面船镇2022年5月的「乡镇进度」');
    expect(returned).toContain('原因：验收面积报多了');
    expect(returned).toContain('已通知填报员');
    const told = r.pushed.filter((push) => push.userId === 'wang').map((push) => push.reply.text).join('\n');
    expect(told).toContain('退回了三面船镇2022年5月');
    expect(told).toContain('请核对更正：验收面积报多了');
    expect(await r.text('zhao', '退回叶茂台镇5月进度')).toContain('还没有提交，没有可退回的记录');

    r.clock.advance(24 * 3600_000);
    const opened = await r.text('wang', '县里说5月进度验收面积报错了，应该是8000亩');
    expect(opened).toContain('已把「累计验收合格面积」改为 8000亩');
    expect(await r.text('wang', '确认提交')).toContain('第2版');
    const [record] = await createSqliteRecordStore(r.app.db).latest('faku-2022-township-progress');
    expect(record.data).toMatchObject({ completedArea: 12000, acceptedArea: 8000 });
  });

  it('a reporter cannot return a record; a sentence that only says something is wrong opens nothing', async () => {
    r = await startReportingApp('2022-06-03T10:00:00+08:00');
    await r.bind('wang', 'reporter', '三面船镇');
    expect(await r.text('wang', '退回叶茂台镇5月进度')).not.toContain('已退回');
    expect(await r.text('wang', '5月进度报错了，应该是1.3万亩')).not.toContain('已调出');
  });
});
