/** Character-level cleanup shared by documents and queries. */

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const CJK_PUNCT = '\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20\\u2014\\u2018-\\u201f\\u2026';
const SPACE_BETWEEN_CJK = new RegExp(`([${CJK}${CJK_PUNCT}]) +(?=[${CJK}${CJK_PUNCT}])`, 'g');
const SPACE_DIGIT_CJK = new RegExp(`([0-9%]) +(?=[${CJK}])`, 'g');
const SPACE_CJK_DIGIT = new RegExp(`([${CJK}]) +(?=[0-9])`, 'g');
const SPACE_AROUND_PAREN = new RegExp(`([${CJK}]) +(?=[(（])|([(（]) +| +(?=[)）])|([)）]) +(?=[${CJK}])`, 'g');

/** True for characters of Chinese text (ideographs). */
export function isCjk(char: string): boolean {
  return new RegExp(`^[${CJK}]$`).test(char);
}

/** Removes spaces that text extraction put between Chinese characters (`法库县 2022 年` → `法库县2022年`). */
export function collapseCjkSpaces(text: string): string {
  return text
    .replace(SPACE_BETWEEN_CJK, '$1')
    .replace(SPACE_BETWEEN_CJK, '$1')
    .replace(SPACE_DIGIT_CJK, '$1')
    .replace(SPACE_CJK_DIGIT, '$1')
    .replace(SPACE_AROUND_PAREN, (_m, cjk?: string, open?: string, close?: string) => cjk ?? open ?? close ?? '');
}

/** Strips markup left by converters: HTML tags, markdown emphasis, LaTeX `$\text{pH} < 5.5$`. */
export function stripMarkup(line: string): string {
  return line
    .replace(/<\/p>\s*<p>/gi, ' ')
    .replace(/<\/?(b|p|strong|em|i|u|span|div|br|sup|sub|font)\b[^>]*>/gi, '')
    .replace(/\$([^$\n]{1,80})\$/g, (_m, inner: string) => inner.replace(/\\text\{([^}]*)\}/g, '$1').replace(/\\[a-z]+/gi, '').replace(/\s+/g, ' ').trim())
    .replace(/\*\*|__/g, '')
    .replace(/\u00a0|\u3000/g, ' ');
}

/** Query/answer comparison form: NFKC, lower case, no white space. */
export function comparable(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

const LEVELS = '县乡村市省镇';
const SHARED_LEVEL = new RegExp(`([${LEVELS}])(?=、(?:[${LEVELS}]、)*[${LEVELS}]级)`, 'g');

const COUNTED_LEVEL = new RegExp(`(?<=、)([${LEVELS}])[两三四五]级`, 'g');

/** Two one-character conjuncts sharing the words after them (`免、少耕播种` = 免耕播种、少耕播种); place lists are not. */
const SHARED_SUFFIX = new RegExp(`(?<!、[${CJK}]?)([^${LEVELS}区旗级\\P{Script=Han}])、([${CJK}])([${CJK}]{2,6})`, 'gu');

/** Passage text as matched against questions: comparable form, `县、乡级` / `县、乡、村三级` read as `县级、乡级(、村级)`, `免、少耕播种` as `免耕播种、少耕播种`. */
export function matchable(text: string): string {
  return comparable(text).replace(COUNTED_LEVEL, '$1级').replace(SHARED_LEVEL, '$1级').replace(SHARED_SUFFIX, '$1$3、$2$3');
}
