import { questionPattern } from './question-words.ts';
import type { Lexicon } from './lexicon.ts';
import { comparable, isCjk } from './normalize-text.ts';
import { quantitiesOf } from './quantities-of.ts';
import type { Tokenizer } from './tokenizer.ts';
import { escapeRegExp } from '../text/regexp.ts';

/** One content word of a question with the words that may stand for it in a passage. */
export interface QueryTerm {
  text: string;
  /** Other spellings that count as a full match (a place name without 县/镇 …). */
  variants: string[];
  /** Synonyms from the data file (comparable form), matched at a lower weight. */
  synonyms: string[];
  numeric: boolean;
  /** Sub-words of a compound (`县级基地` → 县级, 基地): all present counts as a partial match. */
  parts: string[];
  /** Neither the dictionaries nor … know it as a word (a segmentation guess such as `前要`). */
  guessed: boolean;
  /**
   * A word of the asking rather than of the subject (a verb, adverb, numeral, pronoun … by its
   * part of speech: `搞完`, `咋办`, `多大`); when the documents never use it, it says little.
   */
  phrasing: boolean;
  /** A function word (adverb, pronoun, measure word, preposition …: `至少`, `每亩`, `一次`): it shapes the question more than it names the subject. */
  functional: boolean;
  /** Names the subject of the question (a noun, a place, a programme): the answer's passage must be about it. */
  subject: boolean;
  /** The user's own figure (`1.5万亩`, `pH 5.8`): it counts when a passage has it, and costs nothing when not. */
  optional?: boolean;
  /** A vocabulary word found in the question's characters across the segmenter's words (`烧秸秆`). */
  phrase?: boolean;
}

/** Parts of speech that name a subject: nouns, place/organisation names, abbreviations, verbal nouns, foreign words. */
const SUBJECT_TAGS = /^(n|vn|an|j|l|i|eng|nz|nr|ns|nt|ng|nrt|nrfg|s)/;
const FUNCTION_TAGS = /^(d|r|m|q|c|p|u|y|f|e|o)/;
/** An ordinal names a thing (`第二档`, `第三批`), though tagged as a numeral. */
const ORDINAL = /^第[一二三四五六七八九十百\d]+\S/;

const DATE = /\d{1,2}月\d{1,2}日(?:之前|以前|前)?/g;
/** Asking for a definition: the asking words are not content (`怎么定义`, `什么意思`). */
const DEFINITION_ASK = questionPattern('definitionAsk');
const QUESTION_WORDS = questionPattern('questionWords');
const ADMIN_SUFFIX = questionPattern('adminSuffix');
const WHOLE_AREA = questionPattern('wholeArea');
/** A place word made with a locative (`村里`, `手里`, `县上`): the place is the content, the locative is not. */
const LOCATIVE = questionPattern('locative');
/** A guessed word ending in a modal verb (`地能`, `值要` from 一亩地能…, pH值要…) is the tail of one word glued to the next. */
const MODAL_END = questionPattern('modalEnd');
/** One of a measure (`一亩`, `一块`): the documents write the measure alone (`90元/亩`). */
const ONE_MEASURE = questionPattern('oneMeasure');
const DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const TENTHS_RANGE = /([一二两三四五六七八九])成?(?:到|至|~|～|-)([一二三四五六七八九])成/g;
const TENTHS = /(?<![一二三四五六七八九十])([一二两三四五六七八九])成(?![员立为功本果绩效熟])/g;
const percent = (digit: string) => `${DIGIT[digit] * 10}%`;

/** Tenths as the documents write them: `三到六成` → `30%到60%`, `六成` → `60%`, `一半` → `50%`. */
export function tenthsAsPercent(text: string): string {
  return text
    .replace(TENTHS_RANGE, (_m, low: string, high: string) => `${percent(low)}到${percent(high)}`)
    .replace(TENTHS, (_m, digit: string) => percent(digit))
    .replace(/一半/g, '50%');
}

/** Content words of a question: dates and numbers as written, jieba words minus stop words, with variants and synonyms. */
/**
 * A place some document is about, named in the question (`岚溪`, `澄州市`): its own word, not cut together with the
 * words around it (`岚溪水田土样` is not 岚 溪水 田土 样). A short name followed by another unit word (`清文镇`) is left
 * to the segmenter: it is another place.
 */
function placesApart(text: string, placeNames: readonly string[]): string {
  if (!placeNames.length) return text;
  let pattern = placePatterns.get(placeNames);
  if (!pattern) {
    const names = [...new Set(placeNames)].filter((name) => name.length >= 2).sort((a, b) => b.length - a.length);
    if (!names.length) return text;
    pattern = new RegExp(`(?:${names.map(escapeRegExp).join('|')})(?![市县旗区盟州镇乡村])`, 'g');
    placePatterns.set(placeNames, pattern);
  }
  return text.replace(pattern, ' $& ');
}
/** One pattern per list of place names (the knowledge base makes a new list when its documents change). */
const placePatterns = new WeakMap<readonly string[], RegExp>();

export function queryTerms(question: string, tokenizer: Tokenizer, lexicon: Lexicon, placeNames: readonly string[] = []): QueryTerm[] {
  let text = tenthsAsPercent(comparable(question));
  const tags = new Map<string, string>();
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
    const measure = word.match(ONE_MEASURE);
    if (measure) variants.push(`每${measure[1]}`, `/${measure[1]}`);
    const place = word.length === 2 ? word.match(LOCATIVE) : null;
    if (place && /[省市县区乡镇村]/.test(place[1])) variants.push(place[1]);
    const parts = word.length >= 3 && !numeric ? tokenizer.indexTokens(word).filter((part) => part !== word && part.length >= 2) : [];
    const guessed = !numeric && word.length >= 2 && tokenizer.dictionaryWords(word).every((piece) => piece.length === 1);
    const synonyms = (lexicon.synonyms.get(word) ?? []).map(comparable);
    const tag = tags.get(word);
    // `x`: a word jieba had to guess (`庆通区`, `要定`); a guessed place name still names the subject
    const subject = !numeric && tag !== undefined && (SUBJECT_TAGS.test(tag) || ORDINAL.test(word) || (tag === 'x' && Boolean(admin))) && !(word.length === 2 && LOCATIVE.test(word)) && !WHOLE_AREA.test(word);
    const locative = word.length === 2 && LOCATIVE.test(word);
    const phrasing = (!numeric && tag !== undefined && tag !== 'x' && !subject) || Boolean(locative);
    const functional = phrasing && FUNCTION_TAGS.test(tag!);
    terms.push({ text: word, variants, synonyms, numeric, parts, guessed, phrasing, functional, subject });
  };
  for (const date of text.match(DATE) ?? []) add(date.replace(/(之前|以前|前)$/, ''));
  text = placesApart(text.replace(DATE, ' ').replace(DEFINITION_ASK, ' ').replace(QUESTION_WORDS, ' '), placeNames);
  // the words left around a removed question word are segmented apart (`给 多少 钱` is not `给钱`)
  const pieces = text.split(/\s+/).filter(Boolean);
  for (const piece of pieces) for (const [word, tag] of tokenizer.tags(piece)) if (!tags.has(word)) tags.set(word, tag);
  const pieceWords = pieces.map((piece) => tokenizer.words(piece));
  for (const word of pieceWords.flat()) {
    const pieces = tokenizer.dictionaryWords(word);
    // a guessed word made of known short words (`补钱` → 补, 钱) is read as those words
    if (pieces.length > 1 && pieces.every((piece) => piece.length === 1) && pieces.every((piece) => lexicon.synonyms.has(piece) || lexicon.stopwords.has(piece))) {
      for (const piece of pieces) add(piece);
      continue;
    }
    // …and a guessed word glued to a stop word (`要定` from 截止哪天要定下来) is no word of the subject
    if (pieces.length > 1 && pieces.every((piece) => piece.length === 1) && (lexicon.stopwords.has(pieces[0]) || (word.length <= 3 && MODAL_END.test(word))) && pieces.join('') === word && !tags.get(word)?.startsWith('n')) {
      for (const piece of pieces) if (lexicon.synonyms.has(piece)) add(piece);
      continue;
    }
    if (word.length === 1 && isCjk(word) && !lexicon.synonyms.has(word)) continue;
    add(word);
  }
  pieces.forEach((piece, at) => vocabularyPhrases(piece, pieceWords[at], lexicon, tags, terms, add));
  // the digits of the user's own quantities (`已落实1.5万亩`, `pH 5.8`) are their value, not words the passage must hold
  const own = userQuantityTexts(question);
  for (const term of terms) if (term.numeric && own.some((text) => text.includes(term.text))) term.optional = true;
  return terms;
}

/** The texts of the quantities the user states (areas, shares, money, pH, lengths …), comparable form. */
export function userQuantityTexts(question: string): string[] {
  return quantitiesOf(question).filter((quantity) => quantity.kind !== 'number').map((quantity) => tenthsAsPercent(comparable(quantity.text)));
}

/**
 * Words of the vocabulary (synonym groups) found in the question's characters where the segmenter cut them
 * apart (`烧秸秆` → 烧 秸秆, `打药用` → 打 药用) or read them as part of a guessed name (`盖房` in `盖房子`): the
 * first become a term of their own — a subject when a subject word lies inside — and a word they cut through is a
 * segmentation guess; the second lend their group to the guessed word. A phrase that cuts through a vocabulary
 * word (`黑土耕地` across 耕地质量等级), or whose words are all terms already (`监测终端`), adds nothing.
 */
function vocabularyPhrases(piece: string, words: string[], lexicon: Lexicon, tags: Map<string, string>, terms: QueryTerm[], add: (word: string) => void): void {
  const spans: { word: string; from: number; to: number }[] = [];
  let at = 0;
  for (const word of words) {
    const from = piece.indexOf(word, at);
    if (from < 0) continue;
    spans.push({ word, from, to: from + word.length });
    at = from + word.length;
  }
  const vocabulary = (word: string) => lexicon.synonyms.has(word) || domainWords(lexicon).has(word);
  const termOf = (word: string) => terms.find((term) => term.text === word);
  for (const [phrase, group] of lexicon.synonyms) {
    // the cheap test first: this loop runs over the whole vocabulary for every question
    const from = phrase.length < 2 ? -1 : piece.indexOf(phrase);
    if (from < 0 || ![...phrase].every(isCjk) || words.includes(phrase) || termOf(phrase)) continue;
    const to = from + phrase.length;
    const holder = spans.find((span) => span.from <= from && span.to >= to);
    if (holder) {
      const term = termOf(holder.word);
      if (term && (term.guessed || GUESSED_NAME.test(tags.get(term.text) ?? '')) && !vocabulary(term.text)) term.synonyms = [...new Set([...term.synonyms, phrase, ...group.map(comparable)])].filter((synonym) => synonym !== term.text);
      continue;
    }
    const inside = spans.filter((span) => span.from >= from && span.to <= to);
    const crossed = spans.filter((span) => span.from < to && span.to > from && !(span.from >= from && span.to <= to));
    if (crossed.some((span) => vocabulary(span.word))) continue;
    if (!crossed.length && inside.every((span) => termOf(span.word))) continue;
    const count = terms.length;
    tags.set(phrase, inside.some((span) => termOf(span.word)?.subject) ? 'n' : 'v');
    add(phrase);
    if (terms.length === count) continue;
    Object.assign(terms[terms.length - 1], { phrase: true, guessed: false });
    for (const span of crossed) {
      const term = termOf(span.word);
      if (term) term.guessed = true;
    }
  }
}

/** What jieba tags a word it only guessed as a name (`盖房子` → nr). */
const GUESSED_NAME = /^(x|nr|nrt|nrfg)$/;
const domainSets = new WeakMap<Lexicon, Set<string>>();
function domainWords(lexicon: Lexicon): Set<string> {
  let words = domainSets.get(lexicon);
  if (!words) domainSets.set(lexicon, (words = new Set(lexicon.domainTerms)));
  return words;
}
