import { findQuantities } from './find-quantities.ts';
import type { QuantityKind } from './types.ts';

/**
 * What one of a unit is worth in its kind's canonical unit (万亩 → area 10000 亩, 万元 → money 10000 元,
 * 公顷 → area 15 亩), read by the same parser as every answer; undefined for a word that is not a unit.
 */
export function unitFactor(unit: string): { kind: QuantityKind; factor: number } | undefined {
  if (!unit) return undefined;
  const [found] = findQuantities(`1${unit}`);
  if (!found || found.text !== `1${unit}` || found.kind === 'number' || found.range || found.bound) return undefined;
  return { kind: found.kind, factor: found.value };
}
