import type { CellValue } from '../export/types.ts';
import type { ExtraSheet } from '../export/write-xlsx.ts';
import type { FormDefinition } from '../forms/form-schema.ts';
import { periodsOfForm, periodStart } from './periods.ts';
import type { ReportingStores } from './reporting-context.ts';
import { progressChartData } from './chart/chart-data.ts';


/** One row per period so far: units due, filed, missing, duplicates, the summed measure, task, completion. */
export async function periodFiguresSheet(stores: ReportingStores, form: FormDefinition, now: Date, scope?: string): Promise<ExtraSheet | undefined> {
  const started = periodsOfForm(form).filter((span) => periodStart(span).getTime() <= now.getTime());
  if (!started.length) return undefined;
  const last = started.at(-1)!.value;
  const chart = await progressChartData(stores, form, last, scope);
  const task = chart.units.reduce((sum, row) => sum + (row.task ?? 0), 0);
  const rows = chart.periods.map((period, index): CellValue[] => {
    return [index + 1, period.label, period.units, period.filed, period.units - period.filed, period.total, task || null, task ? Number((period.total / task).toFixed(6)) : null, period.conflicts || null];
  });
  return {
    name: '各期进度',
    title: `${form.title} 各期进度（${chart.scope}）`,
    columns: [
      { label: '序号', kind: 'number', width: 6 },
      { label: '期间', kind: 'text', width: 16 },
      { label: '应报单位', kind: 'number', width: 10 },
      { label: '已报', kind: 'number', width: 8 },
      { label: '未报', kind: 'number', width: 8 },
      { label: `已报单位合计 ${chart.measure}`, kind: 'number', width: 24 },
      { label: '任务合计', kind: 'number', width: 14 },
      { label: '完成率', kind: 'percent', width: 10 },
      { label: '重复记录单位', kind: 'number', width: 12 },
    ],
    rows,
    notes: ['各期数字为各单位该期最新版本之和；同一期有多条记录的单位不计入（与汇总表一致），请更正后重新导出。'],
  };
}
