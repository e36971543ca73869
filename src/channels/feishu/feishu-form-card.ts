import type { FieldDefinition, FormDefinition } from '../../forms/form-schema.ts';

/** What a form card's submit button carries back (besides the typed values in form_value). */
export interface FormCardState {
  formId: string;
  /** Values from an earlier card (the follow-up card for conditional fields shows only the new ones). */
  carried: Record<string, string>;
  /** Warnings the user accepted by pressing 「仍然提交」. */
  accepted?: string[];
}

export const FORM_CARD_ACTION = 'formcard:submit';

const plain = (content: string) => ({ tag: 'plain_text', content });

/** One card input for a form field; choices become (multi-)selects, everything else a text input. */
function fieldElement(field: FieldDefinition, initial: string | undefined): Record<string, unknown> {
  const label = `${field.label}${field.unit && field.type === 'number' ? `（${field.unit}）` : ''}${field.required ? ' *' : ''}`;
  const choices = field.type === 'yes-no' ? ['是', '否'] : field.type === 'choice' ? (field.options ?? []).map((option) => option.label) : undefined;
  if (choices) {
    const options = choices.map((choice) => ({ text: plain(choice), value: choice }));
    const chosen = initial ? initial.split(/[、,，]/).filter((value) => choices.includes(value)) : [];
    return field.multiple
      ? { tag: 'multi_select_static', name: field.key, placeholder: plain(label), options, ...(chosen.length ? { selected_values: chosen } : {}) }
      : { tag: 'select_static', name: field.key, placeholder: plain(label), options, ...(chosen.length ? { initial_option: chosen[0] } : {}) };
  }
  return {
    tag: 'input',
    name: field.key,
    label: plain(label),
    label_position: 'top',
    placeholder: plain(field.example ? `例如：${field.example}` : field.question),
    ...(initial ? { default_value: initial } : {}),
  };
}

/**
 * A card with every given field in one form container and a submit button. Select fields get a small
 * label above them because selects have no label of their own.
 */
export function formCard(options: {
  form: FormDefinition;
  title: string;
  fields: FieldDefinition[];
  state: FormCardState;
  initial?: Record<string, string>;
  note?: string;
}): Record<string, unknown> {
  const elements: Array<Record<string, unknown>> = [];
  for (const field of options.fields) {
    const element = fieldElement(field, options.initial?.[field.key]);
    if (element.tag !== 'input') elements.push({ tag: 'markdown', content: `**${field.label}**${field.required ? ' *' : ''}` });
    elements.push(element);
  }
  elements.push({
    tag: 'button',
    text: plain('提交'),
    type: 'primary',
    action_type: 'form_submit',
    name: 'submit',
    value: { action: FORM_CARD_ACTION, ...options.state },
  });
  return {
    config: { wide_screen_mode: true, update_multi: true },
    header: { title: plain(options.title), template: 'blue' },
    elements: [
      ...(options.note ? [{ tag: 'div', text: plain(options.note) }] : []),
      { tag: 'form', name: 'form', elements },
    ],
  };
}

/** What a submitted card turns into: its title and the result, without inputs or buttons. */
export function doneCard(title: string, text: string): Record<string, unknown> {
  return {
    config: { wide_screen_mode: true, update_multi: true },
    header: { title: plain(title), template: 'green' },
    elements: [{ tag: 'div', text: plain(text) }],
  };
}

/** A card listing warnings with 「仍然提交」 (re-submits with the warnings accepted) and 「返回修改」. */
export function warningsCard(options: { title: string; lines: string[]; state: FormCardState; editState: FormCardState }): Record<string, unknown> {
  return {
    config: { wide_screen_mode: true, update_multi: true },
    header: { title: plain(options.title), template: 'orange' },
    elements: [
      { tag: 'div', text: plain(options.lines.join('\n')) },
      {
        tag: 'action',
        actions: [
          { tag: 'button', text: plain('仍然提交'), type: 'primary', value: { action: FORM_CARD_ACTION, ...options.state } },
          { tag: 'button', text: plain('返回修改'), type: 'default', value: { action: 'formcard:edit', ...options.editState } },
        ],
      },
    ],
  };
}
