import { formatQuantity, type FoundQuantity } from '../quantity/index.ts';
import { quantitiesOf } from './quantities-of.ts';
import { TUNING } from './tuning.ts';

/**
 * The user's own figures placed in the documents' ranges (`覆盖率45%` in 「30%—60%之间」): which
 * clause's range holds the value, which contradicts it, and one line saying so before the quote.
 * Every number in that line is the user's or the quote's; arithmetic is labelled 计算.
 */

/** A figure the user states about their own case (not a limit such as 「不到100亩」, not a bare number). */
export function userValues(question: string): FoundQuantity[] {
  return quantitiesOf(question).filter((quantity) => quantity.kind !== 'number' && !quantity.bound && !quantity.range && !quantity.per && !quantity.perUnit);
}

/** A value no document range can hold: a share above 100%, a pH outside 0–14. */
export function impossibleValue(values: FoundQuantity[]): FoundQuantity | undefined {
  return values.find((value) => (value.kind === 'share' && value.value > 1) || (value.kind === 'ph' && (value.value < 0 || value.value > 14)));
}

export function impossibleValueReply(value: FoundQuantity): string {
  const what = value.kind === 'share' ? '比例不会超过100%' : 'pH 值在 0 到 14 之间';
  return `您说的「${value.text}」看起来不对：${what}。请核对后再问一次，例如「秸秆覆盖率45%每亩补多少？」`;
}

/** A range or limit a clause states, with the words as written. */
interface Limit {
  quantity: FoundQuantity;
  holds(value: number): boolean;
}

function limitsOf(text: string): Limit[] {
  const limits: Limit[] = [];
  for (const quantity of quantitiesOf(text)) {
    const { range, bound, value } = quantity;
    if (quantity.per) continue; // a rate (58元/亩) is what is paid, not a condition
    if (range) limits.push({ quantity, holds: (v) => v >= range.min && v <= range.max });
    else if (bound === 'atLeast') limits.push({ quantity, holds: (v) => v >= value });
    else if (bound === 'above') limits.push({ quantity, holds: (v) => v > value });
    else if (bound === 'atMost') limits.push({ quantity, holds: (v) => v <= value });
    else if (bound === 'below') limits.push({ quantity, holds: (v) => v < value });
  }
  return limits;
}

/** Length of the longest run of characters two labels share (`还田利用率` in both). */
function shared(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) for (let j = i + best + 1; j <= a.length && b.includes(a.slice(i, j)); j++) best = j - i;
  return best;
}

/**
 * The limits that speak of what the user's figure measures: the same kind, with the label most like
 * the user's (`还田利用率62%` → 「还田利用率…65%以上」, not 「综合利用率…95%以上」). A pH needs no label.
 */
function limitsAbout(limits: Limit[], value: FoundQuantity): Limit[] {
  const sameKind = limits.filter((limit) => limit.quantity.kind === value.kind);
  if (value.kind === 'ph') return sameKind;
  const similarity = sameKind.map((limit) => shared(value.label ?? '', limit.quantity.label ?? ''));
  const most = Math.max(TUNING.minLabelOverlap, ...similarity);
  return sameKind.filter((_, i) => similarity[i] >= most);
}

export type Placement = 'holds' | 'contradicts' | 'none';

/** Whether a clause's limits of the user's kinds hold the user's values. */
export function placeValues(values: FoundQuantity[], text: string): Placement {
  let verdict: Placement = 'none';
  const limits = limitsOf(text);
  for (const value of values) {
    for (const limit of limitsAbout(limits, value)) {
      if (!limit.holds(value.value)) return 'contradicts';
      verdict = 'holds';
    }
  }
  return verdict;
}

/**
 * Among sentences nearly as good as the best, the first whose range holds the user's values comes
 * first; sentences whose ranges contradict them go after the others.
 */
export function preferPlaced<T extends { text: string; score: number }>(values: FoundQuantity[], sentences: T[]): T[] {
  if (!values.length || sentences.length < 2) return sentences;
  const [best] = sentences;
  const near = sentences.slice(0, TUNING.rangeCandidates).filter((sentence) => sentence.score >= best.score - TUNING.rangeScoreSlack);
  const placement = new Map(near.map((sentence) => [sentence, placeValues(values, sentence.text)]));
  if (![...placement.values()].includes('holds')) return sentences;
  const rank = (sentence: T) => ({ holds: 0, none: 1, contradicts: 2 })[placement.get(sentence) ?? 'none'];
  return [...near].sort((a, b) => rank(a) - rank(b)).concat(sentences.filter((sentence) => !placement.has(sentence)));
}

const trim = (value: number) => String(Math.round(value * 100) / 100);

/**
 * One line before the quote: where the user's value falls in the quoted limits, and a rate times the
 * user's area as a labelled calculation. Empty when the quote states no limit of the user's kinds.
 */
export function placementLine(values: FoundQuantity[], quote: string, title: string): string {
  if (!values.length) return '';
  const parts: string[] = [];
  const limits = limitsOf(quote);
  for (const value of values) {
    for (const limit of limitsAbout(limits, value)) {
      const inside = limit.holds(value.value);
      parts.push(`您说的${value.text}${inside ? '符合' : '不符合'}「${limit.quantity.text}」`);
    }
  }
  const area = values.find((value) => value.kind === 'area');
  const rate = quantitiesOf(quote).find((quantity) => quantity.kind === 'money' && quantity.per === '亩');
  if (area && rate && parts.every((part) => !part.includes('不符合'))) {
    const most = rate.bound === 'atMost' || rate.bound === 'below' ? '最多' : '';
    parts.push(`${area.text}×${formatQuantity({ kind: 'money', value: rate.value })}/亩，${most}${trim(area.value * rate.value)}元（计算）`);
  }
  if (!parts.length) return '';
  return `按${title.startsWith('《') ? title : `《${title}》`}：${parts.join('；')}。`;
}
