import { describe, expect, it } from 'vitest';
import { readableText } from '../../src/text/readable-text.ts';

describe('readableText', () => {
  it('simplifies traditional characters, drops emoji and unifies full-width forms', () => {
    expect(readableText('確認提交😊')).toBe('确认提交');
    expect(readableText('１２００ 畝 👍🏽')).toBe('1200 亩');
    expect(readableText('  填报   进度 ✅ ')).toBe('填报 进度');
    expect(readableText('3️⃣')).toBe('3');
  });

  it('keeps a message of emoji only as typed, and simplified text unchanged', () => {
    expect(readableText('👍')).toBe('👍');
    expect(readableText('显著提高秸秆覆盖率')).toBe('显著提高秸秆覆盖率');
  });
});
