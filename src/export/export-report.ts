import type { Attachment } from '../core/types.ts';
import type { RecordStore, RecordVersion } from '../records/types.ts';
import type { UnitDirectory } from '../units/types.ts';
import type { ReturnStore } from '../reporting/return-store.ts';
import { buildReportTable } from './report-table.ts';
import type { ExportableForm, ReportTable } from './types.ts';
import { writeReportCsv } from './write-csv.ts';
import { writeReportXlsx, type ExtraSheet } from './write-xlsx.ts';

export type ExportFormat = 'xlsx' | 'csv';

export interface ExportRequest {
  form: ExportableForm;
  records: RecordStore;
  /** Records the county returned; the table says which still stand. */
  returns?: ReturnStore;
  units: UnitDirectory;
  /** Unit the report is for (the admin's county); undefined = every unit. */
  scope?: string;
  period?: string;
  format: ExportFormat;
  now: Date;
  /** How a filer is shown (「张三（三面船镇）」). */
  reporterLabel?: (record: RecordVersion) => string;
  /** Further xlsx sheets (figures per period); ignored for csv. */
  extraSheets?: ExtraSheet[];
}

export interface ExportedReport {
  table: ReportTable;
  file: Attachment;
}

const MIME: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Builds the report of one form for one unit and period and renders it as xlsx or csv. */
export async function exportReport(request: ExportRequest): Promise<ExportedReport> {
  const { form, units, scope } = request;
  const unitsInScope = scope ? [scope, ...units.descendants(scope).map((unit) => unit.name)] : undefined;
  const records = await request.records.latest(form.id, unitsInScope ? { units: unitsInScope } : {});
  const returns = await request.returns?.standing(records);
  const table = buildReportTable({ form, records, returns, units, scope, period: request.period, now: request.now, reporterLabel: request.reporterLabel });
  const content = request.format === 'xlsx' ? await writeReportXlsx(table, request.extraSheets) : writeReportCsv(table);
  return { table, file: { fileName: `${table.baseName}.${request.format}`, mimeType: MIME[request.format], content } };
}
