import type { TurnContext } from '../core/skill.ts';
import type { Button, FormPromptField, Reply } from '../core/types.ts';
import { FORM_SKILL } from './form-flow.ts';
import type { FieldDefinition, FormDefinition } from './form-schema.ts';
import { formsNamedIn, startRefusal } from './form-start.ts';
import { submitFormValues, type SubmitResult } from './submit-form-values.ts';
import type { ReportFormDependencies } from './types.ts';

type Deps = ReportFormDependencies;

/** What a whole-form action carries back (besides the typed values in IncomingMessage.formValues). */
interface FormCardState {
  formId: string;
  /** Values from an earlier form (the follow-up for conditional fields shows only the new ones). */
  carried: Record<string, string>;
  /** Warnings the user accepted by pressing 「仍然提交」. */
  accepted?: string[];
}

/** 「/card 双月调度」 is a command; these are the same request in words. */
export const FORM_CARD_REQUEST = /^(?:卡片填报|用卡片填报?)\s*(.*)$/;
/** Action payloads of the form skill (`form:card:<verb>:<state>`) that belong to whole forms. */
export const FORM_CARD_PAYLOAD = 'card:';

const NOTE = '填好后点「提交」。带 * 的必填；有误的项目会提示，已填的内容会保留。';

const actionOf = (verb: 'submit' | 'edit', state: FormCardState): string => `${FORM_SKILL}:${FORM_CARD_PAYLOAD}${verb}:${JSON.stringify(state)}`;

function parseState(text: string): FormCardState | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (typeof value?.formId !== 'string') return undefined;
    const carried = value.carried && typeof value.carried === 'object' ? (value.carried as Record<string, string>) : {};
    const accepted = Array.isArray(value.accepted) ? value.accepted.map(String) : undefined;
    return { formId: value.formId, carried, accepted };
  } catch {
    return undefined;
  }
}

/** Submitted values as the text the chat would have received; several choices become 「a、b」. */
function rawValues(formValues: Record<string, string | string[]> | undefined): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(formValues ?? {})) {
    const text = Array.isArray(value) ? value.map(String).join('、') : value == null ? '' : String(value);
    if (text.trim()) raw[key] = text.trim();
  }
  return raw;
}

function promptField(field: FieldDefinition, initial: string | undefined): FormPromptField {
  const choices = field.type === 'yes-no' ? ['是', '否'] : field.type === 'choice' ? (field.options ?? []).map((option) => option.label) : undefined;
  return {
    key: field.key,
    label: field.label,
    unit: field.unit && field.type === 'number' ? field.unit : undefined,
    required: field.required,
    ...(choices ? { choices, multiple: field.multiple ?? false } : {}),
    placeholder: field.example ? `例如：${field.example}` : field.question,
    ...(initial ? { initial } : {}),
  };
}

function fillReply(form: FormDefinition, title: string, fields: FieldDefinition[], state: FormCardState, note: string, initial: Record<string, string> = {}): Reply {
  const submit: Button = { label: '提交', action: actionOf('submit', state) };
  return { text: note, form: { title, stage: 'fill', fields: fields.map((field) => promptField(field, initial[field.key])), submit } };
}

/** The first form shows every field that does not depend on another answer. */
function fullForm(form: FormDefinition, initial: Record<string, string>, extraFields: FieldDefinition[] = []): Reply {
  const fields = form.fields.filter((field) => !field.when || extraFields.includes(field) || initial[field.key] !== undefined);
  return fillReply(form, `${form.title}（卡片填报）`, fields, { formId: form.id, carried: {} }, NOTE, initial);
}

function problemsText(result: SubmitResult): string {
  const lines = [...result.invalid, ...result.missing].map((item) => `· ${item.label}：${item.message}`);
  return `还有 ${lines.length} 项需要改正，请在下面的卡片里修改后重新提交：\n${lines.join('\n')}`;
}

async function submit(ctx: TurnContext, form: FormDefinition, state: FormCardState, deps: Deps): Promise<Reply[]> {
  const raw = { ...state.carried, ...rawValues(ctx.message.formValues) };
  const result = await submitFormValues(
    form.id,
    raw,
    { user: ctx.user, channel: ctx.message.channel, save: true, acceptedWarnings: state.accepted, submissionKey: ctx.message.dedupKey, now: ctx.now() },
    deps,
  );
  if (result.refusal) return [{ text: result.refusal }];
  const conditional = form.fields.filter((field) => result.conditionalNeeded.some((item) => item.key === field.key));
  if (result.invalid.length || result.missing.length) return [{ text: problemsText(result) }, fullForm(form, raw, conditional)];
  if (conditional.length) {
    const note = `根据您的填写，还需要补充 ${conditional.map((field) => `「${field.label}」`).join('、')}。`;
    return [fillReply(form, `${form.title}：补充信息`, conditional, { formId: form.id, carried: raw }, note)];
  }
  if (result.fails.length) {
    const citations = result.fails.flatMap((verdict) => (verdict.citation ? [verdict.citation] : []));
    const text = `未通过检查，尚未保存：\n${result.fails.map((verdict) => `· ${verdict.message}`).join('\n')}\n请在下面的卡片里修改后重新提交。`;
    return [{ text, citations }, fullForm(form, raw)];
  }
  if (result.unacceptedWarnings.length) {
    const lines = ['以下数据偏离常规，请核对：', ...result.warnings.map((verdict) => `· ${verdict.message}`), '', '确认无误请点「仍然提交」。'];
    const accepted = [...(state.accepted ?? []), ...result.unacceptedWarnings];
    const buttons = [
      { label: '仍然提交', action: actionOf('submit', { formId: form.id, carried: raw, accepted }) },
      { label: '返回修改', action: actionOf('edit', { formId: form.id, carried: raw }) },
    ];
    return [{ text: lines.join('\n'), buttons, form: { title: `${form.title}：请核对`, stage: 'confirm' } }];
  }
  if (result.conflict) return [{ text: `保存前发现已有人提交了更新的版本（记录 ${result.conflict.recordId} 第 ${result.conflict.version} 版），本次未保存。请核对后重新填报。` }];
  if (result.saved) {
    const { recordId, version } = result.saved;
    return [
      { text: `已提交：记录 ${recordId} 第 ${version} 版`, form: { title: form.title, stage: 'done' } },
      { text: `已保存「${form.title}」：记录 ${recordId} 第 ${version} 版。\n${result.summary.join('\n')}` },
    ];
  }
  return [{ text: '提交没有完成，请稍后重试；已填写的内容仍在卡片中。' }, fullForm(form, raw)];
}

/**
 * 「/card 双月调度」: the whole report as one form, checked like the chat. Channels that cannot draw a
 * whole form get the step-by-step flow instead (`stepByStep`).
 */
export async function requestFormCard(ctx: TurnContext, name: string, deps: Deps, stepByStep: (ctx: TurnContext, name: string) => Promise<void>): Promise<void> {
  if (!ctx.message.canShowForms) return stepByStep(ctx, name);
  const list = deps.forms.list().map((form) => `「${form.shortName}」`).join('、');
  if (!name) return void ctx.reply(`请说明要用卡片填哪张表，例如「/card 双月调度」。可填报的有：${list}。`);
  const forms = formsNamedIn(name, deps);
  if (forms.length !== 1) {
    return void ctx.reply(forms.length ? `「${name}」对应多张表，请写得更具体些：${forms.map((form) => `「${form.shortName}」`).join('、')}。` : `没有找到「${name}」这张表。可填报的有：${list}。`);
  }
  const [form] = forms;
  const check = (values: Record<string, string>) => submitFormValues(form.id, values, { user: ctx.user, channel: ctx.message.channel }, deps);
  const refusal = startRefusal(form, ctx.user, deps) ?? (await check({})).refusal;
  if (refusal) return void ctx.reply(refusal);
  // Prefill the user's own unit when it is a valid answer for this form's unit field.
  const unit = ctx.user.unit ? { [form.unitField]: ctx.user.unit } : {};
  const unitFits = ctx.user.unit && !(await check(unit)).invalid.some((item) => item.key === form.unitField);
  ctx.reply(fullForm(form, unitFits ? unit : {}));
}

/** A pressed whole-form button: `submit:<state>` or `edit:<state>` (the part after `form:card:`). */
export async function pressFormCard(ctx: TurnContext, payload: string, deps: Deps): Promise<void> {
  const separator = payload.indexOf(':');
  const verb = payload.slice(0, separator);
  const state = separator > 0 ? parseState(payload.slice(separator + 1)) : undefined;
  const form = state ? deps.forms.get(state.formId) : undefined;
  if (!state || !form) return void ctx.reply('这张卡片对应的表单已不存在，请发送「/card 表名」重新获取。');
  if (verb === 'edit') return void ctx.reply(fullForm(form, state.carried));
  for (const reply of await submit(ctx, form, state, deps)) ctx.reply(reply);
}
