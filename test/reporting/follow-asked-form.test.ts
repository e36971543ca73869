import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReportingApp, type ReportingApp } from './reporting-app.ts';

let r: ReportingApp;
afterEach(() => r?.close());

const fileNames = (replies: Awaited<ReturnType<ReportingApp['say']>>) => replies.map((reply) => reply.attachment?.fileName ?? '').join(' ');

describe('a bare 「导出」「催报」 right after a status question follows the form asked about', () => {
  it('an admin over every form: asked which form at first; 「导出来看看」 after 「…还差哪几个县」 exports that form and period', async () => {
    r = await startReportingApp('2026-06-20T10:00:00+08:00');
    await r.users.bind('test:boss', 'admin', undefined, 'test');
    // Nothing asked yet: the admin is asked which form, by buttons or by its name typed.
    const asked = await r.say('boss', '导出');
    expect(asked[0].text).toContain('请选择要导出的表单');
    expect(asked[0].buttons?.length).toBeGreaterThan(1);
    expect(await r.text('boss', '5-6月双月调度还差哪几个县')).toContain('未填报');
    const bimonthly = await r.say('boss', '导出来看看');
    expect(bimonthly[0].text).toContain('已生成《2026年酸化耕地治理双月调度》汇总表');
    expect(bimonthly[0].text).toContain('2026年5-6月');
    expect(fileNames(bimonthly)).toMatch(/\.xlsx$/);
  });

  it('「3-4月谁没报」 then 「导出」 exports 3-4月 and 「催报」 reminds for it', async () => {
    r = await startReportingApp('2026-06-20T10:00:00+08:00');
    await r.users.bind('test:sm', 'admin', '三明市', 'test');
    await r.bind('li', 'reporter', '宁化县');
    expect(await r.text('sm', '3-4月双月调度谁没报')).toContain('3-4月');
    expect(await r.text('sm', '导出')).toContain('2026年3-4月');
    const reminded = await r.text('sm', '催报');
    expect(reminded).toContain('3-4月');
    expect(reminded).toContain('已向 1 人发送催报');
  });

  it('the form typed after the export question is exported, also after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gengbao-follow-'));
    r = await startReportingApp('2026-06-20T10:00:00+08:00', dataDir);
    await r.users.bind('test:boss', 'admin', undefined, 'test');
    expect(await r.text('boss', '导出')).toContain('请选择要导出的表单');
    r.close();
    r = await startReportingApp('2026-06-20T10:05:00+08:00', dataDir);
    const exported = await r.say('boss', '双月调度');
    expect(exported[0].text).toContain('已生成《2026年酸化耕地治理双月调度》汇总表');
    // The choice is answered once: the same words again start nothing export-related.
    expect(await r.text('boss', '导出')).toContain('请选择要导出的表单');
  });
});
