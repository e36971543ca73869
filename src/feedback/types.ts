import type { Answer } from '../core/types.ts';

export type Vote = 'up' | 'down';

/** A free question the bot answered or declined, as logged (the text already masked). */
export interface QuestionEntry {
  question: string;
  status: Answer['status'];
  channel: string;
  /** The asker's bound unit; absent for people not bound to one. */
  unit?: string;
  askedAt: Date;
  /** File names of the documents the answer cited (empty when declined). */
  sources: string[];
}

export interface VoteEntry {
  questionId: string;
  /** The presser's userKey; stored only as a hash. */
  voter: string;
  vote: Vote;
  channel: string;
  unit?: string;
  at: Date;
}

export type VoteResult =
  | { kind: 'unknown' }
  /** recorded: first press; same: the same button again; changed: the other button after the first. */
  | { kind: 'recorded' | 'same' | 'changed'; question: QuestionEntry };

/** Something users could not get: a declined question or an answer voted 没用. */
export interface UnansweredEntry {
  question: string;
  reason: 'declined' | 'voted_down';
  channel: string;
  /** The asker's unit for a declined question; the presser's for a 没用. */
  unit?: string;
  at: Date;
  sources: string[];
}

/** Where questions and 有用/没用 presses are kept; SQLite now, PostgreSQL behind the same interface. */
export interface FeedbackStore {
  /** Logs a question; returns its opaque id (used in the 有用/没用 buttons). */
  logQuestion(entry: QuestionEntry): Promise<string>;
  /** One vote per question and person; the last press counts. */
  vote(entry: VoteEntry): Promise<VoteResult>;
  /** Declined questions and 没用 votes since the date, oldest first. */
  unanswered(since: Date): Promise<UnansweredEntry[]>;
  /** Deletes questions asked before the cutoff, with their votes; returns how many questions went. */
  purgeBefore(cutoff: Date): Promise<number>;
  /** Writes questions still queued (a store that writes them in batches); the reads above do it themselves. */
  flush?(): Promise<void>;
}
