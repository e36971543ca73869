import { afterEach, describe, expect, it } from 'vitest';
import { startReportingApp, type ReportingApp } from './reporting-app.ts';

let r: ReportingApp;
afterEach(() => r?.close());

describe('「双月调度进度」 in chat', () => {
  it('an admin gets the county’s status, missing units first, reporters by name', async () => {
    r = await startReportingApp();
    await r.bind('li', 'reporter', '宁化县');
    expect(await r.text('li', '我叫 李四')).toContain('「李四（宁化县）」');
    await r.file('li', '5-6月');
    await r.users.bind('test:boss', 'admin', undefined, 'test');
    const all = await r.text('boss', '双月调度进度');
    expect(all).toContain('2026年5-6月（第3期）填报进度');
    expect(all).toContain('5 个单位中 1 个已填报，4 个未填报');
    expect(all.indexOf('❌')).toBeLessThan(all.indexOf('✅'));
    expect(all).toContain('李四（宁化县）');
    expect(all).not.toContain('test:li');
    const missing = await r.text('boss', '哪些县还没报');
    expect(missing).toContain('未填报：');
    expect(missing).not.toMatch(/未填报：[^\n]*宁化县/);
    await r.users.bind('test:nh', 'admin', '宁化县', 'test');
    const own = await r.text('nh', '5-6月双月调度进度');
    expect(own).toContain('1 个单位中 1 个已填报');
  });

  it('refuses a reporter, an admin of another county and a period not yet begun, saying why', async () => {
    r = await startReportingApp();
    await r.bind('li', 'reporter', '宁化县');
    expect(await r.text('li', '双月调度进度')).toContain('仅限县级管理员使用；您是宁化县 填报员');
    await r.users.bind('test:faku', 'admin', '法库县', 'test');
    expect(await r.text('faku', '双月调度进度')).toContain('不在您（法库县 管理员）的管辖范围内');
    await r.users.bind('test:boss', 'admin', undefined, 'test');
    expect(await r.text('boss', '9-10月双月调度进度')).toContain('2026年9-10月（第5期）还没有开始');
    expect(await r.text('boss', '4-5月双月调度进度')).toContain('1-2月、3-4月、5-6月');
    expect(await r.text('farmer', '哪些乡镇还没报')).toContain('绑定');
  });

  it('a township form: the 法库县 admin asks which townships have not filed', async () => {
    r = await startReportingApp('2022-06-03T09:00:00+08:00');
    await r.users.bind('test:fk', 'admin', '法库县', 'test');
    const reply = await r.text('fk', '哪些乡镇还没报');
    expect(reply).toContain('乡镇保护性耕作进度」2022年5月填报进度');
    expect(reply).toContain('19 个单位中 0 个已填报');
    expect(reply).toContain('截止日期：2022-06-05');
  });
});

describe('a second filer’s figures replace a unit’s report', () => {
  it('tells the earlier filer and the county admin, in Beijing time, not the replacer', async () => {
    r = await startReportingApp();
    await r.bind('li', 'reporter', '宁化县');
    await r.say('li', '我叫 李四');
    await r.bind('zhao', 'reporter', '宁化县');
    await r.say('zhao', '我叫 赵六');
    await r.users.bind('test:nh', 'admin', '宁化县', 'test');
    await r.users.bind('test:other', 'admin', '长汀县', 'test');
    await r.file('li', '5-6月');
    await r.say('zhao', '填报双月调度');
    await r.say('zhao', '3-4月');
    // Filed for 3-4, then the period is changed to the one 李四 already filed.
    const { BIMONTHLY_REST } = await import('./bimonthly-fill.ts');
    for (const line of BIMONTHLY_REST) await r.say('zhao', line);
    await r.say('zhao', '调度期改成5-6月');
    const conflict = await r.say('zhao', '确认提交');
    const rebase = conflict.flatMap((reply) => reply.buttons ?? []).find((button) => button.label.startsWith('以我的填写为准'))!;
    await r.press('zhao', rebase.action);
    expect(await r.text('zhao', '确认提交')).toContain('第2版');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const to = (userId: string) => r.pushed.filter((entry) => entry.userId === userId).map((entry) => entry.reply.text).join('\n');
    expect(to('li')).toContain('已被 赵六（宁化县） 于 2026-06-20 10:00（北京时间）提交的第2版替换');
    expect(to('nh')).toContain('第1版（李四（宁化县））→ 第2版（赵六（宁化县）');
    expect(to('zhao')).toBe('');
    expect(to('other')).toBe('');
  });
});

describe('status and export asked as admins type them', () => {
  it('「查看进度」 is the current period and 「导出乡镇进度」 is an export, not a period named 查看 or 导出', async () => {
    r = await startReportingApp('2022-06-03T09:00:00+08:00');
    await r.users.bind('test:fk', 'admin', '法库县', 'test');
    expect(await r.text('fk', '查看进度')).toContain('19 个单位中 0 个已填报');
    expect(await r.text('fk', '帮我看看进度')).toContain('2022年5月填报进度');
    const exported = await r.text('fk', '导出乡镇进度');
    expect(exported).not.toContain('无法识别');
    expect(exported).toContain('已生成');
  });

  it('「上个月的进度」 and 「导出上个月的乡镇进度」 count from today (Beijing time)', async () => {
    r = await startReportingApp('2022-07-10T09:00:00+08:00');
    await r.users.bind('test:fk', 'admin', '法库县', 'test');
    expect(await r.text('fk', '上个月的进度')).toContain('2022年6月填报进度');
    const exported = await r.text('fk', '导出上个月的乡镇进度');
    expect(exported).not.toContain('无法识别');
    expect(exported).toContain('2022年6月');
  });
});
