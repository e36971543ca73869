import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/forms/period.ts';

/** 2022-06-03 10:00 Beijing. */
const JUNE = new Date('2022-06-03T02:00:00Z');

describe('periods and days said relative to today', () => {
  it.each([
    ['上个月', 'month', '2022-05'],
    ['上个月的', 'month', '2022-05'],
    ['上月', 'month', '2022-05'],
    ['这个月', 'month', '2022-06'],
    ['本月', 'month', '2022-06'],
    ['上个月底', 'date', '2022-05-31'],
    ['上月末', 'date', '2022-05-31'],
    ['上个月初', 'date', '2022-05-01'],
    ['上个月20号', 'date', '2022-05-20'],
    ['昨天', 'date', '2022-06-02'],
    ['前天', 'date', '2022-06-01'],
    ['本期', 'bimonthly', '2022-05/06'],
    ['这期', 'bimonthly', '2022-05/06'],
    ['上期', 'bimonthly', '2022-03/04'],
  ] as const)('%s (%s) → %s', (text, kind, value) => {
    expect(parsePeriod(text, kind, 2022, JUNE)).toMatchObject({ ok: true, value });
  });

  it('counts in Beijing time and across the new year', () => {
    // 2022-05-31 17:00 UTC is already 1 June in Beijing.
    expect(parsePeriod('上个月', 'month', 2022, new Date('2022-05-31T17:00:00Z'))).toMatchObject({ value: '2022-05' });
    expect(parsePeriod('上个月', 'month', 2023, new Date('2023-01-10T02:00:00Z'))).toMatchObject({ value: '2022-12' });
    expect(parsePeriod('上期', 'bimonthly', 2027, new Date('2027-01-10T02:00:00Z'))).toMatchObject({ value: '2026-11/12' });
    expect(parsePeriod('上个月底', 'date', 2024, new Date('2024-03-05T02:00:00Z'))).toMatchObject({ value: '2024-02-29' });
  });

  it('reads absolute periods as before and relative words only with a clock', () => {
    expect(parsePeriod('5月', 'month', 2022, JUNE)).toMatchObject({ value: '2022-05' });
    expect(parsePeriod('上个月', 'month', 2022)).toMatchObject({ ok: false });
  });
});
