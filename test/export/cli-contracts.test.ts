import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRecordStores } from '../../src/store/open-record-stores.ts';
import { KNOWLEDGE, useCliHarness } from '../support/cli-harness.ts';
import { firstSheetOf } from './first-sheet.ts';

const FORM = 'fujian-2026-acid-bimonthly';
const { cli, dataDir } = useCliHarness();

async function seed() {
  const stores = await openRecordStores({ knowledgeDir: KNOWLEDGE, dataDir: dataDir() });
  const base = { formId: FORM, period: '2026-05/06', verdicts: [], confirmedWarnings: [] };
  const first = await stores.records.save({
    ...base, unit: '宁化县', data: { county: '宁化县', period: '2026-05/06', cumulativeArea: 20000 },
    author: { userKey: 'telegram:1', channel: 'telegram', displayName: '张三' }, submissionKey: 'a',
  });
  if (!first.ok) throw new Error('seed failed');
  await stores.records.save({
    ...base, unit: '宁化县', data: { county: '宁化县', period: '2026-05/06', cumulativeArea: 24000 },
    author: { userKey: 'feishu:ou_2', channel: 'feishu', displayName: '李四' }, submissionKey: 'b',
    recordId: first.record.recordId, baseVersion: 1, confirmedWarnings: ['plausible.cumulativeArea'],
  });
  await stores.records.save({
    ...base, unit: '长汀县', data: { county: '长汀县', period: '2026-05/06', cumulativeArea: 40000 },
    author: { userKey: 'web:3', channel: 'web' }, submissionKey: 'c',
  });
  stores.close();
}

describe('gengbao records', () => {
  it('--json lists every record with all versions, newest first', async () => {
    await seed();
    const result = await cli('records', FORM, '--json');
    expect(result.code).toBe(0);
    const records = JSON.parse(result.out);
    expect(records.map((r: { unit: string }) => r.unit)).toEqual(['长汀县', '宁化县']);
    expect(records[1].versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(records[1].versions[0]).toMatchObject({
      data: { cumulativeArea: 24000 },
      author: { userKey: 'feishu:ou_2', channel: 'feishu', displayName: '李四' },
      confirmedWarnings: ['plausible.cumulativeArea'],
    });
    const filtered = JSON.parse((await cli('records', FORM, '--unit', '宁化', '--period', '5-6月', '--json')).out);
    expect(filtered).toHaveLength(1);
  });

  it('without --json prints a readable list', async () => {
    await seed();
    const { out: text } = await cli('records', '双月调度');
    expect(text).toContain('2026年酸化耕地治理双月调度：共 2 条记录');
    expect(text).toMatch(/宁化县 {2}2026年5-6月（第3期） {2}共 2 个版本/);
    expect(text).toMatch(/v2 {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}李四（feishu:ou_2） 经 feishu {2}已确认提醒：plausible\.cumulativeArea/);
    expect(text).toContain('累计治理面积=24000亩');
  });
});

describe('gengbao export', () => {
  it('writes the xlsx with a totals row and completion', async () => {
    await seed();
    const file = join(dataDir(), 'report.xlsx');
    const result = await cli('export', FORM, '--period', '5-6月', '--out', file);
    expect(result.code).toBe(0);
    expect(result.out).toContain('5 个单位中 2 个已填报');
    const sheet = await firstSheetOf(readFileSync(file));
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    const col = (label: string) => header.indexOf(label) + 1;
    const totals = sheet.getRow(4 + 5);
    expect(totals.getCell(2).value).toBe('合计');
    expect(totals.getCell(col('任务（亩）')).value).toBe(400000);
    expect(totals.getCell(col('累计治理面积（亩）')).value).toBe(64000);
    expect(totals.getCell(col('完成率')).value).toBe(0.16);
  });

  it('writes csv with a BOM', async () => {
    await seed();
    const file = join(dataDir(), 'report.csv');
    expect((await cli('export', FORM, '--format', 'csv', '--unit', '宁化县', '--out', file)).code).toBe(0);
    const content = readFileSync(file);
    expect([...content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(content.toString('utf8')).toContain(',宁化县,80000,,24000,');
  });
});
