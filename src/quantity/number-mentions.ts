import { parseChineseNumber } from './chinese-number.ts';
import { activeUnitsOfMeasure, defaultUnitsOfMeasure, type UnitsOfMeasure } from './units-of-measure.ts';
import { escapeRegExp } from '../text/regexp.ts';
/** A number written in text, with its unit, normalised so that 20万 / 200000 / 二十万 compare equal. */
export interface NumberMention {
  /** Value after applying 万/亿/千 multipliers (20万 → 200000). */
  value: number;
  /** The numeral as written, before the multiplier (20万 → 20); matches bare table cells under a 万元 header. */
  raw: number;
  /** Unit family (元, 亩, %, cm, 日 …), undefined when the number stands alone. */
  unit?: string;
  text: string;
  index: number;
}

const MULTIPLIERS: Record<string, number> = { 千: 1e3, 万: 1e4, 亿: 1e8, 万亿: 1e12 };

/** The unit words and their families from the vocabulary in use (knowledge/units-of-measure.json), or the shipped ones. */
interface MentionUnits {
  arabic: RegExp;
  chinese: RegExp;
  family: Map<string, string>;
}

const compiled = new WeakMap<UnitsOfMeasure, MentionUnits>();

function mentionUnits(): MentionUnits {
  const active = activeUnitsOfMeasure();
  const vocabulary = active.numberMentionUnits?.units.length ? active : defaultUnitsOfMeasure;
  const cached = compiled.get(vocabulary);
  if (cached) return cached;
  const units = [...(vocabulary.numberMentionUnits?.units ?? [])].sort((a, b) => b.text.length - a.text.length);
  // longest alternatives first; 万/亿 are multipliers, handled before the unit
  const pattern = units.map((unit) => escapeRegExp(unit.text)).join('|');
  const made: MentionUnits = {
    arabic: new RegExp(`(?<!第\\s*)(?<![\\d.])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?\\s*(万亿|亿|万|千)?\\s*(${pattern})?`, 'g'),
    chinese: new RegExp(`(第)?([零〇一二两三四五六七八九十百千点]+)(万亿|亿|万)?(${pattern})`, 'g'),
    family: new Map(units.map((unit) => [unit.text, unit.family ?? unit.text])),
  };
  compiled.set(vocabulary, made);
  return made;
}

/** 二十 → 20, 三百五十 → 350, 一千零五 → 1005, 五点五 → 5.5; undefined when it is not a plain numeral (src/quantity reads it). */
export function chineseNumeralValue(text: string): number | undefined {
  return parseChineseNumber(text);
}

/** Full-width digits and signs to half-width; 【1】 to [1]; 百分之六十 to 六十%. */
export function normaliseNumberText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/【(\d+)】/g, '[$1]')
    .replace(/百分之([零〇一二两三四五六七八九十百点\d.]+)/g, '$1%');
}


/** 18.65 × 1e8 without the binary-fraction tail. */
function scale(raw: number, multiplier: number): number {
  return Number((raw * multiplier).toPrecision(12));
}


/**
 * Every number in the text. Arabic numerals always count; Chinese numerals only with a unit
 * (二十万元, 两年), not as ordinals (第二档) and not a lone 一, so that 一是 / 三区四情 are not numbers.
 */
export function findNumberMentions(input: string): NumberMention[] {
  const text = normaliseNumberText(input);
  const units = mentionUnits();
  const family = (unit: string | undefined) => (unit ? (units.family.get(unit) ?? unit) : undefined);
  const mentions: NumberMention[] = [];
  for (const match of text.matchAll(units.arabic)) {
    const raw = Number(match[1].replace(/,/g, '') + (match[2] ?? ''));
    const multiplier = match[3] ? MULTIPLIERS[match[3]] : 1;
    mentions.push({ value: scale(raw, multiplier), raw, unit: family(match[4]), text: match[0].trim(), index: match.index });
  }
  for (const match of text.matchAll(units.chinese)) {
    // 一 alone is prose far more often than a quantity: 一次性, 一批, 统一年度.
    if (match[1] || (match[2] === '一' && !match[3])) continue;
    const raw = chineseNumeralValue(match[2]);
    if (raw === undefined) continue;
    const multiplier = match[3] ? MULTIPLIERS[match[3]] : 1;
    mentions.push({ value: scale(raw, multiplier), raw, unit: family(match[4]), text: match[0], index: match.index });
  }
  return mentions.sort((a, b) => a.index - b.index);
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Whether a number of the answer is backed by one of the source numbers: the same value with a
 * compatible unit, or the same numeral next to a bare source number (a table cell under 万元).
 */
export function isBackedBy(mention: NumberMention, sources: NumberMention[]): boolean {
  return sources.some(
    (source) =>
      (close(source.value, mention.value) && (!source.unit || !mention.unit || source.unit === mention.unit)) ||
      (!source.unit && close(source.raw, mention.raw)),
  );
}
