import type { Citation } from '../core/types.ts';
import type { SearchHit } from '../knowledge/types.ts';
import { findNumberMentions, isBackedBy } from '../quantity/index.ts';
import { characterPairs } from '../text/character-pairs.ts';

const MAX_QUOTE_CHARS = 160;

const bigrams = (text: string) => characterPairs(text.replace(/[\s\p{P}]/gu, ''));

/** The sentence of a passage that best supports the answer: shared numbers first, then shared words. */
export function bestQuote(passage: string, answer: string): string {
  const sentences = passage
    .split(/(?<=[。；！？!?;])|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 1);
  if (!sentences.length) return passage.trim().slice(0, MAX_QUOTE_CHARS);
  const answerNumbers = findNumberMentions(answer);
  const answerGrams = bigrams(answer);
  let best = sentences[0];
  let bestScore = -1;
  for (const sentence of sentences) {
    const numbers = findNumberMentions(sentence);
    const numberHits = answerNumbers.filter((mention) => isBackedBy(mention, numbers)).length;
    const gramHits = [...bigrams(sentence)].filter((gram) => answerGrams.has(gram)).length;
    const score = numberHits * 10 + gramHits;
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best.length > MAX_QUOTE_CHARS ? `${best.slice(0, MAX_QUOTE_CHARS)}…` : best;
}

/**
 * Citations in the order the answer first cites them, and the answer with its markers renumbered
 * to match (the reply lists sources 1…k).
 */
export function buildCitations(text: string, cited: number[], passages: SearchHit[]): { text: string; citations: Citation[] } {
  const renumber = new Map(cited.map((id, index) => [id, index + 1]));
  const renumbered = text.replace(/\[(\d+(?:\s*[,，、]\s*\d+)*)\]/g, (_, ids: string) =>
    ids
      .split(/[,，、]/)
      .map((id) => `[${renumber.get(Number(id.trim())) ?? id.trim()}]`)
      .join(''),
  );
  const citations = cited.map((id) => {
    const hit = passages[id - 1];
    const citation: Citation = { doc: hit.doc, title: hit.title, section: hit.section, quote: bestQuote(hit.text, text) };
    if (hit.docNumber) citation.docNumber = hit.docNumber;
    return citation;
  });
  return { text: renumbered, citations };
}
