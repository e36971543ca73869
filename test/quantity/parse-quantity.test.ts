import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../../src/quantity/parse-quantity.ts';
import type { Quantity, QuantityKind } from '../../src/quantity/types.ts';

type Expected = Partial<Quantity> | { error: string };

/** Real phrasings of farmers and township staff, as typed (full-width digits, spaces, typos included). */
const phrasings: Array<[string, QuantityKind, Expected]> = [
  // area
  ['2.3万亩', 'area', { value: 23000, unit: '万亩', approximate: false }],
  ['2.3 万亩', 'area', { value: 23000 }],
  ['120', 'area', { value: 120 }],
  ['一百二十亩', 'area', { value: 120 }],
  ['两百亩地', 'area', { value: 200 }],
  ['１２０亩', 'area', { value: 120 }],
  ['1,200亩', 'area', { value: 1200 }],
  ['三万五千亩', 'area', { value: 35000 }],
  ['我家有200亩地', 'area', { value: 200 }],
  ['面积是 120 亩', 'area', { value: 120 }],
  ['10公顷', 'area', { value: 150, note: '已按 1 公顷 = 15 亩换算' }],
  ['2000平方米', 'area', { value: 3 }],
  ['2000平米', 'area', { value: 3 }],
  ['三分地', 'area', { value: 0.3 }],
  ['两亩半', 'area', { value: 2.5 }],
  ['半亩', 'area', { value: 0.5 }],
  ['约120亩', 'area', { value: 120, approximate: true }],
  ['附近约100亩', 'area', { value: 100, approximate: true, text: '约100亩' }],
  ['最近流转了120亩', 'area', { value: 120, approximate: false }],
  ['100亩左右', 'area', { value: 100, approximate: true }],
  ['将近两万亩', 'area', { value: 20000, approximate: true }],
  ['一百多亩', 'area', { value: 100, approximate: true }],
  ['十来亩', 'area', { value: 10, approximate: true }],
  ['差不多三十亩吧', 'area', { value: 30, approximate: true }],
  ['四五十亩', 'area', { range: { min: 40, max: 50 }, value: 45 }],
  ['40-50亩', 'area', { range: { min: 40, max: 50 } }],
  ['40到50亩', 'area', { range: { min: 40, max: 50 } }],
  ['4-5万亩', 'area', { range: { min: 40000, max: 50000 } }],
  ['不到100亩', 'area', { value: 100, bound: 'below', approximate: true }],
  ['100亩以上', 'area', { value: 100, bound: 'atLeast', approximate: true }],
  ['80元', 'area', { error: '这里需要填写面积，您输入的「80元」是金额' }],
  ['3块地', 'area', { error: '是数量' }],
  ['0亩', 'area', { error: '面积必须大于0' }],
  ['10亿亩', 'area', { error: '超出了合理范围' }],
  ['-5亩', 'area', { error: '面积不能是负数' }],
  ['负5亩', 'area', { error: '面积不能是负数' }],
  ['120亩，不对，130亩', 'area', { error: '一次只能填一个面积' }],
  ['2,3万亩', 'area', { error: '一次只能填一个面积，您输入了「2」、「3万亩」' }],
  ['2。3万亩', 'area', { value: 23000 }],
  ['百亩', 'area', { error: '没有看到面积的数字' }],
  // share
  ['45%', 'share', { value: 0.45, unit: '%' }],
  ['45％', 'share', { value: 0.45 }],
  ['百分之四十五', 'share', { value: 0.45 }],
  ['百分之４５', 'share', { value: 0.45 }],
  ['四成五', 'share', { value: 0.45 }],
  ['三成半', 'share', { value: 0.35 }],
  ['七成', 'share', { value: 0.7 }],
  ['一半', 'share', { value: 0.5, approximate: false }],
  ['三分之一', 'share', { value: 0.333333333333 }],
  ['1/3', 'share', { value: 0.333333333333 }],
  ['0.45', 'share', { value: 0.45 }],
  ['45', 'share', { value: 0.45 }],
  ['四十五', 'share', { value: 0.45 }],
  ['零点四五', 'share', { value: 0.45 }],
  ['盖了60%', 'share', { value: 0.6 }],
  ['100%', 'share', { value: 1 }],
  ['百分之百', 'share', { value: 1 }],
  ['百分之一百', 'share', { value: 1 }],
  ['全部', 'share', { value: 1 }],
  ['5个百分点', 'share', { value: 0.05 }],
  ['三四成', 'share', { range: { min: 0.3, max: 0.4 } }],
  ['40%到50%', 'share', { range: { min: 0.4, max: 0.5 } }],
  ['40%-50%', 'share', { range: { min: 0.4, max: 0.5 } }],
  ['30~60%', 'share', { range: { min: 0.3, max: 0.6 } }],
  ['百分之三十到六十', 'share', { range: { min: 0.3, max: 0.6 } }],
  ['大概一半', 'share', { value: 0.5, approximate: true }],
  ['一半左右', 'share', { value: 0.5, approximate: true }],
  ['八成多', 'share', { value: 0.8, approximate: true }],
  ['60多%', 'share', { value: 0.6, approximate: true }],
  ['不到一半', 'share', { value: 0.5, bound: 'below' }],
  ['大半', 'share', { range: { min: 0.5, max: 1 }, approximate: true }],
  ['1', 'share', { value: 0.01, approximate: true }],
  ['150%', 'share', { error: '比例不能超过100%，请重新输入，例如：45% 或 一半' }],
  ['100亩', 'share', { error: '这里需要填写比例' }],
  // money
  ['80万', 'money', { value: 800000 }],
  ['80万元', 'money', { value: 800000, unit: '万元' }],
  ['80万块', 'money', { value: 800000 }],
  ['3500元', 'money', { value: 3500 }],
  ['3块5', 'money', { value: 3.5 }],
  ['两千块钱', 'money', { value: 2000 }],
  ['38元/亩', 'money', { value: 38, per: '亩' }],
  ['每亩38元', 'money', { value: 38, per: '亩' }],
  ['一百多万', 'money', { value: 1000000, approximate: true }],
  ['1.2亿元', 'money', { value: 120000000 }],
  ['5毛', 'money', { value: 0.5 }],
  ['¥3500', 'money', { value: 3500 }],
  ['80万亩', 'money', { error: '是面积' }],
  // pH
  ['pH 5.2', 'ph', { value: 5.2 }],
  ['ph值4.8', 'ph', { value: 4.8 }],
  ['5.2', 'ph', { value: 5.2 }],
  ['PH5.5', 'ph', { value: 5.5 }],
  ['pH值为6.0', 'ph', { value: 6 }],
  ['酸碱度5.8', 'ph', { value: 5.8 }],
  ['ｐＨ５．２', 'ph', { value: 5.2 }],
  ['五点二', 'ph', { value: 5.2 }],
  ['pH 4.5-5.5', 'ph', { range: { min: 4.5, max: 5.5 } }],
  ['15', 'ph', { error: 'pH值应在 0 到 14 之间' }],
  ['0', 'ph', { error: 'pH值应在 0 到 14 之间' }],
  // count
  ['四十五', 'count', { value: 45 }],
  ['45个', 'count', { value: 45 }],
  ['12户', 'count', { value: 12 }],
  ['3块田', 'count', { value: 3 }],
  ['3块', 'count', { value: 3 }],
  ['三四个', 'count', { range: { min: 3, max: 4 } }],
  ['20多户', 'count', { value: 20, approximate: true }],
  ['5家合作社', 'count', { value: 5 }],
  ['没有', 'count', { value: 0 }],
  ['4.5个', 'count', { error: '应该是整数' }],
  ['3块钱', 'count', { error: '是金额' }],
  // length
  ['25厘米', 'length', { value: 25 }],
  ['25cm', 'length', { value: 25 }],
  ['25公分', 'length', { value: 25 }],
  ['0.3米', 'length', { value: 30, note: '已按 1 米 = 100 厘米换算' }],
  ['100毫米', 'length', { value: 10 }],
  ['25-30厘米', 'length', { range: { min: 25, max: 30 } }],
  ['25', 'length', { value: 25 }],
  // weight
  ['2吨', 'weight', { value: 2000 }],
  ['500公斤', 'weight', { value: 500 }],
  ['3千克', 'weight', { value: 3, unit: '千克' }],
  ['500斤', 'weight', { value: 250, note: '已按 1 斤 = 0.5 公斤换算' }],
  ['一吨半', 'weight', { value: 1500 }],
  // number
  ['45', 'number', { value: 45 }],
  ['2.3万', 'number', { value: 23000 }],
  // garbage
  ['', 'area', { error: '请输入面积，例如：120亩 或 2.3万亩' }],
  ['   ', 'share', { error: '请输入比例' }],
  ['👍', 'area', { error: '没有看到面积的数字' }],
  ['不知道', 'share', { error: '没有看到比例的数字' }],
  ['x'.repeat(10000), 'area', { error: '输入太长了' }],
];

describe('parseQuantity on real phrasings', () => {
  it.each(phrasings)('%s as %s', (text, kind, expected) => {
    const result = parseQuantity(text, kind);
    if ('error' in expected) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain(expected.error);
    } else {
      expect(result).toMatchObject({ ok: true, quantity: { kind, ...expected } });
    }
  });

  it('has at least 60 phrasings', () => {
    expect(phrasings.length).toBeGreaterThanOrEqual(60);
  });
});

describe('parseQuantity options', () => {
  it('applies caller limits and the field name', () => {
    const result = parseQuantity('120%', 'share', { label: '覆盖率' });
    expect(result).toEqual({ ok: false, error: '覆盖率不能超过100%，请重新输入，例如：45% 或 一半' });
    expect(parseQuantity('300亩', 'area', { max: 200 })).toMatchObject({ ok: false, error: expect.stringContaining('最多200亩') });
    expect(parseQuantity('5亩', 'area', { min: 10 })).toMatchObject({ ok: false, error: expect.stringContaining('不能小于10亩') });
    expect(parseQuantity('0亩', 'area', { min: 0 })).toMatchObject({ ok: true, quantity: { value: 0 } });
  });

  it('never throws on values of the wrong type', () => {
    expect(parseQuantity(undefined as unknown as string, 'area').ok).toBe(false);
    expect(parseQuantity(42 as unknown as string, 'area').ok).toBe(false);
  });
});
