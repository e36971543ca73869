import { describe, expect, it } from 'vitest';
import { impossibleValue, placementLine, placeValues, preferPlaced, userValues } from '../../src/knowledge/user-values.ts';

const TIERS = '第一档：覆盖率在30%以内，每亩不高于38元。';
const SECOND = '第二档：秸秆覆盖率在30%—60%之间的，每亩不高于58元。';
const THIRD = '第三档：秸秆覆盖率60%及以上的，每亩不高于90元。';

describe('the user\'s figure in the documents\' ranges', () => {
  it('reads the user\'s own figures, not limits or bare numbers', () => {
    expect(userValues('秸秆覆盖率45%，种了100亩，每亩最多补多少').map((value) => value.kind).sort()).toEqual(['area', 'share']);
    expect(userValues('不到100亩能补吗')).toEqual([]);
    expect(userValues('1+1+2技术指导方式是什么意思')).toEqual([]);
  });

  it('places a value in a range or under a limit, by what the limit is about', () => {
    const share = userValues('秸秆覆盖率45%');
    expect(placeValues(share, SECOND)).toBe('holds');
    expect(placeValues(share, THIRD)).toBe('contradicts');
    expect(placeValues(userValues('秸秆还田利用率做到了62%'), '综合利用率要稳定在95%以上，秸秆还田利用率要稳定在65%以上。')).toBe('contradicts');
    expect(placeValues(userValues('秸秆还田利用率做到了70%'), '综合利用率要稳定在95%以上，秸秆还田利用率要稳定在65%以上。')).toBe('holds');
    // a limit on something else (a base's size) says nothing about the user's farm
    expect(placeValues(userValues('我种了100亩'), '基地单个面积不少于1000亩')).toBe('none');
    expect(placeValues(userValues('我这块地pH 5.8'), '选择酸性耕地（pH < 5.5）开展治理')).toBe('contradicts');
  });

  it('puts the clause whose range holds the value first among near-equal sentences', () => {
    const sentences = [THIRD, TIERS, SECOND].map((text, i) => ({ text, score: 1 - i * 0.01 }));
    expect(preferPlaced(userValues('秸秆覆盖率45%'), sentences)[0].text).toBe(SECOND);
    expect(preferPlaced([], sentences)[0].text).toBe(THIRD);
  });

  it('says where the value falls and labels the arithmetic, with numbers only from the user and the quote', () => {
    const line = placementLine(userValues('秸秆覆盖率45%，种了100亩'), SECOND, '法库县2022年黑土地保护性耕作项目实施方案');
    expect(line).toContain('《法库县2022年黑土地保护性耕作项目实施方案》');
    expect(line).toContain('45%符合「30%—60%」');
    expect(line).toContain('最多5800元（计算）');
    const numbers = line.match(/\d+(\.\d+)?/g)!.filter((n) => !'2022'.includes(n));
    for (const n of numbers) expect(['45', '100', '30', '60', '58', '5800']).toContain(n);
    expect(placementLine(userValues('秸秆覆盖率70%'), SECOND, '方案')).toContain('不符合');
    expect(placementLine(userValues('秸秆覆盖率45%'), '保护性耕作是指…', '方案')).toBe('');
  });

  it('finds impossible values', () => {
    expect(impossibleValue(userValues('覆盖率150%能补多少'))?.text).toBe('150%');
    expect(impossibleValue(userValues('覆盖率45%能补多少'))).toBeUndefined();
  });
});
