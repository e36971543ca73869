import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { IndexStore } from './index-store.ts';
import { findDuplicates } from './near-duplicates.ts';
import { parseMetaFile, processDocument, type ProcessOptions } from './process-document.ts';
import { contentHash, decodeDocument, readBytes, TEXT_EXTENSIONS } from './read-document.ts';
import type { IngestReport } from './types.ts';

/** Bump when cleaning/splitting changes so that every document is processed again. */
const PIPELINE_VERSION = '6';
const SKIPPED_NAMES = /^(readme(\.md)?|\..*)$/i;

/** The folder holding the documents: `<knowledge>/docs` when present, else the folder itself. */
export function documentsFolder(knowledgeDir: string): string {
  const docs = join(knowledgeDir, 'docs');
  return existsSync(docs) ? docs : knowledgeDir;
}

function listFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED_NAMES.test(entry.name) || entry.name === 'dictionary') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.endsWith('.meta.json')) files.push(relative(folder, path));
    }
  };
  walk(folder);
  return files.sort();
}

export interface IngestOptions extends ProcessOptions {
  store: IndexStore;
  knowledgeDir: string;
  lexiconVersion: string;
  segment: (text: string) => string;
}

/** Indexes new and changed documents (by content hash), removes deleted ones, then marks near-duplicate printings. */
export function ingestFolder(options: IngestOptions): IngestReport {
  const { store } = options;
  const folder = documentsFolder(options.knowledgeDir);
  const report: IngestReport = { indexed: [], unchanged: [], removed: [], failed: [], duplicates: [], dropped: [] };
  const pipeline = `${PIPELINE_VERSION}:${options.lexiconVersion}`;
  const rebuild = store.getState('pipeline') !== pipeline;
  const known = new Map(store.documents().map((document) => [document.doc, document]));
  const present = new Set<string>();

  for (const doc of listFiles(folder)) {
    present.add(doc);
    const path = join(folder, doc);
    if (!TEXT_EXTENSIONS.includes(extname(doc).toLowerCase())) {
      report.failed.push({ doc, reason: `不支持的文件类型（${extname(doc) || '无扩展名'}），请另存为 txt 或 md` });
      continue;
    }
    const bytes = readBytes(path);
    if (!bytes.ok) {
      report.failed.push({ doc, reason: bytes.reason });
      if (known.has(doc)) store.removeDocument(doc);
      continue;
    }
    const metaPath = `${path}.meta.json`;
    const metaBytes = existsSync(metaPath) && statSync(metaPath).isFile() ? readBytes(metaPath) : undefined;
    const hash = contentHash(bytes.bytes, metaBytes?.ok ? metaBytes.bytes : undefined);
    if (!rebuild && known.get(doc)?.hash === hash) {
      report.unchanged.push(doc);
      continue;
    }
    const decoded = decodeDocument(bytes.bytes);
    if (!decoded.ok) {
      report.failed.push({ doc, reason: decoded.reason });
      if (known.has(doc)) store.removeDocument(doc);
      continue;
    }
    const givenMeta = metaBytes?.ok ? parseMetaFile(metaBytes.bytes.toString('utf8')) : {};
    if ('error' in givenMeta) report.failed.push({ doc: `${doc}.meta.json`, reason: `${givenMeta.error}，已改为从正文推断元数据` });
    const processed = processDocument(decoded.text, doc, 'error' in givenMeta ? {} : givenMeta, options);
    if (!processed.chunks.length) {
      report.failed.push({ doc, reason: '清理后没有可索引的正文' });
      if (known.has(doc)) store.removeDocument(doc);
      continue;
    }
    store.transaction(() =>
      store.replaceDocument({ doc, hash, meta: processed.meta, signature: processed.signature, quality: processed.quality }, processed.chunks, options.segment),
    );
    report.indexed.push(doc);
    for (const article of processed.dropped) report.dropped!.push({ doc, what: `与正文无关的文章「${article.headline}」（${article.chars} 字）` });
  }
  for (const doc of known.keys()) {
    if (!present.has(doc)) {
      store.removeDocument(doc);
      report.removed.push(doc);
    }
  }
  const documents = store.documents();
  if (report.indexed.length || report.removed.length || rebuild || report.failed.length) {
    const duplicates = findDuplicates(documents.map((document) => ({ doc: document.doc, signature: document.signature, quality: document.quality })));
    store.setDuplicates(duplicates);
  }
  report.duplicates = store
    .documents()
    .filter((document) => document.duplicateOf)
    .map((document) => ({ doc: document.doc, duplicateOf: document.duplicateOf! }));
  store.setState('pipeline', pipeline);
  return report;
}
