import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findQuantities } from '../../src/quantity/find-quantities.ts';
import { formatQuantity } from '../../src/quantity/format-quantity.ts';
import { parseQuantity } from '../../src/quantity/parse-quantity.ts';
import type { QuantityKind } from '../../src/quantity/types.ts';
import { defaultUnitsOfMeasure as unitsOfMeasure } from '../../src/quantity/units-of-measure.ts';

const KINDS: QuantityKind[] = ['area', 'share', 'money', 'ph', 'count', 'length', 'weight', 'number'];
const PROPERTY_TIMEOUT = 120_000;

/** Pieces people type around numbers, so random strings reach deep into the grammar. */
const fragment = fc.constantFrom(
  '一', '二', '两', '五', '十', '百', '千', '万', '亿', '零', '点', '几', '半', '0', '1', '4', '5', '9', '.', ',', '-', '~', '/',
  '亩', '公顷', '%', '％', '成', '元', '块', '地', '个', '户', '斤', '吨', '米', 'cm', 'pH', 'ph值', '分之', '百分之', '一半',
  '约', '大概', '将近', '多', '来', '左右', '以上', '不到', '到', '至', '，', ' ', '负', '第', '每亩', '花了', '取土', '👍', '\u0000',
);
const typed = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.array(fragment, { maxLength: 14 }).map((parts) => parts.join('')));

describe('quantity parser properties', () => {
  it('parseQuantity never throws and always explains an error in Chinese', () => {
    fc.assert(fc.property(typed, fc.constantFrom(...KINDS), (text, kind) => {
      const result = parseQuantity(text, kind);
      if (result.ok) expect(Number.isFinite(result.quantity.value)).toBe(true);
      else expect(result.error).toMatch(/[\u4e00-\u9fff]/);
    }), { numRuns: 400 });
  }, PROPERTY_TIMEOUT);

  it('a share is always within [0, 1], or an error', () => {
    fc.assert(fc.property(typed, (text) => {
      const result = parseQuantity(text, 'share');
      if (!result.ok) return;
      const { value, range } = result.quantity;
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
      if (range) expect(range.min >= 0 && range.max <= 1 && range.min < range.max).toBe(true);
    }), { numRuns: 400 });
  }, PROPERTY_TIMEOUT);

  it('any Arabic number with any unit parses to number × factor', () => {
    const units = unitsOfMeasure.units;
    const decimal = fc.integer({ min: 1, max: 99_999_999 }).map((n) => n / 100);
    fc.assert(fc.property(decimal, fc.constantFrom(...units), fc.constantFrom('', ' '), (n, unit, space) => {
      const kind = unit.kind;
      const number = kind === 'count' ? Math.max(1, Math.round(n)) : n;
      const result = parseQuantity(`${number}${space}${unit.text}`, kind, { max: Infinity });
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.quantity.value).toBeCloseTo(number * unit.factor, Math.max(0, 8 - Math.ceil(Math.log10(number * unit.factor + 1))));
    }));
  }, PROPERTY_TIMEOUT);

  it('any area written with 万亩 or 公顷 converts to 亩', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9_999_999 }), (n) => {
      const wan = parseQuantity(`${n / 1000}万亩`, 'area', { max: Infinity });
      const hectares = parseQuantity(`${n}公顷`, 'area', { max: Infinity });
      expect(wan.ok && wan.quantity.value).toBeCloseTo(n * 10, 4);
      expect(hectares.ok && hectares.quantity.value).toBe(n * 15);
    }));
  }, PROPERTY_TIMEOUT);

  it('what formatQuantity shows parses back to the same value', () => {
    const cases = fc.oneof(
      fc.record({ kind: fc.constant<QuantityKind>('area'), value: fc.integer({ min: 1, max: 99_999_999 }) }),
      fc.record({ kind: fc.constant<QuantityKind>('money'), value: fc.integer({ min: 0, max: 9_999_999_999 }) }),
      fc.record({ kind: fc.constant<QuantityKind>('share'), value: fc.integer({ min: 0, max: 100 }).map((p) => p / 100) }),
      fc.record({ kind: fc.constant<QuantityKind>('count'), value: fc.integer({ min: 0, max: 1_000_000 }) }),
    );
    fc.assert(fc.property(cases, ({ kind, value }) => {
      const display = formatQuantity({ kind, value, approximate: false, text: '' });
      const result = parseQuantity(display, kind);
      expect(result.ok && result.quantity.value).toBeCloseTo(value, 6);
    }));
  }, PROPERTY_TIMEOUT);

  it('findQuantities never throws and points at what it found', () => {
    fc.assert(fc.property(typed, (text) => {
      for (const q of findQuantities(text)) {
        expect(q.index).toBeGreaterThanOrEqual(0);
        expect(q.index + q.length).toBeLessThanOrEqual(text.length);
        expect(text.slice(q.index, q.index + q.length).trim()).toBe(q.text);
        expect(Number.isFinite(q.value)).toBe(true);
      }
    }), { numRuns: 400 });
  }, PROPERTY_TIMEOUT);
});
