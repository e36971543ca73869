/**
 * The unit a question asks its quantity in (`多少钱` → 元, `多少万亩` → 亩, `多少个` → 个), and whether a
 * quote states a figure in it. A quote without any figure in the asked unit does not answer
 * (`每亩补多少钱` is not answered by a sentence about 2020-2025年).
 */
const ASKED: Array<{ asked: RegExp; unit: string }> = [
  { asked: /多少(块)?钱|几块钱|多少(万|亿)?元|补多少钱|给多少钱/, unit: '(元|块)' },
  { asked: /多少(万|亿)?亩|几亩/, unit: '(亩|公顷)' },
  { asked: /多少(万)?吨/, unit: '吨' },
  { asked: /多少(公斤|斤|千克)/, unit: '(公斤|斤|千克)' },
  { asked: /多少(厘米|公分|cm)/i, unit: '(厘米|公分|cm)' },
];
const NUMBER = '(\\d[\\d.,]*|[一二两三四五六七八九十百千万半]+)\\s*(万|亿)?\\s*';

export function askedUnit(question: string): RegExp | undefined {
  const found = ASKED.find(({ asked }) => asked.test(question));
  return found ? new RegExp(`${NUMBER}${found.unit}`, 'i') : undefined;
}

/** A passage states the asked unit: a figure followed by it, or (a table row) the unit in its header. */
export function statesAskedUnit(unit: RegExp | undefined, text: string, isRow: boolean): boolean {
  if (!unit) return true;
  if (unit.test(text)) return true;
  return isRow && new RegExp(unit.source.replace(NUMBER, '')).test(text) && /\d/.test(text);
}
