import { afterEach, describe, expect, it } from 'vitest';
import { useCliHarness } from '../support/cli-harness.ts';
import { createHarness } from '../forms/form-harness.ts';
import { fileBimonthly } from './bimonthly-fill.ts';
import { startReportingApp, type ReportingApp } from './reporting-app.ts';

const { cli, dataDir } = useCliHarness();
let r: ReportingApp | undefined;
afterEach(() => r?.close());

describe('「催报 双月调度」 in chat', () => {
  it('an admin reminds the unfiled units’ reporters now, once a day; a reporter is refused', async () => {
    r = await startReportingApp('2026-06-20T10:00:00+08:00');
    await r.bind('li', 'reporter', '宁化县');
    await r.bind('chen', 'reporter', '长汀县');
    await r.say('chen', '我叫 陈七');
    await r.file('li', '5-6月');
    await r.users.bind('test:boss', 'admin', undefined, 'test');
    const reply = await r.text('boss', '催报 双月调度');
    expect(reply).toContain('未填报：长汀县、连城县、永泰县、建宁县');
    expect(reply).toContain('已向 1 人发送催报：陈七（长汀县）');
    expect(reply).toContain('没有可提醒的填报员（未绑定或已关闭提醒）：连城县、永泰县、建宁县');
    expect(r.pushed.map((entry) => entry.userId)).toEqual(['chen']);
    expect(r.pushed[0].reply.text).toContain('县里催报');
    expect(r.pushed[0].reply.buttons?.[0].action).toBe('form:start:fujian-2026-acid-bimonthly:2026-05/06');
    expect(await r.text('boss', '催报 双月调度')).toContain('今天已经催过：陈七（长汀县）');
    expect(r.pushed).toHaveLength(1);
    expect(await r.text('li', '催报 双月调度')).toContain('仅限县级管理员使用');
    r.clock.set('2026-06-20T22:30:00+08:00');
    expect(await r.text('boss', '催报 双月调度')).toContain('夜间免打扰');
  });
});

describe('gengbao remind on a database filled by chat', () => {
  it('--dry-run lists who would be reminded without sending or remembering anything', async () => {
    const h = createHarness({ dataDir: dataDir() });
    await h.bind('li', 'reporter', '宁化县');
    await h.bind('chen', 'reporter', '长汀县');
    await fileBimonthly(h, 'li', '5-6月');
    h.db.close();
    const dry = await cli('remind', '双月调度', '--period', '5-6月', '--dry-run', '--now', '2026-06-22T10:00+08:00');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('将发送 → chen（长汀县） test:chen');
    expect(dry.out).not.toContain('宁化县） test:li');
    const json = JSON.parse((await cli('remind', '双月调度', '--dry-run', '--json', '--now', '2026-06-22T10:00+08:00')).out);
    expect(json.outcomes.map((o: { userKey: string; result: string }) => `${o.result} ${o.userKey}`)).toEqual(['would-send test:chen']);
    // A real run without a channel that reaches test:chen says so and keeps the slot open.
    const real = await cli('remind', '双月调度', '--now', '2026-06-22T10:00+08:00');
    expect(real.code).toBe(1);
    expect(real.out).toContain('未送达 → chen（长汀县）');
    const night = await cli('remind', '双月调度', '--now', '2026-06-22T23:00+08:00');
    expect(night.err).toContain('夜间免打扰');
    const future = await cli('remind', '双月调度', '--period', '11-12月', '--dry-run', '--now', '2026-06-22T10:00+08:00');
    expect(future.err).toContain('还没有开始');
  });
});
