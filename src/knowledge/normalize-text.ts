/** Character-level cleanup shared by documents and queries. */
import { stripLostCharacterMarks, stripPinyin } from './pinyin-annotations.ts';
import { toSimplified } from '../text/simplified.ts';
import { keptValues } from '../memo/kept-values.ts';

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
  return matchableKept.get(text, () =>
    comparable(text).replace(COUNTED_LEVEL, '$1级').replace(SHARED_LEVEL, '$1级').replace(SHARED_SUFFIX, '$1$3、$2$3'));
}

/** The same passages and sections are matched against every question: their matchable form is worked out once. */
const matchableKept = keptValues<string, string>(50_000);

/** Characters NFKC would flatten into something else (① → 1, … → ...), kept as written. */
const KEEP_AS_WRITTEN = /[\u2460-\u2473\u2026\u3007]+/g;

/** NFKC (full-width letters and digits, compatibility ideographs) except circled numbers and the ellipsis. */
export function nfkc(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(KEEP_AS_WRITTEN)) {
    out += text.slice(last, match.index).normalize('NFKC') + match[0];
    last = match.index! + match[0].length;
  }
  return out + text.slice(last).normalize('NFKC');
}

const HAN = '\\u3400-\\u9fff\\uf900-\\ufaff';
const HAN_OR_MARK = `${HAN}\\u3001-\\u3011\\u201c\\u201d\\uff08\\uff09》》`;
/** A western comma or semicolon next to Chinese text (not `1,000`). */
const WESTERN_COMMA = new RegExp(`(?<=[${HAN_OR_MARK}]) *, *| *, *(?=[${HAN}\\u2460-\\u2473])`, 'g');
const WESTERN_SEMICOLON = new RegExp(`(?<=[${HAN_OR_MARK}]) *; *| *; *(?=[${HAN}])`, 'g');
/** `作者:` `导读:` — a colon after a character (times like 14:21 stay). */
const WESTERN_COLON = new RegExp(`(?<=[${HAN}\\uff09）]) *: *`, 'g');
/** `…相关工作.第五条` — a full stop after a character, before a character, a space or the line end (`1.` and `3.5` stay). */
const WESTERN_STOP = new RegExp(`(?<=[${HAN}\\uff09”》])\\.(?=[${HAN}“《（(]|\\s|$)`, 'gm');
const WESTERN_QUESTION = new RegExp(`(?<=[${HAN}])\\?(?=[${HAN}“”]|\\s|$)`, 'gm');
const WESTERN_EXCLAMATION = new RegExp(`(?<=[${HAN}])!`, 'g');
/** A bracket pair holding or touching Chinese text is written full-width: `(一)` → `（一）`, `(2020-2025年)` → `（2020-2025年）`. */
const BRACKET_PAIR = /(.?)\(([^()\n]{0,80})\)(.?)/g;
const HAN_CHAR = new RegExp(`[${HAN}]`);

/** Western punctuation used in Chinese text becomes Chinese punctuation; dashes and spaces are unified. */
export function unifyPunctuation(text: string): string {
  return text
    .replace(/[\u2015\u2500]/g, '—')
    .replace(/[\u00a0\u2002-\u200a\u3000]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(BRACKET_PAIR, (whole, before: string, inner: string, after: string) =>
      HAN_CHAR.test(inner) || HAN_CHAR.test(before) || HAN_CHAR.test(after) ? `${before}（${inner}）${after}` : whole,
    )
    .replace(WESTERN_COMMA, '，')
    .replace(WESTERN_SEMICOLON, '；')
    .replace(WESTERN_COLON, '：')
    .replace(WESTERN_STOP, '。')
    .replace(WESTERN_QUESTION, '？')
    .replace(WESTERN_EXCLAMATION, '！');
}

/**
 * The one normalisation of text as it arrives, used at ingest and for questions: pinyin annotations
 * removed, traditional → simplified, NFKC, punctuation unified. Line breaks are kept.
 */
export function normalizeText(text: string): string {
  return unifyPunctuation(nfkc(toSimplified(stripLostCharacterMarks(stripPinyin(text.replace(/\r\n?/g, '\n'))))));
}

/** A question as the index sees it: the same normalisation, on one line. */
export function normalizeQuestion(text: string): string {
  // one message is normalised by the eligibility check (each turn) and by the answer engine: worked out once
  return recentQuestions.get(text, () => normalizeText(text).replace(/\s*\n\s*/g, ' ').trim());
}
const recentQuestions = keptValues<string, string>(1_000);
