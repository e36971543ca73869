import { randomUUID } from 'node:crypto';
import type { TurnContext } from '../core/skill.ts';
import type { UserProfile } from '../core/types.ts';
import { accessRefusal, UNBOUND_REFUSAL } from '../users/access.ts';
import { askNext, FORM_SKILL, persist, showReview, type FormTurn } from './form-flow.ts';
import { button } from './form-messages.ts';
import type { FormDefinition } from './form-schema.ts';
import type { FieldValue, FormDraftState, ReportFormDependencies } from './types.ts';
import { RECORD_ID_EXAMPLE } from '../records/record-id.ts';
import { withoutPeriods } from './period-words.ts';

type Deps = ReportFormDependencies;

/** Whether the user's unit lies inside the form's scope (or the user is an admin above it). */
export function formFitsUser(form: FormDefinition, user: UserProfile, deps: Deps): boolean {
  if (user.role === 'farmer') return false;
  if (!user.unit) return user.role === 'admin';
  // A reporter files only for the unit they are bound to, so it must be one the form is filled for.
  if (user.role === 'reporter') return filedUnits(form, deps).includes(user.unit);
  return form.scope.units.some((unit) => deps.units.isWithin(user.unit!, unit) || deps.units.isWithin(unit, user.unit!));
}

/** The units a form is filled for: its counties, or their townships when the unit field asks for a township. */
function filedUnits(form: FormDefinition, deps: Deps): string[] {
  const field = form.fields.find((candidate) => candidate.key === form.unitField);
  if (field?.type === 'township') return form.scope.units.flatMap((county) => deps.units.children(county).map((unit) => unit.name));
  return form.scope.units;
}

/** Forms whose trigger words appear in the text (「填报双月调度」 → 双月调度). */
export function formsNamedIn(text: string, deps: Deps): FormDefinition[] {
  const lower = text.toLowerCase();
  // 「报一下5月进度」「填一下这期的双月调度」「再报一下叶茂台镇的进度」: 一下, a period and a unit between the verb and
  // the name do not change the name.
  const loose = withoutPeriods(withoutUnitNames(lower, deps).replace(/一下子?/g, '')).replace(/[也再还都先就]/g, '');
  return deps.forms.list().filter((form) =>
    [form.id, form.shortName, form.title, ...form.triggers].some((word) => lower.includes(word.toLowerCase()) || loose.includes(word.toLowerCase()) || saidVerbLast(loose, word.toLowerCase())),
  );
}

/** Kept for callers that imported it from here; the period words live in period-words.ts. */
export { RELATIVE_PERIOD } from './period-words.ts';

/** The verbs a start phrase begins with (报进度, 填报进度, 登记作业). */
const START_VERBS = ['填报', '上报', '报送', '登记', '报', '填', '登'];

/** 「进度报一下」「孟家镇的进度也报一下」: a start phrase verb + name said the other way round. */
function saidVerbLast(loose: string, phrase: string): boolean {
  const verb = START_VERBS.find((word) => phrase.startsWith(word) && phrase.length - word.length >= 2);
  if (!verb) return false;
  const name = phrase.slice(verb.length);
  const at = loose.indexOf(name);
  return at >= 0 && loose.slice(at + name.length).replace(/^[的要得]/, '').startsWith(verb);
}

/** Every word that names a form, with the noun of its start phrases (报进度 → 进度), longest first. */
export function namesOfForm(form: FormDefinition): string[] {
  const words = [form.id, form.title, form.shortName, ...form.triggers];
  const nouns = words.flatMap((word) => START_VERBS.filter((verb) => word.startsWith(verb) && word.length - verb.length >= 2).map((verb) => word.slice(verb.length)));
  return [...new Set([...words, ...nouns])].sort((a, b) => b.length - a.length);
}

/** The text without the names of units (and a 的 after them): 「叶茂台镇的进度」 → 「进度」. */
function withoutUnitNames(text: string, deps: Deps): string {
  let rest = text;
  for (const name of unitNamesIn(text, deps)) rest = rest.split(`${name}的`).join('').split(name).join('');
  return rest;
}

/** Units of the directory named in a message, longest first (三面船镇 before 三面船). */
export function unitNamesIn(text: string, deps: Deps): string[] {
  return deps.units
    .all()
    .map((unit) => unit.name)
    .filter((name) => name.length >= 2 && text.includes(name))
    .sort((a, b) => b.length - a.length);
}

/** The unit answer a bound user does not need to give: a county reporter files for the county. */
function prefilledUnit(form: FormDefinition, user: UserProfile, deps: Deps): FieldValue | undefined {
  const field = form.fields.find((candidate) => candidate.key === form.unitField);
  const unit = user.unit ? deps.units.find(user.unit) : undefined;
  if (!field || !unit) return undefined;
  const level = field.type === 'county' ? 'county' : field.type === 'township' ? 'township' : undefined;
  if (unit.level !== level) return undefined;
  return form.scope.units.some((scope) => deps.units.isWithin(unit.name, scope)) ? unit.name : undefined;
}

export function newDraft(form: FormDefinition, deps: Deps): FormDraftState {
  return { formId: form.id, values: {}, answered: [], skipped: [], phase: 'filling', revision: 0, draftId: deps.newId() };
}

export const defaultNewId = (): string => randomUUID().replace(/-/g, '').slice(0, 16);

/** Why this user cannot file this form, in Chinese; undefined when they can. */
export function startRefusal(form: FormDefinition, user: UserProfile, deps: Deps): string | undefined {
  if (user.role === 'farmer') return `只有本单位的填报员或管理员可以填报「${form.title}」。${UNBOUND_REFUSAL}`;
  if (!formFitsUser(form, user, deps)) {
    if (user.role === 'reporter' && user.unit && form.scope.units.some((unit) => deps.units.isWithin(unit, user.unit!))) {
      const level = form.fields.find((field) => field.key === form.unitField)?.type === 'township' ? '乡镇' : '县';
      return `「${form.title}」按${level}填报，填报员只能填报自己绑定的单位，而您绑定的是${user.unit}。请向管理员索取所在${level}的邀请码后重新绑定，或请${user.unit}的管理员代为填报。`;
    }
    return `「${form.title}」适用于${form.scope.units.join('、')}，您绑定的单位是${user.unit ?? '（无）'}，不能填报这张表。如绑定有误，请联系县级管理员。`;
  }
  return undefined;
}

/** Starts a form: checks the role and scope, fills the unit a bound user belongs to, asks the first question. */
export async function startForm(ctx: TurnContext, form: FormDefinition, deps: Deps, period?: string): Promise<void> {
  const refusal = startRefusal(form, ctx.user, deps);
  if (refusal) return void ctx.reply(refusal);
  const state = newDraft(form, deps);
  const unit = prefilledUnit(form, ctx.user, deps);
  if (unit !== undefined) state.values[form.unitField] = unit;
  if (period && form.periodField) {
    state.values[form.periodField] = period;
    state.answered.push(form.periodField);
  }
  const turn: FormTurn = { ctx, deps, form, state };
  const unitNote = unit !== undefined ? `（单位：${String(unit)}）` : '';
  await askNext(turn, `开始填报「${form.title}」${unitNote}。随时可以说「上一步」「跳过」「取消」，或直接改某一项，如「面积改成2.5万亩」。一句话说几项也可以。`);
}

/** Offers the forms this user may file as buttons, or starts the only one. */
export async function offerForms(ctx: TurnContext, candidates: FormDefinition[], deps: Deps): Promise<void> {
  if (ctx.user.role === 'farmer') return void ctx.reply(`只有本单位的填报员或管理员可以填报。${UNBOUND_REFUSAL}`);
  const fitting = candidates.filter((form) => formFitsUser(form, ctx.user, deps));
  if (fitting.length === 1) return await startForm(ctx, fitting[0], deps);
  if (!fitting.length) {
    if (candidates.length === 1) return await startForm(ctx, candidates[0], deps);
    return void ctx.reply(`没有适用于您所在单位（${ctx.user.unit ?? '未绑定'}）的填报表。如绑定有误，请联系县级管理员。`);
  }
  ctx.reply({
    text: '要填哪一张表？',
    buttons: fitting.map((form) => button(form.shortName, `start:${form.id}`)),
  });
}

/** 「修改记录 R…」: load the latest version into a draft that will be saved as the next version. */
export async function startCorrection(ctx: TurnContext, recordId: string, deps: Deps, showSummary = true): Promise<void> {
  const record = await deps.records.get(recordId);
  const form = record ? deps.forms.get(record.formId) : undefined;
  // Another unit's record gets the same answer as a missing one: whether it exists, and whose it is, stays unsaid.
  if (ctx.user.role === 'farmer') return void ctx.reply(UNBOUND_REFUSAL);
  if (!record || !form || accessRefusal(ctx.user, record.unit, deps.units)) {
    return void ctx.reply(`没有您可以查看的记录 ${recordId}。请核对编号（形如 ${RECORD_ID_EXAMPLE}），或发送「查看记录」列出您能修改的记录。`);
  }
  const state = newDraft(form, deps);
  const keys = new Set(form.fields.map((field) => field.key));
  for (const [key, value] of Object.entries(record.data)) {
    if (keys.has(key) && value !== undefined && value !== null) {
      state.values[key] = value as FieldValue;
      state.answered.push(key);
    }
  }
  state.skipped = form.fields.filter((field) => !field.required && state.values[field.key] === undefined).map((field) => field.key);
  state.correcting = { recordId: record.recordId, baseVersion: record.version };
  const turn = { ctx, deps, form, state };
  // Opened with the change already said: the change's own reply shows the summary once.
  if (!showSummary) return void ((state.phase = 'review'), (state.current = undefined), persist(turn));
  await showReview(turn, `已调出记录 ${record.recordId}。直接说要改的内容，例如「面积改成2.5万亩」，改好后确认提交，会保存为新版本。`);
}

export { FORM_SKILL };
