import { afterEach, describe, expect, it } from 'vitest';
import { askedUnit, exampleQuestionUnits, findStatedFigures, statesAskedUnit, useUnitsOfMeasure } from '../../src/quantity/index.ts';
import { defaultUnitsOfMeasure } from '../../src/quantity/units-of-measure.ts';

describe('asked unit', () => {
  it('a money question needs a figure in 元', () => {
    const unit = askedUnit('大连市2023年保护性耕作作业补助每亩多少钱？');
    expect(statesAskedUnit(unit, '高质量完成2023年度保护性耕作目标任务（2020-2025年）', false)).toBe(false);
    expect(statesAskedUnit(unit, '玉米秸秆全量覆盖免少耕模式补助标准为每亩不超过70元', false)).toBe(true);
    expect(statesAskedUnit(askedUnit('法库县分到多少资金'), '任意', false)).toBe(true);
    expect(statesAskedUnit(askedUnit('全省要新建多少万亩高标准农田'), '规划期限为2021—2030年', false)).toBe(false);
    expect(statesAskedUnit(askedUnit('三面船镇分了多少万亩'), '三面船镇 · 任务面积（万亩） 2.91', true)).toBe(true);
  });

  it.each([
    ['每亩补多少钱', '补助二十万元', true],
    ['几块钱一亩', '每亩补3块', true],
    ['一共多少万亩', '面积2.91万亩', true],
    ['几亩地', '约合40公顷', true],
    ['秸秆多少吨', '每亩300公斤', false],
    ['还田多少吨', '还田1,200吨', true],
    ['深度多少厘米', '深度≥25CM', true],
    ['每亩补多少钱', '第3元', false],
    ['一共多少亩', '任务分解表旗县区 | 实施任务（万亩） | 实施内容', true],
  ])('%s ← %s: %s', (question, text, states) => {
    expect(statesAskedUnit(askedUnit(question), text, false)).toBe(states);
  });

  it('the first group that matches wins; a question without 多少/几 + unit asks none', () => {
    expect(askedUnit('每亩多少钱，共多少亩')?.stated).toContain('元');
    expect(askedUnit('补助标准是什么')).toBeUndefined();
    // a figure the question states in the asked unit: a share of it answers too
    const ofStated = askedUnit('大豆茬一共2万亩，按要求至少要报多少亩');
    expect(ofStated?.ofStated).toBe(true);
    expect(statesAskedUnit(ofStated, '要求各地按照大豆茬面积的30%以上申报', false)).toBe(true);
    expect(statesAskedUnit(askedUnit('按要求至少要报多少亩'), '要求各地按照大豆茬面积的30%以上申报', false)).toBe(false);
    expect(askedUnit('面积有多大')).toBeUndefined();
  });
});

describe('stated figures', () => {
  it('reads the numeral with its 万/亿 and the unit word after it', () => {
    expect(findStatedFigures('全国耕地保有量不低于18.65亿亩，每亩补助70 元，覆盖率30%', ['亩', '元', '%'])).toEqual([
      { index: 10, end: 17, unit: '亿亩', chinese: false },
      { index: 22, end: 26, unit: '元', chinese: false },
      { index: 30, end: 33, unit: '%', chinese: false },
    ]);
    expect(findStatedFigures('补助二十万元，半亩', ['元', '亩']).map(({ unit, chinese }) => [unit, chinese])).toEqual([['万元', true], ['亩', true]]);
  });

  it('a number followed by another word, an ordinal or a bare 万 is not a figure', () => {
    expect(findStatedFigures('2021年至2025年，第十四个五年规划，百亩片10个，万元', ['个', '元', '亩'])).toEqual([{ index: 24, end: 27, unit: '个', chinese: false }]);
  });
});

describe('asked units come from the vocabulary in use (knowledge/units-of-measure.json)', () => {
  afterEach(() => void useUnitsOfMeasure(defaultUnitsOfMeasure));

  it('a county that adds 垧 asks and states it; a vocabulary without the lists keeps the shipped ones', () => {
    expect(askedUnit('流转了多少垧')).toBeUndefined();
    const shipped = defaultUnitsOfMeasure.askedUnits!;
    useUnitsOfMeasure({ ...defaultUnitsOfMeasure, askedUnits: { ...shipped, groups: [...shipped.groups, { asked: ['垧'], stated: ['垧'] }] }, exampleQuestionUnits: { units: ['垧'] } });
    expect(statesAskedUnit(askedUnit('流转了多少垧'), '全村流转20垧', false)).toBe(true);
    expect(statesAskedUnit(askedUnit('流转了多少垧'), '全村流转20亩', false)).toBe(false);
    expect(exampleQuestionUnits()).toEqual(['垧']);
    useUnitsOfMeasure({ ...defaultUnitsOfMeasure, askedUnits: undefined, exampleQuestionUnits: undefined });
    expect(askedUnit('每亩多少钱')?.stated).toEqual(['元', '块']);
    expect(exampleQuestionUnits()).toEqual(defaultUnitsOfMeasure.exampleQuestionUnits!.units);
  });
});
