import { questionPattern } from './question-words.ts';
import type { StoredChunk } from './index-store.ts';
import { matchable } from './normalize-text.ts';
import { answerSlot, slotFit } from './answer-slot.ts';
import { coverage, termMatch, type RankedChunk, type WeightedTerm } from './retrieval.ts';
import { TUNING } from './tuning.ts';
import { keptValues } from '../memo/kept-values.ts';
import { characterPairs } from '../text/character-pairs.ts';

export interface ScoredSentence {
  chunk: StoredChunk;
  /** Verbatim text from the passage (a sentence, a clause window of a long one, or a table row). */
  text: string;
  /** The shortest run of clauses holding the same words (used when the answer must stay short). */
  tight(): string;
  coverage: number;
  /** The sentence holds the kind of answer asked for (a date, an amount of money, a quantity), when one is asked for. */
  statesAnswerKind: boolean;
  /** The question asks for a quantity (`多少`, `几`) and the sentence states one. */
  statesQuantity: boolean;
  /** How well its numbers fit what a count question counts (`32个项目县` for `几个项目县`); 0 when none is asked. */
  answerFit: number;
  /** Share of the question's subject words (nouns, names) found in the sentence or its section path. */
  subjectCoverage: number;
  score: number;
}

/** What a sentence shows as a quote: the whole of it, or its tight clauses when it is longer than an answer may be. */
export function quoteOf(sentence: ScoredSentence): string {
  return sentence.text.length > TUNING.maxAnswer ? sentence.tight() : sentence.text;
}

export const WANTS_DEFINITION = questionPattern('wantsDefinition');
const DEFINES = questionPattern('defines');
/** A sentence that defines one of the question's words (`保护性耕作是指…`, `…技术指导方式，即…`). */
function definitionCue(text: string, terms: WeightedTerm[]): number {
  const plain = matchable(text);
  for (const term of terms) {
    let at = plain.indexOf(term.text);
    while (at >= 0) {
      if (DEFINES.test(plain.slice(at + term.text.length))) return 0.15;
      at = plain.indexOf(term.text, at + 1);
    }
  }
  return 0;
}
/** Asking who: the answer names a beneficiary, a body in charge or a person (`补助对象为…`, `组长由…担任`). */
const WANTS_WHO = questionPattern('wantsWho');
const NAMES_WHO = questionPattern('namesWho');
const WANTS_DATE = questionPattern('wantsDate');
const DATE = /\d{1,2}月\d{1,2}日|\d{1,2}月底|\d{4}年\d{1,2}月/;
/** An amount of money: `38元`, `20万元`, or a table row whose unit or header is money (`（单位：万元）`, `资金（万元） 575.40`). */
const MONEY = /\d\s*(元|万元)|单位[:：]\s*万?元|[（(]\s*万?元\s*[)）]\s*\d/;
const WANTS_MONEY = questionPattern('wantsMoney');
/** A length (`25厘米`, `10cm`, `0—20厘米`), for a question asking how deep, thick or high. */
const LENGTH = /\d\s*(厘米|公分|毫米|cm|mm|米)(?![²³2-3])/i;
const WANTS_LENGTH = questionPattern('wantsLength');
const WANTS_NUMBER = questionPattern('wantsNumber');
/** Asking for a quantity: an answer without any number is no answer. */
export const WANTS_QUANTITY = questionPattern('wantsQuantity');
const QUANTITY = /\d|(?<![第一二两三四五六七八九十百千万半双])[一二两三四五六七八九十百千万半双]+\s*(个|亩|元|档|年|次|成|倍|项|人|户|级|分|米|厘米|公斤|天|月|季|期|家|所)/;
const ENUMERATED = /^([一二三四五六七八九十]+是|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、](?!\d))/;

/** Sentences of a passage; a short lead-in (`三是发布监测年度报告。`, `1. 划分依据。`) stays with the sentence after it. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split('\n')) {
    const parts = line.match(/[^。！？；]+[。！？；]*/g) ?? [];
    let carry = '';
    for (const part of parts) {
      const sentence = carry + part;
      const leadIn = sentence.trim().length < TUNING.leadIn || (ENUMERATED.test(sentence.trim()) && sentence.trim().length <= 32);
      if (leadIn && part !== parts[parts.length - 1]) {
        carry = sentence;
        continue;
      }
      carry = '';
      if (sentence.trim()) sentences.push(sentence.trim());
    }
    if (carry.trim()) sentences.push(carry.trim());
  }
  return sentences;
}

/** The shortest run of clauses of a long sentence that holds as much of the question as the whole sentence. */
function clauseWindow(sentence: string, terms: WeightedTerm[], section: string, answerKind?: RegExp): string {
  // the window keeps the asked-for kind of answer (a date, an amount) when the sentence has one
  const mustHold = answerKind?.test(sentence) ? answerKind : undefined;
  const clauses = sentence.match(/[^，,：:]+[，,：:]?/g) ?? [sentence];
  const plain = clauses.map(matchable);
  const full = coverage(terms, plain.join(''), section);
  let best = sentence;
  for (let start = 0; start < clauses.length; start++) {
    let window = '';
    let windowPlain = '';
    for (let end = start; end < clauses.length; end++) {
      window += clauses[end];
      windowPlain += plain[end];
      if (window.length >= best.length) break;
      if (coverage(terms, windowPlain, section) >= full - 1e-9 && (!mustHold || mustHold.test(window))) {
        best = window;
        break;
      }
    }
  }
  return best.replace(/[，,：:]$/, '').trim();
}

const bigrams = (text: string) => characterPairs(matchable(text).replace(/[\p{P}\p{S}\s]/gu, ''));

/** A sentence's matchable form without punctuation, symbols or spaces (its character pairs are compared); worked out once. */
function pairText(text: string): string {
  return pairTexts.get(text, () => matchable(text).replace(/[\p{P}\p{S}\s]/gu, ''));
}
const pairTexts = keptValues<string, string>(50_000);

/** Sentences of a passage, split once per passage object (the index store keeps one per passage). */
function sentencesOf(chunk: StoredChunk): string[] {
  let sentences = passageSentences.get(chunk);
  if (!sentences) passageSentences.set(chunk, (sentences = chunk.kind === 'row' ? [chunk.text] : splitSentences(chunk.text)));
  return sentences;
}
const passageSentences = new WeakMap<StoredChunk, string[]>();

/** Share of the question's character pairs found in the sentence: among equally complete sentences, the one worded most like the question. */
function wordingOverlap(question: Set<string>, text: string): number {
  if (!question.size) return 0;
  // the sentence's pairs are only looked up, never kept: no set of every pair of every sentence
  const plain = pairText(text);
  const shared = new Set<string>();
  for (let i = 0; i + 1 < plain.length; i++) {
    const gram = plain.slice(i, i + 2);
    if (question.has(gram)) shared.add(gram);
  }
  return shared.size / question.size;
}

/** The question asks for a kind of answer a sentence can be checked for (a date, an amount of money, a quantity). */
export function wantsAnswerKind(question: string): boolean {
  return WANTS_DATE.test(question) || WANTS_MONEY.test(question) || WANTS_QUANTITY.test(question);
}

/**
 * The passages whose sentences are scored: the best 8, where a passage that holds the asked kind of
 * answer (a date for 什么时候, an amount for 补多少钱) ranks above an equally relevant one that does not.
 */
function kindFirst(ranked: RankedChunk[], kind: RegExp | undefined): RankedChunk[] {
  if (!kind || !TUNING.kindPassageBonus) return ranked.slice(0, TUNING.passages);
  const bonus = (chunk: RankedChunk) => chunk.score + (kind.test(chunk.chunk.text) ? TUNING.kindPassageBonus : 0);
  return ranked.slice(0, TUNING.kindPassagePool).sort((a, b) => bonus(b) - bonus(a)).slice(0, TUNING.passages);
}

/** Scores every sentence of the best passages against the question. */
export function scoreSentences(question: string, terms: WeightedTerm[], ranked: RankedChunk[]): ScoredSentence[] {
  const wantsNumber = WANTS_NUMBER.test(question);
  const wantsMoney = WANTS_MONEY.test(question);
  const wantsLength = !wantsMoney && WANTS_LENGTH.test(question);
  const wantsDefinition = WANTS_DEFINITION.test(question);
  const wantsDate = WANTS_DATE.test(question);
  const wantsWho = WANTS_WHO.test(question);
  const subjects = terms.filter((term) => term.subject);
  const questionPairs = bigrams(question);
  const slot = !wantsDate && WANTS_QUANTITY.test(question) ? answerSlot(question) : undefined;
  const answerKind = wantsDate ? DATE : wantsMoney ? MONEY : WANTS_QUANTITY.test(question) ? QUANTITY : undefined;
  // a subject word that names some passages' document or attachment (`科学施肥` → 附件6 科学施肥…方案) scopes the question to them
  const considered = wantsDefinition ? ranked.slice(0, 30) : kindFirst(ranked, wantsDate ? DATE : wantsMoney ? MONEY : wantsLength ? LENGTH : undefined);
  const rootOf = (chunk: StoredChunk) => matchable(chunk.section.split(' › ')[0]);
  const scopeWeight = (root: string) => subjects.reduce((sum, term) => sum + (term.df > 0 && termMatch(term, root) === 1 ? term.weight : 0), 0);
  const widest = considered.reduce<{ root: string; weight: number }>((best, { chunk }) => {
    const weight = scopeWeight(rootOf(chunk));
    return weight > best.weight ? { root: rootOf(chunk), weight } : best;
  }, { root: '', weight: 0 });
  const scopeTerms = subjects.filter((term) => term.df > 0 && termMatch(term, widest.root) === 1);
  // a definition is often one sentence among many passages that merely use the word
  const scored: ScoredSentence[] = [];
  for (const { chunk, coverage: chunkCoverage } of considered) {
    const section = matchable(chunk.section);
    const root = rootOf(chunk);
    const outsideScope = scopeTerms.filter((term) => termMatch(term, root) < 1);
    const sentences = sentencesOf(chunk);
    let previous = '';
    for (const sentence of sentences) {
      // the sentence before names what this one goes on about (`我县成立…领导小组。组长由…担任`)
      const before = matchable(previous);
      previous = sentence;
      const text = sentence.length > TUNING.longSentence ? clauseWindow(sentence, terms, section, answerKind) : sentence;
      let window: string | undefined;
      const tight = () => (window ??= clauseWindow(text, terms, section, answerKind));
      const covered = coverage(terms, matchable(text), section, before);
      const plain = matchable(text);
      // a sentence outside that document or attachment must name the scope itself
      const missingScope = outsideScope.reduce((sum, term) => sum + (termMatch(term, plain) < 1 ? term.weight : 0), 0);
      const outOfScope = widest.weight ? (TUNING.outOfScope * missingScope) / widest.weight : 0;
      const fit = slot ? slotFit(slot, text) : { fit: 0, onlyYears: false };
      // a year (`2020年`) is no count: a sentence whose only numbers are years states no quantity
      const statesQuantity = QUANTITY.test(text) && !(fit.onlyYears && !/[一二两三四五六七八九十百千万半双]+\s*(个|亩|元|档|次|成|倍|项|人|户|级)/.test(text));
      const statesAnswerKind = !answerKind || answerKind.test(text);
      const subjectCoverage = subjects.length ? coverage(subjects, matchable(text), section, before) : 1;
      const numberBonus = (wantsNumber && /\d/.test(text) ? 0.08 : 0) + (wantsMoney && MONEY.test(text) ? TUNING.kindBonus : 0) + (wantsDate && DATE.test(text) ? TUNING.kindBonus : 0) + (wantsLength && LENGTH.test(text) ? TUNING.kindBonus : 0) + (wantsWho && NAMES_WHO.test(text) ? 0.1 : 0);
      const definitionBonus = wantsDefinition ? definitionCue(text, terms) : 0;
      const lengthPenalty = Math.max(0, text.length - 120) * 0.0008;
      scored.push({ chunk, text, tight, coverage: covered, answerFit: fit.fit, statesAnswerKind, statesQuantity, subjectCoverage, score: covered + 0.1 * chunkCoverage + 0.1 * wordingOverlap(questionPairs, text) + numberBonus + fit.fit + definitionBonus - lengthPenalty - outOfScope });
    }
  }
  return scored.sort((a, b) => b.score - a.score);
}
