import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { comparable } from './normalize-text.ts';
import { keptValues } from '../memo/kept-values.ts';

/** Chinese word segmentation used both to index passages and to read questions. */
export interface Tokenizer {
  /** Search-mode tokens (long words and their parts), lower case, no punctuation. */
  indexTokens(text: string): string[];
  /** Precise-mode words of a question, lower case, punctuation removed. */
  words(text: string): string[];
  /** Words found in the dictionaries only (no guessing of unknown words). */
  dictionaryWords(text: string): string[];
  /** Part-of-speech tag of each precise-mode word (jieba tags: n, ns, v, d, m, r …); `eng`/`m` for runs of letters/digits. */
  tags(text: string): Map<string, string>;
}

const RUN = /([0-9]+(?:[.][0-9]+)?(?:[%‰])?(?:[-—~～+][0-9]+(?:[.][0-9]+)?[%‰]?)*|[a-z]+)|([^0-9a-z]+)/gi;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Creates a tokenizer with jieba's dictionary plus the domain dictionary (`word [freq] [tag]` lines). */
export function createTokenizer(domainDictionary: string): Tokenizer {
  const jieba = Jieba.withDict(dict);
  const userWords = domainDictionary
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [word, freq, tag] = line.split(/\s+/);
      return [word, freq ?? '1000', tag ?? 'n'].join(' ');
    });
  if (userWords.length) jieba.loadDict(Buffer.from(userWords.join('\n')));

  function split(text: string, cut: (piece: string) => string[]): string[] {
    const tokens: string[] = [];
    for (const match of comparable(text).matchAll(RUN)) {
      if (match[1]) tokens.push(match[1]);
      else for (const token of cut(match[2])) if (WORD_CHAR.test(token)) tokens.push(token);
    }
    return tokens;
  }

  function tags(text: string): Map<string, string> {
    const tags = new Map<string, string>();
    for (const match of comparable(text).matchAll(RUN)) {
      if (match[1]) tags.set(match[1], /^\d/.test(match[1]) ? 'm' : 'eng');
      else for (const { word, tag } of jieba.tag(match[2], true)) if (WORD_CHAR.test(word) && !tags.has(word)) tags.set(word, tag);
    }
    return tags;
  }

  return {
    indexTokens: remembered((text) => split(text, (piece) => jieba.cutForSearch(piece, true))),
    words: remembered((text) => split(text, (piece) => jieba.cut(piece, true))),
    dictionaryWords: remembered((text) => split(text, (piece) => jieba.cut(piece, false))),
    tags: remembered(tags),
  };
}

/** Words of a question are segmented again and again (each term, its parts, its variants): short texts are cut once. */
const REMEMBERED_LENGTH = 16;

/** `cut` for short texts worked out once; the result is shared, so callers only read it. */
function remembered<T>(cut: (text: string) => T): (text: string) => T {
  const kept = keptValues<string, T>(20_000);
  return (text) => (text.length > REMEMBERED_LENGTH ? cut(text) : kept.get(text, () => cut(text)));
}
