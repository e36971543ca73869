import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sniff } from './sniff.ts';
import type { Reader } from './types.ts';
import { shortError } from './read-docx.ts';
import { decodeDocument } from '../read-document.ts';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  if (typeof value === 'number') return String(Number.isInteger(value) ? value : Number(value.toPrecision(12)));
  return String(value);
}

/**
 * One worksheet as `toBlocks` text: the sheet name as a heading, lines of a single cell above the table
 * (its title, `单位：万亩`) as paragraphs, then every row as tab-separated cells, the header row first.
 */
function sheetText(sheet: ExcelJS.Worksheet, named: boolean): string {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      // a merged cell's value sits in its master cell; the others are left empty like a rowspan in HTML
      const own = cell.isMerged && cell.master.address !== cell.address ? '' : cellText(cell.value);
      cells.push(own.replace(/[\t\r\n]+/g, ' ').trim());
    }
    while (cells.length && !cells[cells.length - 1]) cells.pop();
    if (cells.some(Boolean)) rows.push(cells);
  });
  const lines: string[] = named ? [`## ${sheet.name}`, ''] : [];
  let inTable = false;
  for (const row of rows) {
    const filled = row.filter(Boolean);
    if (filled.length === 1 && !inTable) {
      lines.push(filled[0], '');
      continue;
    }
    inTable = true;
    lines.push(row.map((cell) => cell || ' ').join('\t'));
  }
  return lines.join('\n');
}

const DEFAULT_SHEET = /^(sheet|工作表)\s*\d*$/i;

/** XLSX: each worksheet a table; hidden and empty sheets are skipped. */
export const readXlsx: Reader = async (bytes) => {
  const kind = sniff(bytes);
  if (kind === 'ole') return { ok: false, reason: '表格已加密（设置了打开密码），或其实是旧版 .xls 格式：请去掉密码或另存为 .xlsx 后再添加' };
  if (kind !== 'zip') return { ok: false, reason: '不是有效的 Excel 表格（.xlsx 应为 zip 格式，文件可能已损坏或扩展名不对）' };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    return { ok: false, reason: `Excel 表格已损坏，无法打开（${shortError(error)}）` };
  }
  const sheets = workbook.worksheets.filter((sheet) => sheet.state === 'visible' && sheet.actualRowCount > 0);
  const named = sheets.length > 1 || sheets.some((sheet) => !DEFAULT_SHEET.test(sheet.name));
  const text = sheets.map((sheet) => sheetText(sheet, named)).join('\n\n');
  return text.replace(/\s/g, '') ? { ok: true, text } : { ok: false, reason: '表格是空的' };
};

/** CSV (UTF-8, with or without BOM; GBK from older Excel is decoded too): one table. */
export const readCsv: Reader = async (bytes) => {
  let decoded = decodeDocument(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!decoded.ok && bytes.byteLength) {
    try {
      decoded = { ok: true, text: new TextDecoder('gb18030', { fatal: true }).decode(bytes) };
    } catch {
      return decoded;
    }
  }
  if (!decoded.ok) return decoded;
  const workbook = new ExcelJS.Workbook();
  try {
    const sheet = await workbook.csv.read(Readable.from([decoded.text.replace(/^\uFEFF/, '')]), { map: (value: unknown) => value, parserOptions: { delimiter: detectDelimiter(decoded.text) } });
    const text = sheetText(sheet, false);
    return text.replace(/\s/g, '') ? { ok: true, text } : { ok: false, reason: '表格是空的' };
  } catch (error) {
    return { ok: false, reason: `CSV 文件格式有误（${shortError(error)}）` };
  }
};

function detectDelimiter(text: string): string {
  const firstLine = text.split('\n', 1)[0];
  const counts = [',', '\t', ';', '，'].map((delimiter) => ({ delimiter, n: firstLine.split(delimiter).length }));
  return counts.sort((a, b) => b.n - a.n)[0].delimiter;
}
