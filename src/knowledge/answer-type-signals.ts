import { questionPattern } from './question-words.ts';

/**
 * Whether the answer shown holds the kind of answer the question asks for — signals for the decline model that
 * tell a near miss (the documents speak of the thing but lack the asked detail) from a question answered in
 * other words. The other signals tried (a list not named, a total vs a rate, the scope of a figure, rival
 * documents) misfired on right answers of the validation sets: eval/README.md, "Decline signals".
 */

const ASKS_LIST = questionPattern('asksList');
const ASKS_LIST_AFTER_NOUN = questionPattern('asksListAfterNoun');
const BODY_NAMES = questionPattern('bodyNames');
const BODY_NOUNS = new Set(['部门', '单位', '企业', '公司']);
const MEASURE = '(个|条|家|位|所|批|块|项|种|类)';
const NUMERALS = '一二两三四五六七八九十';

/**
 * The text names several of the asked things (`兴隆、长岭、东河、新安4个乡镇`, `桑北县9万亩、云阳县8万亩`,
 * `农牧局、财政局`): two or more items joined by 、 that end with the asked noun (a body's name ending for
 * 部门/单位), or short items followed by the asked noun. Parenthesised notes are left out first.
 */
export function namesSeveral(text: string, noun: string): boolean {
  const plain = text.replace(/[（(][^）)]*[）)]/g, '');
  const endsAsAsked = (item: string) => {
    // the name before a figure that follows it (`县财政局2个部门共同牵头` → 县财政局, `云阳县8万亩` → 云阳县)
    const name = item.replace(/(?<=[\u3400-\u9fff]{2})(?:[\d.]+|[两二三四五六七八九十]+(?=个)).*$/, '');
    return BODY_NOUNS.has(noun) ? BODY_NAMES.test(name) : name.endsWith(noun) || name.endsWith(noun.slice(-1));
  };
  for (const run of plain.matchAll(/[^、，,。；;：:\s]{1,14}(?:、[^、，,。；;：:\s]{1,14})+/g)) {
    const items = run[0].split('、');
    if (items.filter(endsAsAsked).length >= 2) return true;
    const end = run.index! + run[0].length;
    // the first item may carry the words before the list (`安排在青石、白沙、红旗3个乡镇`)
    if (items.slice(1, -1).every((item) => item.length <= 6) && plain.slice(end - 8, end + 6).includes(noun)) return true;
    // three or more short names (浦城、上杭、古田、政和、华安)
    if (items.length >= 3 && items.slice(1).every((item) => /^[\u3400-\u9fff]{2,4}$/.test(item))) return true;
  }
  // several `name + figure` items joined by ，: 科左中旗30万亩，科尔沁区3万亩，开鲁县2万亩
  return (plain.match(/[\u3400-\u9fff]{2,8}[\d.]+[万亿]?[\u3400-\u9fff]{0,2}[，,；;]/g) ?? []).filter((item) => endsAsAsked(item.slice(0, -1))).length >= 2;
}

/** The text counts the asked noun (`2个县`, `五个乡镇`, `两个部门`, `整体推进县2个`). */
function countsNoun(text: string, noun: string): boolean {
  const count = `(?<![\\d.])(?:\\d+|[${NUMERALS}]+)\\s*`;
  return new RegExp(`${count}(?:${MEASURE}[\\u3400-\\u9fff]{0,4}?)?${noun}|${noun}\\s*${count}${MEASURE}`).test(text);
}

/** The place or body a question asks to be named (哪些县 → 县, 哪两个部门 → 部门, 整体推进县是哪两个 → 县). */
export function askedNames(question: string): string | undefined {
  return question.match(ASKS_LIST)?.[3] ?? question.match(ASKS_LIST_AFTER_NOUN)?.[1];
}

/**
 * 1 when places or bodies are asked for and the answer shown only says how many there are (「在沿海2个县实施」,
 * 「建设保护性耕作整体推进县2个」), naming no several of them; else 0.
 */
export function countOnly(question: string, answerText: string): number {
  const noun = askedNames(question);
  return noun && countsNoun(answerText, noun) && !namesSeveral(answerText, noun) ? 1 : 0;
}
