import type { StoredChunk } from './index-store.ts';
import { comparable } from './normalize-text.ts';
import { coverage, type RankedChunk, type WeightedTerm } from './retrieval.ts';

export interface ScoredSentence {
  chunk: StoredChunk;
  /** Verbatim text from the passage (a sentence, a clause window of a long one, or a table row). */
  text: string;
  coverage: number;
  score: number;
}

const WANTS_NUMBER = /多少|几|多大|多高|多长|多久|比例|标准|面积|金额|额度|数量|上限|下限|多远|百分之/;
const LEAD_IN = 16;
const LONG_SENTENCE = 110;

/** Sentences of a passage; a short lead-in (`三是发布监测年度报告。`, `1. 划分依据。`) stays with the sentence after it. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split('\n')) {
    const parts = line.match(/[^。！？；]+[。！？；]*/g) ?? [];
    let carry = '';
    for (const part of parts) {
      const sentence = carry + part;
      if (sentence.trim().length < LEAD_IN && part !== parts[parts.length - 1]) {
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
function clauseWindow(sentence: string, terms: WeightedTerm[], section: string): string {
  if (sentence.length <= LONG_SENTENCE) return sentence;
  const clauses = sentence.match(/[^，,：:]+[，,：:]?/g) ?? [sentence];
  const full = coverage(terms, comparable(sentence), section);
  let best = sentence;
  for (let start = 0; start < clauses.length; start++) {
    let window = '';
    for (let end = start; end < clauses.length; end++) {
      window += clauses[end];
      if (window.length >= best.length) break;
      if (coverage(terms, comparable(window), section) >= full - 1e-9) {
        best = window;
        break;
      }
    }
  }
  return best.replace(/[，,：:]$/, '').trim();
}

/** Scores every sentence of the best passages against the question. */
export function scoreSentences(question: string, terms: WeightedTerm[], ranked: RankedChunk[], maxChunks = 8): ScoredSentence[] {
  const wantsNumber = WANTS_NUMBER.test(question);
  const scored: ScoredSentence[] = [];
  for (const { chunk, coverage: chunkCoverage } of ranked.slice(0, maxChunks)) {
    const section = comparable(chunk.section);
    const sentences = chunk.kind === 'row' ? [chunk.text] : splitSentences(chunk.text);
    for (const sentence of sentences) {
      const text = clauseWindow(sentence, terms, section);
      const covered = coverage(terms, comparable(text), section);
      const numberBonus = wantsNumber && /\d/.test(text) ? 0.08 : 0;
      const lengthPenalty = Math.max(0, text.length - 120) * 0.0008;
      scored.push({ chunk, text, coverage: covered, score: covered + 0.1 * chunkCoverage + numberBonus - lengthPenalty });
    }
  }
  return scored.sort((a, b) => b.score - a.score);
}
