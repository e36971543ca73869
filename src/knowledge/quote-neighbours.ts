import { clausesOf, sentencesOf } from '../text/sentences.ts';
import { questionPattern } from './question-words.ts';

const NEXT_ASKED_ITEM = questionPattern('nextAskedItem');

/**
 * A quote widened with its neighbours in the same passage: the key fact is often in the clause
 * right after the best-matching sentence (or the one before it). Whole clauses after it are added,
 * up to the next question of a 政策问答 page (`问14:`), then the whole sentence before it, while the
 * quote stays within `room` characters.
 */
export function withNeighbours(passage: string, quote: string, room: number): string {
  const text = passage.replace(/\n/g, ' ');
  const at = text.indexOf(quote);
  if (at < 0 || quote.length >= room) return quote;
  let widened = quote;
  for (const clause of clausesOf(text.slice(at + quote.length))) {
    if (widened.length + clause.length > room || NEXT_ASKED_ITEM.test(clause)) break;
    widened += clause;
  }
  const before = sentencesOf(text.slice(0, at)).pop();
  if (before && widened.length + before.length <= room) widened = before + widened;
  return widened;
}
