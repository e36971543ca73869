import { normalizeInput } from './normalize-input.ts';
import { CLAUSE_BOUNDARIES, scanQuantities, type ScannedQuantity } from './scan-quantities.ts';
import { toQuantity } from './to-quantity.ts';
import type { FoundQuantity } from './types.ts';
import { activeUnitsOfMeasure } from './units-of-measure.ts';

/** Free text longer than this is cut: a chat message is never this long, a pasted document may be. */
export const MAX_FREE_TEXT_LENGTH = 100_000;

/** Bare numbers directly before these are dates, times and durations, not quantities. */
const NOT_A_QUANTITY_AFTER = /^[年月日号时分秒岁届期周天点]/;

/**
 * Every quantity in free text, kind inferred from unit and context words (亩→area, %/成/一半→share,
 * 元 or 花/补贴…→money, pH→ph, 个/家/户/人→count, cm/厘米→length, 吨/公斤→weight), with the
 * words before it as label: 「本期治理2.3万亩，取土45个，花了80万」 → 治理 23000亩, 取土 45个, 花 800000元.
 * Bare Chinese numerals without a unit (一起, 十分) are not reported. Never throws.
 */
export function findQuantities(text: string): FoundQuantity[] {
  try {
    if (typeof text !== 'string' || text === '') return [];
    const typed = text.slice(0, MAX_FREE_TEXT_LENGTH);
    const s = normalizeInput(typed);
    const scanned = scanQuantities(s, false);
    const found: FoundQuantity[] = [];
    let previousEnd = 0;
    scanned.forEach((q, i) => {
      const kind = inferKind(s, q);
      if (!kind) return;
      const quantity: FoundQuantity = { ...toQuantity({ ...q, kind }, typed), index: q.index, length: q.end - q.index };
      const label = cleanWords(typed.slice(Math.max(q.boundaryStart, previousEnd), q.index), 'before');
      previousEnd = q.end;
      const after = cleanWords(typed.slice(q.end, nextStop(s, q.end, scanned[i + 1]?.index)), 'after');
      if (label) quantity.label = label;
      if (after) quantity.after = after;
      if (asksRatePerUnit(quantity)) quantity.perUnit = true;
      found.push(quantity);
    });
    return withRateBasis(found, s);
  } catch {
    return [];
  }
}

function inferKind(s: string, q: ScannedQuantity): ScannedQuantity['kind'] | undefined {
  if (q.kind === 'count' && q.chinese && q.min === 1 && !q.isRange) return undefined; // 一个, 一家, 一次: words, not counts
  if (q.kind !== 'number') return q.kind;
  if (NOT_A_QUANTITY_AFTER.test(s.slice(q.end, q.end + 1)) || q.max >= 1e10) return undefined;
  if (/[-/:.]/.test(s[q.index - 1] ?? '') || /^[-/:][0-9]/.test(s.slice(q.end, q.end + 2))) return undefined; // 2024-05-01, 5/1, 10:30
  const clause = s.slice(q.clauseStart, q.index);
  const money = activeUnitsOfMeasure().moneyContextWords.some((word) => clause.includes(word));
  // A bare Chinese numeral is a word (一起, 十分) unless money talk makes it an amount (花了三万), or it is counted in
  // 万/亿 after its digits (「已支出三百二十万」), which only an amount is: read as 「320万」 would be.
  if (q.chinese) return money && q.min >= 100 ? 'money' : countedInTenThousands(s.slice(q.index, q.end)) ? 'number' : undefined;
  return money ? 'money' : 'number';
}

/** 「三百二十万」「一万二」「两亿」: digits, then 万 or 亿 (「千万」 alone is a word: 千万别…). */
function countedInTenThousands(numeral: string): boolean {
  return /^[〇零一二三四五六七八九十两百千点]*[一二三四五六七八九两][〇零一二三四五六七八九十两百千点]*[万亿][〇零一二三四五六七八九十两百千]*$/.test(numeral);
}

/**
 * 「一亩只安排了8元」「1亩给60元」: exactly one 亩 followed in its clause by an amount is the basis of a rate,
 * so the amount is per 亩 and the one 亩 is no area.
 */
function withRateBasis(found: FoundQuantity[], s: string): FoundQuantity[] {
  found.forEach((quantity, i) => {
    const next = found[i + 1];
    if (!next || next.kind !== 'money' || next.per || quantity.kind !== 'area' || quantity.unit !== '亩') return;
    if (!/^[一1](?![\d.〇零一二三四五六七八九十百千万亿两点])/.test(quantity.text) || quantity.approximate || quantity.range) return;
    if ([...s.slice(quantity.index + quantity.length, next.index)].some((ch) => CLAUSE_BOUNDARIES.has(ch))) return;
    quantity.perUnit = true;
    next.per = '亩';
  });
  return found;
}

/** 「一亩补多少」「1亩地能拿多少」「一亩最多能收多少作业费」: exactly one unit, then a question about what it gets. */
function asksRatePerUnit(quantity: FoundQuantity): boolean {
  if (!/^[一1](?![\d.〇零一二三四五六七八九十百千万亿两点])/.test(quantity.text) || quantity.approximate || quantity.range || quantity.bound || !quantity.unit) return false;
  const after = (quantity.after ?? '').replace(/^[地田]/, '');
  const units = activeUnitsOfMeasure();
  return units.perUnitQuestionWords.some((word) => after.startsWith(word) || after.startsWith(`能${word}`) || after.startsWith(`可以${word}`)) || units.perUnitAskedWords.some((word) => after.includes(word));
}

function nextStop(s: string, from: number, nextIndex: number | undefined): number {
  let end = Math.min(nextIndex ?? s.length, from + 12);
  for (let k = from; k < end; k++) {
    if (CLAUSE_BOUNDARIES.has(s[k]!)) end = k;
  }
  return end;
}

/** Strips approximation words anywhere, scope words (本期, 我家) in front and particles (了, 有, 分别) behind; keeps at most 8 characters. */
function cleanWords(raw: string, side: 'before' | 'after'): string | undefined {
  let words = raw;
  for (const approximation of activeUnitsOfMeasure().approximatePrefixes) words = words.split(approximation).join('');
  words = words.replace(/[\s:：=，,]+/g, '');
  const leading = side === 'before' ? activeUnitsOfMeasure().labelLeadingWords : activeUnitsOfMeasure().afterLeadingWords;
  for (let changed = true; changed && words; ) {
    changed = false;
    const front = leading.find((word) => words.startsWith(word));
    if (front) { words = words.slice(front.length); changed = true; }
    const back = activeUnitsOfMeasure().labelTrailingWords.find((word) => words.endsWith(word));
    if (back && words.length > back.length) { words = words.slice(0, -back.length); changed = true; }
  }
  if (!words) return undefined;
  return side === 'before' ? words.slice(-8) : words.slice(0, 8);
}
