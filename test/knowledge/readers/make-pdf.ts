import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);
let fontBytes: Buffer | undefined;
/** The CJK font shipped by @embedpdf/fonts-sc (read once). */
export function cjkFontBytes(): Buffer {
  return (fontBytes ??= readFileSync(join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf')));
}

export interface PdfOptions {
  /** Characters per printed line: text is broken hard at this width, like a real page. */
  lineChars?: number;
  linesPerPage?: number;
  /** Running header printed on top of every page. */
  header?: string;
  /** Page numbers at the foot (`- 3 -`). */
  pageNumbers?: boolean;
  fontSize?: number;
}

type Line = { cells: string[]; columns: number[] } | { text: string; indent: boolean };

/** Lays out paragraphs (one per line of the text) and tab-separated table rows as a PDF with a text layer: lines broken at the page width, page numbers at the foot. */
export async function makePdf(text: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const lineChars = options.lineChars ?? 30;
  const linesPerPage = options.linesPerPage ?? 36;
  const size = options.fontSize ?? 12;
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font: PDFFont = await pdf.embedFont(cjkFontBytes(), { subset: true });
  const lines: Line[] = [];
  const width = lineChars * size;
  let table: Array<{ cells: string[]; columns: number[] }> = [];
  const flushTable = () => {
    // columns as wide as their widest cell plus two characters, like a ruled table
    const count = Math.max(...table.map((row) => row.cells.length));
    const widths = Array.from({ length: count }, (_, c) => Math.max(...table.map((row) => (row.cells[c] ? font.widthOfTextAtSize(row.cells[c], size * 0.9) : 0))) + size * 2.5);
    const columns = widths.map((_, c) => widths.slice(0, c).reduce((a, b) => a + b, 0));
    for (const row of table) row.columns.push(...columns);
    table = [];
  };
  for (const paragraph of text.split('\n')) {
    const trimmed = paragraph.trim();
    if (paragraph.includes('\t')) {
      const row = { cells: paragraph.split('\t').map((cell) => cell.trim()), columns: [] as number[] };
      table.push(row);
      lines.push(row);
      continue;
    }
    if (table.length) flushTable();
    if (!trimmed) continue;
    // broken where the printed width runs out, as a word processor does; the first line is indented two characters
    let line = '';
    let first = true;
    for (const char of Array.from(trimmed)) {
      const room = width - (first ? 2 * size : 0);
      if (line && font.widthOfTextAtSize(line + char, size) > room) {
        lines.push({ text: line, indent: first });
        line = '';
        first = false;
      }
      line += char;
    }
    if (line) lines.push({ text: line, indent: first });
  }
  if (table.length) flushTable();
  const left = 72;
  const top = 770;
  const pageCount = Math.max(1, Math.ceil(lines.length / linesPerPage));
  for (let p = 0; p < pageCount; p++) {
    const page = pdf.addPage([595, 842]);
    if (options.header) page.drawText(options.header, { x: left, y: 805, size: 9, font });
    lines.slice(p * linesPerPage, (p + 1) * linesPerPage).forEach((line, i) => {
      const y = top - i * size * 1.6;
      if ('cells' in line) {
        line.cells.forEach((cell, c) => cell && page.drawText(cell, { x: left + line.columns[c], y, size: size * 0.9, font }));
      } else page.drawText(line.text, { x: left + (line.indent ? 2 * size : 0), y, size, font });
    });
    if (options.pageNumbers ?? true) page.drawText(`- ${p + 1} -`, { x: 280, y: 40, size: 10, font });
  }
  return pdf.save();
}
