import type { IndexStore, StoredChunk } from './index-store.ts';
import { isCjk, matchable } from './normalize-text.ts';
import type { QueryTerm } from './query-terms.ts';
import type { Tokenizer } from './tokenizer.ts';
import { TUNING } from './tuning.ts';
import { keptValues } from '../memo/kept-values.ts';
import { soundsAlike } from '../text/same-sound.ts';

export interface WeightedTerm extends QueryTerm {
  weight: number;
  /** Chunks that contain the term (0: the documents never use it). */
  df: number;
}

export interface RankedChunk {
  chunk: StoredChunk;
  /** Share of the question's term weight found in the passage or its section path (0–1). */
  coverage: number;
  score: number;
}


/** An FTS5 string literal: every token is quoted, quotes doubled, so no user text is read as query syntax. */
export function ftsQuote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

function termTokens(word: string, tokenizer: Tokenizer): string[] {
  const tokens = [...new Set(tokenizer.indexTokens(word))].filter((token) => /[\p{L}\p{N}]/u.test(token));
  // a date or number is indexed with the words around it (`日前`), so only its digits are looked up
  return /^[\d.%+\-月日]+$/.test(word) ? tokens.filter((token) => /^\d/.test(token)) : tokens;
}

/** Weights each term by inverse chunk frequency; a word the documents never use weighs the most. */
export function weighTerms(terms: QueryTerm[], store: IndexStore, tokenizer: Tokenizer, cache: Map<string, number>): WeightedTerm[] {
  const total = Math.max(store.chunkCount(), 1);
  const frequency = (word: string): number => {
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const tokens = termTokens(word, tokenizer);
    // from the vocabulary; a word of several tokens is counted by its rarest token (an upper bound)
    const dfs = tokens.map((token) => store.tokenFrequency(token));
    const df = tokens.length ? Math.min(...dfs) : 0;
    cache.set(word, df);
    return df;
  };
  return terms.map((raw) => {
    const term = withSoundAlike(raw, store, frequency);
    // a phrase found across the segmenter's words (`烧秸秆` in 焚烧秸秆) helps matching, it weighs no more than the
    // words it is read as: its rarest word of two or more characters, or its most used synonym; a phrase the index
    // holds only as single characters (`年年` → 年 年) is read as its synonyms, not as its most common character
    const pieces = term.phrase ? termTokens(term.text, tokenizer).filter((token) => token.length >= 2) : [];
    const df = term.phrase
      ? Math.max(pieces.length ? Math.min(...pieces.map(frequency)) : 0, ...term.synonyms.map(frequency))
      : Math.max(frequency(term.text), ...term.variants.map(frequency));
    const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
    const guessedOnly = df === 0 && term.guessed;
    const unusedPhrasing = df === 0 && term.phrasing && !term.synonyms.some((synonym) => frequency(synonym) > 0);
    const weight =
      idf * (term.numeric ? 0.6 : 1) * (term.text.length === 1 ? 0.5 : 1) * (guessedOnly ? TUNING.guessedWeight : 1) * (unusedPhrasing ? TUNING.phrasingWeight : term.functional ? TUNING.functionWeight : 1);
    return { ...term, df, weight };
  });
}

/**
 * A subject word the documents never use, typed with a same-sounding character (`保户` for 保护, `秸杆` for 秸秆):
 * the indexed word of the same length that sounds alike and keeps at least one of its characters in place,
 * the most used one when several do, counts as a spelling of it. Words of the asking (`地里`) and the segmenter's
 * guesses (`县有`) are left alone: they are no misspelt name of the subject.
 */
function withSoundAlike(term: QueryTerm, store: IndexStore, frequency: (word: string) => number): QueryTerm {
  const length = term.text.length;
  if (!term.subject || term.guessed || length < 2 || length > 4 || ![...term.text].every(isCjk) || !store.tokensOfLength || frequency(term.text) > 0 || term.variants.some((variant) => frequency(variant) > 0)) return term;
  let best: string | undefined;
  const tokens = store.tokensOfLength(length);
  for (const at of sharingCharacterInPlace(tokens, term.text)) {
    const token = tokens[at];
    if (!soundsAlike(term.text, token)) continue;
    if (!best || frequency(token) > frequency(best)) best = token;
  }
  return best ? { ...term, variants: [...term.variants, best] } : term;
}

/**
 * Positions (in list order) of the tokens that hold at least one of the word's characters in the same place — looked
 * up by place and character instead of testing every indexed token of that length for each unknown word.
 */
function sharingCharacterInPlace(tokens: string[], word: string): number[] {
  let byPlace = tokensByPlace.get(tokens);
  if (!byPlace) {
    byPlace = new Map();
    tokens.forEach((token, at) => {
      let place = 0;
      for (const character of token) {
        const key = `${place++}\u0001${character}`;
        const list = byPlace!.get(key);
        if (list) list.push(at);
        else byPlace!.set(key, [at]);
      }
    });
    tokensByPlace.set(tokens, byPlace);
  }
  const found = new Set<number>();
  for (let place = 0; place < word.length; place++) for (const at of byPlace.get(`${place}\u0001${word[place]}`) ?? []) found.add(at);
  return [...found].sort((a, b) => a - b);
}
const tokensByPlace = new WeakMap<string[], Map<string, number[]>>();

/**
 * True when every character of a word of 3+ characters occurs, in any order, within a short span of
 * the text: how Chinese abbreviations relate to full names (`二轮延包` ↔ `第二轮土地承包到期后再延长`).
 */
export function abbreviates(word: string, text: string): boolean {
  // asked of the same few section paths for every candidate passage of every question: answered once
  return abbreviationsKept.get(`${word}\u0001${text}`, () => abbreviatesNow(word, text));
}
const abbreviationsKept = keptValues<string, boolean>(50_000);

function abbreviatesNow(word: string, text: string): boolean {
  const chars = [...new Set(word)];
  if (chars.length < 3) return false;
  const span = TUNING.abbreviationSpan * word.length;
  for (let start = text.indexOf(chars[0]); start >= 0; start = text.indexOf(chars[0], start + 1)) {
    const window = text.slice(Math.max(0, start - span), start + span);
    const at = chars.map((char) => window.indexOf(char));
    if (at.every((index) => index >= 0) && Math.max(...at) - Math.min(...at) < span) return true;
  }
  return false;
}

/** How well a text contains a term: the word or a variant 1, a synonym or (in a short heading path) an abbreviation less. */
export function termMatch(term: QueryTerm, text: string, abbreviations = false): number {
  if (text.includes(term.text) || term.variants.some((variant) => text.includes(variant))) return 1;
  if (term.parts.length && term.parts.every((part) => text.includes(part))) return TUNING.partsCredit;
  if (term.synonyms.some((synonym) => text.includes(synonym))) return TUNING.synonymCredit;
  if (abbreviations && term.subject && abbreviates(term.text, text)) return TUNING.abbreviationCredit;
  return 0;
}

/**
 * Weighted share of the terms found in the passage, with partial credit for words only in its section
 * path, and less for words only in the sentence before (`我县成立…领导小组。组长由…担任`).
 */
export function coverage(terms: WeightedTerm[], text: string, section: string, previous = ''): number {
  const total = terms.reduce((sum, term) => sum + (term.optional ? 0 : term.weight), 0);
  if (!total) return 0;
  let found = 0;
  for (const term of terms) {
    const own = termMatch(term, text);
    const around = own < 1 ? Math.max(TUNING.sectionCredit * termMatch(term, section, true), previous ? TUNING.previousCredit * termMatch(term, previous) : 0) : 0;
    found += term.weight * Math.max(own, around);
  }
  return found / total;
}

/**
 * FTS5 candidates, re-ranked by term coverage, then bm25. The candidates come first from the
 * rarest words of the question (cheap on a large index); when they do not yield a passage that
 * covers the question, every word, variant and synonym is searched.
 */
export function rankChunks(terms: WeightedTerm[], store: IndexStore, tokenizer: Tokenizer, excluded: Set<string>, cueWords: string[] = []): RankedChunk[] {
  const known = terms.filter((term) => term.df > 0).sort((a, b) => b.weight - a.weight);
  const rare = known.slice(0, TUNING.rareTerms).flatMap((term) => [term.text, ...term.variants]);
  if (rare.length && known.length > TUNING.rareTerms) {
    const first = candidates(rare, terms, store, tokenizer, excluded);
    if (first.length && first[0].coverage >= TUNING.goodEnough) return first;
  }
  const all = [...terms.flatMap((term) => [term.text, ...term.variants, ...term.synonyms]), ...cueWords];
  return candidates(all, terms, store, tokenizer, excluded);
}

function candidates(words: string[], terms: WeightedTerm[], store: IndexStore, tokenizer: Tokenizer, excluded: Set<string>): RankedChunk[] {
  const all = [...new Set(words.flatMap((word) => termTokens(word, tokenizer)))];
  // a token found in a large share of all passages ranks nothing and makes bm25 score them all
  const limit = Math.max(TUNING.commonShare * store.chunkCount(), 1000);
  const selective = all.filter((token) => store.tokenFrequency(token) <= limit);
  const tokens = selective.length ? selective : all;
  if (!tokens.length) return [];
  const matches = store.matchChunks(tokens.map(ftsQuote).join(' OR '), TUNING.candidates);
  if (!matches.length) return [];
  const bestRank = Math.min(...matches.map((match) => match.rank));
  const ranked: RankedChunk[] = [];
  for (const { rank, chunk } of matches) {
    if (excluded.has(chunk.doc)) continue;
    const covered = coverage(terms, matchable(chunk.text), matchable(chunk.section));
    const relevance = bestRank < 0 ? rank / bestRank : 0; // bm25 ranks are negative; 1 = best
    ranked.push({ chunk, coverage: covered, score: covered + 0.15 * relevance });
  }
  return ranked.sort((a, b) => b.score - a.score);
}
