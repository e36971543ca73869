import { clausesOf, sentencesOf } from '../text/sentences.ts';

/**
 * A quote widened with its neighbours in the same passage: the key fact is often in the clause
 * right after the best-matching sentence (or the one before it). Whole clauses after it are added,
 * then the whole sentence before it, while the quote stays within `room` characters.
 */
export function withNeighbours(passage: string, quote: string, room: number): string {
  const text = passage.replace(/\n/g, ' ');
  const at = text.indexOf(quote);
  if (at < 0 || quote.length >= room) return quote;
  let widened = quote;
  for (const clause of clausesOf(text.slice(at + quote.length))) {
    if (widened.length + clause.length > room) break;
    widened += clause;
  }
  const before = sentencesOf(text.slice(0, at)).pop();
  if (before && widened.length + before.length <= room) widened = before + widened;
  return widened;
}
