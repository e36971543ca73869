import { describe, expect, it } from 'vitest';
import { soundsAlike } from '../../src/text/same-sound.ts';

describe('same sound', () => {
  it('hears what a pinyin keyboard mistypes as the word meant', () => {
    expect(soundsAlike('面耕', '免耕')).toBe(true);
    expect(soundsAlike('带耕', '代耕')).toBe(true);
    expect(soundsAlike('复盖率', '覆盖率')).toBe(true);
  });

  it('tells apart words one character off that sound different', () => {
    expect(soundsAlike('面耕', '翻耕')).toBe(false);
    expect(soundsAlike('面耕', '少耕')).toBe(false);
    expect(soundsAlike('免耕', '免耕播种')).toBe(false);
  });
});
