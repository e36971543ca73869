import type { Attachment } from '../../core/types.ts';
import type { FormDefinition } from '../../forms/form-schema.ts';
import type { ReportingStores } from '../reporting-context.ts';
import { progressChartData, type ProgressChartData } from './chart-data.ts';
import { renderProgressChart } from './render-chart.ts';

/** The progress chart of one form and period as a PNG attachment, with a one-line caption of its figures. */
export async function progressChartFile(stores: ReportingStores, form: FormDefinition, period: string, scope?: string): Promise<{ data: ProgressChartData; file: Attachment; caption: string }> {
  const data = await progressChartData(stores, form, period, scope);
  const content = renderProgressChart(data);
  const filed = data.units.filter((row) => row.state !== 'missing').length;
  const last = data.periods.at(-1);
  const caption = `「${data.title}」${data.periodLabel}进度图（${data.scope}）：${data.units.length} 个单位中 ${filed} 个已填报${last ? `，已报单位合计${data.measure} ${last.total.toLocaleString('en-US')}` : ''}。`;
  const fileName = `${form.shortName}-进度图-${period}.png`.replace(/[\\/:*?"<>|\s]+/g, '_');
  return { data, file: { fileName, mimeType: 'image/png', content }, caption };
}
