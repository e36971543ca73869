import type { ScoredSentence } from './extract-sentences.ts';

export interface Quoted {
  sentence: ScoredSentence;
  quote: string;
}

/**
 * Further quotes after the chosen ones while the answer has room: the next-best candidate sentences,
 * best first, each whole (or its tightest clause window) and not already inside a quote. A near miss
 * in the ranking then still carries the facts within what the reader is shown first. Each added quote
 * costs its length plus the line break before it; nothing is added once less than `minRoom` is left.
 */
export function fillBudget(sentences: ScoredSentence[], chosen: Quoted[], room: number, minRoom: number): Quoted[] {
  const added: Quoted[] = [];
  let left = room;
  const quoted = () => [...chosen, ...added].map(({ quote }) => quote);
  for (const candidate of sentences.slice(1)) {
    if (left < minRoom) break;
    if (quoted().some((quote) => quote.includes(candidate.text) || candidate.text.includes(quote))) continue;
    const quote = candidate.text.length + 1 <= left ? candidate.text : candidate.tight();
    if (quote.length + 1 > left || quoted().some((other) => other.includes(quote))) continue;
    added.push({ sentence: candidate, quote });
    left -= quote.length + 1;
  }
  return added;
}
