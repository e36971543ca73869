import { isOpenEnded } from '../quantity/open-ended.ts';
import { findQuantities } from '../quantity/find-quantities.ts';
import { unknownUnitWord } from '../quantity/unknown-unit.ts';
import type { FieldDefinition, FormDefinition } from './form-schema.ts';
import { formatFieldValue } from './format-value.ts';
import type { FieldValue } from './types.ts';
import { escapeRegExp } from '../text/regexp.ts';

function namesOf(field: FieldDefinition): string[] {
  return [field.label, ...field.synonyms].filter((name) => name.length > 0);
}

/**
 * Whether the text names the field. Names of three or more characters also match with a little filler
 * between their characters (「本期又治理」 names 本期治理), never across a clause break or a number.
 */
function mentions(text: string, name: string): boolean {
  if (text.includes(name)) return true;
  if (name.length < 3) return false;
  return new RegExp([...name].map(escapeRegExp).join('[^，。；,;\\d\\s]{0,2}')).test(text);
}

/** Longest label or synonym of the field found in the text (0 when none). */
function nameScore(field: FieldDefinition, text: string): number {
  return Math.max(0, ...namesOf(field).filter((name) => mentions(text, name)).map((name) => name.length));
}

/**
 * The field a phrase names (「取土数」「面积」「覆盖率」): the longest label or synonym wins; on a tie the
 * field being asked, then the first unanswered one, then form order.
 */
export function findFieldByName(
  fields: FieldDefinition[],
  text: string,
  values: Record<string, FieldValue>,
  current?: string,
): FieldDefinition | undefined {
  const scored = fields.map((field) => ({ field, score: nameScore(field, text) })).filter((entry) => entry.score > 0);
  if (!scored.length) return undefined;
  const best = Math.max(...scored.map((entry) => entry.score));
  const top = scored.filter((entry) => entry.score === best).map((entry) => entry.field);
  return top.find((field) => field.key === current) ?? top.find((field) => values[field.key] === undefined) ?? top[0];
}

export interface ExtractedAnswer {
  field: FieldDefinition;
  value: number;
  display: string;
  approximate: boolean;
  /** 「一万出头」「近八千」: only one side of the figure; a report asks for the figure. */
  openEnded?: boolean;
  /** The amount as typed (「大概六成」), to parse again like a typed answer. */
  text: string;
}

/** Fields measured in a unit: a bare number before a word no units file knows (「2垧」) is not in it. */
const MEASURED = new Set(['area', 'length', 'money', 'weight']);

function kindFits(field: FieldDefinition, kind: string): boolean {
  if (field.type === 'share') return kind === 'share';
  if (field.type !== 'number') return false;
  return kind === field.quantity || (kind === 'number' && field.quantity !== 'money');
}

/** 「1200吨」 with no name: the one unanswered field measured in that unit (never a plain number or count). */
function onlyFieldOfUnit(fields: FieldDefinition[], kind: string, values: Record<string, FieldValue>, current?: string): FieldDefinition | undefined {
  if (kind === 'number' || kind === 'count') return undefined;
  const fitting = fields.filter((field) => (values[field.key] === undefined || field.key === current) && (field.type === 'share' ? kind === 'share' : field.quantity === kind));
  return fitting.length === 1 ? fitting[0] : undefined;
}

/** Answers placed on fields, and the pieces of text around amounts no field name points at. */
export interface PlacedQuantities {
  answers: ExtractedAnswer[];
  /** Amounts named for a field but outside its limits (parsing them again gives the user the reason), or a share of its whole to be worked out. */
  refused: { field: FieldDefinition; text: string }[];
  unplaced: string[];
}

/**
 * Several answers in one message (「本期治理2.3万亩，取土45个」): each number is given to the field its
 * neighbouring words name, if the kind fits. A bare amount (「已支出150万」) goes to a money field only when
 * the words before it name that field. Numbers no field name points at are returned as unplaced.
 */
export function placeQuantities(
  form: FormDefinition,
  fields: FieldDefinition[],
  text: string,
  values: Record<string, FieldValue>,
  current?: string,
  options: { byUnit?: boolean } = {},
): PlacedQuantities {
  const answers: ExtractedAnswer[] = [];
  const unplaced: string[] = [];
  const refused: PlacedQuantities['refused'] = [];
  const taken = new Set<string>();
  let start = 0;
  for (const quantity of findQuantities(text)) {
    // The raw words since the previous number keep qualifiers such as 本期/累计 that the label drops.
    const before = text.slice(start, quantity.index);
    const piece = text.slice(start, quantity.index + quantity.length).replace(/^[\s，。；,;、]+/, '');
    start = quantity.index + quantity.length;
    if (quantity.range) {
      unplaced.push(piece);
      continue;
    }
    const open = fields.filter((field) => !taken.has(field.key));
    // 「验收了一半」: a share said for an amount that is part of another is that share of the whole (parsed again below).
    const shareOfPart = (field: FieldDefinition) => quantity.kind === 'share' && field.type === 'number' && !!field.partOf;
    const candidates = open.filter((field) => kindFits(field, quantity.kind) || shareOfPart(field));
    const field =
      findFieldByName(candidates, before, values, current) ??
      (quantity.label ? findFieldByName(candidates, quantity.label, values, current) : undefined) ??
      (quantity.after ? findFieldByName(candidates, quantity.after, values, current) : undefined) ??
      (quantity.kind === 'number' ? findFieldByName(open.filter((f) => f.quantity === 'money'), before, values, current) : undefined) ??
      (options.byUnit ? onlyFieldOfUnit(open, quantity.kind, values, current) : undefined);
    const fits =
      field &&
      !(field.min !== undefined && quantity.value < field.min) &&
      !(field.max !== undefined && quantity.value > field.max) &&
      !(field.integer && !Number.isInteger(quantity.value));
    if (!field) {
      unplaced.push(piece);
      continue;
    }
    taken.add(field.key);
    // 「本期治理2垧」 with 垧 in no units file: parsing 「2垧」 again tells the user to convert, instead of storing 2 亩
    const unknown = quantity.kind === 'number' && MEASURED.has(field.quantity ?? '') ? unknownUnitWord(text.slice(quantity.index + quantity.length)) : undefined;
    if (unknown) {
      refused.push({ field, text: `${quantity.text}${unknown}` });
      continue;
    }
    if (!fits || shareOfPart(field)) {
      refused.push({ field, text: quantity.text });
      continue;
    }
    answers.push({ field, value: quantity.value, display: formatFieldValue(field, quantity.value), approximate: quantity.approximate, openEnded: isOpenEnded(quantity) || undefined, text: quantity.text });
  }
  return form.fields.length ? { answers, refused, unplaced } : { answers: [], refused: [], unplaced };
}
