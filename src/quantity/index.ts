export type {
  FoundQuantity, ParseQuantityOptions, Quantity, QuantityBound, QuantityKind, QuantityParse,
} from './types.ts';
export { parseChineseNumber, parseChineseRange } from './chinese-number.ts';
export { formatChineseNumeral } from './format-chinese-numeral.ts';
export { parseQuantity, DEFAULT_LIMITS, MAX_ANSWER_LENGTH } from './parse-quantity.ts';
export { findQuantities } from './find-quantities.ts';
export { findNumberMentions, isBackedBy, normaliseNumberText, chineseNumeralValue, type NumberMention } from './number-mentions.ts';
export { askedUnit, statesAskedUnit, type AskedUnit } from './asked-unit.ts';
export { exampleQuestionUnits, findStatedFigures, type StatedFigure } from './stated-figures.ts';
export { formatQuantity } from './format-quantity.ts';
export { KIND_WORDS } from './kind-words.ts';
export { activeUnitsOfMeasure, loadUnitsOfMeasure, useUnitsOfMeasure, UnitsOfMeasureError, type UnitsOfMeasure } from './units-of-measure.ts';
export { unitFactor } from './unit-factor.ts';
export { unknownUnitMessage, unknownUnitWord } from './unknown-unit.ts';
export { isOpenEnded } from './open-ended.ts';
