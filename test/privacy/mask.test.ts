import { describe, expect, it } from 'vitest';
import { maskForLog, maskPersonalIds } from '../../src/privacy/mask.ts';

describe('maskPersonalIds', () => {
  it('masks an 18-character ID number, keeping the region and the last four', () => {
    expect(maskPersonalIds('身份证号350424198805061234，请核对')).toBe('身份证号350424********1234，请核对');
    expect(maskPersonalIds('id=35042420011231123X')).toBe('id=350424********123X');
    expect(maskPersonalIds('35042420011231123x')).toBe('350424********123x');
  });

  it('masks mobile numbers, with or without +86 and separators', () => {
    expect(maskPersonalIds('联系电话13812345678')).toBe('联系电话138****5678');
    expect(maskPersonalIds('手机 138-1234-5678 或 +86 139 8765 4321')).toBe('手机 138****5678 或 +86 139****4321');
    expect(maskPersonalIds('+8615912345678')).toBe('+86159****5678');
  });

  it('leaves other numbers alone: areas, dates, record ids, longer digit runs, landlines', () => {
    const kept = [
      '面积 23500 亩，补助 1200000 元',
      '2026-05/06 期，记录 R20261123-0007',
      '订单号 123456789012345',
      '138123456789',
      '座机 0591-87654321',
      '12345678901',
    ];
    for (const text of kept) expect(maskPersonalIds(text)).toBe(text);
  });

  it('masks both kinds in one line and every occurrence', () => {
    expect(maskPersonalIds('13812345678 / 13812345679 / 350424198805061234')).toBe('138****5678 / 138****5679 / 350424********1234');
  });
});

describe('maskForLog', () => {
  it('masks an error message and its stack', () => {
    const line = maskForLog(new Error('用户 13812345678 保存失败'));
    expect(line).toContain('用户 138****5678 保存失败');
    expect(line).not.toContain('13812345678');
  });

  it('masks objects written into a log line', () => {
    expect(maskForLog({ text: '我的身份证是350424198805061234' })).not.toContain('198805061234');
  });
});
