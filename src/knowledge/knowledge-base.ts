import { questionPattern } from './question-words.ts';
import type { Answer, Citation } from '../core/types.ts';
import type { SqliteDatabase } from '../database/database.ts';
import { quoteOf, scoreSentences, wantsAnswerKind, WANTS_DEFINITION, WANTS_QUANTITY, type ScoredSentence } from './extract-sentences.ts';
import { answerFeatures, answerProbability, answers, detailSignalsUsed, loadCalibration, type Calibration, type Features } from './confidence.ts';
import { askedUnit, statesAskedUnit } from '../quantity/index.ts';
import { categoryAlias } from './category-alias.ts';
import { createIndexStore, type StoredChunk } from './index-store.ts';
import { filesNeedingReader, ingestFolder } from './ingest.ts';
import { createReaderPool, type ReaderPool } from './readers/reader-pool.ts';
import { detectTools } from './readers/system-tools.ts';
import type { ReaderOutcome } from './readers/types.ts';
import { loadLexicon } from './lexicon.ts';
import { queryTerms, type QueryTerm } from './query-terms.ts';
import { emptyQuestionReply, exampleQuestions, failedIndexReply, nearestClauseReply, notCoveredReply, tooLongReply } from './replies.ts';
import { nearestClause } from './nearest-clause.ts';
import { matchable, normalizeQuestion } from './normalize-text.ts';
import { rankChunks, termMatch, weighTerms, type WeightedTerm } from './retrieval.ts';
import { createTokenizer } from './tokenizer.ts';
import { impossibleValue, impossibleValueReply, placementLine, preferPlaced, userValues } from './user-values.ts';
import { TUNING } from './tuning.ts';
import { withNeighbours } from './quote-neighbours.ts';
import { fillBudget } from './fill-budget.ts';
import type { DocumentMeta, IndexOptions, IngestReport, KnowledgeBase, SearchHit, AnswerContext } from './types.ts';
import { documentVersions, type DocumentVersion } from './versions/document-versions.ts';
import { knownPlaces, shortPlaceName, preferenceContext, preferVersions, versionNotice, type PreferenceContext } from './versions/preference.ts';
import type { RegionPath } from './versions/region.ts';

export interface KnowledgeBaseOptions {
  knowledgeDir: string;
  db: SqliteDatabase;
  /** Environment for the readers (PATH for tesseract/LibreOffice, GENGBAO_MAX_DOC_MB, GENGBAO_READ_TIMEOUT_MS); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The fitted decline model; default: the knowledge folder's (or bundled) answer-calibration.json. `null`: the coverage gate. */
  calibration?: Calibration | null;
  /** Where a failed search is reported (a channel logger fits); default: standard error. */
  logger?: { error(message: string, error?: unknown): void };
}

/** An answer before the decline decision, with what the decision looks at (for fitting the calibration). */
export interface AnswerAttempt {
  /** The answer the documents would give; a no_answer when nothing was found or the input was unusable. */
  answer: Answer;
  /** Features of the best sentence, when there was one to decide on. */
  features?: Features;
  /** The hand-set coverage gate's verdict (used when no calibration is loaded). */
  covered?: boolean;
  probability?: number;
  /** The candidate sentences the answer was chosen from, best first (for fitting and diagnosis). */
  sentences?: ScoredSentence[];
  /** The question's weighted words (what a decline's closest clause is checked against). */
  terms?: WeightedTerm[];
  /** The asker's region and the year asked (what a decline's notice is about). */
  preference?: PreferenceContext;
  /** The answer opens with a verdict on the asker's own figure or a calculation from it (user-values placement line). */
  placed?: boolean;
}

const DEFINITION_CUES = questionPattern('definitionCues').source.split('|');
const LISTING = questionPattern('listing');
/** The offline knowledge base: jieba + FTS5 index in the given database, extractive answers with citations. */
export function createKnowledgeBase(options: KnowledgeBaseOptions): KnowledgeBase & { attempt(question: string, context?: AnswerContext): AnswerAttempt } {
  const lexicon = loadLexicon(options.knowledgeDir);
  const calibration = options.calibration === undefined ? loadCalibration(options.knowledgeDir) : (options.calibration ?? undefined);
  // the fitted model reads few of the asked-detail signals; without one (fitting) every signal is computed
  const detailSignals = calibration ? detailSignalsUsed(calibration) : undefined;
  const tokenizer = createTokenizer(lexicon.dictionaryText);
  const store = createIndexStore(options.db);
  const logger = options.logger ?? { error: (message: string, error?: unknown) => console.error(message, error) };
  const frequencies = new Map<string, number>();
  let metas = new Map<string, DocumentMeta>();
  let versions = new Map<string, DocumentVersion>();
  let places: RegionPath[] = [];
  /** The cities and counties the documents are about, full and short (`岚溪县`, `岚溪`): each one word of a question. */
  let placeNames: string[] = [];
  let excluded = new Set<string>();
  /** Example questions for the no-answer reply: candidates the documents answer, found once per index change. */
  let examples: string[] | undefined;

  const refresh = () => {
    const documents = store.documents();
    metas = new Map(documents.map((document) => [document.doc, document.meta]));
    versions = documentVersions(documents.filter((document) => !document.duplicateOf), lexicon.domainTerms);
    places = knownPlaces(versions.values());
    placeNames = places.flatMap((place) => [place.county, place.city]).filter((name): name is string => Boolean(name)).flatMap((name) => [name, shortPlaceName(name)]);
    excluded = new Set(documents.filter((document) => document.duplicateOf).map((document) => document.doc));
    frequencies.clear();
    examples = undefined;
    store.warmUp();
  };
  refresh();

  const segment = (text: string) => tokenizer.indexTokens(text).join(' ');
  const contentWords = (text: string) => tokenizer.words(text).filter((word) => !lexicon.stopwords.has(word));

  function rank(question: string) {
    const terms = weighTerms(queryTerms(question, tokenizer, lexicon, placeNames), store, tokenizer, frequencies);
    const cues = WANTS_DEFINITION.test(question) ? DEFINITION_CUES : [];
    return { terms, ranked: terms.length ? rankChunks(terms, store, tokenizer, excluded, cues) : [] };
  }

  function citation(chunk: StoredChunk, quote: string): Citation {
    const meta = metas.get(chunk.doc);
    return { doc: chunk.doc, title: meta?.title ?? chunk.doc, ...(meta?.docNumber ? { docNumber: meta.docNumber } : {}), section: chunk.section, quote };
  }

  /** Candidate answer sentences, best first: about the question's subject, and stating a quantity when one is asked for. */
  function answerSentences(question: string): ScoredSentence[] {
    return rankSentences(question).sentences;
  }

  function rankSentences(question: string): { terms: WeightedTerm[]; sentences: ScoredSentence[]; scored: ScoredSentence[] } {
    const { terms, ranked } = rank(question);
    if (!terms.length) return { terms, sentences: [], scored: [] };
    const wantsQuantity = WANTS_QUANTITY.test(question);
    // a question asking 多少钱 / 多少万亩 is answered only by a figure in that unit
    const unit = askedUnit(question);
    const scored = scoreSentences(question, terms, ranked);
    const sentences = scored.filter((sentence) => sentence.subjectCoverage >= TUNING.minSubjectCoverage && (!wantsQuantity || sentence.statesQuantity) && statesAskedUnit(unit, sentence.text, sentence.chunk.kind === 'row'));
    return { terms, sentences, scored };
  }

  function answerableExamples(): string[] {
    if (examples) return examples;
    const documents = [...metas.entries()].filter(([doc]) => !excluded.has(doc)).map(([, meta]) => meta);
    const found: string[] = [];
    for (const question of exampleQuestions(documents)) {
      if (found.length === 2) break;
      const [best] = answerSentences(question);
      if (best && best.coverage >= TUNING.minCoverage + 0.1 && best.statesAnswerKind) found.push(question);
    }
    return (examples = found);
  }

  /**
   * The best sentence covers enough of the question: the full share, or — for a question asking a
   * quantity — a lower share when it is the only sentence stating one, clearly ahead of the rest.
   */
  function covers(question: string, sentences: ScoredSentence[], terms: QueryTerm[]): boolean {
    const [best, next] = sentences;
    if (best.coverage >= TUNING.minCoverage) return true;
    if (!WANTS_QUANTITY.test(question) || best.coverage < TUNING.minQuantityCoverage || best.subjectCoverage < TUNING.minQuantityCoverage) return false;
    // a name jieba had to guess (`三面船镇` → 船镇) is what the question is about: the sentence must hold it
    const where = matchable(`${best.chunk.section} ${best.text}`);
    if (terms.some((term) => term.guessed && termMatch(term, where) < 1)) return false;
    // …stated in figures (`3米×2米`), not in words that merely count (`建一亩成一亩`)
    return /\d/.test(best.text) && (!next || next.score <= best.score - TUNING.clearLead);
  }

  function noAnswer(answer: string): Answer {
    return { status: 'no_answer', answer, citations: [] };
  }

  /** The decline: the closest clause (cited) when one is about the question's subject, else the plain reply with examples. */
  function declined(terms: WeightedTerm[], candidates: ScoredSentence[], preference: PreferenceContext): Answer {
    const nearest = nearestClause(terms, candidates);
    if (!nearest) return noAnswer(notCoveredReply(metas.size - excluded.size, answerableExamples()));
    const cited = citation(nearest.sentence.chunk, nearest.quote);
    const notice = versionNotice(versions.get(nearest.sentence.chunk.doc), preference, versions);
    return { status: 'no_answer', answer: nearestClauseReply(cited.title, nearest.place, nearest.quote, notice), citations: [cited] };
  }

  function choose(question: string, sentences: ScoredSentence[]): Array<{ sentence: ScoredSentence; quote: string }> {
    const [best] = sentences;
    const first = quoteOf(best);
    const chosen = [{ sentence: best, quote: first }];
    const limit = LISTING.test(question) ? TUNING.listQuotes : TUNING.quotes;
    let length = first.length;
    // the best sentence lacks the asked date or amount: the next one that states it is quoted right after it, before any neighbour
    const stating = best.statesAnswerKind ? undefined : sentences.slice(1, 1 + TUNING.kindQuoteRank).find((candidate) => candidate.statesAnswerKind && candidate.score >= best.score * TUNING.kindQuoteShare && candidate.text !== best.text);
    if (stating) {
      const quote = quoteOf(stating);
      chosen.push({ sentence: stating, quote });
      length += quote.length;
    }
    for (const candidate of sentences.slice(1)) {
      if (chosen.length >= limit) break;
      if (candidate.score < best.score * TUNING.furtherScoreShare || candidate.coverage < TUNING.minCoverage) break;
      // a further sentence must be nearly as complete as the best one to be worth quoting
      if (candidate.coverage < best.coverage - TUNING.furtherCoverageGap) continue;
      // …and hold the same kind of answer (an amount when money was asked for, not an area)
      if (best.statesAnswerKind && !candidate.statesAnswerKind) continue;
      // …counting the same thing (not `样板田5个` next to `100个…综合示范区`)
      if (candidate.answerFit < best.answerFit) continue;
      if (chosen.some(({ sentence }) => sentence.text === candidate.text || sentence.text.includes(candidate.text) || candidate.text.includes(sentence.text))) continue;
      const quote = length + candidate.text.length <= TUNING.maxAnswer ? candidate.text : candidate.tight();
      if (length + quote.length > TUNING.maxAnswer) continue;
      chosen.push({ sentence: candidate, quote });
      length += quote.length;
    }
    return chosen;
  }

  const env = options.env ?? process.env;
  /** One index run: the reading thread is started only if a non-text file changed, and stopped at the end. */
  function runIngest(indexOptions: IndexOptions, prepared?: Map<string, ReaderOutcome>, pool?: ReaderPool): IngestReport {
    let readers = pool;
    const tools = pool?.tools ?? detectTools(env);
    try {
      const report = ingestFolder({
        store,
        knowledgeDir: options.knowledgeDir,
        lexiconVersion: lexicon.version,
        segment,
        words: contentWords,
        domainTerms: lexicon.domainTerms,
        readers: () => (readers ??= createReaderPool({ env })),
        tools,
        prepared,
        onProgress: indexOptions.onProgress,
        env,
      });
      refresh();
      answerableExamples(); // found now rather than while someone waits for a reply
      return report;
    } finally {
      readers?.close();
    }
  }

  function attempt(question: string, context?: AnswerContext): AnswerAttempt {
    const text = normalizeQuestion(String(question ?? ''));
    const preference = preferenceContext(text, context?.region, places);
    if (text.replace(/[\p{P}\p{S}\p{Z}\p{Cc}\p{Emoji_Presentation}\p{Extended_Pictographic}]/gu, '').length < 2) return { answer: noAnswer(emptyQuestionReply()) };
    if (text.length > TUNING.maxQuestion) return { answer: noAnswer(tooLongReply(text.length, TUNING.maxQuestion)) };
    const values = userValues(text);
    const impossible = impossibleValue(values);
    if (impossible) return { answer: noAnswer(impossibleValueReply(impossible)) };
    let sentences: ScoredSentence[];
    let terms: WeightedTerm[];
    let scored: ScoredSentence[];
    try {
      ({ terms, sentences, scored } = rankSentences(text));
      // the asker's region and the newest year first; documents contradicting a named place or year out
      sentences = preferVersions(sentences, versions, preference);
    } catch (error) {
      logger.error(`[knowledge] 检索失败：${text.slice(0, 50)}`, error);
      return { answer: noAnswer(failedIndexReply()) };
    }
    // the best sentence names the asked-for thing by a rank but holds no answer: ask again by that rank
    let bridge: ScoredSentence | undefined;
    if (sentences.length && !sentences[0].statesAnswerKind) {
      const alias = categoryAlias(text, sentences.slice(0, TUNING.aliasSources).map((sentence) => sentence.text));
      const again = alias ? preferVersions(answerSentences(alias.question), versions, preference) : [];
      if (alias && again.length && again[0].statesAnswerKind && again[0].coverage >= TUNING.minCoverage) {
        bridge = sentences[alias.source];
        sentences = again;
      }
    }
    // no candidate passed the filters: a decline, pointing to the closest clause of the documents in question
    if (!sentences.length) return { answer: declined(terms, preferVersions(scored, versions, preference), preference), terms };
    // the clause whose range holds the user's own figure comes first; one that contradicts it goes back
    sentences = preferPlaced(values, sentences);
    const chosen = choose(text, sentences);
    // the sentence that gives the rank is quoted too, so the reader can check the step
    if (bridge && !chosen.some(({ sentence }) => sentence.text === bridge.text)) chosen.splice(1, chosen.length - 1, { sentence: bridge, quote: quoteOf(bridge) });
    const covered = covers(text, sentences, terms);
    const notice = versionNotice(versions.get(chosen[0].sentence.chunk.doc), preference, versions);
    // the first quote with its neighbours in the passage, within the characters the reader is shown first
    const title = citation(chosen[0].sentence.chunk, '').title;
    // the verdict on the user's own figure comes before a region or year notice: it is what they asked
    const quotes = () => chosen.map(({ quote }) => quote);
    // a tier's rate written in another paragraph of the first quote's document (第二档不高于58元/亩): the whole document's text
    const sameDocument = !values.length ? [] : store.documentTexts?.(chosen[0].sentence.chunk.doc) ?? scored.filter((sentence) => sentence.chunk.doc === chosen[0].sentence.chunk.doc).map((sentence) => sentence.text);
    let placement = placementLine(values, quotes(), title, text, sameDocument);
    // what the reader is shown: the placement line, the notice, then the quotes
    const shown = () => [placement, notice, ...quotes()].filter(Boolean).join('\n');
    const used = shown().length;
    const head = chosen[0];
    if (head.sentence.chunk.kind !== 'row') {
      chosen[0] = { ...head, quote: withNeighbours(head.sentence.chunk.text, head.quote, head.quote.length + TUNING.quoteWindow - used) };
      // a further quote the neighbours now hold is not shown twice: its room goes to the next-best sentences
      for (let at = chosen.length - 1; at > 0; at--) if (chosen[0].quote.includes(chosen[at].quote)) chosen.splice(at, 1);
    }
    // room left after a short passage: the next-best sentences, each quoted whole and cited
    chosen.push(...fillBudget(sentences, chosen, TUNING.quoteWindow - shown().length, TUNING.fillMinRoom));
    // the rate for the user's tier may stand in a quote that filled the answer: the line is read again over all of them
    if (values.length) placement = placementLine(values, quotes(), title, text, sameDocument) || placement;
    const features = answerFeatures(terms, sentences, WANTS_QUANTITY.test(text), wantsAnswerKind(text), covered, text, metas.get(sentences[0].chunk.doc)?.title ?? '', quotes().join('\n'), { version: versions.get(sentences[0].chunk.doc), preference, only: detailSignals });
    return {
      answer: {
        status: 'answered',
        answer: shown(),
        citations: chosen.map(({ sentence, quote }) => citation(sentence.chunk, quote)),
      },
      features,
      covered,
      sentences,
      terms,
      preference,
      ...(placement ? { placed: true } : {}),
      ...(calibration ? { probability: answerProbability(calibration, features) } : {}),
    };
  }

  return {
    ensureIndexed(indexOptions = {}) {
      return runIngest(indexOptions);
    },

    async ensureIndexedAsync(indexOptions = {}) {
      const tools = detectTools(env);
      const pending = filesNeedingReader({ store, knowledgeDir: options.knowledgeDir, lexiconVersion: lexicon.version, tools });
      if (!pending.length) return runIngest(indexOptions);
      const pool = createReaderPool({ env });
      const prepared = new Map<string, ReaderOutcome>();
      const started = Date.now();
      try {
        for (const [done, { doc, path }] of pending.entries()) {
          indexOptions.onProgress?.({ done, total: pending.length, current: doc, elapsedMs: Date.now() - started });
          prepared.set(doc, await pool.read(path, doc));
        }
        return runIngest(indexOptions, prepared, pool);
      } finally {
        pool.close();
      }
    },

    search(query, searchOptions = {}) {
      const limit = Math.max(1, Math.min(searchOptions.limit ?? 5, 50));
      try {
        return rank(normalizeQuestion(String(query ?? '')).slice(0, TUNING.maxQuestion)).ranked
          .filter((ranked) => ranked.coverage > 0)
          .slice(0, limit)
          .map(({ chunk, score }): SearchHit => {
            const meta = metas.get(chunk.doc);
            return { chunkId: chunk.id, doc: chunk.doc, title: meta?.title ?? chunk.doc, docNumber: meta?.docNumber, section: chunk.section, text: chunk.text, score };
          });
      } catch (error) {
        logger.error(`[knowledge] 检索失败：${String(query ?? '').slice(0, 50)}`, error);
        return [];
      }
    },

    attempt,

    answer(question, context?: AnswerContext) {
      const tried = attempt(question, context);
      if (!tried.features) return tried.answer;
      // a quoted range or rate that speaks of the asker's own figure answers them, whatever the sentence model's
      // threshold says; its vetoes (a near miss it knows, such as another place's figure) still hold
      const vetoed = (calibration?.vetoes ?? []).some(({ signal, threshold }) => (tried.features as Record<string, number>)[signal] >= 0.5 && (tried.probability ?? 0) < threshold);
      const confident = (tried.placed && !vetoed) || (tried.probability !== undefined ? answers(calibration!, tried.features, tried.probability) : tried.covered);
      return confident ? tried.answer : declined(tried.terms ?? [], tried.sentences ?? [], tried.preference ?? preferenceContext('', undefined, []));
    },
  };
}
