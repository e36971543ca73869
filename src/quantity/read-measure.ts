import { CHINESE_DIGITS, parseChineseNumber } from './chinese-number.ts';
import { isCountedPlot, matchUnit } from './match-unit.ts';
import { readNumeral } from './read-numeral.ts';
import { roundCanonical } from './round-canonical.ts';
import type { QuantityKind } from './types.ts';
import { activeUnitsOfMeasure, type UnitOfMeasure } from './units-of-measure.ts';

/** A numeral with what follows it: 「一百多亩」「四成五」「两亩半」「2.3万亩」, or a range of two of them. */
export interface Measure {
  start: number;
  end: number;
  /** Canonical values (unit factor applied); equal unless a range. */
  min: number;
  max: number;
  isRange: boolean;
  approximate: boolean;
  chinese: boolean;
  kind: QuantityKind;
  /** 块 without 地/田 after it: money, or a count when a count is expected. */
  alsoKind?: QuantityKind;
  unit?: UnitOfMeasure;
  /** As typed, with the numeral's 万/亿: 「万亩」「万元」「万」. */
  unitText?: string;
  compact: string;
}

const SUBUNIT_WORDS = ['角', '毛'];

/** Reads one measure at i; with allowRange, also 「40-50亩」「40%到50%」「4-5万亩」「三到五成」. */
export function readMeasure(s: string, i: number, allowRange = true): Measure | undefined {
  const first = readSingle(s, i);
  if (!first || !allowRange || first.isRange) return first;
  let j = skipInclusive(s, first.end);
  while (s[j] === ' ') j++;
  const separator = activeUnitsOfMeasure().rangeSeparators.find((word) => s.startsWith(word, j));
  if (!separator) return first;
  j += separator.length;
  while (s[j] === ' ') j++;
  const second = readSingle(s, j);
  if (!second || second.isRange) return first;
  return combineRange(first, second) ?? first;
}

/** 「4.5（含）至5.0」「3（含）以上」: the inclusive mark a document writes after a bound changes nothing we read. */
export function skipInclusive(s: string, j: number): number {
  return s.startsWith('(含)', j) ? j + 3 : j;
}

function readSingle(s: string, i: number): Measure | undefined {
  const numeral = s[i] === '半' && matchUnit(s, i + 1)
    ? { start: i, end: i + 1, min: 0.5, max: 0.5, isRange: false, vague: false, chinese: true, compact: '半' }
    : readNumeral(s, i);
  if (!numeral) return undefined;
  let j = numeral.end;
  let approximate = numeral.vague;
  let compact = numeral.compact;
  let { min, max } = numeral;
  const suffix = activeUnitsOfMeasure().approximateSuffixes.find((word) => s.startsWith(word, j));
  // 来/许 count only before a unit (十来亩), or 「5来」 in free text would turn approximate.
  if (suffix && !isQuestionWord(s, j, suffix) && (suffix.length > 1 || suffix === '多' || suffix === '余' || matchUnit(s, j + suffix.length))) {
    approximate = true;
    j += suffix.length;
    const multiplier = /^[十百千万萬亿]+/.exec(s.slice(j, j + 3))?.[0];
    if (multiplier && (suffix === '多' || suffix === '余' || suffix === '来')) {
      // 「一百多万元」「三十多万亩」: the 万 after 多 scales the number before it.
      const factor = parseChineseNumber('1' + multiplier) ?? 1;
      min = roundCanonical(min * factor);
      max = roundCanonical(max * factor);
      compact += multiplier;
      j += multiplier.length;
    }
  }
  const unitMatch = matchUnit(s, j);
  if (!unitMatch) {
    return { ...numeral, min, max, end: j, approximate, compact, kind: 'number', unitText: multiplierOf(compact) || undefined };
  }
  const unit = unitMatch.unit;
  j = unitMatch.end;
  const plot = isCountedPlot(unit, s, j);
  if (!numeral.isRange && s[j] === '半') {
    min = max = min + 0.5;
    j++;
  } else if (!numeral.isRange && unit.subunitFactor !== undefined) {
    const digit = subunitDigit(s, j);
    if (digit !== undefined) {
      const next = matchUnit(s, j + 1);
      const subunitWord = next && SUBUNIT_WORDS.includes(next.unit.text);
      if (!next || subunitWord) {
        min = max = min + (digit * unit.subunitFactor) / unit.factor;
        j = subunitWord ? next.end : j + 1;
      }
    }
  }
  return {
    start: i,
    end: j,
    min: roundCanonical(min * unit.factor),
    max: roundCanonical(max * unit.factor),
    isRange: numeral.isRange,
    approximate,
    chinese: numeral.chinese,
    kind: plot ? 'count' : unit.kind,
    alsoKind: plot ? undefined : unit.alsoKind,
    unit,
    unitText: multiplierOf(compact) + unit.text,
    compact,
  };
}

/** A lone digit right after a unit with a sub-unit: 四成五, 3块5. */
function subunitDigit(s: string, j: number): number | undefined {
  const ch = s[j];
  if (ch === undefined) return undefined;
  const digit = ch >= '0' && ch <= '9' ? Number(ch) : CHINESE_DIGITS[ch];
  if (digit === undefined || digit === 0) return undefined;
  const next = s[j + 1] ?? '';
  if (/[\d.点十百千万亿]/.test(next)) return undefined;
  // 「三成五一亩」: a Chinese digit with its own unit after it starts the next quantity; otherwise it continues this numeral
  if (CHINESE_DIGITS[next] !== undefined && !matchUnit(s, j + 2)) return undefined;
  return digit;
}

/** 「100亩多少钱」: 多 starts a question word here, it does not mean "more than". */
export function isQuestionWord(s: string, j: number, suffix: string): boolean {
  return suffix === '多' && /[少大长久高重远]/.test(s[j + 1] ?? '');
}

/** The 万/亿 that ends a numeral as typed (「2.3万」 → 「万」), or nothing. */
export function multiplierOf(compact: string): string {
  return /[万萬亿]+$/.exec(compact)?.[0] ?? '';
}

function combineRange(first: Measure, second: Measure): Measure | undefined {
  if (first.unit && second.unit && first.kind !== second.kind) return undefined;
  let { min } = first;
  const unit = second.unit ?? first.unit;
  if (!first.unit && second.unit) min = roundCanonical(min * second.unit.factor);
  // 「4-5万亩」: the 万 written once belongs to both ends.
  const multiplier = /[十百千万萬亿]+$/.exec(second.compact)?.[0];
  if (multiplier && !/[十百千万萬亿.点]/.test(first.compact)) {
    const base = parseChineseNumber(second.compact.slice(0, -multiplier.length));
    const scaled = parseChineseNumber(first.compact + multiplier);
    if (base !== undefined && scaled !== undefined && first.min < base) min = roundCanonical(scaled * (first.unit ? 1 : unit?.factor ?? 1));
  }
  let max = second.max;
  if (first.unit && !second.unit) max = roundCanonical(max * first.unit.factor);
  if (!(min < max)) return undefined;
  return {
    ...second,
    start: first.start,
    min,
    max,
    isRange: true,
    approximate: first.approximate || second.approximate,
    chinese: first.chinese || second.chinese,
    kind: second.unit ? second.kind : first.kind,
    alsoKind: second.unit ? second.alsoKind : first.alsoKind,
    unit,
    unitText: second.unitText ?? first.unitText,
  };
}
