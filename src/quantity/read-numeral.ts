import { CHINESE_DIGITS, parseChineseNumber, parseChineseRange } from './chinese-number.ts';

/** A number (or a Chinese digit range such as 四五十) read at one position of normalised text. */
export interface Numeral {
  start: number;
  end: number;
  min: number;
  max: number;
  /** 四五十 / 十几: the typed numeral itself names two values. */
  isRange: boolean;
  /** 几 is vague, not a choice between two values. */
  vague: boolean;
  /** Written without any Arabic digit (一, 十, 三万): such bare words are often not quantities in free text. */
  chinese: boolean;
  /** The typed numeral without spaces, e.g. 「2.3万」. */
  compact: string;
}

/** No number a person types is longer; longer digit runs are ids or noise, and backing off over them would be quadratic. */
const MAX_NUMERAL_LENGTH = 40;
/** Numeral multipliers: part of a number (三万), or a unit's scale (万亩). */
export const MULTIPLIERS = '十拾百佰千仟万萬亿';
const isArabicDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
const isChineseDigit = (ch: string | undefined) => ch !== undefined && CHINESE_DIGITS[ch] !== undefined;
const isDigitLike = (ch: string | undefined) => isArabicDigit(ch) || isChineseDigit(ch);

/** True where a numeral may begin: a digit, 十 (十五) or 几 (几十). */
export function isNumeralStart(s: string, i: number): boolean {
  const ch = s[i];
  return isDigitLike(ch) || ch === '十' || ch === '拾' || (ch === '几' && (s[i + 1] === '十' || s[i + 1] === '百' || s[i + 1] === '千' || s[i + 1] === '万'));
}

/** End of the longest run of numeral characters starting at i (digits, 十百千万亿, 点, thousands commas, 几). */
export function numeralRunEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const ch = s[j]!;
    // 千克, 千米 and 千瓦 are units, not 千 × 克.
    if (ch === '千' && j > i && (s[j + 1] === '克' || s[j + 1] === '米' || s[j + 1] === '瓦')) break;
    if (isDigitLike(ch) || MULTIPLIERS.includes(ch) || ch === '几') j++;
    // A thousands comma never follows a decimal point: 「pH 4.2,100亩」 is two numbers.
    else if (ch === ',' && isArabicDigit(s[j - 1]) && !/[.点]/.test(s.slice(i, j)) && /^\d{3}(?!\d)/.test(s.slice(j + 1, j + 5))) j++;
    else if ((ch === '.' || ch === '点') && isDigitLike(s[j - 1]) && isDigitLike(s[j + 1])) j++;
    else if (ch === ' ' && isArabicDigit(s[j - 1]) && /^ +[万亿]/.test(s.slice(j, j + 4))) j++;
    else break;
  }
  return j;
}

/**
 * Reads the numeral at i, backing off from the longest run until it parses (三两 → 三), so a unit
 * that happens to look like a numeral is left for the unit matcher.
 */
export function readNumeral(s: string, i: number): Numeral | undefined {
  if (!isNumeralStart(s, i)) return undefined;
  const runEnd = numeralRunEnd(s, i);
  if (runEnd - i > MAX_NUMERAL_LENGTH) return undefined;
  for (let end = runEnd; end > i; end--) {
    const compact = s.slice(i, end).replace(/\s+/g, '');
    if (compact.endsWith(',') || compact.endsWith('.') || compact.endsWith('点')) continue;
    const chinese = !/\d/.test(compact);
    if (/[^\d.,]/.test(compact)) {
      const range = parseChineseRange(compact);
      if (range) return { start: i, end, min: range.min, max: range.max, isRange: true, vague: range.vague, chinese, compact };
    }
    const value = parseChineseNumber(compact);
    if (value !== undefined) return { start: i, end, min: value, max: value, isRange: false, vague: false, chinese, compact };
  }
  return undefined;
}
