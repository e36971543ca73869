import { roundCanonical } from './round-canonical.ts';
import type { ScannedQuantity } from './scan-quantities.ts';
import type { Quantity } from './types.ts';

/** The public shape of a scanned quantity; text is cut from the string as the user typed it. */
export function toQuantity(scanned: ScannedQuantity, typed: string): Quantity {
  const sign = scanned.negative ? -1 : 1;
  const min = sign * scanned.min;
  const max = sign * scanned.max;
  const quantity: Quantity = {
    kind: scanned.kind,
    value: scanned.isRange ? roundCanonical((min + max) / 2) : min,
    approximate: scanned.approximate,
    text: typed.slice(scanned.index, scanned.end).trim(),
  };
  if (scanned.isRange) quantity.range = { min: Math.min(min, max), max: Math.max(min, max) };
  if (scanned.unit) quantity.unit = scanned.unit;
  if (scanned.note) quantity.note = scanned.note;
  if (scanned.per) quantity.per = scanned.per;
  if (scanned.bound) quantity.bound = scanned.bound;
  return quantity;
}
