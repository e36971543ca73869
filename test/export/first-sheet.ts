import ExcelJS from 'exceljs';

/** The first worksheet of an xlsx file's bytes, as the exporter wrote it. */
export async function firstSheetOf(content: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}
