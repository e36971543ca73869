import type { Lexicon } from './lexicon.ts';
import { comparable, isCjk } from './normalize-text.ts';
import type { Tokenizer } from './tokenizer.ts';

/** One content word of a question with the words that may stand for it in a passage. */
export interface QueryTerm {
  text: string;
  /** Other spellings that count as a full match (a place name without 县/镇 …). */
  variants: string[];
  /** Synonyms from the data file, matched at a lower weight. */
  synonyms: string[];
  numeric: boolean;
}

const DATE = /\d{1,2}月\d{1,2}日/g;
const QUESTION_WORDS = /哪[一几]?(?=[个种些类级档年天项])|是不是|能不能|可不可以|有没有|是否|多少钱?|几个|几种/g;
const ADMIN_SUFFIX = /^(.{2,})(县|市|区|镇|乡|村|街道)$/;

/** Content words of a question: dates and numbers as written, jieba words minus stop words, with variants and synonyms. */
export function queryTerms(question: string, tokenizer: Tokenizer, lexicon: Lexicon): QueryTerm[] {
  let text = comparable(question);
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (word: string) => {
    if (!word || seen.has(word) || lexicon.stopwords.has(word)) return;
    seen.add(word);
    const numeric = /^[\d.%‰+\-—~～]+$/.test(word) || DATE.test(word);
    DATE.lastIndex = 0;
    const variants: string[] = [];
    const admin = word.match(ADMIN_SUFFIX);
    if (admin) variants.push(admin[1]);
    terms.push({ text: word, variants, synonyms: lexicon.synonyms.get(word) ?? [], numeric });
  };
  for (const date of text.match(DATE) ?? []) add(date);
  text = text.replace(DATE, ' ').replace(QUESTION_WORDS, ' ');
  for (const word of tokenizer.words(text)) {
    if (word.length === 1 && isCjk(word) && !lexicon.synonyms.has(word)) continue;
    add(word);
  }
  return terms;
}
