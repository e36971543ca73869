import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReportingApp, type ReportingApp } from './reporting-app.ts';

let r: ReportingApp | undefined;
afterEach(() => r?.close());

const csvOf = async (app: ReportingApp, line: string) => {
  const replies = await app.say('zhao', line);
  const file = replies.find((reply) => reply.attachment)?.attachment;
  expect(file, `「${line}」 sends a file`).toBeDefined();
  return Buffer.from(file!.content).toString('utf8');
};

/** 三面船镇 files May; the county admin is bound. */
async function filed(dataDir: string): Promise<ReportingApp> {
  const app = await startReportingApp('2022-06-03T10:00:00+08:00', dataDir);
  await app.bind('wang', 'reporter', '三面船镇');
  await app.bind('zhao', 'admin', '法库县');
  for (const line of ['报进度', '5月', '1.2万亩', '9000亩', '跳过']) await app.say('wang', line);
  expect(await app.text('wang', '确认提交')).toContain('已提交');
  return app;
}

describe('a returned record has a state: reason, who, when — in the status and the export, until the correction', () => {
  it('is shown after 退回, kept across a restart (same SQLite file), and cleared by the township’s correction', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gengbao-returned-'));
    r = await filed(dataDir);
    expect(await r.text('zhao', '退回三面船镇5月进度，验收面积报多了，让他们改')).toContain('状态已标为「已退回」');
    r.close();

    r = await startReportingApp('2022-06-03T11:00:00+08:00', dataDir);
    const status = await r.text('zhao', '5月进度还差哪几个乡镇');
    expect(status).toContain('19 个单位中 1 个已填报，18 个未填报，1 个已退回待更正。');
    expect(status).toContain('已退回待更正：三面船镇');
    expect(status).toMatch(/↩️ 三面船镇 已退回待更正（R\w+ 第1版，.*于2022-06-03 10:00退回，原因：验收面积报多了）/);
    const csv = await csvOf(r, '导出乡镇进度 csv');
    expect(csv).toContain('退回情况');
    expect(csv).toMatch(/三面船镇.*已退回待更正：验收面积报多了（.*2022-06-03 10:00）/);

    expect(await r.text('wang', '县里说5月进度验收面积报错了，应该是8000亩')).toContain('已调出');
    expect(await r.text('wang', '确认提交')).toContain('第2版');
    const after = await r.text('zhao', '5月进度还差哪几个乡镇');
    expect(after).not.toContain('已退回');
    expect(after).toMatch(/✅ 三面船镇 已填报（R\w+ 第2版/);
    expect(await csvOf(r, '导出乡镇进度 csv')).not.toContain('退回');
  });

  it('returning the corrected version again marks version 2, with the new reason', async () => {
    r = await filed(mkdtempSync(join(tmpdir(), 'gengbao-returned-')));
    await r.text('zhao', '退回三面船镇5月进度，验收面积报多了');
    await r.text('wang', '县里说5月进度验收面积报错了，应该是8000亩');
    await r.text('wang', '确认提交');
    await r.text('zhao', '退回三面船镇5月进度，完成面积也要核实');
    const status = await r.text('zhao', '5月进度还差哪几个乡镇');
    expect(status).toMatch(/↩️ 三面船镇 已退回待更正（R\w+ 第2版，.*原因：完成面积也要核实）/);
    expect(status).not.toContain('验收面积报多了');
  });

  it('a bare 「导出」 follows the status question asked before a restart (kept beside the sessions)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gengbao-recent-'));
    r = await filed(dataDir);
    expect(await r.text('zhao', '5月进度谁还没报')).toContain('柏家沟镇');
    r.close();
    r = await startReportingApp('2022-06-03T10:20:00+08:00', dataDir);
    expect(await r.text('zhao', '导出')).toContain('已生成《2022年乡镇保护性耕作进度》汇总表');
    r.close();
    // Half an hour later it is forgotten: the admin is asked which form.
    r = await startReportingApp('2022-06-03T11:00:00+08:00', dataDir);
    expect(await r.text('zhao', '导出')).toContain('请选择要导出的表单');
  });
});
