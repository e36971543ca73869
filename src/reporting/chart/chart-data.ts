import { exportableForm } from '../../export/exportable-form.ts';
import type { FormDefinition } from '../../forms/form-schema.ts';
import { describePeriod } from '../../forms/period.ts';
import { periodsOfForm } from '../periods.ts';
import { statusFromStores, type ReportingStores } from '../reporting-context.ts';

/** The figures a progress chart shows: each unit's task and achieved value, and the running total by period. */
export interface ProgressChartData {
  title: string;
  periodLabel: string;
  scope: string;
  /** Label of the measured field with its unit, e.g. 累计治理面积（亩）. */
  measure: string;
  units: Array<{ unit: string; task: number | null; achieved: number | null; completionPercent: number | null; state: string }>;
  /** Sum of the measured field over units that filed (duplicates left out) for each period up to this one. */
  periods: Array<{ period: string; label: string; total: number; filed: number; units: number; conflicts: number }>;
}

/** Reads the chart figures from the same status the county sees (a unit with two records counts as none). */
export async function progressChartData(stores: ReportingStores, form: FormDefinition, period: string, scope?: string): Promise<ProgressChartData> {
  const exportable = exportableForm(form);
  const field = form.fields.find((candidate) => candidate.key === exportable.targetField) ?? form.fields.find((candidate) => candidate.type === 'number');
  const valueOf = (data: Record<string, unknown> | undefined) => (field && typeof data?.[field.key] === 'number' ? (data[field.key] as number) : null);
  const status = await statusFromStores(stores, form, period, scope ? { scope } : {});
  const latest = await stores.records.latest(form.id, { period });
  const units = status.rows
    .map((row) => {
      const record = row.state === 'filed' ? latest.find((candidate) => candidate.recordId === row.records[0].recordId) : undefined;
      return { unit: row.unit, task: row.task ?? null, achieved: valueOf(record?.data), completionPercent: row.completionPercent ?? null, state: row.state };
    })
    .sort((a, b) => a.unit.localeCompare(b.unit, 'zh'));
  const periods: ProgressChartData['periods'] = [];
  for (const span of periodsOfForm(form).filter((candidate) => candidate.value <= period)) {
    periods.push(
      await (async () => {
      const rows = await statusFromStores(stores, form, span.value, scope ? { scope } : {});
      const records = await stores.records.latest(form.id, { period: span.value });
      let total = 0;
      for (const row of rows.rows) {
        if (row.state !== 'filed') continue;
        total += valueOf(records.find((record) => record.recordId === row.records[0].recordId)?.data) ?? 0;
      }
      return { period: span.value, label: describePeriod(span.value).replace(/^\d{4}年/, ''), total, filed: rows.filed, units: rows.total, conflicts: rows.conflicts };
      })(),
    );
  }
  return {
    title: form.title,
    periodLabel: status.periodLabel,
    scope: status.scope,
    measure: field ? `${field.label}${field.unit ? `（${field.unit}）` : ''}` : '数值',
    units,
    periods,
  };
}
