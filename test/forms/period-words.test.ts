import { describe, expect, it } from 'vitest';
import { periodsIn, withoutPeriods } from '../../src/forms/period-words.ts';
import { parsePeriod } from '../../src/forms/period.ts';

describe('period words (one reader for the filing side and the county side)', () => {
  it('finds the period a start phrase or a county request names, without its 的', () => {
    expect(periodsIn('填报5月进度')).toEqual(['5月']);
    expect(periodsIn('4月份的漏报了')).toEqual(['4月份']);
    expect(periodsIn('报5-6月双月调度')).toEqual(['5-6月']);
    expect(periodsIn('五、六月份的双月调度')).toEqual(['五、六月份']);
    expect(periodsIn('退回三面船镇5月进度，验收面积报多了')).toEqual(['5月']);
    expect(periodsIn('退回第3期双月调度')).toEqual(['第3期']);
    expect(periodsIn('上期的双月调度漏报了')).toEqual(['上期']);
    expect(periodsIn('退回叶茂台镇上个月的进度')).toEqual(['上个月']);
    expect(periodsIn('当期的双月调度')).toEqual(['当期']);
    expect(periodsIn('哪些乡镇还没报')).toEqual([]);
  });

  it('names months before relative words when a message has both', () => {
    expect(periodsIn('上个月说的5月进度')).toEqual(['5月', '上个月']);
  });

  it('what it finds is what parsePeriod reads', () => {
    const now = new Date('2022-07-10T04:00:00Z');
    for (const [text, kind, value] of [
      ['退回三面船镇5月进度', 'month', '2022-05'],
      ['退回叶茂台镇上个月的进度', 'month', '2022-06'],
      ['五、六月份的双月调度', 'bimonthly', '2022-05/06'],
      ['退回第2期双月调度', 'bimonthly', '2022-03/04'],
      ['这期的双月调度', 'bimonthly', '2022-07/08'],
    ] as const) {
      const parsed = parsePeriod(periodsIn(text)[0], kind, 2022, now);
      expect(parsed.ok && parsed.value, text).toBe(value);
    }
  });

  it('leaves the rest of the message for the form name', () => {
    expect(withoutPeriods('填报5月进度')).toBe('填报进度');
    expect(withoutPeriods('报上期的双月调度')).toBe('报双月调度');
    expect(withoutPeriods('填报进度五月份累计完成', '，')).toBe('填报进度，累计完成');
  });
});
