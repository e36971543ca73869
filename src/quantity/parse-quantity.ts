import { formatQuantity } from './format-quantity.ts';
import { normalizeInput } from './normalize-input.ts';
import { quantityMessages } from './quantity-messages.ts';
import { roundCanonical } from './round-canonical.ts';
import { scanQuantities, type ScannedQuantity } from './scan-quantities.ts';
import { toQuantity } from './to-quantity.ts';
import type { ParseQuantityOptions, Quantity, QuantityKind, QuantityParse } from './types.ts';
import { activeUnitsOfMeasure } from './units-of-measure.ts';
import { unknownUnitWord } from './unknown-unit.ts';

/** Longer answers are not one quantity typed by a person; refuse them before scanning. */
export const MAX_ANSWER_LENGTH = 200;

interface Limits { min: number; max: number; minExclusive: boolean }

/** Plausibility defaults in canonical units; callers narrow them with options.min / options.max. */
export const DEFAULT_LIMITS: Readonly<Record<QuantityKind, Limits>> = {
  area: { min: 0, max: 1e8, minExclusive: true },
  share: { min: 0, max: 1, minExclusive: false },
  money: { min: 0, max: 1e11, minExclusive: false },
  ph: { min: 0, max: 14, minExclusive: true },
  count: { min: 0, max: 1e7, minExclusive: false },
  length: { min: 0, max: 1e5, minExclusive: true },
  weight: { min: 0, max: 1e9, minExclusive: true },
  power: { min: 0, max: 1e5, minExclusive: true },
  angle: { min: 0, max: 90, minExclusive: false },
  number: { min: -Infinity, max: Infinity, minExclusive: false },
};

type Messages = ReturnType<typeof quantityMessages>;

/**
 * One answer to one question of known kind: parseQuantity('2.3万亩', 'area'), parseQuantity('一半', 'share'),
 * parseQuantity('0.45', 'share'), parseQuantity('四十五', 'count'). Never throws; a bad answer is
 * { ok: false, error } with a Chinese message saying what to type.
 */
export function parseQuantity(text: string, expected: QuantityKind, options: ParseQuantityOptions = {}): QuantityParse {
  const messages = quantityMessages(expected, options.label);
  try {
    return parseAnswer(text, expected, options, messages);
  } catch {
    return { ok: false, error: messages.failed() };
  }
}

function parseAnswer(text: string, expected: QuantityKind, options: ParseQuantityOptions, messages: Messages): QuantityParse {
  if (typeof text !== 'string' || text.trim() === '') return fail(messages.empty());
  if (text.length > MAX_ANSWER_LENGTH) return fail(messages.tooLong());
  const s = normalizeInput(text);
  const bare = s.trim().replace(/[。.!！~\s]+$/, '');
  if (activeUnitsOfMeasure().zeroAnswers.includes(bare) && expected !== 'ph') {
    return check({ kind: expected, value: 0, approximate: false, text: text.trim() }, expected, options, messages);
  }
  const scanned = scanQuantities(s, true);
  if (scanned.length === 0) return fail(messages.noNumber());
  const exact = scanned.filter((q) => q.kind === expected || q.alsoKind === expected);
  const pool = expected === 'number' ? scanned : exact.length > 0 ? exact : scanned.filter((q) => q.kind === 'number');
  if (pool.length === 0) return fail(messages.wrongKind(typedText(text, scanned[0]!), scanned[0]!.kind));
  if (pool.length > 1) return fail(messages.several(pool.map((q) => typedText(text, q))));
  const chosen = pool[0]!;
  // 「2,3万亩」: a comma typed for a decimal point splits one number in two; ask rather than take 3万.
  const glued = scanned.find((q) => q !== chosen && (q.end + 1 === chosen.index || chosen.end + 1 === q.index) && /[,.]/.test(s[Math.min(q.end, chosen.end)]!));
  if (glued) return fail(messages.several([glued, chosen].sort((a, b) => a.index - b.index).map((q) => typedText(text, q))));
  if (chosen.negative && expected !== 'number') return fail(messages.negative());
  const unknown = unknownUnit(s, chosen, expected);
  if (unknown) return fail(messages.unknownUnit(unknown));
  return check(interpret(chosen, text, expected), expected, options, messages);
}

/** Kinds always written with a unit: a number followed by an unknown word is not taken in the default unit. */
const MEASURED: ReadonlySet<QuantityKind> = new Set(['area', 'money', 'length', 'weight']);

function unknownUnit(s: string, chosen: ScannedQuantity, expected: QuantityKind): string | undefined {
  if (chosen.kind !== 'number' || !MEASURED.has(expected)) return undefined;
  const rest = s.slice(chosen.end).replace(/[。.!！~，,\s]+$/, '');
  return /^\s*\p{Script=Han}{1,2}$/u.test(rest) ? unknownUnitWord(rest) : undefined;
}

/** Gives a bare number the meaning of the expected kind: 45 → 45%, 0.45 → 45%, 500 → 500公斤. */
function interpret(scanned: ScannedQuantity, text: string, expected: QuantityKind): Quantity {
  const quantity = toQuantity(scanned, text);
  if (expected === 'number') return quantity;
  if (scanned.kind !== 'number') return { ...quantity, kind: expected };
  const result: Quantity = { ...quantity, kind: expected };
  if (expected === 'share') {
    const { min, max } = scanned;
    if (min === 1 && max === 1) {
      return { ...result, value: 0.01, approximate: true, note: '「1」已按 1% 理解；如果是指全部，请输入 100%' };
    }
    const factor = max <= 1 ? 1 : 0.01;
    const shared = scale(result, factor);
    return { ...shared, note: `已按 ${formatQuantity(shared)} 理解` };
  }
  if (expected === 'weight') return { ...result, note: '没有写单位，已按公斤理解' };
  return result;
}

function scale(quantity: Quantity, factor: number): Quantity {
  const scaled: Quantity = { ...quantity, value: roundCanonical(quantity.value * factor) };
  if (quantity.range) scaled.range = { min: roundCanonical(quantity.range.min * factor), max: roundCanonical(quantity.range.max * factor) };
  return scaled;
}

function check(quantity: Quantity, expected: QuantityKind, options: ParseQuantityOptions, messages: Messages): QuantityParse {
  const defaults = DEFAULT_LIMITS[expected];
  const limits: Limits = {
    min: options.min ?? defaults.min,
    max: options.max ?? defaults.max,
    minExclusive: options.min === undefined && defaults.minExclusive,
  };
  const low = quantity.range?.min ?? quantity.value;
  const high = quantity.range?.max ?? quantity.value;
  const typed = quantity.text || formatQuantity(quantity);
  if (!Number.isFinite(low) || !Number.isFinite(high)) return fail(messages.failed());
  const tooLow = limits.minExclusive ? low <= limits.min : low < limits.min;
  const tooHigh = high > limits.max;
  if (expected === 'ph' && options.min === undefined && options.max === undefined && (tooLow || tooHigh)) {
    return fail(messages.phRange(typed));
  }
  if (tooLow && expected !== 'number' && low < 0 && limits.min >= 0) return fail(messages.negative());
  if (tooLow) {
    return fail(limits.minExclusive && limits.min === 0
      ? messages.notPositive()
      : messages.belowMin(formatQuantity({ kind: expected, value: limits.min })));
  }
  if (tooHigh) return fail(messages.aboveMax(typed, formatQuantity({ kind: expected, value: limits.max })));
  if (expected === 'count' && (!Number.isInteger(low) || !Number.isInteger(high))) return fail(messages.notInteger(typed));
  return { ok: true, quantity };
}

function typedText(text: string, scanned: ScannedQuantity): string {
  return text.slice(scanned.index, scanned.end).trim();
}

function fail(error: string): QuantityParse {
  return { ok: false, error };
}
