import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { chineseNumeralValue, findNumberMentions, isBackedBy, useUnitsOfMeasure } from '../../src/quantity/index.ts';
import { defaultUnitsOfMeasure } from '../../src/quantity/units-of-measure.ts';

const values = (text: string) => findNumberMentions(text).map(({ value, unit }) => [value, unit ?? null]);

describe('findNumberMentions', () => {
  it.each([
    ['第二档不高于 58 元/亩', [[58, '元']]],
    ['每个县级基地不超过20万元', [[200000, '元']]],
    ['不超过二十万元', [[200000, '元']]],
    ['共２．３万亩', [[23000, '亩']]],
    ['200,000元', [[200000, '元']]],
    ['覆盖率在30%—60%之间', [[30, '%'], [60, '%']]],
    ['百分之六十', [[60, '%']]],
    ['18.65亿亩', [[1.865e9, '亩']]],
    ['深度≤10cm', [[10, 'cm']]],
    ['4月22日前', [[4, '月'], [22, '日']]],
    ['每两年一次，一次性补助', [[2, '年']]],
  ])('%s', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it.each(['第二档', '第3档', '一是加强监测', '三区四情', '统筹推进'])('ignores ordinals and words: %s', (text) => {
    expect(findNumberMentions(text)).toEqual([]);
  });

  it('matches 20万 / 200000 / 二十万 and full-width digits', () => {
    const [answer] = findNumberMentions('20万元');
    for (const source of ['200000元', '二十万元', '２０万元', '20 万元']) {
      expect(isBackedBy(answer, findNumberMentions(source))).toBe(true);
    }
    expect(isBackedBy(answer, findNumberMentions('20亩'))).toBe(false);
    expect(isBackedBy(findNumberMentions('100元')[0], findNumberMentions('不高于 38 元/亩'))).toBe(false);
  });

  it('reads Chinese numerals', () => {
    expect(chineseNumeralValue('三百五十')).toBe(350);
    expect(chineseNumeralValue('一千零五')).toBe(1005);
    expect(chineseNumeralValue('十五')).toBe(15);
    expect(chineseNumeralValue('五点五')).toBe(5.5);
  });

  it('finds every Arabic integer it is given, whatever text surrounds it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom('元', '亩', '%', '个', ''), (value, unit) => {
        const mentions = findNumberMentions(`补助标准为${value}${unit}。`);
        expect(mentions.map((mention) => mention.value)).toEqual([value]);
      }),
    );
  });
});

describe('number mention units come from the vocabulary in use (knowledge/units-of-measure.json)', () => {
  afterEach(() => void useUnitsOfMeasure(defaultUnitsOfMeasure));

  it('a county that adds 垧 gets it as a unit; a vocabulary without the list keeps the shipped units', () => {
    expect(findNumberMentions('流转20垧').map(({ unit }) => unit ?? null)).toEqual([null]);
    const shipped = defaultUnitsOfMeasure.numberMentionUnits!;
    useUnitsOfMeasure({ ...defaultUnitsOfMeasure, numberMentionUnits: { units: [{ text: '垧' }, ...shipped.units] } });
    expect(findNumberMentions('流转20垧，每亩58元/亩').map(({ value, unit }) => [value, unit])).toEqual([[20, '垧'], [58, '元']]);
    useUnitsOfMeasure({ ...defaultUnitsOfMeasure, numberMentionUnits: undefined });
    expect(findNumberMentions('58元/亩').map(({ unit }) => unit)).toEqual(['元']);
  });
});
