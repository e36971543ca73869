import type { Reply } from '../../core/types.ts';
import type { FieldDefinition, FormDefinition } from '../../forms/form-schema.ts';
import type { FormCardDependencies } from '../../forms/form-card-dependencies.ts';
import type { SubmitContext, SubmitResult } from '../../forms/submit-form-values.ts';
import { doneCard, formCard, warningsCard, type FormCardState } from './feishu-form-card.ts';

export type FormCardOutcome =
  | { kind: 'reply'; reply: Reply }
  | { kind: 'card'; card: Record<string, unknown> }
  /** Replace the pressed card (so a submitted card cannot be submitted again by mistake). */
  | { kind: 'update'; card: Record<string, unknown> };

export interface FormCardPress {
  action: string;
  value: Record<string, unknown>;
  formValues?: Record<string, unknown>;
  userKey: string;
  /** Makes a redelivered submission save nothing twice. */
  submissionKey?: string;
}

/** Filling a whole report in one Feishu card («/card 双月调度» or «卡片填报双月调度»). */
export interface FeishuFormCards {
  /** Whether the text asks for a form card. */
  wants(text: string): boolean;
  /** The outcomes for a card request, or undefined when the text does not ask for a card. */
  request(text: string, userKey: string): FormCardOutcome[] | undefined;
  /** A pressed form-card button (formcard:submit or formcard:edit). */
  press(press: FormCardPress): FormCardOutcome[];
}

const REQUEST = /^(?:\/card(?:@\S+)?|卡片填报|用卡片填报?)\s*(.*)$/i;
const NOTE = '填好后点「提交」。带 * 的必填；有误的项目会提示，已填的内容会保留。';

const reply = (text: string, extra: Partial<Reply> = {}): FormCardOutcome => ({ kind: 'reply', reply: { text, ...extra } });

/** Card values as the text the chat would have received; multi-selects become 「a、b」. */
function rawValues(formValues: Record<string, unknown> | undefined): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(formValues ?? {})) {
    const text = Array.isArray(value) ? value.map(String).join('、') : value == null ? '' : String(value);
    if (text.trim()) raw[key] = text.trim();
  }
  return raw;
}

function stateOf(value: Record<string, unknown>): FormCardState | undefined {
  if (typeof value.formId !== 'string') return undefined;
  const carried = value.carried && typeof value.carried === 'object' ? (value.carried as Record<string, string>) : {};
  const accepted = Array.isArray(value.accepted) ? value.accepted.map(String) : undefined;
  return { formId: value.formId, carried, accepted };
}

export function createFeishuFormCards(deps: FormCardDependencies): FeishuFormCards {
  const profile = (userKey: string) => deps.users.profile(userKey);

  function findForms(name: string): FormDefinition[] {
    const lower = name.toLowerCase();
    return deps.forms.list().filter((form) => [form.id, form.shortName, form.title, ...form.triggers].some((word) => lower.includes(word.toLowerCase())));
  }

  /** The first card shows every field that does not depend on another answer. */
  function fullCard(form: FormDefinition, initial: Record<string, string>, extraFields: FieldDefinition[] = []): FormCardOutcome {
    const fields = form.fields.filter((field) => !field.when || extraFields.includes(field) || initial[field.key] !== undefined);
    return { kind: 'card', card: formCard({ form, title: `${form.title}（卡片填报）`, fields, state: { formId: form.id, carried: {} }, initial, note: NOTE }) };
  }

  function problemsText(result: SubmitResult): string {
    const lines = [...result.invalid, ...result.missing].map((item) => `· ${item.label}：${item.message}`);
    return `还有 ${lines.length} 项需要改正，请在下面的卡片里修改后重新提交：\n${lines.join('\n')}`;
  }

  function submit(form: FormDefinition, state: FormCardState, press: FormCardPress): FormCardOutcome[] {
    const raw = { ...state.carried, ...rawValues(press.formValues) };
    const result = deps.submit(form.id, raw, {
      user: profile(press.userKey),
      channel: 'feishu',
      save: true,
      acceptedWarnings: state.accepted,
      submissionKey: press.submissionKey,
    });
    if (result.refusal) return [reply(result.refusal)];
    const conditional = form.fields.filter((field) => result.conditionalNeeded.some((item) => item.key === field.key));
    if (result.invalid.length || result.missing.length) return [reply(problemsText(result)), fullCard(form, raw, conditional)];
    if (conditional.length) {
      const note = `根据您的填写，还需要补充 ${conditional.map((field) => `「${field.label}」`).join('、')}。`;
      return [{ kind: 'card', card: formCard({ form, title: `${form.title}：补充信息`, fields: conditional, state: { formId: form.id, carried: raw }, note }) }];
    }
    if (result.fails.length) {
      const citations = result.fails.flatMap((verdict) => (verdict.citation ? [verdict.citation] : []));
      const text = `未通过检查，尚未保存：\n${result.fails.map((verdict) => `· ${verdict.message}`).join('\n')}\n请在下面的卡片里修改后重新提交。`;
      return [reply(text, { citations }), fullCard(form, raw)];
    }
    if (result.unacceptedWarnings.length) {
      const lines = ['以下数据偏离常规，请核对：', ...result.warnings.map((verdict) => `· ${verdict.message}`), '', '确认无误请点「仍然提交」。'];
      const accepted = [...(state.accepted ?? []), ...result.unacceptedWarnings];
      return [{ kind: 'card', card: warningsCard({ title: `${form.title}：请核对`, lines, state: { formId: form.id, carried: raw, accepted }, editState: { formId: form.id, carried: raw } }) }];
    }
    if (result.conflict) return [reply(`保存前发现已有人提交了更新的版本（记录 ${result.conflict.recordId} 第 ${result.conflict.version} 版），本次未保存。请核对后重新填报。`)];
    if (result.saved) {
      const { recordId, version } = result.saved;
      return [
        { kind: 'update', card: doneCard(form.title, `已提交：记录 ${recordId} 第 ${version} 版`) },
        reply(`已保存「${form.title}」：记录 ${recordId} 第 ${version} 版。\n${result.summary.join('\n')}`),
      ];
    }
    return [reply('提交没有完成，请稍后重试；已填写的内容仍在卡片中。'), fullCard(form, raw)];
  }

  return {
    wants: (text) => REQUEST.test(text.trim()),
    request(text, userKey) {
      const match = REQUEST.exec(text.trim());
      if (!match) return undefined;
      const name = match[1].trim();
      const list = deps.forms.list().map((form) => `「${form.shortName}」`).join('、');
      if (!name) return [reply(`请说明要用卡片填哪张表，例如「/card 双月调度」。可填报的有：${list}。`)];
      const forms = findForms(name);
      if (forms.length !== 1) return [reply(forms.length ? `「${name}」对应多张表，请写得更具体些：${forms.map((form) => `「${form.shortName}」`).join('、')}。` : `没有找到「${name}」这张表。可填报的有：${list}。`)];
      const [form] = forms;
      const user = profile(userKey);
      const refusal = deps.submit(form.id, {}, { user, channel: 'feishu' }).refusal;
      if (refusal) return [reply(refusal)];
      // Prefill the user's own unit when it is a valid answer for this form's unit field.
      const unit = user.unit ? { [form.unitField]: user.unit } : {};
      const unitFits = user.unit && !deps.submit(form.id, unit, { user, channel: 'feishu' }).invalid.some((item) => item.key === form.unitField);
      return [fullCard(form, unitFits ? unit : {})];
    },

    press(press) {
      const state = stateOf(press.value);
      const form = state ? deps.forms.get(state.formId) : undefined;
      if (!state || !form) return [reply('这张卡片对应的表单已不存在，请发送「/card 表名」重新获取。')];
      if (press.action === 'formcard:edit') return [fullCard(form, state.carried)];
      return submit(form, state, press);
    },
  };
}
