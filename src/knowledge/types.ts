import type { Answer } from '../core/types.ts';

export interface IngestReport {
  /** Documents (re)indexed in this run. */
  indexed: string[];
  /** Documents unchanged since the last run (no work done). */
  unchanged: string[];
  removed: string[];
  /** Unreadable or corrupt files, reported by name and skipped. */
  failed: Array<{ doc: string; reason: string }>;
}

export interface SearchHit {
  chunkId: number;
  doc: string;
  title: string;
  docNumber?: string;
  section: string;
  text: string;
  score: number;
}

/** The indexed documents of one knowledge folder. */
export interface KnowledgeBase {
  /** Indexes new or changed documents; unchanged files cost nothing. */
  ensureIndexed(): IngestReport;
  search(query: string, options?: { limit?: number }): SearchHit[];
  /** Offline extractive answer with citations, or a plain no_answer. */
  answer(question: string): Answer;
}
