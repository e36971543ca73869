import { dropUnrelatedArticles, type DroppedArticle } from './article-filter.ts';
import { layoutProblems } from './document-quality.ts';
import { inferMetadata } from './infer-metadata.ts';
import { minhashSignature } from './near-duplicates.ts';
import { splitSections } from './split-sections.ts';
import { mergeMeta, parseMetaJson } from './versions/meta-file.ts';
import { readBlocks } from './text-blocks.ts';
import type { Chunk, DocumentMeta } from './types.ts';

export interface ProcessedDocument {
  meta: DocumentMeta;
  chunks: Chunk[];
  dropped: DroppedArticle[];
  signature: number[];
  quality: number;
}

export interface ProcessOptions {
  words: (text: string) => string[];
  domainTerms: string[];
}

/** Reads `<file>.meta.json` (zod-checked, see versions/meta-file.ts). */
export function parseMetaFile(json: string): Partial<DocumentMeta> | { error: string } {
  return parseMetaJson(json);
}

/** Clean → infer metadata (given metadata wins) → split by structure; also the near-duplicate signature and layout quality. */
export function processDocument(text: string, fileName: string, givenMeta: Partial<DocumentMeta>, options: ProcessOptions): ProcessedDocument {
  const { blocks, page } = readBlocks(text);
  const { kept, dropped } = dropUnrelatedArticles(blocks, options);
  const meta = mergeMeta(inferMetadata(kept, fileName, page), givenMeta);
  const chunks = splitSections(kept, meta.title);
  const body = chunks.map((chunk) => chunk.text).join('\n');
  return { meta, chunks, dropped, signature: minhashSignature(body), quality: layoutProblems(kept) };
}
