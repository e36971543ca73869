import type { Skill, TurnContext } from '../core/skill.ts';
import type { FormDefinition } from '../forms/form-schema.ts';
import { UNBOUND_REFUSAL } from '../users/access.ts';
import { formatFormStatus } from './format-status.ts';
import { statusFromStores, type ReportingStores } from './reporting-context.ts';
import { formConcerns, statusScope } from './status-access.ts';
import { resolvePeriod } from './status-request.ts';

export const REPORTING_SKILL = 'reporting';

/** 「双月调度进度」「哪些乡镇还没报」「谁没报」「填报情况」 — a question about who has filed. */
const STATUS_QUESTION = /(?:哪些|哪个|哪几个|谁|几个|多少个?)(?:乡镇|县|单位|街道|人)?(?:还)?(?:没有?|未)(?:填|报|交)|进度(?:如何|怎么样|怎样|情况|汇总)?[？?。]*$|填报情况|报送情况|完成情况|报齐了?[吗没]/;
const FILING_VERB = /^(?:我要|我来|帮我|开始)?(?:填报|上报|报送|填写|报)/;
const FILLER = /进度|如何|怎么样|怎样|情况|汇总|哪些|哪个|哪几个|谁|几个|多少个?|乡镇|县|单位|街道|还|没有?|未|填报|报送|完成|报齐|[报填交吗呢了的]|[，。,.!！?？\s]/g;

export interface ReportingSkillDependencies extends ReportingStores {}

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
  function pickForm(ctx: TurnContext, text: string, verb: string): FormDefinition | undefined {
    const named = namedForms(text);
    if (named.length === 1) return named[0];
    let relevant = (named.length ? named : deps.forms.list()).filter((form) => form.period && formConcerns(form, ctx.user.unit, deps.units));
    // 「哪些乡镇还没报」 means a township form, 「哪些县还没报」 a county form.
    const level = /乡镇|街道/.test(text) ? 'township' : /县/.test(text) ? 'county' : undefined;
    const atLevel = relevant.filter((form) => form.fields.find((field) => field.key === form.unitField)?.type === level);
    if (level && atLevel.length) relevant = atLevel;
    if (relevant.length === 1) return relevant[0];
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
    return rest.replace(FILLER, '');
  }

  function showStatus(ctx: TurnContext, form: FormDefinition, periodText: string): void {
    const access = statusScope(ctx.user, form, deps.units);
    if (!access.ok) return void ctx.reply(access.reason);
    const period = resolvePeriod(form, periodText, ctx.now(), deps.units);
    if (!period.ok) return void ctx.reply(period.error);
    const status = statusFromStores(deps, form, period.value, { scope: access.scope });
    ctx.reply(formatFormStatus(status));
  }

  return {
    name: REPORTING_SKILL,
    commands: {
      status: (ctx, args) => {
        const form = pickForm(ctx, args, 'status');
        if (form) showStatus(ctx, form, periodWords(args, form));
      },
    },
    onAction(ctx, payload) {
      const [verb, formId] = payload.split(':');
      const form = deps.forms.get(formId ?? '');
      if (!form) return void ctx.reply('这张表已不存在。');
      if (verb === 'status') return showStatus(ctx, form, '');
      ctx.reply('这个按钮已失效，请重新发送。');
    },
    tryIntent(ctx) {
      const text = ctx.text;
      if (text.length > 40 || FILING_VERB.test(text) || !STATUS_QUESTION.test(text)) return false;
      // A bare form name (「乡镇进度」) asks to file that form, not for its status.
      const bare = text.replace(/[\p{P}\p{S}\s]/gu, '');
      if (deps.forms.list().some((form) => [form.shortName, form.title, ...form.triggers].includes(bare))) return false;
      if (ctx.user.role === 'farmer') return (ctx.reply(`填报进度仅限县级管理员查看。${UNBOUND_REFUSAL}`), true);
      const form = pickForm(ctx, text, 'status');
      if (form) showStatus(ctx, form, periodWords(text, form));
      return true;
    },
  };
}
