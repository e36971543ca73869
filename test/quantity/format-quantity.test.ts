import { describe, expect, it } from 'vitest';
import { formatQuantity } from '../../src/quantity/format-quantity.ts';
import { parseQuantity } from '../../src/quantity/parse-quantity.ts';
import type { QuantityKind } from '../../src/quantity/types.ts';

describe('formatQuantity', () => {
  it.each<[string, QuantityKind, string]>([
    ['2.3万亩', 'area', '2.3万亩'], ['120亩', 'area', '120亩'], ['一半', 'share', '50%'], ['80万', 'money', '80万元'],
    ['3500元', 'money', '3500元'], ['1.2亿元', 'money', '1.2亿元'], ['pH 5.2', 'ph', 'pH 5.2'], ['45个', 'count', '45个'],
    ['12户', 'count', '12户'], ['0.3米', 'length', '30厘米'], ['2吨', 'weight', '2吨'], ['500斤', 'weight', '250公斤'],
    ['100亩左右', 'area', '约100亩'], ['四五十亩', 'area', '40～50亩'], ['40%到50%', 'share', '40～50%'],
    ['4-5万亩', 'area', '4～5万亩'], ['8000亩到1.2万亩', 'area', '8000亩～1.2万亩'], ['38元/亩', 'money', '38元/亩'],
    ['不到100亩', 'area', '不到100亩'], ['100亩以上', 'area', '100亩及以上'], ['pH<5.5', 'ph', 'pH<5.5'],
    ['三分之一', 'share', '33.3333%'],
  ])('%s as %s → %s', (text, kind, display) => {
    const result = parseQuantity(text, kind);
    expect(result.ok).toBe(true);
    if (result.ok) expect(formatQuantity(result.quantity)).toBe(display);
  });
});
