import { parseChineseNumber } from '../quantity/index.ts';
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

// Longest alternatives first; 万/亿 are multipliers, handled before the unit.
const UNITS = [
  '元/亩', '元每亩', '元', '公顷', '平方米', '亩', '%', '‰', '厘米', '毫米', '公里', 'cm', 'mm', 'km', 'kg', '公斤', '千克', '吨',
  '个', '家', '户', '人', '名', '天', '日', '年', '月', '号', '倍', '次', '项', '份', '处', '座', '套', '台', '级', '批', '片', '县', '乡', '镇', '村',
  '小时', '周', '季度', '期', '分', '点', '米',
];
const UNIT_PATTERN = UNITS.map((unit) => unit.replace(/[/%]/g, '\\$&')).join('|');

const UNIT_FAMILY: Record<string, string> = {
  '元/亩': '元', 元每亩: '元', 天: '日', 号: '日', 厘米: 'cm', 毫米: 'mm', 公里: 'km', 公斤: 'kg', 千克: 'kg', 名: '人',
};

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

const ARABIC = new RegExp(`(?<!第\\s*)(?<![\\d.])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?\\s*(万亿|亿|万|千)?\\s*(${UNIT_PATTERN})?`, 'g');
const CHINESE = new RegExp(`(第)?([零〇一二两三四五六七八九十百千点]+)(万亿|亿|万)?(${UNIT_PATTERN})`, 'g');

/** 18.65 × 1e8 without the binary-fraction tail. */
function scale(raw: number, multiplier: number): number {
  return Number((raw * multiplier).toPrecision(12));
}

function family(unit: string | undefined): string | undefined {
  return unit ? (UNIT_FAMILY[unit] ?? unit) : undefined;
}

/**
 * Every number in the text. Arabic numerals always count; Chinese numerals only with a unit
 * (二十万元, 两年), not as ordinals (第二档) and not a lone 一, so that 一是 / 三区四情 are not numbers.
 */
export function findNumberMentions(input: string): NumberMention[] {
  const text = normaliseNumberText(input);
  const mentions: NumberMention[] = [];
  for (const match of text.matchAll(ARABIC)) {
    const raw = Number(match[1].replace(/,/g, '') + (match[2] ?? ''));
    const multiplier = match[3] ? MULTIPLIERS[match[3]] : 1;
    mentions.push({ value: scale(raw, multiplier), raw, unit: family(match[4]), text: match[0].trim(), index: match.index });
  }
  for (const match of text.matchAll(CHINESE)) {
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
