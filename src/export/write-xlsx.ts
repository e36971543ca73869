import ExcelJS from 'exceljs';
import type { CellValue, ReportColumn, ReportTable } from './types.ts';

/** A further worksheet after the report (e.g. figures per period). */
export interface ExtraSheet {
  name: string;
  title: string;
  columns: Array<{ label: string; kind: 'text' | 'number' | 'percent'; width: number }>;
  rows: CellValue[][];
  notes: string[];
}

function numberFormat(column: ReportColumn): string | undefined {
  if (column.kind === 'percent') return '0.0%';
  if (column.kind !== 'number') return undefined;
  return column.digits === 0 ? '#,##0' : '#,##0.##';
}

/** The report as an .xlsx workbook: merged title, subtitle, bold header, widths, number formats, totals. */
export async function writeReportXlsx(table: ReportTable, extraSheets: ExtraSheet[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '耕保助手';
  const sheet = workbook.addWorksheet('报表', { views: [{ state: 'frozen', ySplit: 3 }] });
  const width = table.columns.length;

  sheet.addRow([table.title]);
  sheet.mergeCells(1, 1, 1, width);
  const title = sheet.getCell(1, 1);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 28;

  sheet.addRow([table.subtitle]);
  sheet.mergeCells(2, 1, 2, width);
  sheet.getCell(2, 1).alignment = { horizontal: 'left' };

  const header = sheet.addRow(table.columns.map((column) => column.label));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
  });

  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    bottom: { style: 'thin' },
    left: { style: 'thin' },
    right: { style: 'thin' },
  };
  for (const values of [...table.rows, table.totals]) sheet.addRow(values);
  const totalsRow = sheet.getRow(3 + table.rows.length + 1);
  totalsRow.font = { bold: true };

  table.columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = column.width;
    const format = numberFormat(column);
    for (let row = 3; row <= 3 + table.rows.length + 1; row++) {
      const cell = sheet.getCell(row, index + 1);
      cell.border = border;
      if (format && row > 3) cell.numFmt = format;
    }
  });

  for (const note of table.notes) {
    const row = sheet.addRow([note]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = { size: 9, color: { argb: 'FF666666' } };
  }
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  for (const extra of extraSheets) addExtraSheet(workbook, extra);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addExtraSheet(workbook: ExcelJS.Workbook, extra: ExtraSheet): void {
  const sheet = workbook.addWorksheet(extra.name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([extra.title]);
  sheet.mergeCells(1, 1, 1, extra.columns.length);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  const header = sheet.addRow(extra.columns.map((column) => column.label));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  for (const values of extra.rows) sheet.addRow(values);
  extra.columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
    const format = column.kind === 'percent' ? '0.0%' : column.kind === 'number' ? '#,##0.##' : undefined;
    if (format) for (let row = 3; row < 3 + extra.rows.length; row++) sheet.getCell(row, index + 1).numFmt = format;
  });
  for (const note of extra.notes) sheet.addRow([note]).getCell(1).font = { size: 9, color: { argb: 'FF666666' } };
}
