import { describe, expect, it } from 'vitest';
import { exportReport } from '../../src/export/export-report.ts';
import { exportableForm } from '../../src/export/exportable-form.ts';
import { loadForms } from '../../src/forms/load-forms.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { statusFromStores } from '../../src/reporting/reporting-context.ts';
import { formatBeijing } from '../../src/calendar/beijing-time.ts';
import { actionOf, createHarness, KNOWLEDGE } from '../forms/form-harness.ts';
import { fileBimonthly, fillBimonthly } from './bimonthly-fill.ts';

const FORM = 'fujian-2026-acid-bimonthly';
const forms = loadForms(KNOWLEDGE);
const units = loadUnits(KNOWLEDGE);

describe('one record per unit and period', () => {
  it('a correction that moves a record into a period the unit already filed is refused like a new filing', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await fileBimonthly(h, 'li', '7-8月', { 1: '累计治理3万亩' });
    await fileBimonthly(h, 'li', '9-10月', { 1: '累计治理3万亩' });
    const julyAugust = (await h.records.latest(FORM)).find((record) => record.period === '2026-07/08')!;
    const septOct = (await h.records.latest(FORM)).find((record) => record.period === '2026-09/10')!;
    await h.say('li', `修改记录 ${julyAugust.recordId}`);
    await h.say('li', '调度期改成9-10月');
    const refused = await h.send('li', '确认提交');
    const text = refused.map((reply) => reply.text).join('\n');
    expect(text).toContain('没有提交');
    expect(text).toContain(`已有记录 ${septOct.recordId}`);
    expect(text).toContain('同一单位同一期只能有一条记录');
    expect(text).toContain(formatBeijing(septOct.createdAt));
    expect(await h.records.history(julyAugust.recordId)).toHaveLength(1);
    const latest = await h.records.latest(FORM);
    expect(latest.filter((record) => record.period === '2026-09/10')).toHaveLength(1);
    expect(latest.filter((record) => record.period === '2026-07/08')).toHaveLength(1);
    // Nothing typed is lost: the draft can be put back and saved.
    expect(actionOf(refused, '修改')).toBeTruthy();
    await h.say('li', '调度期改成7-8月');
    expect(await h.say('li', '确认提交')).toContain('第2版');
  });

  it('the conflict message shows Beijing time, as 「查看记录」 does', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '宁化县');
    await h.bind('zhao', 'reporter', '宁化县');
    await fillBimonthly(h, 'zhao', '5-6月');
    await fileBimonthly(h, 'wang', '5-6月');
    const [record] = await h.records.latest(FORM);
    const conflict = await h.say('zhao', '确认提交');
    expect(conflict).toContain(`于 ${formatBeijing(record.createdAt)} 提交`);
    expect(conflict).not.toContain(record.createdAt.replace('T', ' ').slice(0, 16));
  });

  it('status and export show two records of one unit and period as a conflict, never their sum', async () => {
    const h = createHarness();
    await h.bind('li', 'reporter', '宁化县');
    await fileBimonthly(h, 'li', '9-10月', { 1: '累计治理3万亩' });
    // An older database may already hold two records of one slot (saved before the check existed).
    const [first] = await h.records.latest(FORM);
    await h.records.save({ ...first, recordId: undefined, data: { ...first.data, cumulativeArea: 20000 }, submissionKey: 'legacy', author: first.author, verdicts: [], confirmedWarnings: [] });
    const form = forms.get(FORM)!;
    const status = await statusFromStores({ forms, records: h.records, units, users: h.users }, form, '2026-09/10');
    const ninghua = status.rows.find((row) => row.unit === '宁化县')!;
    expect(ninghua.state).toBe('conflict');
    expect(ninghua.records).toHaveLength(2);
    expect(ninghua.completionPercent).toBeUndefined();
    const { table } = await exportReport({ form: exportableForm(form), records: h.records, units, period: '2026-09/10', format: 'csv', now: new Date() });
    const row = table.rows.find((cells) => cells[1] === '宁化县')!;
    const cumulative = table.columns.findIndex((column) => column.label.startsWith('累计治理面积'));
    expect(row[cumulative]).toBeNull();
    expect(table.totals[cumulative]).not.toBe(50000);
    expect(String(row.at(-3))).toContain('重复记录未合计');
    expect(table.notes.join('\n')).toContain('数字未合计');
  });
});
