import type { Skill, TurnContext } from '../core/skill.ts';
import type { FormDefinition } from '../forms/form-schema.ts';
import { describePeriod } from '../forms/period.ts';
import { periodsIn } from '../forms/period-words.ts';
import { UNBOUND_REFUSAL } from '../users/access.ts';
import { formatFormStatus } from './format-status.ts';
import { reporterNames, statusFromStores, type ReportingStores } from './reporting-context.ts';
import { formConcerns, statusScope } from './status-access.ts';
import { resolveFilingUnit, resolvePeriod } from './status-request.ts';
import type { Outbox } from '../notify/notifier.ts';
import type { ReminderStore } from './reminder-store.ts';
import type { RecentForms } from './recent-form.ts';
import { RETURN_REQUEST, returnRecord, unitNamed } from './return-record.ts';
import { describeQuietHours, isQuiet, type QuietHours } from './quiet-hours.ts';
import { planManualReminders } from './reminder-plan.ts';
import { deliverReminders } from './deliver-reminders.ts';
import { progressChartFile } from './chart/chart-file.ts';
import { answerFigureQuestion, FIGURE_QUESTION, namesFormFigure, showUnitRecord, UNIT_RECORD_QUESTION } from './figure-question.ts';
import { unitsThatFile } from './status.ts';

import { REPORTING_SKILL } from './reporting-skill-name.ts';
export { REPORTING_SKILL };

/** 「双月调度进度」「哪些乡镇还没报」「谁没报」「填报情况」 — a question about who has filed. */
const STATUS_QUESTION = /(?:哪些|哪个|哪几个|谁|几个|多少个?)(?:乡镇|县|单位|街道|人)?(?:还)?(?:没有?|未)(?:填|报|交)|(?:还差|还缺|还剩下?|差|缺)(?:哪些|哪几个|哪个|几个|多少个?)(?:乡镇|县|单位|街道)|进度(?:如何|怎么样|怎样|情况|汇总)?[？?。]*$|填报情况|报送情况|完成情况|报齐了?[吗没]/;
/** 「导出乡镇进度」 asks for the export, not the status. */
const EXPORT_VERB = /^(?:请|帮我|给我)?(?:导出|下载|export)/i;
const FILING_VERB = /^(?:我要|我来|帮我|开始|接着|继续|再)?(?:填报|上报|报送|填写|报)/;
const FILLER = /查看|看看|看一下|查一下|查询|一下|帮我|给我|请|现在|目前|进度|如何|怎么样|怎样|情况|汇总|哪些|哪个|哪几个|谁|几个|多少个?|乡镇|县|单位|街道|还|没有?|未|差|缺|剩下?|填报|报送|完成|报齐|[报填交吗呢了的]|[，。,.!！?？\s]/g;

export interface ReportingSkillDependencies extends ReportingStores {
  /** Reminders (「催报」, opt-out); without them the skill only answers status questions. */
  reminders?: { outbox: Outbox; store: ReminderStore; quietHours: QuietHours };
  /** The form a user asked about last (shared with the export), followed by a message that names none. */
  recent?: RecentForms;
}

const REMIND = /^(?:请|帮我)?(?:催报|催一下|催促填报|提醒填报|催)\s*(.*)$/;
const OPT_OUT = /^(?:不要|不用|不再|别再?|关闭|退订|取消)(?:发送?)?(?:填报)?提醒了?[。！!]*$/;
const CHART = /进度图|图表|统计图|柱状图|折线图|画(?:个|一张)?图|出(?:个|一张)?图/;
const OPT_IN = /^(?:恢复|开启|打开|重新开启)(?:填报)?提醒[。！!]*$/;

/** Words that name a form in a message (its id, title, short name, triggers). */
function formWords(form: FormDefinition): string[] {
  return [form.id, form.title, form.shortName, ...form.triggers];
}

export function createReportingSkill(deps: ReportingSkillDependencies): Skill {
  function namedForms(text: string): FormDefinition[] {
    const lower = text.toLowerCase();
    return deps.forms.list().filter((form) => formWords(form).some((word) => lower.includes(word.toLowerCase())));
  }

  /** The form a question is about: the one named, else the only one of the admin's area; undefined after asking. */
  async function pickForm(ctx: TurnContext, text: string, verb: string): Promise<FormDefinition | undefined> {
    const named = namedForms(text);
    if (named.length === 1) return named[0];
    let relevant = (named.length ? named : deps.forms.list()).filter((form) => form.period && formConcerns(form, ctx.user.unit, deps.units));
    // 「哪些乡镇还没报」 means a township form, 「哪些县还没报」 a county form.
    const level = /乡镇|街道/.test(text) ? 'township' : /县/.test(text) ? 'county' : undefined;
    const atLevel = relevant.filter((form) => form.fields.find((field) => field.key === form.unitField)?.type === level);
    if (level && atLevel.length) relevant = atLevel;
    if (relevant.length === 1) return relevant[0];
    const recent = named.length ? undefined : await deps.recent?.recall(ctx.user.userKey);
    const followed = recent && relevant.find((form) => form.id === recent.formId);
    if (followed) return followed;
    if (relevant.length === 0) {
      ctx.reply(named.length ? `「${named[0].shortName}」不在您的管辖范围内。` : '您的管辖范围内没有按期填报的表。');
      return undefined;
    }
    ctx.reply({ text: '要看哪一张表？', buttons: relevant.map((form) => ({ label: form.shortName, action: `${REPORTING_SKILL}:${verb}:${form.id}` })) });
    return undefined;
  }

  function periodWords(text: string, form: FormDefinition): string {
    let rest = text;
    for (const word of formWords(form).sort((a, b) => b.length - a.length)) rest = rest.split(word).join(' ');
    rest = rest.replace(FILLER, '');
    // Words left that cannot be a period (「看」) are not one: the current period is meant.
    return /[0-9一二三四五六七八九十两上本这当前期月年]/.test(rest) ? rest : '';
  }

  /** The period named, else the one asked about last for this form (「4月谁没报」 then 「催报」 means April). */
  async function periodOrRecent(ctx: TurnContext, form: FormDefinition, periodText: string): Promise<string> {
    if (periodText) return periodText;
    const recent = await deps.recent?.recall(ctx.user.userKey);
    return recent?.formId === form.id && recent.period ? describePeriod(recent.period) : '';
  }

  async function showStatus(ctx: TurnContext, form: FormDefinition, periodText: string): Promise<void> {
    const access = statusScope(ctx.user, form, deps.units);
    if (!access.ok) return void ctx.reply(access.reason);
    const period = resolvePeriod(form, periodText, ctx.now(), deps.units);
    if (!period.ok) return void ctx.reply(period.error);
    await deps.recent?.remember(ctx.user.userKey, form.id, period.value);
    const status = await statusFromStores(deps, form, period.value, { scope: access.scope });
    ctx.reply(formatFormStatus(status));
  }

  async function remind(ctx: TurnContext, form: FormDefinition, periodText: string): Promise<void> {
    const reminders = deps.reminders;
    if (!reminders) return void ctx.reply('本服务没有启用提醒。');
    const access = statusScope(ctx.user, form, deps.units, '催报');
    if (!access.ok) return void ctx.reply(access.reason);
    const period = resolvePeriod(form, await periodOrRecent(ctx, form, periodText), ctx.now(), deps.units);
    if (!period.ok) return void ctx.reply(period.error);
    await deps.recent?.remember(ctx.user.userKey, form.id, period.value);
    if (isQuiet(ctx.now(), reminders.quietHours)) {
      return void ctx.reply(`现在是夜间免打扰时段（北京时间 ${describeQuietHours(reminders.quietHours)}），不发送催报。请在此后再发「催报 ${form.shortName}」。`);
    }
    const planned = await planManualReminders({ stores: deps, now: ctx.now(), optedOut: (key) => reminders.store.optedOut(key) }, form, period.value, access.scope);
    const outcomes = await deliverReminders(planned, { outbox: reminders.outbox, store: reminders.store, now: ctx.now() });
    const status = await statusFromStores(deps, form, period.value, { scope: access.scope });
    const missing = status.rows.filter((row) => row.state === 'missing');
    if (!missing.length) return void ctx.reply(`「${form.title}」${status.periodLabel}：${status.scope}全部已填报，无需催报。`);
    const names = await reporterNames(deps);
    const label = (userKey: string, unit: string) => names.labelOf(userKey, unit);
    const lines = [`「${form.title}」${status.periodLabel}未填报：${missing.map((row) => row.unit).join('、')}。`];
    const sent = outcomes.filter((o) => o.result === 'sent');
    const already = outcomes.filter((o) => o.result === 'already-sent');
    const failed = outcomes.filter((o) => o.result === 'failed');
    if (sent.length) lines.push(`已向 ${sent.length} 人发送催报：${sent.map((o) => label(o.userKey, o.unit)).join('、')}。`);
    if (already.length) lines.push(`今天已经催过：${already.map((o) => label(o.userKey, o.unit)).join('、')}（每天只催一次）。`);
    if (failed.length) lines.push(`未能送达：${failed.map((o) => `${label(o.userKey, o.unit)}（${o.reason}）`).join('、')}。`);
    const unreached = missing.filter((row) => !outcomes.some((o) => o.unit === row.unit));
    if (unreached.length) lines.push(`没有可提醒的填报员（未绑定或已关闭提醒）：${unreached.map((row) => row.unit).join('、')}。可发送「生成邀请码 填报员 <单位>」邀请。`);
    ctx.reply(lines.join('\n'));
  }

  async function showChart(ctx: TurnContext, form: FormDefinition, periodText: string): Promise<void> {
    const access = statusScope(ctx.user, form, deps.units, '进度图');
    if (!access.ok) return void ctx.reply(access.reason);
    const period = resolvePeriod(form, await periodOrRecent(ctx, form, periodText), ctx.now(), deps.units);
    if (!period.ok) return void ctx.reply(period.error);
    await deps.recent?.remember(ctx.user.userKey, form.id, period.value);
    const { file, caption } = await progressChartFile(deps, form, period.value, access.scope);
    ctx.reply({ text: caption, attachment: file });
  }

  async function setOptOut(ctx: TurnContext, out: boolean): Promise<void> {
    const store = deps.reminders?.store;
    if (!store) return void ctx.reply('本服务没有启用提醒。');
    await store.setOptOut(ctx.user.userKey, out, ctx.now());
    ctx.reply(out ? '好的，以后不再主动给您发填报提醒和截止后的汇总。需要时发送「恢复提醒」。' : '好的，已恢复填报提醒：截止前和截止当天会提醒未填报的单位（夜间不打扰）。');
  }

  return {
    name: REPORTING_SKILL,
    commands: {
      status: async (ctx, args) => {
        const form = await pickForm(ctx, args, 'status');
        if (form) await showStatus(ctx, form, periodWords(args, form));
      },
    },
    async onAction(ctx, payload) {
      const [verb, formId, period] = payload.split(':');
      if (verb === 'optout') return await setOptOut(ctx, true);
      const form = deps.forms.get(formId ?? '');
      if (!form) return void ctx.reply('这张表已不存在。');
      if (verb === 'status') return await showStatus(ctx, form, '');
      if (verb === 'chart') return await showChart(ctx, form, '');
      if (verb === 'remind') return remind(ctx, form, period ? describePeriod(period) : '');
      ctx.reply('这个按钮已失效，请重新发送。');
    },
    async tryIntent(ctx) {
      const text = ctx.text;
      if (OPT_OUT.test(text)) return (await setOptOut(ctx, true), true);
      if (OPT_IN.test(text)) return (await setOptOut(ctx, false), true);
      if (CHART.test(text) && text.length <= 40 && !FILING_VERB.test(text)) {
        if (ctx.user.role !== 'admin') {
          const access = statusScope(ctx.user, deps.forms.list()[0], deps.units, '进度图');
          return (ctx.reply(access.ok ? '进度图仅限县级管理员查看。' : access.reason), true);
        }
        const form = await pickForm(ctx, text, 'chart');
        if (form) await showChart(ctx, form, periodWords(text.replace(CHART, ''), form));
        return true;
      }
      if (RETURN_REQUEST.test(text) && text.length <= 80 && ctx.user.role === 'admin') {
        const unit = unitNamed(text, deps, ctx.user.unit);
        if (unit) {
          const form = await pickForm(ctx, text, 'status');
          if (!form) return true;
          const access = statusScope(ctx.user, form, deps.units, '退回');
          if (!access.ok) return (ctx.reply(access.reason), true);
          const period = resolvePeriod(form, await periodOrRecent(ctx, form, periodsIn(text)[0] ?? ''), ctx.now(), deps.units);
          if (!period.ok) return (ctx.reply(period.error), true);
          await returnRecord(ctx, { ...deps, outbox: deps.reminders?.outbox }, form, unit, period.value);
          return true;
        }
      }
      const remindMatch = REMIND.exec(text);
      if (remindMatch && text.length <= 40) {
        if (ctx.user.role !== 'admin') {
          const access = statusScope(ctx.user, deps.forms.list()[0], deps.units, '催报');
          return (ctx.reply(access.ok ? '催报仅限县级管理员使用。' : access.reason), true);
        }
        const form = await pickForm(ctx, remindMatch[1], 'remind');
        if (form) await remind(ctx, form, periodWords(remindMatch[1], form));
        return true;
      }
      if (ctx.user.role === 'admin' && text.length <= 40 && !FILING_VERB.test(text) && !EXPORT_VERB.test(text) && UNIT_RECORD_QUESTION.test(text) && !FIGURE_QUESTION.test(text) && periodsIn(text).length) {
        // 「看一下三面船镇5月报的」: one unit's report of one period.
        const unit = unitNamed(text, deps, ctx.user.unit);
        const forms = deps.forms.list().filter((form) => form.period && formConcerns(form, ctx.user.unit, deps.units) && !!unit && unitsThatFile(form, deps.units).includes(unit));
        const named = namedForms(text).filter((form) => forms.includes(form));
        const form = named.length === 1 ? named[0] : forms.length === 1 ? forms[0] : undefined;
        if (unit && form) return (await showUnitRecord(ctx, deps, form, text, unit), true);
      }
      if (ctx.user.role === 'admin' && text.length <= 60 && !FILING_VERB.test(text) && !EXPORT_VERB.test(text) && FIGURE_QUESTION.test(text) && !STATUS_QUESTION.test(text)) {
        // 「5月全县累计完成一共多少亩」「三面船镇5月比4月多干了多少」: the figures filed, summed or compared.
        const named = namedForms(text);
        const unit = unitNamed(text, deps, ctx.user.unit);
        const periodSaid = periodsIn(text).length > 0;
        const candidates = (named.length ? named : deps.forms.list()).filter(
          (form) => form.period && formConcerns(form, ctx.user.unit, deps.units) && (named.length > 0 || namesFormFigure(form, text) || (periodSaid && !!unit && unitsThatFile(form, deps.units).includes(unit))),
        );
        const form = candidates.length === 1 ? candidates[0] : candidates.find((candidate) => namesFormFigure(candidate, text));
        if (form && (periodSaid || named.length || namesFormFigure(form, text))) {
          await deps.recent?.remember(ctx.user.userKey, form.id, undefined);
          await answerFigureQuestion(ctx, deps, form, text, unit && unitsThatFile(form, deps.units).includes(unit) ? unit : undefined);
          return true;
        }
      }
      if (text.length > 40 || FILING_VERB.test(text) || EXPORT_VERB.test(text) || !STATUS_QUESTION.test(text)) return false;
      // A bare form name (「乡镇进度」) asks to file that form, not for its status.
      const bare = text.replace(/[\p{P}\p{S}\s]/gu, '');
      if (deps.forms.list().some((form) => [form.shortName, form.title, ...form.triggers].some((word) => word === bare || oneCharOff(word, bare)))) return false;
      if (ctx.user.role === 'farmer') return (ctx.reply(`填报进度仅限县级管理员查看。${UNBOUND_REFUSAL}`), true);
      const form = await pickForm(ctx, text, 'status');
      if (!form) return true;
      // 「看看火星镇5月的进度」: a unit named that the directory does not know is said, not silently dropped.
      const unknown = unknownUnitIn(text, deps);
      if (unknown) {
        const resolved = resolveFilingUnit(form, unknown, deps.units);
        if (!resolved.ok) return (ctx.reply(resolved.error), true);
      }
      // 「4月和5月的进度谁还没报」: each period named, one after the other.
      const named = [...new Set(periodsIn(text))];
      if (named.length >= 2) {
        for (const period of named) await showStatus(ctx, form, period);
        return true;
      }
      await showStatus(ctx, form, periodWords(text, form));
      return true;
    },
  };
}

/** 「天报进度」 for 「填报进度」: a start phrase of 4 characters or more typed with one character wrong is the form's, not a status question. */
function oneCharOff(word: string, text: string): boolean {
  return word.length >= 4 && word.length === text.length && [...word].filter((char, i) => char !== text[i]).length === 1;
}

/** A word shaped like a township or county name (「火星镇」) that is no unit of the directory. */
function unknownUnitIn(text: string, deps: ReportingSkillDependencies): string | undefined {
  const rest = text.replace(/^(?:请|帮我|给我)?(?:查看|看看|看一下|查一下|查询|查)?/, '');
  for (const word of rest.match(/\p{Script=Han}{2,4}?(?:镇|乡(?!镇)|街道)/gu) ?? []) {
    // 「还差哪几个乡镇」「各乡镇」: words of the question, not a name.
    if (/[哪几些各全本谁个还差没未报填的了和与及]|乡镇/.test(word)) continue;
    if (!deps.units.find(word)) return word;
  }
  return undefined;
}
