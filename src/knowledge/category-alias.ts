import { comparable } from './normalize-text.ts';

/** A document naming a category by rank: `第一档为秸秆少量覆盖，…`, `一类是…`. */
const CATEGORY = /(第[一二三四五六七八九十\d]+[档级类批等]|[一二三四五六七八九十][类级等])(?:为|是|即)([^，,。；;：:（(]{2,16})/g;

/**
 * The question asked again with the rank a document gives the thing it names (`秸秆少量覆盖的
 *每亩补几块钱` → `第一档的每亩补几块钱`): the amount is often stated for the rank only.
 */
export function categoryAlias(question: string, sentences: string[]): { question: string; source: number } | undefined {
  const asked = comparable(question);
  for (const [source, sentence] of sentences.entries()) {
    for (const [, rank, named] of comparable(sentence).matchAll(CATEGORY)) {
      if (asked.includes(named) && !asked.includes(rank)) return { question: asked.replace(named, rank), source };
    }
  }
  return undefined;
}
