import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../src/bench/eval-sets.ts';
import { layoutPdfText, type PdfItem, type PdfRule } from '../../../src/knowledge/readers/pdf-layout.ts';
import { verticalRules } from '../../../src/knowledge/readers/pdf-rules.ts';
import { readPdf } from '../../../src/knowledge/readers/read-pdf.ts';
import { detectTools } from '../../../src/knowledge/readers/system-tools.ts';

const item = (text: string, x: number, y: number, width: number, size = 12): PdfItem => ({ text, x, y, width, size });

describe('PDF table cells split at drawn cell borders', () => {
  it('cuts an item pdf.js joined across borders and splits cells closer than a character', () => {
    // header: one item spanning two cells (pdf.js put a space for the gap); rows: cells 7.7 pt apart at 12 pt
    const rules: PdfRule[] = [57.7, 88.5, 206.5, 311.8].map((x) => ({ x, bottom: 240, top: 310 }));
    const items = [
      item('作物 目标产量（公斤/亩）', 60.7, 296.5, 142),
      item('氮（N）', 210, 296.5, 50),
      item('水稻', 59.1, 271.8, 24),
      item('500～600', 90.8, 272.5, 60),
      item('10～12', 210, 272.5, 40),
      item('玉米', 59.1, 247.2, 24),
      item('600～700', 90.8, 247.9, 60),
      item('14～16', 210, 247.9, 40),
    ];
    const text = layoutPdfText([{ width: 595, height: 842, items, rules }]);
    expect(text.split('\n')).toEqual(expect.arrayContaining(['作物\t目标产量（公斤/亩）\t氮（N）', '水稻\t500～600\t10～12', '玉米\t600～700\t14～16']));
  });

  it('leaves prose alone when a border is outside the text or the page has none', () => {
    const prose = [item('县财政安排资金120万元，用于', 72, 700, 300), item('2025', 372, 700, 24), item('年补助。', 398, 700, 48)];
    const framed = layoutPdfText([{ width: 595, height: 842, items: prose, rules: [{ x: 60, bottom: 600, top: 760 }, { x: 540, bottom: 600, top: 760 }] }]);
    expect(framed).toBe(layoutPdfText([{ width: 595, height: 842, items: prose }]));
    expect(framed).toContain('县财政安排资金120万元，用于2025年补助。');
  });

  it('reads vertical lines and box edges from an operator list, through save/restore/transform', () => {
    const ops = { save: 10, restore: 11, transform: 12, constructPath: 91, paintFormXObjectBegin: 74, paintFormXObjectEnd: 75 };
    const path = (...data: number[]) => [20, [Float32Array.from(data)], null];
    const list = {
      fnArray: [ops.save, ops.transform, ops.constructPath, ops.restore, ops.constructPath, ops.constructPath],
      argsArray: [null, [0.5, 0, 0, 0.5, 10, 20], path(0, 100, 100, 1, 100, 300), null, path(0, 50, 10, 1, 150, 10), path(0, 200, 400, 1, 260, 400, 1, 260, 420, 1, 200, 420, 4)],
    };
    expect(verticalRules(list, ops)).toEqual([
      { x: 60, bottom: 70, top: 170 },
      { x: 200, bottom: 400, top: 420 },
      { x: 260, bottom: 400, top: 420 },
    ]);
  });

  it('reads the ruled fertiliser table of a Word-made PDF row by row (eval/county-docs-2 document 05)', async () => {
    const file = join(REPO_ROOT, 'eval', 'county-docs-2', 'docs', '05_qingya_cetu_peifang_shifei_xiangmu_fangan_2025.pdf');
    const read = await readPdf(new Uint8Array(readFileSync(file)), { fileName: 'x.pdf', tools: detectTools({ PATH: '/nonexistent' }), timeoutMs: 60_000 });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const lines = read.text.split('\n');
    expect(lines).toContain('作物\t目标产量（公斤/亩）\t氮（N，公斤/亩）\t磷（P2O5，公斤/亩）\t钾（K2O，公斤/亩）');
    expect(lines).toContain('水稻\t500～600\t10～12\t4～5\t6～8');
    expect(lines).toContain('玉米\t600～700\t14～16\t5～6\t6～7');
  }, 60_000);
});
