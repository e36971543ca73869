import { isNumeralStart, numeralRunEnd, readNumeral } from './read-numeral.ts';
import { isQuestionWord, readMeasure, skipInclusive, type Measure } from './read-measure.ts';
import { roundCanonical } from './round-canonical.ts';
import type { QuantityBound, QuantityKind } from './types.ts';
import { activeUnitsOfMeasure } from './units-of-measure.ts';

/** One quantity as read from normalised text, before an expected kind gives it its final meaning. */
export interface ScannedQuantity {
  index: number;
  end: number;
  kind: QuantityKind;
  alsoKind?: QuantityKind;
  min: number;
  max: number;
  isRange: boolean;
  approximate: boolean;
  bound?: QuantityBound;
  unit?: string;
  note?: string;
  per?: string;
  negative: boolean;
  chinese: boolean;
  /** Where its clause starts (after punctuation or the previous quantity): the label lives in between. */
  clauseStart: number;
  /** Just after the last punctuation before it. */
  boundaryStart: number;
}

export const CLAUSE_BOUNDARIES = new Set([...'，,。；;！!？?\n、（）()【】[]']);
const PERCENT_PREFIXES: ReadonlyArray<[string, number]> = [['百分之', 0.01], ['千分之', 0.001]];

/** Every quantity in s, left to right. wholeAnswer: s is one answer to one question (enables 全部, 大半). */
export function scanQuantities(s: string, wholeAnswer: boolean): ScannedQuantity[] {
  const found: ScannedQuantity[] = [];
  let clauseStart = 0;
  let boundaryStart = 0;
  for (let i = 0; i < s.length; ) {
    if (CLAUSE_BOUNDARIES.has(s[i]!)) {
      clauseStart = boundaryStart = ++i;
      continue;
    }
    const core = matchCore(s, i, wholeAnswer);
    if (!core) {
      i += isNumeralStart(s, i) ? Math.max(1, numeralRunEnd(s, i) - i) : 1;
      continue;
    }
    if (s[i - 1] === '第') {
      i = core.end;
      continue;
    }
    const quantity = complete(s, core, clauseStart);
    found.push({ ...quantity, boundaryStart });
    i = clauseStart = quantity.end;
  }
  return found;
}

type Core = Omit<ScannedQuantity, 'clauseStart' | 'boundaryStart' | 'negative' | 'index'> & { start: number };

function matchCore(s: string, i: number, wholeAnswer: boolean): Core | undefined {
  for (const word of activeUnitsOfMeasure().shareWords) {
    if (!s.startsWith(word.text, i) || (word.wholeAnswerOnly && !wholeAnswer)) continue;
    const min = word.value ?? word.min ?? 0;
    const max = word.value ?? word.max ?? 1;
    return { start: i, end: i + word.text.length, kind: 'share', min, max, isRange: min !== max, approximate: min !== max, chinese: true, unit: word.text };
  }
  for (const [prefix, factor] of PERCENT_PREFIXES) {
    if (s.startsWith(prefix, i)) return readPercent(s, i, prefix, factor);
  }
  const fraction = readFraction(s, i);
  if (fraction) return fraction;
  const measure = readMeasure(s, i);
  return measure ? fromMeasure(measure) : undefined;
}

function fromMeasure(m: Measure): Core {
  return {
    start: m.start, end: m.end, kind: m.kind, alsoKind: m.alsoKind, min: m.min, max: m.max, isRange: m.isRange,
    approximate: m.approximate, chinese: m.chinese, unit: m.unitText, note: m.unit?.note,
  };
}

/** 「百分之四十五」「百分之４５」「百分之三十到四十」「百分之三十到百分之四十」. */
function readPercent(s: string, i: number, prefix: string, factor: number): Core | undefined {
  const first = readNumeral(s, i + prefix.length);
  if (!first) return undefined;
  let { min, max } = first;
  let end = first.end;
  let j = end;
  while (s[j] === ' ') j++;
  const separator = activeUnitsOfMeasure().rangeSeparators.find((word) => s.startsWith(word, j));
  if (separator && !first.isRange) {
    j += separator.length;
    while (s[j] === ' ') j++;
    if (s.startsWith(prefix, j)) j += prefix.length;
    const second = readNumeral(s, j);
    if (second && !second.isRange && second.max > min) {
      max = second.max;
      end = second.end;
    }
  }
  const unit = s[end] === '%' ? prefix + '%' : prefix;
  if (s[end] === '%') end++; // 「百分之45%」: the sign typed twice still means 45%.
  return {
    start: i, end, kind: 'share', min: roundCanonical(min * factor), max: roundCanonical(max * factor),
    isRange: min !== max, approximate: first.vague, chinese: true, unit,
  };
}

/** 「三分之一」「3分之2」「1/3」. */
function readFraction(s: string, i: number): Core | undefined {
  const arabic = /^(\d+)\/(\d+)(?![\d/])/.exec(s.slice(i, i + 16));
  // A numerator above the denominator is a date (5/1), not a share.
  if (arabic && s[i - 1] !== '/' && Number(arabic[2]) > 0 && Number(arabic[1]) <= Number(arabic[2])) {
    const value = roundCanonical(Number(arabic[1]) / Number(arabic[2]));
    return { start: i, end: i + arabic[0].length, kind: 'share', min: value, max: value, isRange: false, approximate: false, chinese: false, unit: '/' };
  }
  const denominator = readNumeral(s, i);
  if (!denominator || denominator.isRange || !s.startsWith('分之', denominator.end) || denominator.min <= 0) return undefined;
  const numerator = readNumeral(s, denominator.end + 2);
  if (!numerator) return undefined;
  return {
    start: i, end: numerator.end, kind: 'share',
    min: roundCanonical(numerator.min / denominator.min), max: roundCanonical(numerator.max / denominator.min),
    isRange: numerator.isRange, approximate: numerator.vague, chinese: true, unit: '分之',
  };
}

/** Adds what surrounds the core: sign, 约/不到/pH before it, 左右/以上 and 「/亩」 after it. */
function complete(s: string, core: Core, clauseStart: number): Omit<ScannedQuantity, 'boundaryStart'> {
  let { start, end, kind, approximate } = core;
  let bound: QuantityBound | undefined;
  let negative = false;
  let per: string | undefined;

  for (let again = true; again; ) {
    again = false;
    const suffix = activeUnitsOfMeasure().approximateSuffixes.find((w) => (w.length > 1 || w === '多') && s.startsWith(w, end) && !isQuestionWord(s, end, w));
    if (suffix) { approximate = true; end += suffix.length; again = true; }
    const at = skipInclusive(s, end);
    const after = activeUnitsOfMeasure().boundWords.find((w) => w.position === 'after' && s.startsWith(w.text, at));
    if (after && !bound) { bound = after.bound; end = at + after.text.length; again = true; }
  }
  // 「100亩地」「3块田」: the land word belongs to the quantity, not to the next label.
  if ((kind === 'area' || kind === 'count') && /^[地田]/.test(s.slice(end, end + 1)) && core.unit !== undefined) end++;
  if (kind === 'money' || kind === 'number') {
    const rate = /^ ?(?:\/|每) ?(亩|公顷|户|人)/.exec(s.slice(end, end + 6));
    if (rate) { per = rate[1]; kind = 'money'; end += rate[0].length; }
  }

  if ((s[start - 1] === '-' || s[start - 1] === '负') && !/[\dA-Za-z%]/.test(s[start - 2] ?? '')) {
    negative = true;
    start--;
  }
  let approximationSeen = false;
  for (let again = true; again; ) {
    again = false;
    let cursor = start;
    while (s[cursor - 1] === ' ') cursor--;
    const boundWord = activeUnitsOfMeasure().boundWords.find((w) => w.position === 'before' && endsAt(s, cursor, w.text));
    const approximation = approximationSeen ? undefined : activeUnitsOfMeasure().approximatePrefixes.find((w) => endsAt(s, cursor, w));
    if (boundWord && !bound) { bound = boundWord.bound; start = cursor - boundWord.text.length; again = true; continue; }
    // 「不低于每亩每年200元」: the bound stands before the basis of the rate
    const basis = !bound && kind === 'money' ? /(?:每[亩吨户人年]){1,2}$/.exec(s.slice(Math.max(clauseStart, cursor - 4), cursor)) : null;
    const basisBound = basis ? activeUnitsOfMeasure().boundWords.find((w) => w.position === 'before' && w.text.length > 1 && endsAt(s, cursor - basis[0].length, w.text)) : undefined;
    if (basis && basisBound) {
      bound = basisBound.bound;
      per ??= /每([亩吨户人])/.exec(basis[0])?.[1];
      start = cursor - basis[0].length - basisBound.text.length;
      again = true;
      continue;
    }
    if (approximation) { approximate = approximationSeen = true; start = cursor - approximation.length; again = true; continue; }
    const ph = phPrefixBefore(s, cursor);
    if (ph !== undefined && kind === 'number') { kind = 'ph'; start = ph; again = true; }
  }
  start = Math.max(start, clauseStart);
  const clauseBefore = s.slice(clauseStart, start);
  // 「不低于秸秆全量的10%」「不低于合格面积的5%」: the bound stands before what the share is of.
  if (!bound && kind === 'share') {
    for (let k = 1; k <= 8 && !bound && clauseBefore.endsWith('的') && !/[\d%]/.test(clauseBefore.slice(-1 - k)); k++) {
      const before = clauseBefore.slice(0, -1 - k);
      bound = activeUnitsOfMeasure().boundWords.find((w) => w.position === 'before' && w.text.length > 1 && before.endsWith(w.text))?.bound;
    }
  }
  // 「土壤pH值保持在5.5至7.5之间」: the pH named a few words before the number in its clause.
  if (kind === 'number' && activeUnitsOfMeasure().phPrefixes.some((w) => { const at = clauseBefore.lastIndexOf(w); return at >= 0 && clauseBefore.length - at - w.length <= 4 && !/\d/.test(clauseBefore.slice(at + w.length)); })) kind = 'ph';
  // Clause-wide only for words like 大概 (大概盖了一半); 近 and 约 also hide in 最近, 附近, 合约.
  if (activeUnitsOfMeasure().approximatePrefixes.some((w) => w.length > 1 && clauseBefore.includes(w))) approximate = true;
  if (kind === 'money' && /每亩|亩均/.test(clauseBefore)) per ??= '亩';
  // 「每吨30元」「每公斤0.2元」: paid per weight of what is collected or sold
  if (kind === 'money') per ??= /每(吨|公斤)[^\d，,。；;]{0,4}$/.exec(clauseBefore)?.[1];

  return {
    ...core, index: start, end, kind, approximate: approximate || bound !== undefined, bound, negative, per, clauseStart,
  };
}

/** Start of 「pH」「ph值为」「酸碱度：」 ending at cursor, if any. */
function phPrefixBefore(s: string, cursor: number): number | undefined {
  let k = cursor;
  while (k > 0 && ' =:：是为约在才只有仅达'.includes(s[k - 1]!)) k--;
  const prefix = activeUnitsOfMeasure().phPrefixes.find((w) => endsAt(s, k, w));
  return prefix ? k - prefix.length : undefined;
}

function endsAt(s: string, end: number, word: string): boolean {
  return end >= word.length && s.startsWith(word, end - word.length);
}
