import { describe, expect, it } from 'vitest';
import { useCliHarness } from '../support/cli-harness.ts';
import { createHarness } from '../forms/form-harness.ts';
import { fileBimonthly } from './bimonthly-fill.ts';

const { cli, dataDir } = useCliHarness();
const JUNE_20 = '2026-06-20T10:00+08:00';

describe('gengbao status on a database filled by chat', () => {
  it('lists every county, missing ones first, with record, version, completion and reporter', async () => {
    const h = createHarness({ dataDir: dataDir() });
    await h.bind('li', 'reporter', '宁化县');
    await h.bind('chen', 'reporter', '长汀县');
    await fileBimonthly(h, 'li', '5-6月');
    h.db.close();
    const text = await cli('status', '双月调度', '--period', '5-6月', '--now', JUNE_20);
    expect(text.code).toBe(0);
    expect(text.out).toContain('5 个单位中 1 个已填报，4 个未填报');
    expect(text.out).toContain('截止日期：2026-06-25');
    expect(text.out.indexOf('❌')).toBeLessThan(text.out.indexOf('✅'));
    expect(text.out).toContain('长汀县 未填报（填报员：chen（长汀县））');
    const json = await cli('status', 'fujian-2026-acid-bimonthly', '--now', JUNE_20, '--json');
    const status = JSON.parse(json.out);
    expect(status.period).toBe('2026-05/06');
    expect(status.rows.map((row: { state: string }) => row.state)).toEqual(['missing', 'missing', 'missing', 'missing', 'filed']);
    const ninghua = status.rows.at(-1);
    expect(ninghua).toMatchObject({ unit: '宁化县', state: 'filed', task: 80000, completionPercent: 62.5, reporter: 'li（宁化县）' });
    expect(ninghua.records[0]).toMatchObject({ version: 1 });
    expect(ninghua.lastFiledAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const one = JSON.parse((await cli('status', '双月调度', '--unit', '宁化', '--now', JUNE_20, '--json')).out);
    expect(one.rows).toHaveLength(1);
  });

  it('names what to fix for an unknown form, period or unit and a period not yet begun', async () => {
    const form = await cli('status', '月报', '--now', JUNE_20);
    expect(form.code).toBe(2);
    expect(form.err).toContain('没有找到表单「月报」');
    expect(form.err).toContain('双月调度');
    const period = await cli('status', '双月调度', '--period', '4-5月', '--now', JUNE_20);
    expect(period.code).toBe(2);
    expect(period.err).toContain('1-2月、3-4月、5-6月');
    const future = await cli('status', '双月调度', '--period', '9-10月', '--now', JUNE_20);
    expect(future.code).toBe(2);
    expect(future.err).toContain('2026年9-10月（第5期）还没有开始');
    const unit = await cli('status', '双月调度', '--unit', '三面船镇', '--now', JUNE_20);
    expect(unit.code).toBe(2);
    expect(unit.err).toContain('「三面船镇」不填报「双月调度」');
    const unknown = await cli('status', '双月调度', '--unit', '火星县', '--now', JUNE_20);
    expect(unknown.err).toContain('未知单位「火星县」');
  });
});
