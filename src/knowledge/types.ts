import type { Answer } from '../core/types.ts';

export interface IngestReport {
  /** Documents (re)indexed in this run. */
  indexed: string[];
  /** Documents unchanged since the last run (no work done). */
  unchanged: string[];
  removed: string[];
  /** Unreadable or corrupt files, reported by name and skipped. */
  failed: Array<{ doc: string; reason: string }>;
  /** Near-duplicate printings found: `doc` is kept out of answers in favour of `duplicateOf`. */
  duplicates?: Array<{ doc: string; duplicateOf: string }>;
  /** Passages dropped while cleaning (unrelated articles, page furniture), per document. */
  dropped?: Array<{ doc: string; what: string }>;
  /** What a reader wants the admin to know about an indexed file (pages read by OCR, pages skipped). */
  notes?: Array<{ doc: string; note: string }>;
  /** Wall time of the run. */
  elapsedMs?: number;
}

/** Where a long index run is: shown on the console as files done / total and the current file. */
export interface IngestProgress {
  done: number;
  total: number;
  /** The file being read now (undefined once the run is finished). */
  current?: string;
  elapsedMs: number;
}

export interface IndexOptions {
  onProgress?: (progress: IngestProgress) => void;
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

/** What is known about one document: from `<file>.meta.json` when present, else inferred from its text. */
export interface DocumentMeta {
  title: string;
  issuer?: string;
  docNumber?: string;
  /** ISO date (YYYY-MM-DD) when it can be read from the text. */
  date?: string;
  /** The most specific place the document applies to (`法库县`, `辽宁省`), or `全国`. */
  region?: string;
  province?: string;
  city?: string;
  county?: string;
  /** The (first) year the document applies to, and the last one of a multi-year plan. */
  year?: number;
  yearTo?: number;
  program?: string;
}

/** One retrievable passage: a paragraph under its section path, or one table row with its header. */
export interface Chunk {
  /** Section path without the document title, e.g. `法库县…实施方案 › 四、扶持政策 › （三）实行差异化作业补助`. */
  section: string;
  text: string;
  kind: 'text' | 'row';
}

/** Who is asking: the region of their bound unit, outermost first. */
export interface AnswerContext {
  region?: { province?: string; city?: string; county?: string };
}

/** The indexed documents of one knowledge folder. */
export interface KnowledgeBase {
  /** Indexes new or changed documents; unchanged files cost nothing. */
  ensureIndexed(options?: IndexOptions): IngestReport;
  /** The same, but non-text files are read without blocking the event loop (uploads while serving). */
  ensureIndexedAsync?(options?: IndexOptions): Promise<IngestReport>;
  search(query: string, options?: { limit?: number }): SearchHit[];
  /** Offline extractive answer with citations, or a plain no_answer. */
  /** Offline extractive answer; `context.region` (the asker's unit) makes that region's documents preferred. */
  answer(question: string, context?: AnswerContext): Answer;
}
