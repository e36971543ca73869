import { normalizeInput } from './normalize-input.ts';
import { roundCanonical } from './round-canonical.ts';

/** Chinese digits, including the financial forms (壹贰叁) and 两. */
export const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8 };

type DigitToken = { type: 'digit'; value: number; chinese: boolean; oneChar: boolean };
type Token =
  | DigitToken
  | { type: 'small'; value: number }
  | { type: 'big'; value: number };

/**
 * Reads one number written in Arabic or Chinese numerals or a mix of both:
 * 四十五, 两千三百, 三万五, 一万二千, 1.2万, 零点五, 1,234, １２０, 二〇二四.
 * Returns undefined for anything else, including ranges such as 四五十 (see parseChineseRange).
 */
export function parseChineseNumber(text: string): number | undefined {
  if (typeof text !== 'string' || text.length > 64) return undefined;
  const compact = normalizeInput(text).replace(/\s+/g, '');
  const value = parseCompact(compact);
  return value !== undefined && Number.isFinite(value) ? roundCanonical(value) : undefined;
}

/**
 * Reads a Chinese range of neighbouring digits (四五十 → 40..50, 十七八 → 17..18, 三五 → 3..5,
 * 一两百 → 100..200) or a vague 几 (十几 → 11..19, 几百 → 100..900).
 */
export function parseChineseRange(text: string): { min: number; max: number; vague: boolean } | undefined {
  if (typeof text !== 'string' || text.length > 64) return undefined;
  const s = normalizeInput(text).replace(/\s+/g, '');
  if (s.includes('几')) {
    if (s.indexOf('几') !== s.lastIndexOf('几')) return undefined;
    const min = parseCompact(s.replace('几', '一'));
    const max = parseCompact(s.replace('几', '九'));
    return min !== undefined && max !== undefined && min < max ? { min, max, vague: true } : undefined;
  }
  for (let i = 0; i + 1 < s.length; i++) {
    const a = CHINESE_DIGITS[s[i]!];
    const b = CHINESE_DIGITS[s[i + 1]!];
    if (!a || !b) continue;
    if (CHINESE_DIGITS[s[i - 1] ?? ''] !== undefined || CHINESE_DIGITS[s[i + 2] ?? ''] !== undefined) return undefined;
    if (!(b === a + 1 || (a === 3 && b === 5) || (a === 1 && b === 2))) return undefined;
    const min = parseCompact(s.slice(0, i + 1) + s.slice(i + 2));
    const max = parseCompact(s.slice(0, i) + s.slice(i + 1));
    return min !== undefined && max !== undefined && min < max
      ? { min: roundCanonical(min), max: roundCanonical(max), vague: false }
      : undefined;
  }
  return undefined;
}

function parseCompact(input: string): number | undefined {
  // Thousands separators only where they separate exactly three digits: 1,234 and 12,345,678.
  const s = input.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  if (s === '' || s.includes(',')) return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);

  const multiplied = /^(.*[.点].*?)([十百千万萬亿]+)$/.exec(s);
  if (multiplied) {
    const head = parseDecimal(multiplied[1]!);
    let factor = 1;
    for (const ch of multiplied[2]!) factor *= SMALL_UNITS[ch] ?? BIG_UNITS[ch]!;
    return head === undefined ? undefined : head * factor;
  }
  return /[.点]/.test(s) ? parseDecimal(s) : parseInteger(s);
}

function parseDecimal(s: string): number | undefined {
  const parts = s.split(/[.点]/);
  if (parts.length !== 2 || parts[1] === '') return undefined;
  const whole = /^\d+$/.test(parts[0]!) ? Number(parts[0]) : parseInteger(parts[0]!);
  let fraction = '';
  for (const ch of parts[1]!) {
    const digit = /\d/.test(ch) ? Number(ch) : CHINESE_DIGITS[ch];
    if (digit === undefined) return undefined;
    fraction += String(digit);
  }
  return whole === undefined ? undefined : whole + Number(`0.${fraction}`);
}

function tokenize(s: string): Token[] | undefined {
  const tokens: Token[] = [];
  for (let i = 0; i < s.length; ) {
    const arabic = /^\d+/.exec(s.slice(i, i + 20));
    if (arabic) {
      tokens.push({ type: 'digit', value: Number(arabic[0]), chinese: false, oneChar: arabic[0].length === 1 });
      i += arabic[0].length;
      continue;
    }
    const ch = s[i]!;
    if (CHINESE_DIGITS[ch] !== undefined) tokens.push({ type: 'digit', value: CHINESE_DIGITS[ch]!, chinese: true, oneChar: true });
    else if (SMALL_UNITS[ch] !== undefined) tokens.push({ type: 'small', value: SMALL_UNITS[ch]! });
    else if (BIG_UNITS[ch] !== undefined) tokens.push({ type: 'big', value: BIG_UNITS[ch]! });
    else return undefined;
    i++;
  }
  return tokens;
}

function parseInteger(s: string): number | undefined {
  const tokens = tokenize(s);
  if (!tokens || tokens.length === 0) return undefined;
  if (tokens.every((t) => t.type === 'digit' && t.chinese)) return parseDigitSequence(tokens.map((t) => t.value));

  let total = 0;
  let previousBig = Infinity;
  let group: Token[] = [];
  for (const token of tokens) {
    if (token.type !== 'big') {
      group.push(token);
      continue;
    }
    if (token.value >= previousBig) return undefined;
    const section = parseSection(group);
    if (section === undefined || group.length === 0) return undefined;
    total += section * token.value;
    previousBig = token.value;
    group = [];
  }
  if (group.length === 0) return total;
  const only = group[0]!;
  // 三万五 = 35000 and 一亿二 = 120000000: a lone trailing digit counts in the next lower place.
  if (group.length === 1 && only.type === 'digit' && only.oneChar && only.value !== 0 && previousBig !== Infinity) {
    return total + only.value * (previousBig / 10);
  }
  const rest = parseSection(group);
  return rest === undefined ? undefined : total + rest;
}

/** Below 万: 两千三百, 一百零五, 十五, 一百五 (= 150), 3千5百. */
function parseSection(tokens: Token[]): number | undefined {
  let total = 0;
  let digit: DigitToken | undefined;
  let lastUnit = Infinity;
  let zeroSeen = false;
  for (const token of tokens) {
    if (token.type === 'digit') {
      if (digit !== undefined) return undefined;
      if (token.value === 0 && token.chinese) zeroSeen = true;
      else digit = token;
    } else if (token.type === 'small') {
      if (token.value >= lastUnit) return undefined;
      const multiplier = digit?.value ?? (token.value === 10 && total === 0 && !zeroSeen ? 1 : undefined);
      if (multiplier === undefined) return undefined;
      total += multiplier * token.value;
      digit = undefined;
      lastUnit = token.value;
      zeroSeen = false;
    } else {
      return undefined;
    }
  }
  if (digit === undefined) return tokens.length > 0 ? total : undefined;
  if (!zeroSeen && digit.oneChar && lastUnit !== Infinity && lastUnit >= 100) return total + digit.value * (lastUnit / 10);
  return total + digit.value;
}

/** 二〇二四 → 2024, 五零 → 50; two non-zero digits (四五) are a range, not a number. */
function parseDigitSequence(digits: number[]): number | undefined {
  if (digits.length === 1) return digits[0];
  if (digits.length === 2 && digits[1] !== 0 && digits[0] !== 0) return undefined;
  if (digits.length === 2 && digits[0] === 0) return digits[1];
  return Number(digits.join(''));
}
