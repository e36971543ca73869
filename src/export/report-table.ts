import { unitFactor } from '../quantity/index.ts';
import type { RecordVersion } from '../records/types.ts';
import type { UnitDirectory } from '../units/types.ts';
import type { CellValue, ExportableForm, ExportField, ReportColumn, ReportTable } from './types.ts';
import { personLabel } from '../users/person-label.ts';
import type { RecordReturn } from '../reporting/return-store.ts';

export interface ReportInput {
  form: ExportableForm;
  /** Latest versions the viewer may see (already filtered by role). */
  records: RecordVersion[];
  /** Standing returns by record id (「退回」 not yet corrected): a column and a note say which, why, who and when. */
  returns?: Map<string, RecordReturn>;
  units: UnitDirectory;
  /** Unit whose report this is (a county for a county admin); undefined = every unit in the records. */
  scope?: string;
  /** Reporting period; default: the newest period among the records. */
  period?: string;
  now: Date;
  /** How a filer is shown (「张三（三面船镇）」); default: the name saved with the record, else 「未留姓名的…用户」. */
  reporterLabel?: (record: RecordVersion) => string;
}

/** 8 万亩 in 亩 → 80000; undefined when the units are not comparable (units read by src/quantity). */
export function convertAmount(value: number, from: string | undefined, to: string | undefined): number | undefined {
  if ((from ?? '') === (to ?? '')) return value;
  const a = unitFactor(from ?? '');
  const b = unitFactor(to ?? '');
  if (!a || !b || a.kind !== b.kind) return undefined;
  return (value * a.factor) / b.factor;
}

export function chinaDateTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

function cellOf(field: ExportField, values: unknown[]): CellValue {
  const present = values.filter((value) => value !== undefined && value !== null && value !== '');
  if (present.length === 0) return null;
  const summable = field.kind !== 'percent' && field.unit !== '%';
  if (present.every((value) => typeof value === 'number')) {
    if (!summable) return present.length === 1 ? (present[0] as number) : null;
    return round((present as number[]).reduce((a, b) => a + b, 0), field.digits ?? 4);
  }
  const text = present.map((value) => {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => field.options?.[String(item)] ?? (item === true ? '是' : item === false ? '否' : String(item))).join('、');
  });
  return [...new Set(text)].join('；');
}

function ratioOf(field: ExportField, sums: Map<string, number>): CellValue {
  if (!field.ratio) return null;
  const numerator = sums.get(field.ratio.numerator);
  const denominator = sums.get(field.ratio.denominator);
  if (numerator === undefined || !denominator) return null;
  return round((numerator / denominator) * field.ratio.scale, field.digits ?? 2);
}

/** Lowest unit containing all of them (the unit a report is "from"). */
function commonAncestor(names: string[], units: UnitDirectory): string | undefined {
  if (names.length === 0) return undefined;
  const chain = (name: string) => [name, ...units.ancestors(name).map((unit) => unit.name)];
  return chain(names[0]).find((candidate) => names.every((name) => units.isWithin(name, candidate)));
}

/** One row per unit (latest versions of the period), a totals row and completion against the units' targets. */
export function buildReportTable(input: ReportInput): ReportTable {
  const { form, units } = input;
  const inScope = (unit: string) => !input.scope || units.isWithin(unit, input.scope);
  const visible = input.records.filter((record) => record.formId === form.id && inScope(record.unit));
  const periods = [...new Set(visible.map((record) => record.period).filter((p): p is string => !!p))].sort();
  const period = input.period ?? periods.at(-1);
  const records = period ? visible.filter((record) => record.period === period) : visible;

  const program = form.program ? units.program(form.program) : undefined;
  const targetField = form.targetField ? form.fields.find((field) => field.key === form.targetField) : undefined;
  const withTargets = program && targetField;

  const candidates = new Set<string>(records.map((record) => record.unit));
  for (const unit of form.units ?? []) if (inScope(unit)) candidates.add(units.find(unit)?.name ?? unit);
  if (program) {
    for (const unit of units.all()) if (unit.targets[program.id] !== undefined && inScope(unit.name)) candidates.add(unit.name);
  }
  // A county row next to its own townships would count twice: keep the ancestor only if it filed itself.
  const reported = new Set(records.map((record) => record.unit));
  const order = new Map(units.all().map((unit, index) => [unit.name, index]));
  const rowUnits = [...candidates]
    .filter((unit) => reported.has(unit) || ![...candidates].some((other) => other !== unit && units.isWithin(other, unit)))
    .sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b, 'zh'));

  const fields = form.fields.filter((field) => field.key !== form.unitField && field.key !== form.periodField);
  const returnOf = (record: RecordVersion) => {
    const mark = input.returns?.get(record.recordId);
    return mark && mark.version === record.version ? mark : undefined;
  };
  const returned = records.filter((record) => returnOf(record));
  const describeReturn = (mark: RecordReturn) => `已退回待更正${mark.reason ? `：${mark.reason}` : ''}（${mark.byLabel}，${chinaDateTime(new Date(mark.at))}）`;
  const header = (field: ExportField) => (field.unit ? `${field.label}（${field.unit}）` : field.label);
  const columns: ReportColumn[] = [
    { label: '序号', kind: 'index', width: 6 },
    { label: '单位', kind: 'text', width: 16 },
    ...(withTargets ? [{ label: `任务（${targetField.unit ?? program.unit}）`, kind: 'number' as const, width: 14 }] : []),
    ...fields.map((field): ReportColumn => ({
      label: header(field),
      kind: field.kind === 'text' ? 'text' : field.kind === 'percent' ? 'percent' : 'number',
      digits: field.digits,
      width: Math.min(30, Math.max(10, header(field).length * 2 + 2)),
    })),
    ...(withTargets ? [{ label: '完成率', kind: 'percent' as const, width: 10 }] : []),
    { label: '填报人', kind: 'text', width: 14 },
    { label: '最后填报时间', kind: 'datetime', width: 18 },
    { label: '记录编号/版本', kind: 'text', width: 22 },
    // Only while a record stands returned: an export without returns keeps its usual columns.
    ...(returned.length ? [{ label: '退回情况', kind: 'text' as const, width: 36 }] : []),
  ];

  const sums = new Map<string, number>();
  const add = (key: string, value: CellValue) => {
    if (typeof value === 'number') sums.set(key, (sums.get(key) ?? 0) + value);
  };
  let targetSum = 0;
  let achievedSum = 0;
  let achievedAny = false;
  const missing: string[] = [];
  const conflicts: string[] = [];
  const label = input.reporterLabel ?? ((r: RecordVersion) => personLabel(r.author));
  const rows = rowUnits.map((unit, index): CellValue[] => {
    const own = records.filter((record) => record.unit === unit);
    if (own.length === 0) missing.push(unit);
    // Two records of one unit and period are a conflict to resolve, never a sum.
    const conflict = own.length > 1;
    if (conflict) conflicts.push(`${unit}（${own.map((r) => r.recordId).join('、')}）`);
    const cells = fields.map((field) => (field.ratio || conflict ? null : cellOf(field, own.map((record) => record.data[field.key]))));
    fields.forEach((field, i) => add(field.key, cells[i]));
    fields.forEach((field, i) => {
      if (field.ratio) cells[i] = ratioOf(field, new Map(fields.map((f, j) => [f.key, cells[j] as number])));
    });
    const row: CellValue[] = [index + 1, unit];
    if (withTargets) {
      const raw = units.target(unit, program.id);
      const target = raw === undefined ? undefined : convertAmount(raw, program.unit, targetField.unit);
      const achieved = cells[fields.indexOf(targetField)];
      row.push(target === undefined ? null : round(target));
      row.push(...cells);
      const completion = target && typeof achieved === 'number' ? round(achieved / target, 6) : null;
      if (target) targetSum += target;
      if (target && typeof achieved === 'number') {
        achievedSum += achieved;
        achievedAny = true;
      }
      row.push(completion);
    } else {
      row.push(...cells);
    }
    const latest = [...own].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    row.push(
      own.length ? `${conflict ? '⚠️ 重复记录未合计：' : ''}${[...new Set(own.map(label))].join('、')}` : '未填报',
      latest ? chinaDateTime(new Date(latest.createdAt)) : null,
      own.length ? own.map((r) => `${r.recordId} v${r.version}`).join('；') : null,
    );
    if (returned.length) {
      const marks = own.map(returnOf).filter((mark): mark is RecordReturn => !!mark);
      row.push(marks.length ? marks.map(describeReturn).join('；') : null);
    }
    return row;
  });

  const totalCells = fields.map((field): CellValue => {
    if (field.ratio) return ratioOf(field, sums);
    if (field.unit === '%' || field.kind === 'text' || field.kind === 'percent' || !sums.has(field.key)) return null;
    return round(sums.get(field.key)!, field.digits ?? 4);
  });
  const totals: CellValue[] = [null, '合计'];
  if (withTargets) totals.push(round(targetSum), ...totalCells, targetSum && achievedAny ? round(achievedSum / targetSum, 6) : null);
  else totals.push(...totalCells);
  totals.push(`${rowUnits.length - missing.length}/${rowUnits.length} 个单位已填报`, null, null);
  if (returned.length) totals.push(`${returned.length} 个已退回待更正`);

  const scopeName = input.scope ?? commonAncestor(rowUnits, units) ?? '全部单位';
  const periodText = period ? (form.describePeriod?.(period) ?? period) : '全部';
  const notes: string[] = ['各单位数据为最新版本（更正会生成新版本，历史版本可用 gengbao records 查看）。'];
  if (withTargets) {
    notes.push(
      `完成率 =「${targetField.label}」÷ 任务；任务来自《${program.source.doc}》${program.source.clause}（${program.title}，单位${program.unit}）。`,
    );
  }
  if (missing.length) notes.push(`未填报：${missing.join('、')}。`);
  if (returned.length) notes.push(`已退回待更正：${returned.map((record) => `${record.unit}（${record.recordId} v${record.version}，${describeReturn(returnOf(record)!)}）`).join('；')}。更正后保存的新版本不再标为退回。`);
  if (conflicts.length) notes.push(`同一期有多条记录、数字未合计（请核对后更正，只保留一条）：${conflicts.join('；')}。`);
  const exportDate = chinaDateTime(input.now).slice(0, 10);
  return {
    title: form.title,
    subtitle: `填报单位：${scopeName}　期间：${periodText}　导出日期：${exportDate}`,
    columns,
    rows,
    totals,
    notes,
    missing,
    baseName: `${form.title}-${scopeName}-${period ?? '全部'}`.replace(/[\\/:*?"<>|\s]+/g, '_'),
  };
}
