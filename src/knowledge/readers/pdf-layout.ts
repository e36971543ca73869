/**
 * Turns positioned text of PDF pages into `toBlocks` text: lines rebuilt from text items, lines broken
 * by the page width joined again (`30%-6` / `0%` → `30%-60%`), page numbers and running headers and
 * footers dropped, rows with wide gaps between their pieces kept as table rows.
 */

export interface PdfItem {
  text: string;
  x: number;
  /** Baseline, PDF space (origin bottom-left). */
  y: number;
  width: number;
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
  /** Vertical lines drawn on the page (table cell borders), when the reader could read the drawing. */
  rules?: PdfRule[];
}

/** A vertical line from `bottom` to `top` at `x` (PDF space). */
export interface PdfRule {
  x: number;
  bottom: number;
  top: number;
}

interface Cell {
  x: number;
  right: number;
  text: string;
}

interface Line {
  page: number;
  y: number;
  x: number;
  right: number;
  size: number;
  cells: Cell[];
  text: string;
}

const TERMINAL = /[。！？；：…”」』）)!?;:]$/;
const PAGE_NUMBER = /^[-—–－\s]*(第\s*)?[0-9一二三四五六七八九十]{1,4}\s*(页)?\s*([/／]\s*(共\s*)?\d{1,4}\s*页?|共\s*\d{1,4}\s*页)?[-—–－\s]*$/;
const LIST_MARK = /^(第[一二三四五六七八九十百零〇\d]{1,4}[章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、](?!\d)|[①-⑳]|附件)/;
/** Share of the page height at the top and bottom where headers, footers and page numbers sit. */
const MARGIN_ZONE = 0.1;

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(Math.round(value), (counts.get(Math.round(value)) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [value, count] of counts) if (count > bestCount || (count === bestCount && value < best)) [best, bestCount] = [value, count];
  return best;
}

function percentile(values: number[], share: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

/** Width of a character relative to the font size: CJK and full-width forms are square, the rest about half. */
function charWidth(char: string): number {
  return /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/.test(char) ? 1 : 0.5;
}

/** The rules crossing a baseline (a cell border runs past the text it separates). */
function rulesAt(rules: PdfRule[], y: number, size: number): number[] {
  return rules.filter((rule) => rule.bottom <= y + size * 0.3 && rule.top >= y + size * 0.3).map((rule) => rule.x);
}

/** An item that runs across a cell border (pdf.js joins neighbouring cells into one item) cut at the border. */
function cutAtRules(item: PdfItem, borders: number[]): PdfItem[] {
  const inside = borders.filter((x) => x > item.x + item.size * 0.5 && x < item.x + item.width - item.size * 0.5);
  if (!inside.length) return [item];
  const chars = [...item.text];
  const total = chars.reduce((sum, char) => sum + charWidth(char), 0) || 1;
  const position = (units: number) => item.x + (units / total) * item.width;
  const pieces: { text: string; from: number; to: number; cell: number }[] = [];
  let units = 0;
  for (const char of chars) {
    const from = position(units);
    units += charWidth(char);
    const to = position(units);
    const cell = inside.filter((x) => x < (from + to) / 2).length;
    const last = pieces[pieces.length - 1];
    if (last && last.cell === cell) {
      last.text += char;
      last.to = to;
    } else pieces.push({ text: char, from, to, cell });
  }
  return pieces.filter((one) => one.text.trim()).map((one) => ({ ...item, text: one.text, x: one.from, width: one.to - one.from }));
}

/**
 * Items on one baseline become a line; pieces separated by a gap wider than a character, or by a drawn cell
 * border, become cells.
 */
function pageLines(page: PdfPage, pageIndex: number): Line[] {
  const rules = page.rules ?? [];
  const split = (item: PdfItem) => (rules.length ? cutAtRules(item, rulesAt(rules, item.y, item.size)) : [item]);
  const items = page.items.filter((item) => item.text.trim()).flatMap(split).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfItem[][] = [];
  for (const item of items) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].y - item.y) <= Math.max(row[0].size, item.size) * 0.4) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const size = median(row.map((item) => item.size)) || 10;
    const borders = rules.length ? rulesAt(rules, row[0].y, size) : [];
    const cells: Cell[] = [];
    for (const item of row) {
      const last = cells[cells.length - 1];
      const bordered = last !== undefined && borders.some((x) => x >= last.right - size * 0.25 && x <= item.x + size * 0.25);
      if (last && !bordered && item.x - last.right < size) {
        last.text += (/[A-Za-z0-9]$/.test(last.text) && /^[A-Za-z]/.test(item.text.trim()) && item.x - last.right > size * 0.2 ? ' ' : '') + item.text.trim();
        last.right = Math.max(last.right, item.x + item.width);
      } else cells.push({ x: item.x, right: item.x + item.width, text: item.text.trim() });
    }
    return { page: pageIndex, y: row[0].y, x: cells[0].x, right: cells[cells.length - 1].right, size, cells, text: cells.map((cell) => cell.text).join(' ') };
  });
}

/** Lines in the top or bottom margin that repeat on many pages (digits aside), and page numbers there. */
function furniture(pages: PdfPage[], lines: Line[][]): Set<Line> {
  const drop = new Set<Line>();
  const inMargin = (line: Line) => {
    const height = pages[line.page].height || 842;
    return line.y > height * (1 - MARGIN_ZONE) || line.y < height * MARGIN_ZONE;
  };
  const seen = new Map<string, Set<number>>();
  const key = (line: Line) => line.text.replace(/\s/g, '').replace(/\d+/g, '#');
  for (const page of lines) {
    for (const line of page) {
      if (!inMargin(line)) continue;
      if (PAGE_NUMBER.test(line.text)) drop.add(line);
      else seen.set(key(line), (seen.get(key(line)) ?? new Set()).add(line.page));
    }
  }
  const threshold = Math.max(2, Math.ceil(pages.length * 0.4));
  for (const page of lines) for (const line of page) if (inMargin(line) && (seen.get(key(line))?.size ?? 0) >= threshold) drop.add(line);
  return drop;
}

function joinText(left: string, right: string): string {
  return /[A-Za-z]$/.test(left) && /^[A-Za-z]/.test(right) ? `${left} ${right}` : left + right;
}

/** Column starts of a run of table lines: cell positions clustered within a character. */
function columnAnchors(rows: Line[]): number[] {
  const starts = rows.flatMap((row) => row.cells.map((cell) => cell.x)).sort((a, b) => a - b);
  const anchors: number[] = [];
  const tolerance = (rows[0]?.size ?? 10) * 1.2;
  for (const x of starts) if (!anchors.length || x - anchors[anchors.length - 1] > tolerance) anchors.push(x);
  return anchors;
}

/** A table line: a new row, or the next line of text wrapped inside the cells of the row above. */
interface TableLine {
  line: Line;
  wrapped: boolean;
}

function tableText(lines: TableLine[]): string[] {
  const anchors = columnAnchors(lines.map(({ line }) => line));
  const column = (x: number) => {
    let best = 0;
    anchors.forEach((anchor, i) => {
      if (Math.abs(anchor - x) < Math.abs(anchors[best] - x)) best = i;
    });
    return best;
  };
  const out: string[][] = [];
  for (const { line, wrapped } of lines) {
    const cells = Array<string>(anchors.length).fill('');
    for (const cell of line.cells) {
      const i = column(cell.x);
      cells[i] = cells[i] ? `${cells[i]} ${cell.text}` : cell.text;
    }
    const previous = out[out.length - 1];
    if (wrapped && previous) {
      cells.forEach((text, i) => {
        if (text) previous[i] = previous[i] ? joinText(previous[i], text) : text;
      });
      continue;
    }
    out.push(cells);
  }
  return out.map((cells) => cells.map((cell) => cell || ' ').join('\t'));
}

/** Reading-order text of the pages, in the dialect `toBlocks` reads. */
export function layoutPdfText(pages: PdfPage[]): string {
  const lines = pages.map(pageLines);
  const drop = furniture(pages, lines);
  const body = lines.flat().filter((line) => !drop.has(line));
  if (!body.length) return '';
  const prose = body.filter((line) => line.cells.length === 1);
  const bodySize = mode(prose.map((line) => line.size * 10)) / 10 || median(body.map((line) => line.size));
  const left = mode(prose.filter((line) => Math.abs(line.size - bodySize) < 0.5).map((line) => line.x));
  const right = percentile(prose.map((line) => line.right), 0.9);
  const out: string[] = [];
  let paragraph = '';
  let previous: Line | undefined;
  let table: TableLine[] = [];
  const endParagraph = (blank: boolean) => {
    if (paragraph) out.push(paragraph);
    if (blank && out.length && out[out.length - 1] !== '') out.push('');
    paragraph = '';
  };
  const endTable = () => {
    if (!table.length) return;
    endParagraph(true);
    out.push(...tableText(table), '');
    table = [];
  };
  for (const [index, line] of body.entries()) {
    // text wrapped inside a cell sits closer under the line above than rows or paragraphs do
    const last = table[table.length - 1]?.line;
    const wrapped = Boolean(last) && last!.page === line.page && last!.y - line.y <= line.size * 1.45;
    const next = body[index + 1];
    const startsTable = line.cells.length >= 2 && next !== undefined && next.cells.length >= 2 && next.page === line.page;
    if ((line.cells.length >= 2 && (table.length > 0 || startsTable)) || wrapped) {
      if (!table.length) endParagraph(true);
      table.push({ line, wrapped });
      previous = line;
      continue;
    }
    endTable();
    const size = line.size;
    const indented = line.x >= left + size * 1.2;
    const centered = indented && line.right <= right - size * 2 && Math.abs(line.x - left - (right - line.right)) < size * 3;
    const larger = line.size > bodySize * 1.15;
    if (!previous || !paragraph) {
      paragraph = line.text;
    } else {
      const prevFull = previous.right >= right - size * 1.5;
      const prevLarger = previous.size > bodySize * 1.15;
      const sameTitle = larger && prevLarger && Math.abs(previous.size - line.size) < 0.5 && !TERMINAL.test(paragraph);
      const newPage = line.page !== previous.page;
      const gap = newPage ? 0 : previous.y - line.y;
      if (sameTitle && gap < size * 2.5) paragraph = joinText(paragraph, line.text);
      else if (larger !== prevLarger || centered || LIST_MARK.test(line.text) || (gap > size * 2.6 && !newPage)) {
        endParagraph(true);
        paragraph = line.text;
      } else if (indented) {
        endParagraph(true);
        paragraph = line.text;
      } else if (prevFull) paragraph = joinText(paragraph, line.text);
      else if (TERMINAL.test(paragraph)) {
        endParagraph(true);
        paragraph = line.text;
      } else {
        // a short line without an end mark: toBlocks decides (a heading stays apart, a wrapped clause joins)
        endParagraph(false);
        paragraph = line.text;
      }
    }
    previous = line;
  }
  endTable();
  endParagraph(true);
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
