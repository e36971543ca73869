import { MULTIPLIERS } from './read-numeral.ts';
import { findStatedFigures } from './stated-figures.ts';
import { activeUnitsOfMeasure, defaultUnitsOfMeasure, type UnitsOfMeasure } from './units-of-measure.ts';
import { escapeRegExp } from '../text/regexp.ts';

/** The unit a question asks its figure in (「多少钱」 → 元/块, 「多少万亩」 → 亩/公顷), as the unit words a quote must state. */
export interface AskedUnit {
  stated: readonly string[];
  /**
   * The question states a figure in that unit before asking (「大豆茬一共2万亩，至少要报多少亩」): a share of it
   * (「按照大豆茬面积的30%以上申报」) answers too, as the asker's figure times the share.
   */
  ofStated?: boolean;
}

type AskedUnits = NonNullable<UnitsOfMeasure['askedUnits']>;

const compiled = new WeakMap<AskedUnits, Array<{ asks: RegExp; unit: AskedUnit }>>();

/** The asked-unit groups of the vocabulary in use (knowledge/units-of-measure.json), or the shipped ones. */
function askedGroups(): Array<{ asks: RegExp; unit: AskedUnit }> {
  const asked = activeUnitsOfMeasure().askedUnits ?? defaultUnitsOfMeasure.askedUnits;
  if (!asked) return [];
  const cached = compiled.get(asked);
  if (cached) return cached;
  const questionWords = asked.questionWords.map(escapeRegExp).join('|');
  const made = asked.groups.map((group) => ({
    // 万/亿 are numeral multipliers: 多少万亩 asks in 亩
    asks: new RegExp(`(?:${questionWords})(?:万|亿)?(?:${group.asked.map(escapeRegExp).join('|')})`, 'i'),
    unit: { stated: group.stated },
  }));
  compiled.set(asked, made);
  return made;
}

/** The unit the question asks its quantity in (「多少钱」「多少万亩」「几亩」), the first group of the vocabulary that matches. */
export function askedUnit(question: string): AskedUnit | undefined {
  for (const { asks, unit } of askedGroups()) {
    const asked = asks.exec(question);
    if (!asked) continue;
    return findStatedFigures(question.slice(0, asked.index), unit.stated).length ? { ...unit, ofStated: true } : unit;
  }
  return undefined;
}

/** The unit words of shares (%, 成 …) in the vocabulary in use. */
const shareWords = () => activeUnitsOfMeasure().units.filter((unit) => unit.kind === 'share').map((unit) => unit.text);

/** 「任务（万亩）」「千亩片」: the unit with its scale, as a table header names the unit of the figures below it. */
function namesScaledUnit(text: string, words: readonly string[]): boolean {
  return words.some((word) => {
    for (let at = text.indexOf(word, 1); at > 0; at = text.indexOf(word, at + 1)) if (MULTIPLIERS.includes(text[at - 1]!)) return true;
    return false;
  });
}

/**
 * A passage states the asked unit: a figure followed by it, the unit with its scale (a header's 「（万亩）」), or
 * (a table row) the unit in its header and a digit. Without an asked unit every passage does. A quote without
 * any figure in the asked unit does not answer (`每亩补多少钱` is not answered by a sentence about 2020-2025年).
 */
export function statesAskedUnit(unit: AskedUnit | undefined, text: string, isRow: boolean): boolean {
  if (!unit) return true;
  if (findStatedFigures(text, unit.stated).length > 0 || namesScaledUnit(text, unit.stated)) return true;
  if (unit.ofStated && findStatedFigures(text, shareWords()).length > 0) return true;
  return isRow && unit.stated.some((word) => text.includes(word)) && /\d/.test(text);
}
