import { readableText } from '../text/readable-text.ts';

/**
 * A block copied from a spreadsheet or a markdown table (a header row, then one row of values, cells split by
 * tabs or |) read as the clauses a person would say: 「累计完成(亩)：12600，验收合格(亩)：9100」 → each value
 * with its header as label, and a unit the header gives in brackets put after a bare number
 * (「累计完成：12600亩」). Anything else is returned unchanged.
 */
export function tableAsClauses(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const rows = lines.map(cellsOf).filter((cells) => cells.length >= 2 && !cells.every((cell) => /^:?-{2,}:?$/.test(cell)));
  const table = rows.length === 2 && rows[0].length === rows[1].length ? rows : undefined;
  if (!table) return text;
  const before = lines.filter((line) => cellsOf(line).length < 2).join('，');
  const [header, values] = table;
  const clauses = header.map((name, i) => {
    const unit = /[（(【\[]\s*([^）)】\]\s]{1,4})\s*[）)】\]]/.exec(name)?.[1];
    const label = name.replace(/[（(【\[][^）)】\]]*[）)】\]]/g, '').trim();
    const value = values[i].trim();
    const withUnit = unit && /^-?[\d.,]+$/.test(value) ? `${value}${unit}` : value;
    return value ? `${label}：${withUnit}` : '';
  });
  return [before, ...clauses].filter(Boolean).join('，');
}

function cellsOf(line: string): string[] {
  const cells = line.includes('\t') ? line.split('\t') : line.includes('|') ? line.replace(/^\||\|$/g, '').split('|') : [line];
  return cells.map((cell) => cell.trim()).filter((cell, i, all) => cell !== '' || (i > 0 && i < all.length - 1));
}

/** The message as typed when it holds a pasted table (the core's plain text has lost its lines and tabs). */
export function pastedTable(raw: string | undefined): string | undefined {
  if (!raw || !/\n/.test(raw) || !/[\t|]/.test(raw)) return undefined;
  const read = tableAsClauses(raw);
  return read === raw ? undefined : readableText(read);
}
