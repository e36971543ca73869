import { activeUnitsOfMeasure, findQuantities, type FoundQuantity, type UnitsOfMeasure } from '../quantity/index.ts';

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
  let found = kept.get(text);
  if (!found) {
    found = findQuantities(text);
    if (kept.size >= QUANTITIES_KEPT) kept.clear();
    kept.set(text, found);
  }
  return found;
}

const QUANTITIES_KEPT = 20_000;
const kept = new Map<string, FoundQuantity[]>();
let keptFor: UnitsOfMeasure | undefined;
