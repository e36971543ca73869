import { loadLexicon, type Lexicon } from '../knowledge/lexicon.ts';
import { normalizeQuestion } from '../knowledge/normalize-text.ts';
import { createTokenizer } from '../knowledge/tokenizer.ts';
import { PLACE, YEAR, type QuestionFeatures } from './gap-clusters.ts';

/** Every word of a synonym group (joined through shared words) maps to one name, so 补多少钱 and 补贴标准 share a feature. */
function synonymNames(lexicon: Lexicon): (word: string) => string {
  const parent = new Map<string, string>();
  const find = (word: string): string => {
    let root = word;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(word, root);
    return root;
  };
  for (const [word, others] of lexicon.synonyms) {
    for (const other of others) {
      const [a, b] = [find(word), find(other)].sort();
      if (a !== b) parent.set(b, a);
    }
  }
  return (word) => (lexicon.synonyms.has(word) ? find(word) : word);
}

/**
 * The features of a question for grouping, read as the knowledge base reads questions: the same normalisation,
 * the domain dictionary's search-mode words (long words and their parts), stop words dropped, synonyms merged.
 */
export function questionFeatures(knowledgeDir: string): QuestionFeatures {
  const lexicon = loadLexicon(knowledgeDir);
  const tokenizer = createTokenizer(lexicon.dictionaryText);
  const name = synonymNames(lexicon);
  return (question) => {
    const text = normalizeQuestion(question);
    const words = tokenizer.indexTokens(text).filter((word) => !lexicon.stopwords.has(word)).map(name);
    // Place names (jieba's ns tag) and years also count as must-agree features.
    const places = [...tokenizer.tags(text)].filter(([, tag]) => tag === 'ns').map(([word]) => PLACE + word);
    const years = [...text.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)].map((match) => YEAR + match[0]);
    return [...new Set([...words, ...places, ...years])];
  };
}
