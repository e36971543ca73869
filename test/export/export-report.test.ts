import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { createSqliteRecordStore } from '../../src/records/record-store.ts';
import type { RecordStore } from '../../src/records/types.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { exportReport } from '../../src/export/export-report.ts';
import { exportableForm } from '../../src/export/exportable-form.ts';
import type { ExportableForm } from '../../src/export/types.ts';
import { loadForms } from '../../src/forms/load-forms.ts';
import { firstSheetOf } from './first-sheet.ts';

const KNOWLEDGE = join(import.meta.dirname, '..', '..', 'knowledge');
const units = loadUnits(KNOWLEDGE);
const NOW = new Date('2026-05-20T02:00:00Z');

/** A minimal form, as any loaded form is adapted: township progress of 保护性耕作 in 万亩. */
const tillageForm: ExportableForm = {
  id: 'faku-tillage-progress',
  title: '2022年保护性耕作作业进度',
  unitField: 'township',
  periodField: 'period',
  targetField: 'doneArea',
  program: 'conservation-tillage-2022',
  fields: [
    { key: 'township', label: '乡镇', kind: 'text' },
    { key: 'period', label: '期间', kind: 'text' },
    { key: 'doneArea', label: '已完成面积', unit: '万亩', kind: 'number' },
    { key: 'operators', label: '作业主体数', unit: '个', kind: 'number' },
    { key: 'note', label: '备注', kind: 'text' },
  ],
};

async function seed(): Promise<RecordStore> {
  const records = createSqliteRecordStore(openMemoryDatabase(), { now: () => NOW });
  const save = async (unit: string, data: Record<string, unknown>, key: string, recordId?: string) =>
    await records.save({
      formId: tillageForm.id, unit, period: '2022-05', data: { township: unit, period: '2022-05', ...data },
      verdicts: [], confirmedWarnings: [], author: { userKey: `telegram:${unit}`, channel: 'telegram', displayName: `${unit}填报员` },
      submissionKey: key, recordId,
    });
  const first = await save('三面船镇', { doneArea: 2.0, operators: 12, note: '进度正常' }, 'a');
  await save('三面船镇', { doneArea: 2.91, operators: 13, note: '已完成' }, 'b', first.ok ? first.record.recordId : undefined);
  await save('吉祥街道', { doneArea: 0.61, operators: 4 }, 'c');
  await save('宁化县', { doneArea: 99 }, 'd'); // another county: never in 法库县's report
  return records;
}

describe('export', () => {
  it('writes the county layout: title, subtitle, header, one row per township, totals and completion', async () => {
    const { file, table } = await exportReport({ form: tillageForm, records: await seed(), units, scope: '法库县', format: 'xlsx', now: NOW });
    expect(file.fileName).toBe('2022年保护性耕作作业进度-法库县-2022-05.xlsx');
    expect(table.rows).toHaveLength(19);

    const sheet = await firstSheetOf(file.content);
    expect(sheet.getCell('A1').value).toBe('2022年保护性耕作作业进度');
    expect(String(sheet.getCell('A2').value)).toBe('填报单位：法库县　期间：2022-05　导出日期：2026-05-20');
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '单位', '任务（万亩）', '已完成面积（万亩）', '作业主体数（个）', '备注', '完成率', '填报人', '最后填报时间', '记录编号/版本']);
    expect(sheet.getRow(3).font?.bold).toBe(true);

    const rowOf = (unit: string) => {
      for (let r = 4; r <= sheet.rowCount; r++) if (sheet.getCell(r, 2).value === unit) return sheet.getRow(r);
      throw new Error(`no row for ${unit}`);
    };
    const sanmian = rowOf('三面船镇');
    expect(sanmian.getCell(3).value).toBe(2.91);
    expect(sanmian.getCell(4).value).toBe(2.91); // latest version, not the sum of versions
    expect(sanmian.getCell(7).value).toBe(1);
    expect(sanmian.getCell(7).numFmt).toBe('0.0%');
    expect(sanmian.getCell(10).value).toMatch(/^R[2-9A-HJKMNP-Z]{8} v2$/);
    expect(rowOf('吉祥街道').getCell(7).value).toBe(0.5);
    expect(rowOf('叶茂台镇').getCell(8).value).toBe('未填报');

    const totals = rowOf('合计');
    expect(totals.font?.bold).toBe(true);
    expect(totals.getCell(3).value).toBe(44);
    expect(totals.getCell(4).value).toBe(3.52);
    expect(totals.getCell(5).value).toBe(17);
    expect(totals.getCell(7).value).toBeCloseTo(3.52 / 44, 6);
    expect(totals.getCell(8).value).toBe('2/19 个单位已填报');
    expect(table.notes.join('\n')).toMatch(/附件2/);
  });

  it('writes CSV with a UTF-8 BOM and percentages', async () => {
    const { file } = await exportReport({ form: tillageForm, records: await seed(), units, scope: '法库县', format: 'csv', now: NOW });
    expect([...file.content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.content.toString('utf8');
    expect(text).toContain('\r\n序号,单位,任务（万亩）');
    expect(text).toContain(',三面船镇,2.91,2.91,13,已完成,100.0%,三面船镇填报员,');
    expect(text).toMatch(/,合计,44,3\.52,17,,8\.0%,2\/19 个单位已填报,,/);
  });

  it('exports a form of knowledge/forms: rows for its counties, targets converted from 万亩 to 亩', async () => {
    const definition = loadForms(KNOWLEDGE).get('fujian-2026-acid-bimonthly');
    expect(definition).toBeDefined();
    const form = exportableForm(definition!);
    expect(form).toMatchObject({ targetField: 'cumulativeArea', program: 'acidified-farmland-2026', unitField: 'county' });
    const records = createSqliteRecordStore(openMemoryDatabase(), { now: () => NOW });
    await records.save({
      formId: form.id, unit: '宁化县', period: '2026-05/06',
      data: { county: '宁化县', period: '2026-05/06', cumulativeArea: 20000, materialSubsidy: 1_000_000, materialArea: 10000, subsidyPerMu: 100, materialKinds: ['石灰质物质', '有机肥'] },
      verdicts: [], confirmedWarnings: [], author: { userKey: 'web:1', channel: 'web' }, submissionKey: 'x',
    });
    const { table } = await exportReport({ form, records, units, format: 'csv', now: NOW });
    expect(table.subtitle).toContain('填报单位：福建省');
    expect(table.subtitle).toContain('2026年5-6月');
    expect(table.rows.map((row) => row[1])).toEqual(['永泰县', '宁化县', '建宁县', '长汀县', '连城县']);
    const column = (label: string) => table.columns.findIndex((c) => c.label === label);
    const ninghua = table.rows[1];
    expect(ninghua[column('任务（亩）')]).toBe(80000);
    expect(ninghua[column('完成率')]).toBe(0.25);
    expect(ninghua[column('施用物料种类')]).toBe('石灰质物质、有机肥');
    expect(column('任务完成率')).toBe(-1);
    expect(table.totals[column('物化补助每亩（元/亩）')]).toBe(100);
    expect(table.totals[column('任务（亩）')]).toBe(400000);
  });

  it('with nothing filed the completion stays empty instead of 0%', async () => {
    const records = createSqliteRecordStore(openMemoryDatabase(), { now: () => NOW });
    const { table } = await exportReport({ form: tillageForm, records, units, scope: '法库县', format: 'csv', now: NOW });
    expect(table.totals[table.columns.findIndex((c) => c.kind === 'percent')]).toBeNull();
    expect(table.missing).toHaveLength(19);
  });

  it('a reporter-level scope shows only that unit', async () => {
    const { table } = await exportReport({ form: tillageForm, records: await seed(), units, scope: '三面船镇', format: 'csv', now: NOW });
    expect(table.rows.map((row) => row[1])).toEqual(['三面船镇']);
  });
});
