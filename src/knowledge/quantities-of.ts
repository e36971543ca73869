import { activeUnitsOfMeasure, findQuantities, type FoundQuantity, type UnitsOfMeasure } from '../quantity/index.ts';
import { keptValues } from '../memo/kept-values.ts';

/**
 * findQuantities for the answer engine, read once per text: every question's candidate sentences are mostly
 * sentences earlier questions read, and one question reads its own figures in several places. The quantities
 * are shared: read them, never change them. Forgotten when the units of measure change.
 */
export function quantitiesOf(text: string): readonly FoundQuantity[] {
  const units = activeUnitsOfMeasure();
  if (units !== keptFor) {
    kept.clear();
    keptFor = units;
  }
  return kept.get(text, () => findQuantities(text));
}

const kept = keptValues<string, readonly FoundQuantity[]>(20_000);
let keptFor: UnitsOfMeasure | undefined;
