import type { FormPrompt, FormPromptField, Reply } from '../../core/types.ts';
import { buttonElement } from './feishu-format.ts';

const plain = (content: string) => ({ tag: 'plain_text', content });
const CONFIG = { wide_screen_mode: true, update_multi: true };

/** One card input; choices become (multi-)selects, everything else a text input. */
function fieldElement(field: FormPromptField): Record<string, unknown> {
  const label = `${field.label}${field.unit ? `（${field.unit}）` : ''}${field.required ? ' *' : ''}`;
  if (field.choices) {
    const options = field.choices.map((choice) => ({ text: plain(choice), value: choice }));
    const chosen = field.initial ? field.initial.split(/[、,，]/).filter((value) => field.choices!.includes(value)) : [];
    return field.multiple
      ? { tag: 'multi_select_static', name: field.key, placeholder: plain(label), options, ...(chosen.length ? { selected_values: chosen } : {}) }
      : { tag: 'select_static', name: field.key, placeholder: plain(label), options, ...(chosen.length ? { initial_option: chosen[0] } : {}) };
  }
  return {
    tag: 'input',
    name: field.key,
    label: plain(label),
    label_position: 'top',
    placeholder: plain(field.placeholder),
    ...(field.initial ? { default_value: field.initial } : {}),
  };
}

/**
 * A whole form in one card form container with a submit button. Select fields get a small label above
 * them because selects have no label of their own.
 */
function fillCard(form: FormPrompt, note: string): Record<string, unknown> {
  const elements: Array<Record<string, unknown>> = [];
  for (const field of form.fields ?? []) {
    const element = fieldElement(field);
    if (element.tag !== 'input') elements.push({ tag: 'markdown', content: `**${field.label}**${field.required ? ' *' : ''}` });
    elements.push(element);
  }
  if (form.submit) {
    elements.push({ tag: 'button', text: plain(form.submit.label), type: 'primary', action_type: 'form_submit', name: 'submit', value: { action: form.submit.action } });
  }
  return {
    config: CONFIG,
    header: { title: plain(form.title), template: 'blue' },
    elements: [...(note ? [{ tag: 'div', text: plain(note) }] : []), { tag: 'form', name: 'form', elements }],
  };
}

/** The card for a reply carrying a whole form: inputs (blue), a confirmation with buttons (orange), or the submitted result (green). */
export function formCardOf(reply: Reply & { form: FormPrompt }): Record<string, unknown> {
  const { form } = reply;
  if (form.stage === 'fill') return fillCard(form, reply.text);
  const buttons = reply.buttons ?? [];
  return {
    config: CONFIG,
    header: { title: plain(form.title), template: form.stage === 'done' ? 'green' : 'orange' },
    elements: [{ tag: 'div', text: plain(reply.text) }, ...(buttons.length ? [{ tag: 'action', actions: buttons.map(buttonElement) }] : [])],
  };
}
