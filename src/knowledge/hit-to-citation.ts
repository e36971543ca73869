import type { Citation } from '../core/types.ts';
import { splitSentences } from './extract-sentences.ts';
import { comparable } from './normalize-text.ts';
import type { SearchHit } from './types.ts';

function bigrams(text: string): Set<string> {
  const plain = comparable(text).replace(/[\p{P}\p{S}]/gu, '');
  return new Set(Array.from({ length: Math.max(plain.length - 1, 0) }, (_, i) => plain.slice(i, i + 2)));
}

/**
 * The citation of a search hit: its document, title, 文号 and section path, quoting the sentence
 * of the passage that shares the most character pairs with the query (a table row is quoted whole).
 */
export function hitToCitation(hit: SearchHit, query: string): Citation {
  const wanted = bigrams(query);
  let quote = hit.text.split('\n')[0];
  let best = -1;
  for (const sentence of splitSentences(hit.text)) {
    let shared = 0;
    for (const gram of bigrams(sentence)) if (wanted.has(gram)) shared++;
    const score = shared - sentence.length * 0.001;
    if (score > best) {
      best = score;
      quote = sentence;
    }
  }
  return { doc: hit.doc, title: hit.title, ...(hit.docNumber ? { docNumber: hit.docNumber } : {}), section: hit.section, quote };
}
