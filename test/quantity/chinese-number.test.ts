import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChineseNumber, parseChineseRange } from '../../src/quantity/chinese-number.ts';
import { formatChineseNumeral } from '../../src/quantity/format-chinese-numeral.ts';

describe('parseChineseNumber', () => {
  it.each([
    ['四十五', 45], ['两千三百', 2300], ['1.2万', 12000], ['三万五', 35000], ['一万二千', 12000],
    ['两百', 200], ['十五', 15], ['零点五', 0.5], ['1,234', 1234], ['１２０', 120], ['一百零五', 105],
    ['一千零五十', 1050], ['二〇二四', 2024], ['一亿二千万', 120000000], ['两万五千五', 25500], ['1万2', 12000],
    ['一百五', 150], ['一千二', 1200], ['一万零五', 10005], ['3千5百', 3500], ['十万', 100000], ['2.3亿', 230000000],
    ['一点二万', 12000], ['贰佰', 200], ['零', 0], ['十', 10], ['12,345,678', 12345678], ['2.3 万', 23000], ['三点一四', 3.14],
  ])('%s → %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each(['', '四五', '百', '万', 'abc', '十百', '1,23', '一点', '👍', '五.', '三万万'])('%s is not a number', (text) => {
    expect(parseChineseNumber(text)).toBeUndefined();
  });

  it('reads back every integer written in Chinese numerals', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
      expect(parseChineseNumber(formatChineseNumeral(n))).toBe(n);
    }));
  });

  it('reads back the 两 and Arabic-with-万 spellings', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99_999_999 }), (n) => {
      expect(parseChineseNumber(formatChineseNumeral(n).replaceAll('二', '两'))).toBe(n);
      expect(parseChineseNumber(`${n / 10000}万`)).toBeCloseTo(n, 6);
    }));
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const value = parseChineseNumber(text);
      expect(value === undefined || Number.isFinite(value)).toBe(true);
    }));
  });
});

describe('parseChineseRange', () => {
  it.each([
    ['四五十', 40, 50], ['十七八', 17, 18], ['三五', 3, 5], ['一两百', 100, 200], ['两三千', 2000, 3000],
    ['三四万', 30000, 40000], ['一百七八十', 170, 180], ['十几', 11, 19],
  ])('%s → %d..%d', (text, min, max) => {
    expect(parseChineseRange(text)).toMatchObject({ min, max });
  });

  it.each(['四十五', '二〇二四', '一二三', '五三'])('%s is not a range', (text) => {
    expect(parseChineseRange(text)).toBeUndefined();
  });
});
