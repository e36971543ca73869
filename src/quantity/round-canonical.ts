/** Removes binary floating-point noise (2.3 × 10000 = 22999.999999999996) from computed values. */
export function roundCanonical(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value === 0 ? 0 : value;
  return Number(value.toPrecision(12));
}
