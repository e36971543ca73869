import type { Reply } from '../core/types.ts';
import type { FormDefinition } from '../forms/form-schema.ts';
import { describePeriod } from '../forms/period.ts';
import { DAY_MS, formatBeijing, formatBeijingDay, startOfBeijingDay } from '../calendar/beijing-time.ts';
import { deadlineOf } from './deadlines.ts';
import { periodsOfForm, periodStart } from './periods.ts';
import { statusFromStores, type ReportingStores } from './reporting-context.ts';
import type { ReminderKey } from './reminder-store.ts';
import { formConcerns } from './status-access.ts';
import { REPORTING_SKILL } from './reporting-skill-name.ts';
import type { FormStatus } from './status.ts';

export type ReminderKind = 'before' | 'due' | 'summary' | 'manual';

/** One message the bot is about to send by itself. */
export interface PlannedReminder {
  key: ReminderKey;
  kind: ReminderKind;
  /** The unit reminded (a reporter's) or summarised (an admin's scope). */
  unit: string;
  replies: Reply[];
}

/** How long an admin's after-deadline summary may still go out (a server down for a week sends none). */
const SUMMARY_DAYS = 7;

const filingButtons = (form: FormDefinition, period: string) => [
  { label: '开始填报', action: `form:start:${form.id}:${period}` },
  { label: '不再提醒', action: `${REPORTING_SKILL}:optout` },
];

/** Which reminder window `now` lies in for a due day: before-N (N days ahead, until the next), due (that day). */
function windowAt(now: Date, dueDay: Date, daysBefore: number[]): { window: string; kind: ReminderKind; days: number } | undefined {
  const t = now.getTime();
  if (t >= dueDay.getTime() && t < dueDay.getTime() + DAY_MS) return { window: 'due', kind: 'due', days: 0 };
  const sorted = [...new Set(daysBefore)].sort((a, b) => b - a);
  for (const [index, days] of sorted.entries()) {
    const start = dueDay.getTime() - days * DAY_MS;
    const end = index + 1 < sorted.length ? dueDay.getTime() - sorted[index + 1] * DAY_MS : dueDay.getTime();
    if (t >= start && t < end) return { window: `before-${days}`, kind: 'before', days: Math.round((dueDay.getTime() - startOfBeijingDay(now).getTime()) / DAY_MS) };
  }
  return undefined;
}

function reminderText(form: FormDefinition, period: string, unit: string, dueDay: Date, kind: ReminderKind, days: number): string {
  const what = `「${form.title}」${describePeriod(period)}`;
  const due = `${formatBeijingDay(dueDay)}（北京时间，含当日）`;
  if (kind === 'due') return `⏰ 今天是${what}的截止日（${due}），${unit}还没有填报，请今天内报送。点「开始填报」即可开始。`;
  if (kind === 'manual') return `⏰ 县里催报：${what}的截止日期是 ${due}，${unit}还没有填报，请尽快报送。点「开始填报」即可开始。`;
  return `⏰ 填报提醒：${what}的截止日期是 ${due}，还有 ${days} 天，${unit}还没有填报。点「开始填报」即可开始。`;
}

function summaryText(status: FormStatus, dueDay: Date): string {
  const missing = status.rows.filter((row) => row.state === 'missing').map((row) => row.unit);
  const head = `📋 「${status.title}」${status.periodLabel}已过截止日（${formatBeijingDay(dueDay)}）。${status.scope}：${status.total} 个单位中 ${status.filed} 个已填报`;
  const conflicts = status.conflicts ? `；${status.conflicts} 个单位同一期有多条记录，请核对` : '';
  return missing.length ? `${head}，未填报：${missing.join('、')}${conflicts}。发送「催报 ${status.title}」或点下面的按钮提醒他们。` : `${head}，全部已报${conflicts}。`;
}

interface PlanContext {
  stores: ReportingStores;
  now: Date;
  optedOut(userKey: string): Promise<boolean> | boolean;
}

/** Reminders to the reporters of units that have not filed: for the scheduler (by window) or now (manual). */
async function reporterReminders(ctx: PlanContext, form: FormDefinition, period: string, status: FormStatus, manual?: string): Promise<PlannedReminder[]> {
  const planned: PlannedReminder[] = [];
  const bound = await ctx.stores.users.boundUsers();
  for (const row of status.rows) {
    if (row.state !== 'missing') continue;
    const deadline = deadlineOf(form, period, row.unit, ctx.stores.units);
    if (!deadline) continue;
    const slot = manual ? { window: manual, kind: 'manual' as const, days: 0 } : windowAt(ctx.now, deadline.dueDay, form.deadline!.remindDaysBefore);
    if (!slot) continue;
    for (const user of bound.filter((candidate) => candidate.role === 'reporter' && candidate.unit === row.unit)) {
      if (await ctx.optedOut(user.userKey)) continue;
      planned.push({
        key: { formId: form.id, period, window: slot.window, userKey: user.userKey },
        kind: slot.kind,
        unit: row.unit,
        replies: [{ text: reminderText(form, period, row.unit, deadline.dueDay, slot.kind, slot.days), buttons: filingButtons(form, period) }],
      });
    }
  }
  return planned;
}

async function adminSummaries(ctx: PlanContext, form: FormDefinition, period: string): Promise<PlannedReminder[]> {
  const deadline = deadlineOf(form, period, undefined, ctx.stores.units);
  if (!deadline) return [];
  const start = deadline.dueEnd.getTime() + form.deadline!.summaryDaysAfter * DAY_MS;
  const t = ctx.now.getTime();
  if (t < start || t >= start + SUMMARY_DAYS * DAY_MS) return [];
  const planned: PlannedReminder[] = [];
  for (const admin of (await ctx.stores.users.boundUsers()).filter((user) => user.role === 'admin')) {
    if ((await ctx.optedOut(admin.userKey)) || !formConcerns(form, admin.unit, ctx.stores.units)) continue;
    const scope = admin.unit && ctx.stores.units.find(admin.unit) ? admin.unit : undefined;
    const summary = (scope ? await status(ctx, form, period, scope) : undefined) ?? await status(ctx, form, period, undefined);
    if (!summary) continue;
    planned.push({
      key: { formId: form.id, period, window: 'summary', userKey: admin.userKey },
      kind: 'summary',
      unit: scope ?? '*',
      replies: [
        {
          text: summaryText(summary, deadline.dueDay),
          ...(summary.filed < summary.total ? { buttons: [{ label: '催报未填报单位', action: `${REPORTING_SKILL}:remind:${form.id}:${period}` }] } : {}),
        },
      ],
    });
  }
  return planned;
}

async function status(ctx: PlanContext, form: FormDefinition, period: string, scope: string | undefined): Promise<FormStatus | undefined> {
  const found = await statusFromStores(ctx.stores, form, period, scope ? { scope } : {});
  return found.total ? found : undefined;
}

/** Everything the scheduler should send at `now`: reminders in their windows and admin summaries after deadlines. */
export async function planScheduledReminders(ctx: PlanContext): Promise<PlannedReminder[]> {
  const planned: PlannedReminder[] = [];
  for (const form of ctx.stores.forms.list()) {
    if (!form.deadline) continue;
    for (const span of periodsOfForm(form)) {
      if (periodStart(span).getTime() > ctx.now.getTime()) continue;
      const due = deadlineOf(form, span.value, undefined, ctx.stores.units);
      // Periods long past (a week after their summary window) need no work.
      if (due && ctx.now.getTime() > due.dueEnd.getTime() + (form.deadline.summaryDaysAfter + SUMMARY_DAYS + 31) * DAY_MS) continue;
      const current = await statusFromStores(ctx.stores, form, span.value);
      planned.push(...(await reporterReminders(ctx, form, span.value, current)), ...(await adminSummaries(ctx, form, span.value)));
    }
  }
  return planned;
}

/** 「催报」 now: every reporter of an unfiled unit (within the admin's scope), once a day. */
export async function planManualReminders(ctx: PlanContext, form: FormDefinition, period: string, scope?: string): Promise<PlannedReminder[]> {
  const current = await statusFromStores(ctx.stores, form, period, scope ? { scope } : {});
  return await reporterReminders(ctx, form, period, current, `manual-${formatBeijing(ctx.now).slice(0, 10)}`);
}
