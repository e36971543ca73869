import { quoteOf, type ScoredSentence } from './extract-sentences.ts';
import { matchable } from './normalize-text.ts';
import { coverage, termMatch, type WeightedTerm } from './retrieval.ts';
import { TUNING } from './tuning.ts';

/** A clause a declined question comes closest to: shown as a pointer, never as the answer. */
export interface NearestClause {
  sentence: ScoredSentence;
  /** The whole clause (its shortest run of clauses holding the same words when it is too long to show). */
  quote: string;
  /** Where it stands below the title (`第十二条`, `四、扶持政策`), or '' for the document's opening. */
  place: string;
}

/**
 * The clause to point a declined question to: among the best few candidates, the first that itself (not
 * its heading) holds at least two of the question's subject words the documents use (a place alone, or one
 * shared word like 化肥 in a question about its price, is no common subject), most of their weight, and
 * enough of all the question's words the documents use. Nothing when the question's topic is a word the
 * documents never use, or it names no such subjects.
 */
export function nearestClause(terms: WeightedTerm[], candidates: ScoredSentence[]): NearestClause | undefined {
  // the first noun the question names is its topic: one the documents never use (残疾人两项补贴) makes it another programme's
  const topic = terms.find((term) => term.subject && !term.optional);
  if (!topic || topic.df === 0) return undefined;
  const known = terms.filter((term) => term.df > 0 && !term.optional);
  // a single character (乡 of 河口乡的乡长) names nothing on its own
  const subjects = known.filter((term) => term.subject && term.text.length > 1);
  if (subjects.length < TUNING.nearestSubjects) return undefined;
  for (const sentence of candidates.slice(0, TUNING.nearestCandidates)) {
    // a question of a 政策问答 page (`问14:冬闲田种油菜有补贴吗？`) points nowhere
    if (/[？?]\s*$/.test(sentence.text)) continue;
    const own = matchable(sentence.text);
    const held = subjects.filter((term) => termMatch(term, own) > 0).length;
    if (held < TUNING.nearestSubjects || coverage(subjects, own, '') < TUNING.nearestSubjectShare || coverage(known, own, '') < TUNING.nearestCoverage) continue;
    return { sentence, quote: quoteOf(sentence), place: placeOf(sentence.chunk.section) };
  }
  return undefined;
}

/** The innermost heading of a section path (`《…》 › 第三章 › 第十二条` → 第十二条). */
function placeOf(section: string): string {
  const parts = section.split(' › ').map((part) => part.trim()).filter(Boolean);
  return parts.length > 1 ? parts[parts.length - 1] : '';
}
