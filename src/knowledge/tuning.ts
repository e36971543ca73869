/**
 * Numbers of the answer engine that were tuned by hand, in one place. The decline decision's
 * weights are fitted instead (knowledge/dictionary/answer-calibration.json).
 */
export const TUNING = {
  /** Sentences looked at when placing the user's value in a range. */
  rangeCandidates: 8,
  /** …and how far below the best one's score they may be. */
  rangeScoreSlack: 0.15,
  /** Characters a document limit's label must share with the user's figure's label to be about the same thing. */
  minLabelOverlap: 2,
  // knowledge-base.ts
  /** A question must cover this share of its (idf-weighted) content words in one passage to be answered. */
  minCoverage: 0.62,
  /** …and at least this share of its subject words (nouns, names): a passage about something else is no answer. */
  minSubjectCoverage: 0.4,
  /** A quantity question may be answered by a sentence this complete when no other sentence comes close. */
  minQuantityCoverage: 0.5,
  clearLead: 0.05,
  maxQuestion: 300,
  /** Sentences searched for a rank that names the asked-for thing (`第一档为秸秆少量覆盖`). */
  aliasSources: 5,
  maxAnswer: 250,
  /** The first quote is widened with its neighbours in the passage until the answer is this long. */
  quoteWindow: 280,
  /** Room (characters) below which no further next-best sentence is added to fill the window. */
  fillMinRoom: 20,
  /** A further quoted sentence scores at least this share of the best one's score… */
  furtherScoreShare: 0.8,
  /** When the best sentence lacks the asked date or amount, the first of the next `kindQuoteRank` candidates stating it, scoring at least `kindQuoteShare` of the best, is quoted second. */
  kindQuoteRank: 5,
  kindQuoteShare: 0.6,
  /** Sentences quoted at most (a question asking for a list: listQuotes). */
  quotes: 2,
  listQuotes: 3,
  /** …and covers at most this much less of the question. */
  furtherCoverageGap: 0.1,
  // nearest-clause.ts (a declined question pointed to the clause it comes closest to)
  /** Candidates looked at, best first. */
  nearestCandidates: 3,
  /** Distinct subject words of the question (ones the documents use) the clause itself must hold… */
  nearestSubjects: 2,
  /** …and this share of their weight… */
  nearestSubjectShare: 0.6,
  /** …and of all the question's words the documents use. */
  nearestCoverage: 0.45,
  // retrieval.ts
  synonymCredit: 0.6,
  partsCredit: 0.7,
  /** Weight share of a word that neither the documents nor the dictionaries know (a segmentation guess). */
  guessedWeight: 0.3,
  /** Weight share of a word of the asking (`搞完`, `咋办`) that neither the documents nor its synonyms use. */
  phrasingWeight: 0.15,
  /** Weight share of a function word the documents do use (`至少`, `每年`, `一次`). */
  functionWeight: 0.35,
  sectionCredit: 0.8,
  abbreviationCredit: 0.5,
  previousCredit: 0.5,
  /** An abbreviation's characters lie within this many characters per character of it. */
  abbreviationSpan: 4,
  candidates: 50,
  rareTerms: 3,
  commonShare: 0.15,
  /** A rare-word candidate this complete makes the full (slower) search unnecessary. */
  goodEnough: 0.75,
  // extract-sentences.ts
  /** Passages whose sentences are scored (30 for a definition question). */
  passages: 8,
  /** A question asking a date or an amount: passages among the best `kindPassagePool` that hold one gain this much in the choice of those passages. */
  kindPassageBonus: 0.5,
  kindPassagePool: 24,
  /** Score bonus of a sentence that holds the asked date or amount of money. */
  kindBonus: 0.2,
  leadIn: 16,
  outOfScope: 0.25,
  longSentence: 110,
  // answer-slot.ts
  /** Bonus for a number followed by the asked-for measure word, and more when the counted noun follows it. */
  unitFit: 0.05,
  focusFit: 0.25,
  headFit: 0.15,
  focusSpan: 10,
  /** A sentence whose numbers count something else (`5年来` for `几个项目县`). */
  misfit: -0.05,
} as const;
