import { describe, expect, it } from 'vitest';
import { findQuantities } from '../../src/quantity/find-quantities.ts';

const brief = (text: string) =>
  findQuantities(text).map((q) => ({ kind: q.kind, value: q.value, approximate: q.approximate, label: q.label, range: q.range, bound: q.bound }));

describe('findQuantities', () => {
  it('reads a township report line', () => {
    const found = findQuantities('本期治理2.3万亩，取土45个，花了80万');
    expect(found).toMatchObject([
      { kind: 'area', value: 23000, unit: '万亩', text: '2.3万亩', index: 4, length: 5, label: '治理' },
      { kind: 'count', value: 45, text: '45个', label: '取土' },
      { kind: 'money', value: 800000, text: '80万', label: '花' },
    ]);
  });

  it('reads a farmer message with an approximate share', () => {
    expect(brief('流转了100亩地，秸秆大概盖了一半')).toMatchObject([
      { kind: 'area', value: 100, approximate: false, label: '流转' },
      { kind: 'share', value: 0.5, approximate: true, label: '秸秆盖' },
    ]);
  });

  it('a comma after a decimal number ends it (NFKC turns 「，」 into 「,」): 「pH 4.2,100亩」 is two numbers', () => {
    expect(brief('水田pH 4.2,100亩能补多少')).toMatchObject([{ kind: 'ph', value: 4.2 }, { kind: 'area', value: 100 }]);
    expect(brief('面积1,200亩')).toMatchObject([{ kind: 'area', value: 1200 }]);
  });

  it('a Chinese digit after 成 is its tenth unless a unit follows the next digit (「三成五一亩」 is 35% and 一亩)', () => {
    expect(brief('覆盖率三成五一亩能补多少')).toMatchObject([{ kind: 'share', value: 0.35 }, { kind: 'area', value: 1 }]);
    expect(brief('盖了四成五')).toMatchObject([{ kind: 'share', value: 0.45 }]);
  });

  it('reads pH with a filler word between the name and the number (pH才4.2, pH只有4.9)', () => {
    expect(brief('酸化了，pH才4.2')).toMatchObject([{ kind: 'ph', value: 4.2 }]);
    expect(brief('pH只有4.9')).toMatchObject([{ kind: 'ph', value: 4.9 }]);
  });

  it.each([
    ['一亩补多少', true],
    ['1亩地能拿多少钱', true],
    ['一公顷能补多少', true],
    ['种了1亩地', false],
    ['一百亩补多少', false],
    ['10亩补多少', false],
    ['大概一亩补多少', false],
    ['一亩最多能收多少作业费', true],
    ['一亩顶多给多少', true],
    ['种了一亩，多少年能回本', false],
  ])('%s: one unit before a question about what it gets is a rate basis (perUnit %s)', (text, perUnit) => {
    const found = findQuantities(text).find((quantity) => quantity.kind === 'area');
    expect(found?.perUnit ?? false).toBe(perUnit);
  });

  it('reports index and length pointing at the typed text', () => {
    const text = '我家 ２００亩 地，盖了 百分之４５';
    for (const q of findQuantities(text)) expect(text.slice(q.index, q.index + q.length).trim()).toBe(q.text);
    expect(brief(text)).toMatchObject([{ kind: 'area', value: 200 }, { kind: 'share', value: 0.45 }]);
  });

  it('keeps bounds, ranges and rates of policy text', () => {
    expect(brief('秸秆覆盖率<30%、30%-60%、≥60%的补助标准分别为不超过38元/亩、58元/亩、90元/亩')).toMatchObject([
      { kind: 'share', value: 0.3, bound: 'below', label: '秸秆覆盖率' },
      { kind: 'share', range: { min: 0.3, max: 0.6 } },
      { kind: 'share', value: 0.6, bound: 'atLeast' },
      { kind: 'money', value: 38, bound: 'atMost', label: '补助标准' },
      { kind: 'money', value: 58 },
      { kind: 'money', value: 90 },
    ]);
    expect(findQuantities('补助38元/亩')[0]).toMatchObject({ per: '亩' });
    expect(brief('土壤pH值小于5.5的水田')).toMatchObject([{ kind: 'ph', value: 5.5, bound: 'below', label: '土壤' }]);
    expect(brief('耕层厚度达到25-30厘米')).toMatchObject([{ kind: 'length', range: { min: 25, max: 30 }, label: '耕层厚度' }]);
  });

  it('recognises Chinese ranges and approximations in a sentence', () => {
    expect(brief('我们村报了3块地，一共十七八亩，花了两万多')).toMatchObject([
      { kind: 'count', value: 3 },
      { kind: 'area', range: { min: 17, max: 18 } },
      { kind: 'money', value: 20000, approximate: true, label: '花' },
    ]);
    expect(brief('将近两万亩，一百多户')).toMatchObject([
      { kind: 'area', value: 20000, approximate: true },
      { kind: 'count', value: 100, approximate: true },
    ]);
  });

  it('exposes the words after a quantity', () => {
    expect(findQuantities('每1000亩取1个土样')[1]).toMatchObject({ kind: 'count', value: 1, label: '取', after: '土样' });
  });

  it.each([
    '一起去，十分好', '2024年5月1日', '2024-05-01 10:30', '5/1开始', '第二档补助标准是多少？', '一个人一次', '万一下雨', '', '👍👍', '千万不要烧秸秆',
  ])('finds nothing in 「%s」', (text) => {
    expect(findQuantities(text)).toEqual([]);
  });

  it('reads power (马力, 千瓦) and angles (度) as their own kinds', () => {
    const pick = (text: string) => findQuantities(text).map(({ kind, value, bound, range }) => ({ kind, value, bound, range }));
    expect(pick('与深松机配套的70马力以上拖拉机')).toEqual([{ kind: 'power', value: 70, bound: 'atLeast', range: undefined }]);
    expect(pick('50千瓦的拖拉机')).toEqual([{ kind: 'power', value: 68, bound: undefined, range: undefined }]);
    expect(pick('坡度3度至8度的坡耕地')).toEqual([{ kind: 'angle', value: 5.5, bound: undefined, range: { min: 3, max: 8 } }]);
    expect(pick('禁止在25度以上陡坡开垦')).toEqual([{ kind: 'angle', value: 25, bound: 'atLeast', range: undefined }]);
    expect(pick('2025年度')).toEqual([]);
    expect(pick('每亩不得超过40元')).toEqual([{ kind: 'money', value: 40, bound: 'atMost', range: undefined }]);
  });

  it('does not read a question word as 多', () => {
    expect(brief('100亩多少钱？')).toMatchObject([{ kind: 'area', value: 100, approximate: false }]);
  });

  it('a Chinese numeral counted in 万/亿 is an amount without a unit, as 「320万」 is; 「千万别」 and 「一起」 are words', () => {
    const spent = findQuantities('中央下达一千万已支出三百二十万，受益农户三千二百户');
    expect(spent.map((q) => [q.text, q.kind, q.value])).toEqual([
      ['一千万', 'money', 10_000_000],
      ['三百二十万', 'number', 3_200_000],
      ['三千二百户', 'count', 3200],
    ]);
    expect(spent[1].label).toBe('已支出');
    expect(findQuantities('今年已支出三百二十万').map((q) => q.value)).toEqual([3_200_000]);
    expect(findQuantities('本期一万二')[0]?.value).toBe(12_000);
    expect(findQuantities('千万别一起去')).toEqual([]);
  });

  it('handles very long text', () => {
    const text = '本期治理2.3万亩，取土45个。'.repeat(2000);
    expect(findQuantities(text)).toHaveLength(4000);
  });
});
