import type { CellValue, ReportTable } from './types.ts';

function escape(value: CellValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The report as CSV with a UTF-8 BOM (so Excel shows Chinese correctly) and CRLF line ends. */
export function writeReportCsv(table: ReportTable): Buffer {
  const percentColumns = new Set(table.columns.flatMap((column, index) => (column.kind === 'percent' ? [index] : [])));
  const cells = (row: CellValue[]) =>
    row.map((value, index) => (percentColumns.has(index) && typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : value));
  const lines = [
    [table.title],
    [table.subtitle],
    table.columns.map((column) => column.label),
    ...table.rows.map(cells),
    cells(table.totals),
    ...table.notes.map((note) => [note]),
  ];
  return Buffer.from(`\uFEFF${lines.map((line) => line.map(escape).join(',')).join('\r\n')}\r\n`, 'utf8');
}
