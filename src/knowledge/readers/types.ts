import type { SystemTools } from './system-tools.ts';

/**
 * What a reader makes of a file: text in the dialect `toBlocks` reads (paragraphs separated by blank
 * lines, `#`… headings by level, tables as tab-separated rows with their header row first), so the
 * rest of the pipeline does not care where a block came from. Or a Chinese reason the file cannot be read.
 */
export type ReaderOutcome =
  | { ok: true; text: string; pages?: number; /** Chinese notes for the ingest report (pages read by OCR …). */ notes?: string[] }
  | { ok: false; reason: string };

export interface ReaderContext {
  fileName: string;
  tools: SystemTools;
  /** Upper bound for any external program run while reading this file. */
  timeoutMs: number;
}

export type Reader = (bytes: Uint8Array, context: ReaderContext) => Promise<ReaderOutcome>;
