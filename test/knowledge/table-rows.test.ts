import { describe, expect, it } from 'vitest';
import { renderTableRows } from '../../src/knowledge/table-rows.ts';
import { toBlocks } from '../../src/knowledge/text-blocks.ts';

describe('renderTableRows', () => {
  it('writes each row with its header and skips the sequence column', () => {
    const rows = [
      ['序号', '乡 镇 (街)', '任务面积 (万亩)', '备注'],
      ['6', '三面船镇', '2.91', ''],
      ['', '合计', '44', ''],
    ];
    expect(renderTableRows(rows).map((row) => row.text)).toEqual(['三面船镇 · 任务面积 (万亩) 2.91', '合计 · 任务面积 (万亩) 44']);
  });

  it('adds the unit line of the table', () => {
    const rows = [['地区', '合计', '化肥减量增效'], ['华安县', '105.64', '52']];
    expect(renderTableRows(rows, '万元')[0].text).toBe('华安县 · 合计 105.64 · 化肥减量增效 52（单位：万元）');
  });
});

describe('toBlocks', () => {
  it('merges a table split over pages with a repeated header and strips <b> tags', () => {
    const text = ['地区\t合计\t二轮延包', '福州市小计\t10\t5', '', '地区\t合计\t二轮延包', '<b>三明市小计</b>\t<b>20</b>\t<b>7</b>'].join('\n');
    const blocks = toBlocks(text);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ kind: 'table', rows: [['地区', '合计', '二轮延包'], ['福州市小计', '10', '5'], ['三明市小计', '20', '7']] });
  });

  it('rejoins a paragraph cut mid-sentence by a page break', () => {
    const blocks = toBlocks('（一）任务。结合实施高标\n\n准农田建设等项目，扩大规模。\n\n二、下一节');
    expect(blocks.map((block) => (block.kind === 'para' ? block.text : ''))).toEqual(['（一）任务。结合实施高标准农田建设等项目，扩大规模。', '二、下一节']);
  });
});
