import { describe, expect, it } from 'vitest';
import { normalizeInput } from '../../src/quantity/normalize-input.ts';
import { defaultUnitsOfMeasure as unitsOfMeasure } from '../../src/quantity/units-of-measure.ts';

describe('units-of-measure data', () => {
  it('has each unit word once, longest first', () => {
    const texts = unitsOfMeasure.units.map((unit) => unit.text);
    expect(new Set(texts).size).toBe(texts.length);
    for (let i = 1; i < texts.length; i++) expect(texts[i - 1]!.length).toBeGreaterThanOrEqual(texts[i]!.length);
  });

  it('holds the legal conversions', () => {
    const factor = (text: string) => unitsOfMeasure.units.find((unit) => unit.text === text)?.factor;
    expect(factor('公顷')).toBe(15);
    expect(factor('平方米')! * 10000).toBeCloseTo(15, 10);
    expect(factor('吨')).toBe(1000);
    expect(factor('斤')).toBe(0.5);
    expect(factor('毫米')).toBe(0.1);
    expect(factor('%')).toBe(0.01);
  });

  it('notes every conversion away from the canonical unit', () => {
    const canonical = new Set(['亩', '%', '个百分点', '成', '‰', '元', '块钱', '块', '人民币', '角', '毛', '厘米', '公分', 'cm', '公斤', '千克', 'kg', '马力', '度', '°']);
    for (const unit of unitsOfMeasure.units) {
      if (unit.kind !== 'count' && !canonical.has(unit.text)) expect(unit.note, unit.text).toBeTruthy();
    }
  });
});

describe('normalizeInput', () => {
  it('maps full-width characters one to one', () => {
    const typed = 'ｐＨ５．２，４５％～５０％　２。３';
    const normalized = normalizeInput(typed);
    expect(normalized).toBe('pH5.2，45%~50% 2.3');
    expect(normalized.length).toBe(typed.length);
  });
});
