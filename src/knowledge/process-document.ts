import { dropUnrelatedArticles, type DroppedArticle } from './article-filter.ts';
import { layoutProblems } from './document-quality.ts';
import { inferMetadata, isTitleLike } from './infer-metadata.ts';
import { minhashSignature } from './near-duplicates.ts';
import { splitSections } from './split-sections.ts';
import { mergeMeta, parseMetaJson } from './versions/meta-file.ts';
import { factsParagraph, type PageMeta } from './page-furniture.ts';
import { readBlocks, type Block } from './text-blocks.ts';
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

/** The page furniture's facts (issuer, date, 文号) as a paragraph after the title, so 「哪天发的」 has a clause to quote. */
function withPageFacts(blocks: Block[], page: PageMeta): Block[] {
  const text = factsParagraph(page);
  if (!text) return blocks;
  const facts: Block = { kind: 'para', text, headline: false, heading: false, continued: false };
  const first = blocks[0];
  const at = first?.kind === 'para' && (first.headline || isTitleLike(first.text)) ? 1 : 0;
  return [...blocks.slice(0, at), facts, ...blocks.slice(at)];
}

/** Clean → infer metadata (given metadata wins) → split by structure; also the near-duplicate signature and layout quality. */
export function processDocument(text: string, fileName: string, givenMeta: Partial<DocumentMeta>, options: ProcessOptions): ProcessedDocument {
  const { blocks, page } = readBlocks(text);
  const { kept, dropped } = dropUnrelatedArticles(blocks, options);
  const meta = mergeMeta(inferMetadata(kept, fileName, page), givenMeta);
  const chunks = splitSections(withPageFacts(kept, page), meta.title);
  const body = chunks.map((chunk) => chunk.text).join('\n');
  return { meta, chunks, dropped, signature: minhashSignature(body), quality: layoutProblems(kept) };
}
