import type { TurnContext } from '../core/skill.ts';
import { accessRefusal } from '../users/access.ts';
import { parseFieldAnswer, type FieldAnswer } from './field-answer.ts';
import { parseQuantity } from '../quantity/parse-quantity.ts';
import { formatFieldValue } from './format-value.ts';
import { isOpenEnded } from '../quantity/open-ended.ts';
import { checkDraft } from './form-checks.ts';
import { editMenuReply, questionReply, summaryReply, button, APPROXIMATE_NOTE, openEndedQuestion } from './form-messages.ts';
import { activeFields, nextField, pruneInactive } from './form-progress.ts';
import { describePeriod } from './period.ts';
import type { FieldDefinition, FormDefinition } from './form-schema.ts';
import type { CheckOutcome, FieldValue, FormDraftState, FormLoopDependencies, ReportFormDependencies } from './types.ts';
import { personLabel } from '../users/person-label.ts';
import { withoutFieldNames } from './field-names.ts';

export const FORM_SKILL = 'form';

/** One turn of a form conversation: the message, the form, the draft, and what the skill may use. */
export interface FormTurn {
  ctx: TurnContext;
  deps: FormLoopDependencies;
  form: FormDefinition;
  state: FormDraftState;
  /** A form run for another purpose than filing (an eligibility check); absent for report forms. */
  purpose?: FormPurpose;
}

/** A turn of a report form: its draft is saved as a record, so the record store is there. */
export type ReportTurn = FormTurn & { deps: ReportFormDependencies };

/**
 * What a form is filled for, when not for a saved report: the loop (asking, 上一步, 跳过, 修改, 继续,
 * 取消) is the same; what happens between questions and at the end is the purpose's.
 */
export interface FormPurpose {
  /** The skill that owns the draft: its activity name and its buttons' prefix. */
  skill: string;
  /**
   * Called where a report form would ask `next` or, with none left, show its summary: answer and end,
   * confirm something first, or ask `next` with askQuestion.
   */
  next(turn: FormTurn, next: FieldDefinition | undefined, prefix: string): Promise<void>;
  /** How 「回到…」 on the edit menu is labelled. */
  backLabel: string;
}

export const skillOf = (turn: FormTurn): string => turn.purpose?.skill ?? FORM_SKILL;

export function persist(turn: FormTurn): void {
  turn.ctx.setActivity({ skill: skillOf(turn), state: turn.state });
}

/** The draft set aside when another form was started in its middle: it becomes the activity again. */
export function unpark(turn: FormTurn): FormTurn | undefined {
  const [back, ...rest] = turn.state.parked ?? [];
  const form = back ? turn.deps.forms.get(back.formId) : undefined;
  if (!back || !form || turn.purpose) return undefined;
  const next: FormTurn = { ctx: turn.ctx, deps: turn.deps, form, state: { ...back, parked: rest.length ? rest : undefined } };
  persist(next);
  return next;
}

/** Units offered for a county or township field: those of the form's scope the user may file for. */
export function unitChoices(turn: FormTurn, field: FieldDefinition): string[] {
  const { units, users } = turn.deps;
  const names =
    field.type === 'county'
      ? turn.form.scope.units
      : field.type === 'township'
        ? turn.form.scope.units.flatMap((county) => units.children(county).map((unit) => unit.name))
        : [];
  return names.filter((name) => users.canAccessUnit(turn.ctx.user, name));
}

export function fieldOf(turn: FormTurn, key: string | undefined): FieldDefinition | undefined {
  return key ? turn.form.fields.find((field) => field.key === key) : undefined;
}

export async function runChecks(turn: FormTurn): Promise<CheckOutcome> {
  const today = turn.ctx.now().toISOString().slice(0, 10);
  return await checkDraft({ form: turn.form, values: turn.state.values, recordId: turn.state.correcting?.recordId, today }, turn.deps);
}

/** Shows the summary with every check; the draft waits for 确认提交. */
export async function showReview(turn: FormTurn, intro?: string): Promise<void> {
  const { state } = turn;
  state.phase = 'review';
  state.current = undefined;
  state.pending = undefined;
  turn.ctx.reply(summaryReply(turn.form, state, await runChecks(turn), turn.deps.units, intro));
  persist(turn);
}

/**
 * Right after the unit or period is answered: if that unit already filed this period (one report per
 * period), say so now rather than after every other question.
 */
async function periodTakenNote(turn: FormTurn): Promise<string> {
  const { state, form, deps } = turn;
  const last = state.answered.at(-1);
  if (!deps.records || !form.onePerPeriod || !form.periodField || state.correcting || (last !== form.periodField && last !== form.unitField)) return '';
  const unit = state.values[form.unitField];
  const period = state.values[form.periodField];
  if (typeof unit !== 'string' || typeof period !== 'string') return '';
  const filed = (await deps.records.latest(form.id, { units: [unit] })).find((record) => record.period === period);
  if (!filed) return '';
  const by = personLabel(filed.author);
  return `⚠️ ${unit}${describePeriod(period)}的「${form.title}」已由 ${by} 提交（记录编号 ${filed.recordId}）。如需更正，请说「修改记录 ${filed.recordId}」；如果期次填错了，请说「上一步」。`;
}

/**
 * 「验收1.5万亩」 after 「完成1.2万亩」: a check that fails as soon as its figures are in is said at that answer,
 * with its clause, not only on the summary; the value stays and the user is told how to change it.
 */
async function newFailures(turn: FormTurn): Promise<string> {
  const { state } = turn;
  const fails = (await runChecks(turn)).fails.filter((verdict) => !verdict.missing?.length);
  const told = new Set((state.toldFails ?? []).filter((rule) => fails.some((verdict) => verdict.rule === rule)));
  const fresh = fails.filter((verdict) => !told.has(verdict.rule));
  state.toldFails = [...told, ...fresh.map((verdict) => verdict.rule)];
  if (!fresh.length) return '';
  const lines = fresh.map((verdict) => `❌ ${verdict.message}\n   依据：${verdict.source}`).join('\n');
  return `${lines}\n（已填的内容都保留着；要改请直接说，例如「${fieldOf(turn, state.answered.at(-1))?.label ?? '面积'}改成…」，也可以先往下填，提交前会再核对。）`;
}

/** Asks the next unanswered field, or shows the summary when everything is there. */
export async function askNext(turn: FormTurn, prefix = ''): Promise<void> {
  const { state, form } = turn;
  const taken = await periodTakenNote(turn);
  if (taken) prefix = prefix ? `${prefix}\n${taken}` : taken;
  const field = nextField(form, state.values, state.skipped);
  if (turn.purpose) return await turn.purpose.next(turn, field, prefix);
  if (!field) return await showReview(turn, prefix || undefined);
  const failed = await newFailures(turn);
  if (failed) prefix = prefix ? `${prefix}\n${failed}` : failed;
  askQuestion(turn, field, prefix);
}

/** Asks one field (its choices as buttons); `hint` follows the question. */
export function askQuestion(turn: FormTurn, field: FieldDefinition, prefix = '', hint = ''): void {
  const { state } = turn;
  state.phase = 'filling';
  state.current = field.key;
  state.selection = undefined;
  const reply = questionReply(turn.form, field, state, unitChoices(turn, field), prefix, skillOf(turn));
  turn.ctx.reply(hint ? { ...reply, text: `${reply.text}\n${hint}` } : reply);
  persist(turn);
}

/** Re-asks the current question (「继续」, a restart, an unclear answer). */
export async function repeatCurrent(turn: FormTurn, prefix = ''): Promise<void> {
  const field = fieldOf(turn, turn.state.current);
  if (turn.state.phase !== 'filling' || !field) return turn.purpose ? await askNext(turn, prefix) : await showReview(turn, prefix || undefined);
  turn.ctx.reply(questionReply(turn.form, field, turn.state, unitChoices(turn, field), prefix, skillOf(turn)));
  persist(turn);
}

/** Stores an answer; a unit the user may not file for is refused and nothing else changes. */
export function setValue(turn: FormTurn, field: FieldDefinition, value: FieldValue): string | undefined {
  if ((field.type === 'county' || field.type === 'township') && typeof value === 'string') {
    const refusal = accessRefusal(turn.ctx.user, value, turn.deps.units);
    if (refusal) return refusal;
  }
  const { state } = turn;
  state.values = pruneInactive(turn.form, { ...state.values, [field.key]: value });
  state.answered = [...state.answered.filter((key) => key !== field.key && state.values[key] !== undefined), field.key];
  state.skipped = state.skipped.filter((key) => key !== field.key);
  if (state.stashed?.[field.key] !== undefined) state.stashed = Object.fromEntries(Object.entries(state.stashed).filter(([key]) => key !== field.key));
  state.revision += 1;
  return undefined;
}

export function parseFor(turn: FormTurn, field: FieldDefinition, text: string): FieldAnswer {
  return shareOfWhole(turn, field, text) ?? parseFieldAnswer(turn.form, field, text, { names: unitChoices(turn, field) }, turn.ctx.now());
}

/**
 * 「验收了一半」「用了八成」 to an amount that is part of another (其中已验收合格多少亩): that share of the
 * whole already entered, said in the reply. Without the whole, the user is asked for it or for the amount.
 */
function shareOfWhole(turn: FormTurn, field: FieldDefinition, text: string): FieldAnswer | undefined {
  if (field.type !== 'number' || !field.partOf) return undefined;
  // Only a share said as one (一半、八成、60%), never a bare number (「1」个 is an amount).
  if (!/半|成|%|％|百分|分之/.test(text)) return undefined;
  const words = withoutFieldNames(field, text.trim());
  // Read without the 100% limit, so that 「百分之一百二」 is explained as a share of the whole, not as no amount.
  const share = parseQuantity(words.replace(/^(?:了|的|有|是|都)+/, ''), 'share', { label: field.label, max: Number.MAX_VALUE });
  const whole = fieldOf(turn, field.partOf);
  if (share.ok && !share.quantity.range && share.quantity.value > 1 && whole) {
    const said = Math.round(share.quantity.value * 1000) / 10;
    return { ok: false, error: `「${field.label}」是「${whole.label}」的一部分，比例不能超过100%（您说的是${said}%）。请说比例或直接说多少${field.unit ?? ''}，例如「一半」或「${field.example ?? '1000'}」。已填写的内容都保留着。` };
  }
  if (!share.ok || share.quantity.range || !(share.quantity.value > 0 && share.quantity.value <= 1)) return undefined;
  const total = turn.state.values[field.partOf];
  if (!whole) return undefined;
  if (typeof total !== 'number') {
    return { ok: false, error: `「${field.label}」说的是比例，要先有「${whole.label}」才能算。请直接告诉我多少${field.unit ?? ''}，例如「${field.example ?? '1000'}」。已填写的内容都保留着。` };
  }
  const value = field.integer ? Math.round(share.quantity.value * total) : Math.round(share.quantity.value * total * 100) / 100;
  const percent = Math.round(share.quantity.value * 1000) / 10;
  return {
    ok: true,
    value,
    display: formatFieldValue(field, value),
    approximate: share.quantity.approximate || undefined,
    openEnded: isOpenEnded(share.quantity) || undefined,
    note: `按「${whole.label}」${formatFieldValue(whole, total)}的${percent}%计算`,
  };
}

/** Accepts a parsed answer for a field (an open-ended approximation is asked as a figure), then moves on. */
export async function acceptAnswer(turn: FormTurn, field: FieldDefinition, answer: Extract<FieldAnswer, { ok: true }>): Promise<void> {
  const { state } = turn;
  if (answer.openEnded && typeof answer.value === 'number') {
    // 「一万出头」「近八千亩」 give one side of the figure only: asked for the figure, 「是」 takes the number said.
    state.pending = { kind: 'approximate', field: field.key, value: answer.value, display: answer.display };
    state.current = field.key;
    turn.ctx.reply({ text: openEndedQuestion(field, answer.display), buttons: [button(`按 ${answer.display} 填`, 'approx:y'), button('重新填', 'approx:n')] });
    persist(turn);
    return;
  }
  const refusal = setValue(turn, field, answer.value);
  if (refusal) {
    turn.ctx.reply(refusal);
    return await repeatCurrent(turn);
  }
  // 「约1.3万亩」「九千亩左右」: the figure said is entered, and the reply says so.
  const note = (answer.note ? `（${answer.note}）` : '') + (answer.approximate ? APPROXIMATE_NOTE : '');
  await askNext(turn, `✓ ${field.label}：${answer.display}${note}`);
}

/** 上一步: forget the last answer and ask that field again. */
export async function goBack(turn: FormTurn): Promise<void> {
  const { state } = turn;
  const last = state.answered.at(-1);
  // A question skipped after the last answer (备注 before the summary) is the step to go back to.
  const order = activeFields(turn.form, state.values).map((field) => field.key);
  const limit = state.phase === 'review' ? order.length : order.indexOf(state.current ?? '');
  const skipped = state.skipped.filter((key) => order.indexOf(key) >= 0 && order.indexOf(key) < limit).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
  const skippedField = fieldOf(turn, skipped);
  if (skippedField && (!last || order.indexOf(skipped!) > order.indexOf(last))) {
    state.skipped = state.skipped.filter((key) => key !== skipped);
    state.phase = 'filling';
    state.current = skippedField.key;
    state.pending = undefined;
    state.revision += 1;
    turn.ctx.reply(questionReply(turn.form, skippedField, state, unitChoices(turn, skippedField), `好的，回到上一步，重新填「${skippedField.label}」。`, skillOf(turn)));
    return persist(turn);
  }
  const field = fieldOf(turn, last);
  if (!field) {
    turn.ctx.reply('已经是第一项了。');
    return await repeatCurrent(turn);
  }
  const values = { ...state.values };
  const was = values[field.key];
  delete values[field.key];
  state.stashed = { ...state.stashed, ...(was !== undefined ? { [field.key]: was } : {}) };
  state.values = pruneInactive(turn.form, values);
  state.answered = state.answered.slice(0, -1);
  state.revision += 1;
  state.phase = 'filling';
  state.current = field.key;
  state.pending = undefined;
  const kept = was !== undefined ? `（原来填的是：${formatFieldValue(field, was)}；不用改请回「继续」）` : '';
  turn.ctx.reply(questionReply(turn.form, field, state, unitChoices(turn, field), `好的，回到上一步，重新填「${field.label}」${kept}。`, skillOf(turn)));
  persist(turn);
}

/** 「继续」 after 「上一步」: the answers taken back return unchanged and the form goes on from the first one still open. */
export async function restoreStashed(turn: FormTurn): Promise<boolean> {
  const { state } = turn;
  const stashed = state.stashed ?? {};
  state.stashed = undefined;
  const order = turn.form.fields.map((field) => field.key).filter((key) => stashed[key] !== undefined && state.values[key] === undefined);
  if (!order.length || state.phase !== 'filling') return false;
  state.values = pruneInactive(turn.form, { ...state.values, ...Object.fromEntries(order.map((key) => [key, stashed[key]])) });
  state.answered = [...state.answered, ...order.filter((key) => state.values[key] !== undefined)];
  state.revision += 1;
  await askNext(turn, `好的，刚才退回的${order.map((key) => `「${fieldOf(turn, key)?.label ?? key}」`).join('')}保持原样，接着填：`);
  return true;
}

/** 跳过 an optional field; a required one says why it cannot be skipped. */
export async function skipCurrent(turn: FormTurn): Promise<void> {
  const field = fieldOf(turn, turn.state.current);
  if (!field) return await repeatCurrent(turn);
  if (field.required) {
    turn.ctx.reply(`「${field.label}」是必填项，不能跳过。`);
    return await repeatCurrent(turn);
  }
  turn.state.skipped = [...turn.state.skipped.filter((key) => key !== field.key), field.key];
  const values = { ...turn.state.values };
  delete values[field.key];
  turn.state.values = values;
  turn.state.revision += 1;
  await askNext(turn, `已跳过「${field.label}」。`);
}

/** Ask one field again (修改 → a field), then come back to the summary. */
export function askField(turn: FormTurn, field: FieldDefinition, prefix = ''): void {
  const { state } = turn;
  state.phase = 'filling';
  state.current = field.key;
  state.pending = undefined;
  state.selection = field.multiple && Array.isArray(state.values[field.key]) ? [...(state.values[field.key] as string[])] : undefined;
  const current = state.values[field.key] !== undefined ? `（现在填的是：${formatFieldValue(field, state.values[field.key])}）` : '';
  turn.ctx.reply(questionReply(turn.form, field, state, unitChoices(turn, field), `${prefix}好的，改「${field.label}」${current}。`, skillOf(turn)));
  persist(turn);
}

export function showEditMenu(turn: FormTurn): void {
  turn.ctx.reply(editMenuReply(turn.form, turn.state, skillOf(turn), turn.purpose?.backLabel));
  persist(turn);
}
