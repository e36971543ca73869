import type { TurnContext } from '../core/skill.ts';
import type { FieldDefinition, FormDefinition } from '../forms/form-schema.ts';
import { describePeriod } from '../forms/period.ts';
import { periodsIn } from '../forms/period-words.ts';
import { formatFieldValue } from '../forms/format-value.ts';
import { fieldNames } from '../forms/field-names.ts';
import type { FieldValue } from '../forms/types.ts';
import { statusFromStores, type ReportingStores } from './reporting-context.ts';
import { periodsOfForm } from './periods.ts';
import { resolvePeriod } from './status-request.ts';
import { statusScope } from './status-access.ts';

/**
 * 「5月全县累计完成一共多少亩」「三面船镇5月比4月多干了多少」「5-6月本期治理面积合计多少」: a question about the
 * figures filed (a sum over the units in the asker's area, one unit's figure, or two periods side by side).
 */
export const FIGURE_QUESTION = /一共|合计|总共|总计|加起来|汇总(?:是)?多少|多少|比.{1,16}(?:多|少|增加|减少|增长|下降|涨|降)|增加了?多少|减少了?多少|报的?是?(?:多少|什么|啥)/;
/** 「比4月」「跟上期比」: two periods are compared. */
const COMPARE = /比|对比|相比|环比|增加|减少|增长|下降|多了|少了|多干|少干/;
/** 「比上期」「跟上个月比」: the period before the one asked about. */
const PREVIOUS = /上期|上一期|上个月|上月|前一期|前一个月/;

/** The number field a question names (the longest of its names), else the form's first amount. */
function askedField(form: FormDefinition, text: string): FieldDefinition | undefined {
  const amounts = form.fields.filter((field) => field.type === 'number');
  const scored = amounts
    .map((field) => ({ field, length: Math.max(0, ...fieldNames(field).filter((name) => name.length >= 2 && text.includes(name)).map((name) => name.length)) }))
    .filter((entry) => entry.length > 0)
    .sort((a, b) => b.length - a.length);
  return scored[0]?.field ?? amounts[0];
}

/** Whether the question names one of the form's amounts (so a question with no form named is about this form). */
export function namesFormFigure(form: FormDefinition, text: string): boolean {
  return form.fields.some((field) => field.type === 'number' && fieldNames(field).some((name) => name.length >= 2 && text.includes(name)));
}

interface PeriodFigure {
  period: string;
  total: number;
  units: { unit: string; value: number }[];
  missing: string[];
}

async function figureOf(stores: ReportingStores, form: FormDefinition, field: FieldDefinition, period: string, scope: string | undefined, unit: string | undefined): Promise<PeriodFigure> {
  const status = await statusFromStores(stores, form, period, scope ? { scope } : {});
  const records = await stores.records.latest(form.id, { period });
  const units: PeriodFigure['units'] = [];
  const missing: string[] = [];
  for (const row of status.rows) {
    if (unit && row.unit !== unit) continue;
    if (row.state !== 'filed') {
      missing.push(row.unit);
      continue;
    }
    const value = records.find((record) => record.recordId === row.records[0].recordId)?.data[field.key];
    if (typeof value === 'number') units.push({ unit: row.unit, value });
  }
  return { period, total: units.reduce((sum, row) => sum + row.value, 0), units, missing };
}

function describeFigure(field: FieldDefinition, figure: PeriodFigure, unit: string | undefined): string {
  const when = describePeriod(figure.period);
  if (unit) return figure.units.length ? `${unit}${when}「${field.label}」：${formatFieldValue(field, figure.total)}` : `${unit}${when}还没有填报`;
  const parts = figure.units.slice(0, 8).map((row) => `${row.unit} ${formatFieldValue(field, row.value)}`).join('、');
  const more = figure.units.length > 8 ? ` 等` : '';
  const missing = figure.missing.length ? `；${figure.missing.length} 个单位未报，未计入` : '';
  return `${when}「${field.label}」：已报 ${figure.units.length} 个单位，合计 ${formatFieldValue(field, figure.total)}${parts ? `（${parts}${more}）` : ''}${missing}`;
}

/** The period before `period` in the form's plan (undefined for the first). */
function previousPeriod(form: FormDefinition, period: string): string | undefined {
  const all = periodsOfForm(form).map((span) => span.value);
  const at = all.indexOf(period);
  return at > 0 ? all[at - 1] : undefined;
}

/**
 * Answers a figure question for one form: the sum (or one unit's figure) of the amount asked for the period named
 * (or the current one), and with 「比…」 the period compared and the difference. False when it is not one.
 */
export async function answerFigureQuestion(ctx: TurnContext, stores: ReportingStores, form: FormDefinition, text: string, unit: string | undefined): Promise<void> {
  const access = statusScope(ctx.user, form, stores.units, '汇总数字');
  if (!access.ok) return void ctx.reply(access.reason);
  const field = askedField(form, text);
  if (!field) return void ctx.reply(`「${form.shortName}」没有可以合计的数字项。`);
  const said = periodsIn(text).filter((word) => !PREVIOUS.test(word));
  const periods: string[] = [];
  for (const word of said.length ? said : ['']) {
    const resolved = resolvePeriod(form, word, ctx.now(), stores.units);
    if (!resolved.ok) return void ctx.reply(resolved.error);
    if (!periods.includes(resolved.value)) periods.push(resolved.value);
  }
  if (COMPARE.test(text) && periods.length === 1 && (PREVIOUS.test(text) || /比/.test(text))) {
    const before = previousPeriod(form, periods[0]);
    if (!before) return void ctx.reply(`${describePeriod(periods[0])}是第一期，没有上一期可以比较。`);
    periods.unshift(before);
  }
  periods.sort();
  const figures = [];
  for (const period of periods) figures.push(await figureOf(stores, form, field, period, access.scope, unit));
  const lines = figures.map((figure) => describeFigure(field, figure, unit));
  if (COMPARE.test(text) && figures.length === 2) {
    const [earlier, later] = figures;
    const change = later.total - earlier.total;
    const word = change >= 0 ? '增加' : '减少';
    lines.push(`${describePeriod(later.period)}比${describePeriod(earlier.period)}${word} ${formatFieldValue(field, Math.abs(change))}（按两期已报数字计算${unit ? '' : '，未报的单位不计入'}）。`);
  }
  ctx.reply(`《${form.title}》\n${lines.join('\n')}`);
}

/** 「看一下三面船镇5月报的」「宁化县5-6月的记录」: one unit's report of one period, asked by the county. */
export const UNIT_RECORD_QUESTION = /报的|报了什么|报了啥|填的|记录|报上来的/;

/** Shows the latest version of one unit's report for the period named (or the current one), every field asked. */
export async function showUnitRecord(ctx: TurnContext, stores: ReportingStores, form: FormDefinition, text: string, unit: string): Promise<void> {
  const access = statusScope(ctx.user, form, stores.units, '各单位的记录');
  if (!access.ok) return void ctx.reply(access.reason);
  const resolved = resolvePeriod(form, periodsIn(text)[0] ?? '', ctx.now(), stores.units);
  if (!resolved.ok) return void ctx.reply(resolved.error);
  const status = await statusFromStores(stores, form, resolved.value, access.scope ? { scope: access.scope } : {});
  const row = status.rows.find((candidate) => candidate.unit === unit);
  const when = describePeriod(resolved.value);
  if (!row || row.state === 'missing') return void ctx.reply(`${unit}${when}的「${form.shortName}」还没有填报。`);
  const records = await stores.records.latest(form.id, { period: resolved.value });
  const shown = row.records.map((entry) => records.find((record) => record.recordId === entry.recordId)).filter((record) => !!record);
  const lines = shown.map((record) => {
    const values = form.fields
      .filter((field) => field.key !== form.unitField && field.key !== form.periodField)
      .map((field) => `${field.label}：${record.data[field.key] === undefined || record.data[field.key] === null ? '（未填）' : formatFieldValue(field, record.data[field.key] as FieldValue)}`);
    return `记录编号 ${record.recordId}（第${record.version}版）\n${values.join('\n')}`;
  });
  const note = shown.length > 1 ? `\n⚠️ 同一期有 ${shown.length} 条记录，请核对后更正或保留一条。` : '';
  ctx.reply(`《${form.title}》${unit}${when}的记录：\n${lines.join('\n\n')}${note}`);
}
