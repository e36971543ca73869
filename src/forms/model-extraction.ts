import { findQuantities } from '../quantity/find-quantities.ts';
import { askNext, fieldOf, parseFor, persist, repeatCurrent, setValue, type FormTurn } from './form-flow.ts';
import { button } from './form-messages.ts';
import { activeFields } from './form-progress.ts';
import type { FieldDefinition } from './form-schema.ts';
import type { ExtractableField, ExtractedValue } from './types.ts';

const EXTRACTABLE_TYPES = new Set<FieldDefinition['type']>(['number', 'share', 'choice', 'yes-no']);

/**
 * Only a message with several numbers the offline extraction could not all place is worth a model call;
 * a single answer to the current question never is.
 */
export function wantsModelExtraction(turn: FormTurn, text: string, placedOffline: number): boolean {
  if (!turn.deps.extractor) return false;
  const quantities = findQuantities(text).filter((quantity) => !quantity.range);
  return quantities.length >= 2 && placedOffline < quantities.length;
}

function describe(field: FieldDefinition): string | undefined {
  const parts = [
    field.synonyms.length ? `也叫：${field.synonyms.join('、')}` : '',
    field.multiple ? '可多选，用顿号分隔' : '',
    field.example ? `例如「${field.example}」` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('；') : undefined;
}

/** The stored unit (kg) may differ from how people say it (吨); the example carries the spoken unit instead. */
function toExtractable(field: FieldDefinition): ExtractableField {
  const base = { key: field.key, label: field.label, description: describe(field) };
  if (field.type === 'choice') return { ...base, type: 'enum', values: (field.options ?? []).map((option) => option.label) };
  if (field.type === 'yes-no') return { ...base, type: 'yes-no', values: ['是', '否'] };
  return { ...base, type: 'number' };
}

/** Unanswered fields (and the one being asked) that a sentence can fill. */
function fieldsToOffer(turn: FormTurn): FieldDefinition[] {
  const { state } = turn;
  return activeFields(turn.form, state.values).filter(
    (field) => EXTRACTABLE_TYPES.has(field.type) && (state.values[field.key] === undefined || field.key === state.current),
  );
}

async function askExtractor(turn: FormTurn, fields: FieldDefinition[], text: string): Promise<Record<string, string> | null> {
  try {
    return (await turn.deps.extractor?.extract(fields.map(toExtractable), text)) ?? null;
  } catch {
    return null;
  }
}

/**
 * Reads several values out of free text with the model, validates each like a typed answer and shows
 * the accepted ones for confirmation (nothing is stored yet). Returns false when the model gave nothing
 * usable, so the caller goes on exactly as offline.
 */
export async function extractWithModel(turn: FormTurn, text: string): Promise<boolean> {
  const fields = fieldsToOffer(turn);
  if (!fields.length) return false;
  const raw = await askExtractor(turn, fields, text);
  if (!raw) return false;
  const accepted: ExtractedValue[] = [];
  const lines: string[] = [];
  const problems: string[] = [];
  for (const field of fields) {
    const value = raw[field.key];
    if (typeof value !== 'string' || !value.trim()) continue;
    const answer = parseFor(turn, field, value);
    if (!answer.ok) {
      problems.push(`✗ ${answer.error}`);
      continue;
    }
    accepted.push({ field: field.key, value: answer.value, display: answer.display });
    lines.push(`✓ ${field.label}：${answer.display}${answer.approximate ? '（约数，请核对）' : ''}`);
  }
  if (!accepted.length) {
    if (problems.length) turn.ctx.reply(`从您这句话里读出的值不能用：\n${problems.join('\n')}`);
    return false;
  }
  turn.state.pending = { kind: 'extracted', values: accepted };
  const rejected = problems.length ? `\n下面几项没有采用：\n${problems.join('\n')}` : '';
  turn.ctx.reply({
    text: `我从您这句话里读出了这些，请核对（还没有填入）：\n${lines.join('\n')}${rejected}\n没问题请点「对，就这样填」；不对请点「重新填」，或直接告诉我正确的数。`,
    buttons: [button('对，就这样填', 'extract:y'), button('重新填', 'extract:n')],
  });
  persist(turn);
  return true;
}

/** 「对，就这样填」: store the values read from free text, then ask the next question. */
export async function confirmExtracted(turn: FormTurn): Promise<void> {
  const pending = turn.state.pending?.kind === 'extracted' ? turn.state.pending : undefined;
  turn.state.pending = undefined;
  if (!pending) return await repeatCurrent(turn);
  const notes: string[] = [];
  for (const item of pending.values) {
    const field = fieldOf(turn, item.field);
    if (!field) continue;
    const refusal = setValue(turn, field, item.value);
    notes.push(refusal ?? `✓ ${field.label}：${item.display}`);
  }
  await askNext(turn, notes.join('\n'));
}

/** 「重新填」: forget what was read; the current question stays. */
export async function dropExtracted(turn: FormTurn): Promise<void> {
  turn.state.pending = undefined;
  await repeatCurrent(turn, '好的，刚才读出的内容都没有填入。');
}
