import type { Quantity } from './types.ts';
import { activeUnitsOfMeasure } from './units-of-measure.ts';

/**
 * 「一万出头」「近八千亩」「两百多亩」「不到一万」: an approximation that gives only one side of the figure, not the
 * figure (as 「约1.3万亩」「九千亩左右」 do). Words from units-of-measure.json `openEndedApproximations`.
 */
export function isOpenEnded(quantity: Pick<Quantity, 'approximate' | 'bound' | 'text'>): boolean {
  if (!quantity.approximate) return false;
  if (quantity.bound) return true;
  return activeUnitsOfMeasure().openEndedApproximations.some((word) => quantity.text.includes(word));
}
