import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../../src/bench/fixtures/make-pdf.ts';
import { makeEncryptedPdf, makeScanPdf, makeScanPng } from '../../../src/bench/fixtures/make-scan.ts';
import { layoutPdfText, type PdfItem } from '../../../src/knowledge/readers/pdf-layout.ts';
import { readImage } from '../../../src/knowledge/readers/read-image.ts';
import { readPdf } from '../../../src/knowledge/readers/read-pdf.ts';
import { detectTools } from '../../../src/knowledge/readers/system-tools.ts';
import type { ReaderContext } from '../../../src/knowledge/readers/types.ts';
import { splitSections } from '../../../src/knowledge/split-sections.ts';
import { toBlocks } from '../../../src/knowledge/text-blocks.ts';
import { REPO_KNOWLEDGE } from '../corpus-fixture.ts';

const tools = detectTools();
const context: ReaderContext = { fileName: 'x.pdf', tools, timeoutMs: 120_000 };
const noTools: ReaderContext = { ...context, tools: detectTools({ PATH: '/nonexistent' }) };
const item = (text: string, x: number, y: number, size = 12): PdfItem => ({ text, x, y, width: text.length * size, size });

describe('PDF layout', () => {
  it('joins lines broken by the page width, numbers included, and drops page numbers and running headers', () => {
    const page = (n: number, lines: PdfItem[]) => ({ width: 595, height: 842, items: [item('青禾县农业农村局文件', 72, 810, 9), ...lines, item(`- ${n} -`, 280, 40, 10)] });
    const text = layoutPdfText([
      page(1, [item('一、补助标准', 96, 760), item('秸秆覆盖率在30%-6', 96, 740), item('0%之间的，每亩补助不超过58元；覆盖率在', 72, 720), item('60%及以上的每亩补助不超过70元。', 72, 700)].map((line, i) => (i === 1 ? { ...line, width: 360 - 24 } : i === 2 ? { ...line, width: 360 } : line))),
      page(2, [item('二、资金安排', 96, 760), item('县财政安排资金120万元。', 96, 740)]),
    ]);
    expect(text).toContain('秸秆覆盖率在30%-60%之间的，每亩补助不超过58元；覆盖率在60%及以上的每亩补助不超过70元。');
    expect(text).not.toMatch(/- \d -|农业农村局文件/);
    expect(text.split('\n')).toContain('一、补助标准');
  });

  it('keeps a ruled table as rows, text wrapped inside a cell joined to its row', () => {
    const rows = [
      [item('乡镇', 72, 700, 10.8), item('任务面积（万亩）', 150, 700, 10.8), item('备注', 300, 700, 10.8)],
      [item('东河镇', 72, 677, 10.8), item('2.91', 150, 677, 10.8), item('含高标准应用', 300, 677, 10.8), item('基地', 300, 663.5, 10.8)],
      [item('西岭乡', 72, 640, 10.8), item('1.50', 150, 640, 10.8)],
    ];
    const text = layoutPdfText([{ width: 595, height: 842, items: rows.flat() }]);
    const chunks = splitSections(toBlocks(text), '表');
    expect(chunks.map((chunk) => chunk.text)).toEqual(['东河镇 · 任务面积（万亩） 2.91 · 备注 含高标准应用基地', '西岭乡 · 任务面积（万亩） 1.50']);
  });
});

describe('PDF reader', () => {
  let plan: string;
  let read: Awaited<ReturnType<typeof readPdf>>;
  beforeAll(async () => {
    plan = readFileSync(join(REPO_KNOWLEDGE, 'docs', '002_79c350805b434cf5.txt'), 'utf8');
    read = await readPdf(await makePdf(plan, { header: '法库县农业农村局', lineChars: 27 }), context);
  }, 120_000);

  it('reads every number of a printed plan back whole, without page numbers or the running header', () => {
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.pages).toBeGreaterThan(3);
    const squeeze = (text: string) => text.replace(/\s+/g, '');
    const numbers = new Set(squeeze(plan).match(/\d+(\.\d+)?%?(-\d+(\.\d+)?%)?/g));
    const got = squeeze(read.text);
    expect([...numbers].filter((number) => !got.includes(number))).toEqual([]);
    expect(read.text).not.toMatch(/^- \d+ -$/m);
    expect(read.text.match(/法库县农业农村局(?!文件)/g)?.length ?? 0).toBeLessThanOrEqual(plan.match(/法库县农业农村局(?!文件)/g)?.length ?? 0);
    const rows = splitSections(toBlocks(read.text), 'x').filter((chunk) => chunk.kind === 'row').map((chunk) => chunk.text);
    expect(rows.some((row) => row.startsWith('三面船镇') && row.includes('2.91'))).toBe(true);
  });

  it('names an encrypted PDF and a corrupt one', async () => {
    expect(await readPdf(makeEncryptedPdf(), context)).toMatchObject({ ok: false, reason: expect.stringContaining('已加密') });
    expect(await readPdf(Buffer.from('%PDF-1.7\n1 0 obj garbage'), context)).toMatchObject({ ok: false, reason: expect.stringMatching(/损坏|没有可读取的文字|无法解析/) });
    expect(await readPdf(Buffer.from('<html>not a pdf</html>'), context)).toMatchObject({ ok: false, reason: expect.stringContaining('不是有效的 PDF') });
  });
});

describe('scans', () => {
  const lines = ['青禾县耕地保护实施方案', '秸秆覆盖率在30%以上的，每亩补助58元。'];

  it('without tesseract: the scan is refused with how to enable OCR, nothing indexed', async () => {
    const pdf = await makeScanPdf([lines]);
    const read = await readPdf(pdf, noTools);
    expect(read).toMatchObject({ ok: false, reason: expect.stringContaining('apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils') });
    expect(await readImage(makeScanPng(lines), { ...noTools, fileName: 'scan.png' })).toMatchObject({ ok: false, reason: expect.stringContaining('apt-get install tesseract-ocr') });
  });

  it.skipIf(!tools.tesseract || !tools.chiSim || !tools.pdftoppm)('with tesseract: a scanned page is read by OCR and marked as such', async () => {
    const read = await readPdf(await makeScanPdf([lines]), context);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.text.replace(/\s/g, '')).toContain('每亩补助58元');
    expect(read.notes?.[0]).toContain('OCR');
  }, 120_000);

  it.skipIf(!tools.tesseract || !tools.chiSim)('with tesseract: noise is refused, not indexed as garbage', async () => {
    const noise = makeScanPng(['▓▒░▚▞▙▟▛▜▗▖▝▘', '░▒▓█▌▐▀▄▚▞']);
    expect(await readImage(noise, { ...context, fileName: 'noise.png' })).toMatchObject({ ok: false, reason: expect.stringContaining('不可靠') });
  }, 120_000);
});
