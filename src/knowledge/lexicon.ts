import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The domain dictionary, synonyms and stop words loaded from `knowledge/dictionary`. */
export interface Lexicon {
  /** jieba user dictionary text. */
  dictionaryText: string;
  domainTerms: string[];
  /** word → the other words of its synonym groups. */
  synonyms: Map<string, string[]>;
  stopwords: Set<string>;
  /** Changes when any dictionary file changes (then every document is re-indexed). */
  version: string;
}

const BUNDLED = resolve(dirname(fileURLToPath(import.meta.url)), '../../knowledge/dictionary');

function dataLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

function readOptional(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Loads the dictionary folder of a knowledge folder, falling back to the one shipped with the code. */
export function loadLexicon(knowledgeDir: string): Lexicon {
  const own = join(knowledgeDir, 'dictionary');
  const folder = existsSync(join(own, 'domain-terms.txt')) ? own : BUNDLED;
  const dictionaryText = readOptional(join(folder, 'domain-terms.txt'));
  const synonymText = readOptional(join(folder, 'synonyms.txt'));
  const stopwordText = readOptional(join(folder, 'stopwords.txt'));
  const synonyms = new Map<string, string[]>();
  for (const line of dataLines(synonymText)) {
    const group = line.split(/\s+/).filter(Boolean);
    for (const word of group) {
      const others = group.filter((other) => other !== word);
      synonyms.set(word, [...new Set([...(synonyms.get(word) ?? []), ...others])]);
    }
  }
  return {
    dictionaryText,
    domainTerms: dataLines(dictionaryText).map((line) => line.split(/\s+/)[0]),
    synonyms,
    stopwords: new Set(dataLines(stopwordText).flatMap((line) => line.split(/\s+/))),
    version: createHash('sha1').update(dictionaryText).update('\0').update(synonymText).update('\0').update(stopwordText).digest('hex'),
  };
}
