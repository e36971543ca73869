import type { Block } from './text-blocks.ts';

const NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const SEQUENCES: Array<{ pattern: RegExp; chinese: boolean }> = [
  { pattern: /^([一二三四五六七八九十]{1,3})、/, chinese: true },
  { pattern: /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]/, chinese: true },
];
const TERMINAL = /[。！？；：…”」』）)!?;:]$/;

/** 一 → 1, 十一 → 11, 二十一 → 21. */
export function chineseNumber(text: string): number {
  if (text.length === 1) return NUMERALS[text] ?? 0;
  const ten = text.indexOf('十');
  if (ten < 0) return 0;
  const tens = ten === 0 ? 1 : (NUMERALS[text[ten - 1]] ?? 0);
  const ones = ten === text.length - 1 ? 0 : (NUMERALS[text[ten + 1]] ?? 0);
  return tens * 10 + ones;
}

/**
 * Counts layout problems of a printing: heading numbers that do not run 1, 2, 3 … (a missing
 * start, a gap, a repeat), sentences printed twice (a spliced passage), and paragraphs cut off
 * mid-sentence. Lower is better; used to choose between near-duplicate printings.
 */
export function layoutProblems(blocks: Block[]): number {
  let problems = 0;
  const paragraphs = blocks.flatMap((block) => (block.kind === 'para' ? [block.text] : []));
  for (const { pattern } of SEQUENCES) {
    let expected = 1;
    for (const text of paragraphs) {
      const match = text.match(pattern);
      if (!match) continue;
      const number = chineseNumber(match[1]);
      if (number === 1) expected = 1; // numbering restarts in a new part or attachment
      if (number !== expected) problems++;
      expected = number + 1;
    }
  }
  const seen = new Set<string>();
  for (const text of paragraphs) {
    for (const sentence of text.match(/[^。！？；]+[。！？；]/g) ?? []) {
      if (sentence.length < 15) continue;
      if (seen.has(sentence)) problems++;
      seen.add(sentence);
    }
  }
  for (const text of paragraphs) if (text.length > 60 && !TERMINAL.test(text)) problems += 0.5;
  return problems;
}
