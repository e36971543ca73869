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
} as const;
