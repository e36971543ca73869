import { dropUnrelatedArticles, type DroppedArticle } from './article-filter.ts';
import { layoutProblems } from './document-quality.ts';
import { inferMetadata } from './infer-metadata.ts';
import { minhashSignature } from './near-duplicates.ts';
import { splitSections } from './split-sections.ts';
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

const META_FIELDS = ['title', 'issuer', 'docNumber', 'date', 'region', 'program'] as const;

/** Reads `<file>.meta.json`; only known string fields are taken, anything else is ignored. */
export function parseMetaFile(json: string): Partial<DocumentMeta> | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { error: '元数据文件不是有效的 JSON' };
  }
  if (!value || typeof value !== 'object') return { error: '元数据文件应为 JSON 对象' };
  const meta: Partial<DocumentMeta> = {};
  for (const field of META_FIELDS) {
    const fieldValue = (value as Record<string, unknown>)[field] ?? (field === 'docNumber' ? (value as Record<string, unknown>)['文号'] : undefined);
    if (typeof fieldValue === 'string' && fieldValue.trim()) meta[field] = fieldValue.trim();
  }
  return meta;
}

/** Clean → infer metadata (given metadata wins) → split by structure; also the near-duplicate signature and layout quality. */
export function processDocument(text: string, fileName: string, givenMeta: Partial<DocumentMeta>, options: ProcessOptions): ProcessedDocument {
  const { blocks, page } = readBlocks(text);
  const { kept, dropped } = dropUnrelatedArticles(blocks, options);
  const meta = { ...inferMetadata(kept, fileName, page), ...givenMeta };
  const chunks = splitSections(kept, meta.title);
  const body = chunks.map((chunk) => chunk.text).join('\n');
  return { meta, chunks, dropped, signature: minhashSignature(body), quality: layoutProblems(kept) };
}
