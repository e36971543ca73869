import { describe, expect, it } from 'vitest';
import { clausesOf, sentencesOf, shortenQuote } from '../../src/knowledge/sentences.ts';

describe('sentences and clauses', () => {
  it('splits at sentence ends outside quotations and keeps the closing mark', () => {
    expect(sentencesOf('習近平總書記明確指出“要把黑土地保護作為一件大事來抓。把黑土地用好養好”。為貫徹落實，近日追加面積；任務達到2300萬畝。')).toEqual([
      '習近平總書記明確指出“要把黑土地保護作為一件大事來抓。把黑土地用好養好”。',
      '為貫徹落實，近日追加面積；',
      '任務達到2300萬畝。',
    ]);
    expect(sentencesOf('一、总体要求\n认真贯彻落实。')).toEqual(['一、总体要求', '认真贯彻落实。']);
  });

  it('splits clauses at ，and ：but not inside brackets', () => {
    expect(clausesOf('2022年，东北四省（区）保护性耕作任务面积为8000万亩（其中内蒙古自治区1350万亩，辽宁省1000万亩），鼓励地方增加实施面积。')).toEqual([
      '2022年，',
      '东北四省（区）保护性耕作任务面积为8000万亩（其中内蒙古自治区1350万亩，辽宁省1000万亩），',
      '鼓励地方增加实施面积。',
    ]);
  });

  it('shortens a quote at a sentence or clause end, never inside a number', () => {
    const text = '2021年，全市实施保护性耕作面积46万亩，其中科左中旗30万亩，科尔沁区3万亩。开鲁县2万亩。';
    expect(shortenQuote(text, 100)).toBe(text);
    expect(shortenQuote(text, 42)).toBe('2021年，全市实施保护性耕作面积46万亩，其中科左中旗30万亩，科尔沁区3万亩。…');
    expect(shortenQuote(text, 36)).toBe('2021年，全市实施保护性耕作面积46万亩，其中科左中旗30万亩…');
    expect(shortenQuote('秸秆覆盖率达到123456789012345', 20)).toBe('秸秆覆盖率达到…');
  });
});
