import { isNumeralStart, numeralRunEnd, readNumeral } from './read-numeral.ts';
import { multiplierOf } from './read-measure.ts';
import { activeUnitsOfMeasure, defaultUnitsOfMeasure } from './units-of-measure.ts';

/** A number in text directly followed by a unit word: 「70元」「2.91万亩」「二十万元」「半亩」. */
export interface StatedFigure {
  /** Where the numeral starts. */
  index: number;
  /** Just after the unit word. */
  end: number;
  /** The unit as written, with the numeral's 万/亿: 「万亩」「元」「%」. */
  unit: string;
  /** Written without any Arabic digit (二十万元, 半亩). */
  chinese: boolean;
}

/** Latin unit words (cm) match whatever their case; Chinese ones as written. */
const sameWord = (text: string, at: number, word: string) =>
  /[A-Za-z]/.test(word) ? text.slice(at, at + word.length).toLowerCase() === word.toLowerCase() : text.startsWith(word, at);

/** The first of words (longest first) at i, after at most two spaces. */
function unitWordAt(text: string, i: number, words: readonly string[]): { word: string; end: number } | undefined {
  let j = i;
  while (j < text.length && j - i < 2 && text[j] === ' ') j++;
  const word = words.find((candidate) => sameWord(text, j, candidate));
  return word === undefined ? undefined : { word, end: j + word.length };
}

/**
 * Every figure stated in one of the given unit words, left to right. Numbers are read by the one numeral
 * reader (digits, Chinese numerals, 万/亿, thousands commas); a number followed by anything else, or an ordinal
 * (第三个), is not a figure.
 */
export function findStatedFigures(text: string, unitWords: readonly string[]): StatedFigure[] {
  const words = [...unitWords].sort((a, b) => b.length - a.length);
  const figures: StatedFigure[] = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] === '半') {
      const unit = unitWordAt(text, i + 1, words);
      if (unit) figures.push({ index: i, end: unit.end, unit: unit.word, chinese: true });
      i = unit?.end ?? i + 1;
      continue;
    }
    if (!isNumeralStart(text, i)) {
      i++;
      continue;
    }
    // 第三个 is an ordinal, not a figure
    const numeral = text[i - 1] === '第' ? undefined : readNumeral(text, i);
    const unit = numeral && unitWordAt(text, numeral.end, words);
    if (numeral && unit) {
      figures.push({ index: i, end: unit.end, unit: multiplierOf(numeral.compact) + unit.word, chinese: numeral.chinese });
      i = unit.end;
    } else i = Math.max(i + 1, numeralRunEnd(text, i));
  }
  return figures;
}

/** Units whose stated figures make an example question for a newly added document (units-of-measure.json exampleQuestionUnits). */
export function exampleQuestionUnits(): readonly string[] {
  return (activeUnitsOfMeasure().exampleQuestionUnits ?? defaultUnitsOfMeasure.exampleQuestionUnits)?.units ?? [];
}
