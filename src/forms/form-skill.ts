import type { Skill, TurnContext } from '../core/skill.ts';
import type { Activity } from '../core/types.ts';
import { answerChosenField, cancelDraft, handleFormText, looksLikeQuestion, RECORD_CORRECTION, undoCancel } from './form-answering.ts';
import {
  acceptAnswer,
  askField,
  askNext,
  fieldOf,
  FORM_SKILL,
  goBack,
  persist,
  repeatCurrent,
  setValue,
  showEditMenu,
  showReview,
  skipCurrent,
  unitChoices,
  unpark,
  type FormTurn,
  type ReportTurn,
} from './form-flow.ts';
import { FORM_CARD_PAYLOAD, FORM_CARD_REQUEST, pressFormCard, requestFormCard } from './form-card.ts';
import { questionReply } from './form-messages.ts';
import { confirmExtracted, dropExtracted } from './model-extraction.ts';
import { defaultNewId, formFitsUser, formsNamedIn, namesOfForm, offerForms, startCorrection, startForm, unitNamesIn } from './form-start.ts';
import { describePeriod, parsePeriod } from './period.ts';
import { periodsIn, withoutPeriods } from './period-words.ts';
import { findQuantities } from '../quantity/find-quantities.ts';
import { fieldNames } from './field-names.ts';
import { withoutCorrectionLead } from './correction-lead.ts';
import { placeQuantities } from './extract-answers.ts';
import { pastedTable } from './pasted-table.ts';
import { splitClauses } from './split-clauses.ts';
import { rebaseOnLatest, submitDraft } from './form-submission.ts';
import { submitFormValues, type SubmitContext, type SubmitResult } from './submit-form-values.ts';
import type { FormDraftState, FormSkillDependencies } from './types.ts';
import type { FormDefinition } from './form-schema.ts';

/** The form skill plus whole-submission validation for channels that send all fields at once (Feishu cards). */
export interface FormSkill extends Skill {
  submitFormValues(formId: string, values: Record<string, string>, ctx: SubmitContext): Promise<SubmitResult>;
}

const GENERIC_START = /^(?:我要|我想|开始|帮我)?(?:填报|上报|报送|填表|登记|报数)$/;
const AMEND_SAVED = /^(改一下|修改|更正|我要改|改)$/;
const SUBMIT_AGAIN = /^(确认提交|提交|确认|确认无误|仍然提交|确定)[。.！!]*$/;

/** 「4月份的漏报了，现在补上」「上期的双月调度漏报了」: a period missed, to be filed now. */
const LATE_FILING = /漏报|补报|补上|补一下|补交|忘了?报|没报上|漏填|补填|补登|漏登/;

/** 「5月进度报错了，累计完成应该是1.3万亩」 after submitting: a saved report said to be wrong, with the right value. */
const SAID_WRONG = /(?:报|填|写|搞|弄|记|算)错了?|有误|不对/;
const RIGHT_VALUE = /应该是|应该为|应为|改成|改为|实际是|其实是/;

/** 「再登一块」「再报一个」: the same kind of report again; the verb tells which forms. */
const AGAIN = /^(?:再|还要|还得)(登记?|填报?|报)(?:一(?:块|个|份|张|条|下))?/;

/**
 * 「填报5月进度，累计完成1.2万亩，验收8000亩」「填报双月调度，本期是5-6月」: a start phrase naming a form, then
 * answers. Returns the forms named and what remains to be read as answers once the form has started.
 */
function startWithAnswers(text: string, formsIn: (text: string) => FormDefinition[]): { named: FormDefinition[]; rest: string; head: string } | undefined {
  if (looksLikeQuestion(text) || !/[\d一二三四五六七八九十两]/.test(text)) return undefined;
  const head = text.split(/[，,。；;！!\s]/, 1)[0];
  const periods = periodsIn(head);
  const named = formsIn(withoutPeriods(head));
  // 「双月调度 5-6月 本期两万三」: a form's own name said first starts it as a start verb would.
  const nameOnly = named.some((form) => [form.shortName, form.title, ...form.triggers].includes(withoutPeriods(head).trim()));
  if (!/填报|登记|上报|报送|报/.test(head) && !nameOnly) return undefined;
  // 「填报进度五月份累计完成一万二千亩验收八千亩」 said without a pause: what follows the form's name is answers too.
  const said = named.length === 1 ? answersInHead(withoutPeriods(head, '，'), named[0]) : '';
  // 「…漏报了，补一下」: the words about filing late answer nothing.
  const after = splitClauses(text.slice(head.length)).filter((clause) => !(LATE_FILING.test(clause) && clause.length <= 6 && !/\d/.test(clause)));
  const rest = [...periods, said, after.join('，')].filter(Boolean).join('，');
  return named.length && rest ? { named, rest, head } : undefined;
}

/** Units named in a start phrase, when the form still asks for its unit (an admin filing for a township). */
function unitsToAnswer(turn: ReportTurn, text: string): string[] {
  if (turn.state.values[turn.form.unitField] !== undefined) return [];
  return unitNamesIn(text, turn.deps).slice(0, 1);
}

/** The message as the form reads it: a pasted table as 「表头：值」 clauses, else the core's plain text. */
function typedText(ctx: TurnContext): string {
  return pastedTable(ctx.message.text) ?? ctx.text;
}

function savedDraft(activity: Activity): boolean {
  return activity.skill === FORM_SKILL && isDraft(activity.state) && activity.state.phase === 'saved';
}

/** The start phrase without the form's name and the start words; kept only when an amount is left in it. */
function answersInHead(head: string, form: FormDefinition): string {
  let rest = head;
  for (const word of [form.title, form.shortName, ...form.triggers].sort((a, b) => b.length - a.length)) rest = rest.split(word).join('，');
  rest = rest.replace(/^[，\s]*(?:我要|我来|帮我|开始)?(?:填报|上报|报送|报一下|报)?/, '').replace(/^[，\s]+|[，\s]+$/g, '');
  return /[0-9一二三四五六七八九十两]/.test(rest) && /[亩个户元吨万%成]|公顷/.test(rest) ? rest : '';
}

/**
 * 「5月份的进度：完成作业12600亩，其中验收合格9800亩」 with no start word: a statement (not a question) in which two
 * or more amounts are named by fields of exactly one form the user files, is that form being filed.
 */
function formOfStatement(text: string, forms: FormDefinition[]): FormDefinition | undefined {
  if (looksLikeQuestion(text)) return undefined;
  const named = forms.filter((form) => {
    const amounts = form.fields.filter((field) => field.type === 'number' || field.type === 'share');
    return splitClauses(text).flatMap((part) => placeQuantities(form, amounts, part, {}).answers).length >= 2;
  });
  return named.length === 1 ? named[0] : undefined;
}

/**
 * 「双月掉度」「我要登级」: a message that is a form's name or start phrase (4 characters or more) with one
 * character mistyped. Returns that word; the reply says how it was read.
 */
function nearStartWord(text: string, forms: FormDefinition[]): { form: FormDefinition; word: string } | undefined {
  const found = forms.flatMap((form) =>
    [form.shortName, ...form.triggers]
      .filter((word) => word.length >= 4 && word.length === text.length && [...word].filter((char, i) => char !== text[i]).length === 1)
      .map((word) => ({ form, word })),
  );
  return new Set(found.map((hit) => hit.form.id)).size === 1 ? found[0] : undefined;
}

/** 「我要登记」「先报一下双月调度」 typed while another form is open: exactly that form's name or start phrase. */
function otherFormStarted(text: string, open: FormDefinition, forms: FormDefinition[]): FormDefinition | undefined {
  const typed = text.replace(/[\p{P}\p{S}\s]/gu, '').replace(/一下/g, '');
  const bare = typed.replace(/^(?:等下|等一下|等等|哦|那|不对)?(?:我)?(?:先|再)?(?:去|来)?/, '');
  const names = (word: string) => [word, `我要${word}`, `填${word}`, `报${word}`];
  const named = forms.filter((form) => form.id !== open.id && [form.shortName, form.title, ...form.triggers].some((word) => names(word).includes(typed) || names(word).includes(bare)));
  return named.length === 1 ? named[0] : undefined;
}

function isDraft(value: unknown): value is FormDraftState {
  return !!value && typeof value === 'object' && typeof (value as FormDraftState).formId === 'string';
}

/** Reporting conversations over the forms in knowledge/forms: one question at a time, checks, confirmation, versions. */
export function createFormSkill(dependencies: FormSkillDependencies): FormSkill {
  const deps = { ...dependencies, newId: dependencies.newId ?? defaultNewId, extractor: dependencies.extractor ?? null, onRecordReplaced: dependencies.onRecordReplaced ?? null };

  function turnOf(ctx: TurnContext): ReportTurn | undefined {
    const activity = ctx.session.activity;
    if (activity?.skill !== FORM_SKILL || !isDraft(activity.state)) return undefined;
    const form = deps.forms.get(activity.state.formId);
    if (!form) return undefined;
    return { ctx, deps, form, state: activity.state };
  }

  async function startByName(ctx: TurnContext, name: string): Promise<void> {
    const named = name ? formsNamedIn(name, deps) : [];
    if (name && !named.length) {
      const list = deps.forms.list().map((form) => `「${form.shortName}」`).join('、');
      ctx.reply(`没有找到「${name}」这张表。可填报的有：${list}。`);
      return;
    }
    await offerForms(ctx, named.length ? named : deps.forms.list(), deps);
  }

  async function onButton(turn: ReportTurn, payload: string): Promise<void> {
    const [verb, argument] = payload.split(':');
    const { state } = turn;
    const field = fieldOf(turn, state.current);
    switch (verb) {
      case 'o': {
        if (!field || state.phase !== 'filling') return await repeatCurrent(turn);
        if (field.type === 'yes-no') return await acceptAnswer(turn, field, { ok: true, value: argument === 'y', display: argument === 'y' ? '是' : '否' });
        const options = field.options ?? [];
        if (field.multiple) {
          if (argument === 'done') {
            const chosen = state.selection ?? [];
            return await acceptAnswer(turn, field, { ok: true, value: chosen, display: chosen.length ? chosen.map((value) => options.find((o) => o.value === value)?.label ?? value).join('、') : '无' });
          }
          const option = options[Number(argument)];
          if (!option) return await repeatCurrent(turn);
          const selection = new Set(state.selection ?? []);
          if (selection.has(option.value)) selection.delete(option.value);
          else selection.add(option.value);
          state.selection = options.map((o) => o.value).filter((value) => selection.has(value));
          turn.ctx.reply(questionReply(turn.form, field, state, [], `已选：${state.selection.map((value) => options.find((o) => o.value === value)?.label).join('、') || '（无）'}`));
          return persist(turn);
        }
        const option = options[Number(argument)];
        if (!option) return await repeatCurrent(turn);
        return await acceptAnswer(turn, field, { ok: true, value: option.value, display: option.label });
      }
      case 'u': {
        const name = field ? unitChoices(turn, field)[Number(argument)] : undefined;
        if (!field || !name) return await repeatCurrent(turn);
        return await acceptAnswer(turn, field, { ok: true, value: name, display: name });
      }
      case 'approx': {
        const pending = state.pending?.kind === 'approximate' ? state.pending : undefined;
        const target = fieldOf(turn, pending?.field);
        state.pending = undefined;
        if (argument === 'y' && pending && target) {
          const refusal = setValue(turn, target, pending.value);
          if (refusal) turn.ctx.reply(refusal);
          return await askNext(turn, `✓ ${target.label}：${pending.display}`);
        }
        return await repeatCurrent(turn, '好的，请告诉我准确的数。');
      }
      case 'extract':
        if (state.pending?.kind !== 'extracted') return await repeatCurrent(turn);
        return argument === 'y' ? await confirmExtracted(turn) : await dropExtracted(turn);
      case 'skip':
        return await skipCurrent(turn);
      case 'back':
        return await goBack(turn);
      case 'edit':
        return state.phase === 'saved' ? await startCorrection(turn.ctx, state.saved!.recordId, deps) : showEditMenu(turn);
      case 'review':
        return state.phase === 'filling' ? await askNext(turn) : await showReview(turn);
      case 'f': {
        const target = turn.form.fields.find((candidate) => candidate.key === argument);
        if (!target || state.phase === 'saved') return await repeatCurrent(turn);
        if (await answerChosenField(turn, target.key)) return;
        return askField(turn, target);
      }
      case 'submit':
        return await submitDraft(turn, Number(argument), false);
      case 'force':
        return await submitDraft(turn, Number(argument), true);
      case 'rebase':
        return await rebaseOnLatest(turn);
      case 'cancel':
        return cancel(turn.ctx);
      default:
        return await repeatCurrent(turn);
    }
  }

  /**
   * 「4月5月的进度一起报 4月累计完成八千 验收五千 5月累计完成一万二 验收八千」: one message, several periods of one form,
   * each with its answers. The first is filled now; the others wait in the draft and follow its submission.
   */
  async function startSeveralPeriods(ctx: TurnContext): Promise<boolean> {
    const text = ctx.text;
    if (looksLikeQuestion(text) || ctx.user.role === 'farmer') return false;
    const pieces = periodPieces(text);
    if (pieces.length < 2) return false;
    const periodic = deps.forms.list().filter((form) => form.period && formFitsUser(form, ctx.user, deps));
    const named = formsNamedIn(withoutPeriods(text), deps).filter((form) => periodic.includes(form));
    const byFields = periodic.filter((form) => form.fields.some((field) => field.type === 'number' && fieldNames(field).some((name) => name.length >= 2 && pieces.every((piece) => piece.includes(name)))));
    const forms = named.length ? named : byFields;
    if (forms.length !== 1) return false;
    await startForm(ctx, forms[0], deps);
    const turn = turnOf(ctx);
    if (!turn) return true;
    turn.state.queued = pieces.slice(1);
    ctx.reply(`这条消息里有 ${pieces.length} 期，一期一份：先填第一期，提交后接着填下一期（后面几期的数已记下）。`);
    await handleFormText(turn, pieces[0]);
    return true;
  }

  /** After a submission, the next period said in the same message is started with its answers. */
  async function startQueued(turn: ReportTurn): Promise<void> {
    const [next, ...rest] = turn.state.queued ?? [];
    if (turn.state.phase !== 'saved' || !next) return;
    turn.state.queued = undefined;
    await startForm(turn.ctx, turn.form, deps);
    const started = turnOf(turn.ctx);
    if (!started) return;
    started.state.queued = rest.length ? rest : undefined;
    turn.ctx.reply('接着填同一条消息里的下一期：');
    await handleFormText(started, next);
  }

  /** One message to an open draft: another form's start phrase sets this draft aside and starts that form. */
  async function continueDraft(turn: ReportTurn, text: string): Promise<boolean> {
    const other = turn.state.phase === 'filling' ? otherFormStarted(text, turn.form, deps.forms.list()) : undefined;
    if (!other || !formFitsUser(other, turn.ctx.user, deps)) {
      const handled = await handleFormText(turn, text);
      await startQueued(turn);
      return handled;
    }
    const filled = turn.state.answered.length;
    turn.ctx.reply(`好的，先填「${other.shortName}」。「${turn.form.shortName}」已填的 ${filled} 项先放着，「${other.shortName}」提交或取消后接着填。`);
    await startForm(turn.ctx, other, deps);
    const started = turnOf(turn.ctx);
    if (started && started.form.id === other.id) {
      started.state.parked = [{ ...turn.state, parked: undefined }, ...(turn.state.parked ?? [])];
      persist(started as FormTurn);
    }
    return true;
  }

  function cancel(ctx: TurnContext): void {
    const turn = turnOf(ctx);
    if (!turn || turn.state.cancelled) return void (ctx.setActivity(null), ctx.reply('已取消。'));
    if (turn.state.phase === 'saved') return void (ctx.setActivity(null), ctx.reply(`好的。记录 ${turn.state.saved?.recordId} 已保存，不受影响。`));
    cancelDraft(turn);
  }

  /**
   * 「县里说5月进度验收面积报错了，应该是8000亩」: the one saved report of the user's unit that the message points
   * to (its form and period, when said) is opened as a correction and the change is read on its summary.
   */
  async function correctSaved(ctx: TurnContext): Promise<boolean> {
    const text = typedText(ctx);
    if (ctx.user.role === 'farmer' || !ctx.user.unit || !SAID_WRONG.test(text) || !RIGHT_VALUE.test(text) || looksLikeQuestion(text)) return false;
    const named = formsNamedIn(text, deps);
    const forms = (named.length ? named : deps.forms.list()).filter((form) => formFitsUser(form, ctx.user, deps));
    const saved = [];
    for (const form of forms) {
      const said = form.period ? periodsIn(text)[0] : undefined;
      const period = said ? parsePeriod(said, form.period!.kind, form.period!.year ?? form.year, ctx.now()) : undefined;
      const records = await deps.records.latest(form.id, { unit: ctx.user.unit, ...(period?.ok ? { period: period.value } : {}) });
      saved.push(...records.map((record) => ({ form, record })));
    }
    if (saved.length !== 1) return false;
    const [{ form, record }] = saved;
    await startCorrection(ctx, record.recordId, deps, false);
    ctx.reply(`已调出${record.unit}${record.period ? describePeriod(record.period) : ''}的「${form.shortName}」（记录 ${record.recordId}），改好后确认提交，会保存为新版本。`);
    const turn = turnOf(ctx);
    if (!turn) return true;
    let change = withoutPeriods(text);
    for (const word of namesOfForm(form)) change = change.split(word).join('');
    // 「县里说…」「刚才那个…」 (the form's correctionLead words) are not the change; 报错了 says what 填错了 does.
    change = withoutCorrectionLead(change, form).replace(/(?:报|写|搞|弄|记|算)错/g, '填错');
    await handleFormText(turn, change);
    return true;
  }

  return {
    name: FORM_SKILL,
    commands: {
      report: (ctx, args) => startByName(ctx, args),
      card: (ctx, args) => requestFormCard(ctx, args, deps, startByName),
    },
    async onAction(ctx, payload) {
      if (payload.startsWith(FORM_CARD_PAYLOAD)) return await pressFormCard(ctx, payload.slice(FORM_CARD_PAYLOAD.length), deps);
      const [verb, argument, period] = payload.split(':');
      if (verb === 'start') {
        const form = deps.forms.get(argument ?? '');
        // start:<form>:<period> (a reminder's button) fills the period it reminds of.
        return form ? await startForm(ctx, form, deps, period) : void ctx.reply('这张表已不存在，请发送 /report 查看可填报的表。');
      }
      const turn = turnOf(ctx);
      if (!turn || turn.state.cancelled) return void ctx.reply('这份填报已经结束或取消了。需要时发送 /report 重新开始。');
      await onButton(turn, payload);
    },
    async continueActivity(ctx) {
      const turn = turnOf(ctx);
      if (!turn) {
        ctx.setActivity(null);
        return false;
      }
      if (turn.state.cancelled) {
        if (await undoCancel(turn, ctx.text)) return true;
        ctx.setActivity(null);
        const back = unpark(turn);
        return back ? await continueDraft(back as ReportTurn, typedText(ctx)) : false;
      }
      if (turn.state.phase === 'saved') {
        if (AMEND_SAVED.test(ctx.text) && turn.state.saved) return await startCorrection(ctx, turn.state.saved.recordId, deps), true;
        if (SUBMIT_AGAIN.test(ctx.text) && turn.state.saved) {
          const { recordId, version } = turn.state.saved;
          return ctx.reply(`「${turn.form.title}」已经提交过了（记录 ${recordId} 第 ${version} 版），不用再提交。要更正请说「改一下」。`), true;
        }
        // A finished filing stays only to catch a double press or 「改一下」; anything else closes it (or brings back a draft set aside).
        ctx.setActivity(null);
        const back = unpark(turn);
        return back ? await continueDraft(back as ReportTurn, typedText(ctx)) : false;
      }
      return await continueDraft(turn, typedText(ctx));
    },
    describeActivity(activity: Activity) {
      const state = activity.state as FormDraftState;
      const form = deps.forms.get(state.formId);
      if (!form) return '一份填报';
      if (state.cancelled) return `刚取消的「${form.shortName}」（点错了可以回「恢复」找回）`;
      if (state.phase === 'review') return `「${form.shortName}」已填完，等您确认提交`;
      const field = form.fields.find((candidate) => candidate.key === state.current);
      return `正在填报「${form.shortName}」，当前问题：${(field?.question ?? '发送「继续」查看').replace(/[？?。]+$/, '')}`;
    },
    cancelActivity: cancel,
    async tryIntent(ctx) {
      const card = FORM_CARD_REQUEST.exec(ctx.text);
      if (card) return await requestFormCard(ctx, card[1].trim(), deps, startByName), true;
      const correction = RECORD_CORRECTION.exec(ctx.text);
      if (correction) return await startCorrection(ctx, correction[1].toUpperCase(), deps), true;
      // A report submitted a moment ago leaves its draft saved: the next report starts as if nothing were open.
      const idle = !ctx.session.activity || savedDraft(ctx.session.activity);
      if (idle && (await correctSaved(ctx))) return true;
      if (idle && (await startSeveralPeriods(ctx))) return true;
      const withAnswers = idle ? startWithAnswers(typedText(ctx), (head) => formsNamedIn(head, deps)) : undefined;
      if (withAnswers) {
        await offerForms(ctx, withAnswers.named, deps);
        const turn = turnOf(ctx);
        if (turn) await handleFormText(turn, [...unitsToAnswer(turn, withAnswers.head), withAnswers.rest].join('，'));
        return true;
      }
      const stated = ctx.session.activity || ctx.user.role === 'farmer' ? undefined : formOfStatement(ctx.text, deps.forms.list().filter((form) => formFitsUser(form, ctx.user, deps)));
      if (stated) {
        await startForm(ctx, stated, deps);
        const turn = turnOf(ctx);
        // 「双月调度五六月份本期新增…」: the form's name said first is not an answer; the period after it is.
        const name = [stated.title, stated.shortName, ...stated.triggers].sort((a, b) => b.length - a.length).find((word) => ctx.text.startsWith(word));
        if (turn) await handleFormText(turn, name ? ctx.text.slice(name.length).replace(/^[，,。：:\s]+/, '') : ctx.text);
        return true;
      }
      if (ctx.text.length > 20) return false;
      // A message that is nothing but a form's name (「乡镇进度」) asks for that form, as 「填报乡镇进度」 does.
      const bareName = ctx.text.replace(/[\p{P}\p{S}\s]/gu, '');
      // 「双月调度 5-6月」: the name with a period only asks for that form too, the period its first answer.
      const onlyName = deps.forms.list().some((form) => [form.shortName, form.title, ...form.triggers].some((word) => word === bareName || word === withoutPeriods(bareName).trim()));
      let named = onlyName || /填报|登记|上报|报送|填|报|登|我要/.test(ctx.text) ? formsNamedIn(ctx.text, deps) : [];
      const fitting = deps.forms.list().filter((form) => formFitsUser(form, ctx.user, deps));
      if (!named.length && LATE_FILING.test(ctx.text) && !looksLikeQuestion(ctx.text)) named = fitting.filter((form) => form.period);
      const again = named.length ? null : AGAIN.exec(bareName);
      if (again) named = fitting.filter((form) => [form.shortName, ...form.triggers].some((word) => word.includes(again[1])));
      if (named.length) {
        await offerForms(ctx, named, deps);
        // 「4月份的漏报了」「再报一下叶茂台镇的进度」: the period and the unit said with the start are its first answers.
        const turn = turnOf(ctx);
        const said = turn ? [...unitsToAnswer(turn, ctx.text), ...periodsIn(ctx.text)] : [];
        if (turn && said.length && turn.state.phase === 'filling') await handleFormText(turn, said.join('，'));
        return true;
      }
      if (GENERIC_START.test(ctx.text)) return await offerForms(ctx, deps.forms.list(), deps), true;
      const near = ctx.session.activity ? undefined : nearStartWord(bareName, deps.forms.list());
      if (near) {
        ctx.reply(`（按「${near.word}」理解，不是的话请说「取消」。）`);
        return await offerForms(ctx, [near.form], deps), true;
      }
      return false;
    },
    submitFormValues: (formId, values, ctx) => submitFormValues(formId, values, ctx, deps),
  };
}

/** The pieces of a message that each begin with a period word and hold an amount (「4月累计完成八千 验收五千」), if two periods or more. */
function periodPieces(text: string): string[] {
  const starts: number[] = [];
  let from = 0;
  for (const word of periodsIn(text)) {
    const at = text.indexOf(word, from);
    if (at < 0) return [];
    starts.push(at);
    from = at + word.length;
  }
  const pieces = starts
    .map((start, index) => text.slice(start, starts[index + 1] ?? text.length).trim().replace(/[，,。；;\s]+$/, ''))
    // An amount in digits or in words (「八千」「一万二」 are no quantity to the free-text finder).
    .filter((piece) => findQuantities(withoutPeriods(piece)).length > 0 || /[一二两三四五六七八九十][十百千万]/.test(withoutPeriods(piece)));
  const periods = new Set(pieces.map((piece) => periodsIn(piece)[0]));
  return periods.size === pieces.length && pieces.length >= 2 ? pieces : [];
}
