/** Renders table rows as self-contained passages: `三面船镇 · 任务面积(万亩) 2.91`. */

const SEQUENCE_HEADER = /^(序号|编号|序|no\.?)$/i;
const HAS_DIGIT = /\d/;

function isHeaderRow(cells: string[]): boolean {
  const filled = cells.filter(Boolean);
  return filled.length >= 3 && filled.every((cell) => cell.length <= 16 && !HAS_DIGIT.test(cell.replace(/[(（][^)）]*[)）]/g, '')));
}

/**
 * Aligns a row to the header: extra empty cells at either end are dropped, and a sparse row
 * (a name and a value pushed left by a broken extraction, while the rows above end in the last
 * column) is aligned to the last columns.
 */
function align(cells: string[], width: number, previous: string[]): string[] {
  const row = [...cells];
  while (row.length > width && row[row.length - 1] === '') row.pop();
  while (row.length > width && row[0] === '') row.shift();
  const filled = row.filter(Boolean);
  const lastFilled = row.reduce((last, cell, i) => (cell ? i : last), -1);
  const previousEndsRight = previous.length === width && Boolean(previous[width - 1]);
  if (width >= 4 && filled.length <= 2 && previousEndsRight && lastFilled < width - 1) {
    return [...Array(width - filled.length).fill(''), ...filled];
  }
  return row;
}

export interface RenderedRow {
  /** Passage text of the row. */
  text: string;
  /** First non-numeric cell, the row's name (a township, a county, an indicator). */
  label: string;
}

/**
 * Turns the rows of one table into passages. Each data row is written with its header
 * (`名称 · 列名 值`); rows before any header (key/value forms) are written cell after cell.
 * A header row that repeats (page break) is skipped; empty leading cells inherit the row above
 * (merged cells). No totals are computed.
 */
export function renderTableRows(rows: string[][], unit?: string): RenderedRow[] {
  const out: RenderedRow[] = [];
  let header: string[] | null = null;
  let headerKey = '';
  let previous: string[] = [];
  for (const raw of rows) {
    const cells = raw.map((cell) => cell.replace(/\s+/g, ' ').trim());
    if (isHeaderRow(cells)) {
      const key = cells.join('|');
      if (key !== headerKey) {
        header = cells;
        headerKey = key;
      }
      previous = [];
      continue;
    }
    if (!header) {
      const filled = cells.filter(Boolean);
      if (filled.length) out.push({ text: filled.join(' ').replace(/([:：]) /g, '$1'), label: filled[0] });
      continue;
    }
    const row = align(cells, header.length, previous);
    const firstFilled = row.findIndex(Boolean);
    const inherited = new Set<number>();
    for (let i = 0; i < firstFilled; i++) {
      if (previous[i]) {
        row[i] = previous[i];
        inherited.add(i);
      }
    }
    previous = row;
    const isName = (cell: string, i: number) => Boolean(cell) && !SEQUENCE_HEADER.test(header![i] ?? '') && !/^[\d.]+$/.test(cell);
    let labelIndex = row.findIndex((cell, i) => isName(cell, i) && !inherited.has(i));
    if (labelIndex < 0) labelIndex = row.findIndex(isName);
    if (labelIndex < 0) continue;
    const own: string[] = [];
    const context: string[] = [];
    row.forEach((cell, i) => {
      if (!cell || i === labelIndex || SEQUENCE_HEADER.test(header![i] ?? '')) return;
      if (i < labelIndex && !inherited.has(i) && /^[\d.]+$/.test(cell)) return;
      const name = header![i] ?? '';
      (inherited.has(i) ? context : own).push(name ? `${name} ${cell}` : cell);
    });
    const parts = [...own, ...context];
    if (!parts.length) continue;
    const suffix = unit ? `（单位：${unit}）` : '';
    out.push({ text: `${row[labelIndex]} · ${parts.join(' · ')}${suffix}`, label: row[labelIndex] });
  }
  return out;
}
