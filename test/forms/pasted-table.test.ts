import { describe, expect, it } from 'vitest';
import { pastedTable, tableAsClauses } from '../../src/forms/pasted-table.ts';

describe('a table pasted from a spreadsheet or markdown', () => {
  it('reads a header row and a row of values as 「表头：值」, with a unit given in brackets put after a bare number', () => {
    expect(tableAsClauses('月份\t累计完成作业面积\t累计验收合格面积\n5月\t12600\t9100')).toBe('月份：5月，累计完成作业面积：12600，累计验收合格面积：9100');
    expect(tableAsClauses('报进度\n| 乡镇 | 月份 | 累计完成(亩) | 验收合格（亩） |\n|---|---|---|---|\n| 三面船镇 | 5月 | 12600 | 9100 |')).toBe(
      '报进度，乡镇：三面船镇，月份：5月，累计完成：12600亩，验收合格：9100亩',
    );
  });

  it('leaves anything else as typed: one line, rows of different lengths, several rows of values', () => {
    for (const text of ['累计完成12600亩', '月份\t面积\n5月', '月份\t面积\n5月\t1\n6月\t2', '不对\n是1.2万']) expect(tableAsClauses(text)).toBe(text);
    expect(pastedTable('累计完成 12600亩')).toBeUndefined();
    expect(pastedTable('本期治理面积\t累计治理面积\n23000\t50000')).toBe('本期治理面积:23000,累计治理面积:50000');
  });
});
