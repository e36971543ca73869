import { KIND_WORDS } from './kind-words.ts';
import type { QuantityKind } from './types.ts';

/** Sentence-final particles and approximations after a bare number (「30吧」「50左右」) are no unit. */
const PARTICLES = /^[吧呢啊呀的了嘛哦哈左右上下]+/;

/**
 * 「2垧」 where 垧 is not in units-of-measure.json: the word right after a number read without a unit (the
 * text after the number is passed). Taking the number in the default unit would store a wrong figure, so
 * the caller asks the user to convert. 「2垧地」 → 垧.
 */
export function unknownUnitWord(after: string): string | undefined {
  const word = /^\s*(\p{Script=Han}{1,2})(?![\p{Script=Han}])/u.exec(after)?.[1];
  if (!word || PARTICLES.test(word)) return undefined;
  return word.length === 2 && /[地田]$/.test(word) ? word[0] : word;
}

/** What to tell the user about an unknown unit word, for a quantity of this kind. */
export function unknownUnitMessage(kind: QuantityKind, word: string): string {
  return `不认识「${word}」这个单位，请换算成常用单位再输入，例如：${KIND_WORDS[kind].examples}（常用的本地单位可请管理员加到资料目录的 units-of-measure.json 里）`;
}
