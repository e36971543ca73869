import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { IndexStore } from './index-store.ts';
import { findDuplicates } from './near-duplicates.ts';
import { parseMetaFile, processDocument, type ProcessOptions } from './process-document.ts';
import { contentHash, readBytes } from './read-document.ts';
import { documentText, isIndexable, maxDocumentBytes, needsReader, tooLargeReason, unsupportedReason } from './read-for-index.ts';
import type { ReaderPool } from './readers/reader-pool.ts';
import type { SystemTools } from './readers/system-tools.ts';
import type { ReaderOutcome } from './readers/types.ts';
import type { IngestProgress, IngestReport } from './types.ts';

/** Bump when cleaning/splitting changes so that every document is processed again. */
const PIPELINE_VERSION = '10';
const SKIPPED_NAMES = /^(readme(\.md)?|\..*)$/i;

/** The folder holding the documents: `<knowledge>/docs` when present, else the folder itself. */
export function documentsFolder(knowledgeDir: string): string {
  const docs = join(knowledgeDir, 'docs');
  return existsSync(docs) ? docs : knowledgeDir;
}

export function listFiles(folder: string): string[] {
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
  /** The reading thread for non-text files, started on first use. */
  readers: () => ReaderPool;
  /** Which optional tools are installed: a file that failed for want of one is read again once it is installed. */
  tools: SystemTools;
  /** Outcomes already read asynchronously, by document. */
  prepared?: Map<string, ReaderOutcome>;
  onProgress?: (progress: IngestProgress) => void;
  env?: NodeJS.ProcessEnv;
}

/** Size and modification time of a file and its metadata file: equal stamps mean the file need not even be opened. */
function stampOf(path: string): { stamp: string; size: number } | { error: NodeJS.ErrnoException } {
  try {
    const stat = statSync(path);
    const metaPath = `${path}.meta.json`;
    const meta = existsSync(metaPath) ? statSync(metaPath) : undefined;
    return { stamp: `${stat.size}:${Math.round(stat.mtimeMs)}:${meta ? `${meta.size}:${Math.round(meta.mtimeMs)}` : '-'}`, size: stat.size };
  } catch (error) {
    return { error: error as NodeJS.ErrnoException };
  }
}

function toolsKey(tools: SystemTools): string {
  return [tools.tesseract && tools.chiSim ? 'ocr' : '', tools.pdftoppm ? 'raster' : '', tools.soffice ? 'office' : ''].join(',');
}

const stampKey = (doc: string) => `stamp:${doc}`;
const failureKey = (doc: string) => `failed:${doc}`;

/** Changed files that a reader must read: what an asynchronous run reads before indexing. */
export function filesNeedingReader(options: Pick<IngestOptions, 'store' | 'knowledgeDir' | 'lexiconVersion' | 'tools'>): Array<{ doc: string; path: string }> {
  const folder = documentsFolder(options.knowledgeDir);
  const rebuild = options.store.getState('pipeline') !== `${PIPELINE_VERSION}:${options.lexiconVersion}`;
  const known = new Map(options.store.documents().map((document) => [document.doc, document.hash]));
  return listFiles(folder)
    .filter((doc) => needsReader(doc))
    .map((doc) => ({ doc, path: join(folder, doc) }))
    .filter(({ doc, path }) => {
      const stamp = stampOf(path);
      if ('error' in stamp) return false;
      if (rebuild) return true;
      if (options.store.getState(stampKey(doc)) === `${stamp.stamp}:${known.get(doc)}`) return false;
      const failure = cachedFailure(options.store, doc, stamp.stamp, options.tools);
      return !failure;
    });
}

function cachedFailure(store: IndexStore, doc: string, stamp: string, tools: SystemTools): string | undefined {
  const saved = store.getState(failureKey(doc));
  if (!saved) return undefined;
  try {
    const failure = JSON.parse(saved) as { stamp: string; tools: string; reason: string };
    return failure.stamp === stamp && failure.tools === toolsKey(tools) ? failure.reason : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Indexes new and changed documents (by content hash), removes deleted ones, then marks near-duplicate
 * printings. Files are read first; every change to the index is then written in one transaction, so an
 * interrupted run leaves the previous index whole.
 */
export function ingestFolder(options: IngestOptions): IngestReport {
  const started = Date.now();
  const { store } = options;
  const folder = documentsFolder(options.knowledgeDir);
  const report: IngestReport = { indexed: [], unchanged: [], removed: [], failed: [], duplicates: [], dropped: [], notes: [] };
  const pipeline = `${PIPELINE_VERSION}:${options.lexiconVersion}`;
  const rebuild = store.getState('pipeline') !== pipeline;
  const known = new Map(store.documents().map((document) => [document.doc, document]));
  const present = new Set<string>();
  const writes: Array<() => void> = [];
  const limit = maxDocumentBytes(options.env);
  const files = listFiles(folder);

  const fail = (doc: string, reason: string, stamp?: string) => {
    report.failed.push({ doc, reason });
    writes.push(() => {
      if (known.has(doc)) store.removeDocument(doc);
      store.setState(stampKey(doc), '');
      store.setState(failureKey(doc), stamp ? JSON.stringify({ stamp, tools: toolsKey(options.tools), reason }) : '');
    });
  };

  files.forEach((doc, done) => {
    options.onProgress?.({ done, total: files.length, current: doc, elapsedMs: Date.now() - started });
    present.add(doc);
    const path = join(folder, doc);
    if (!isIndexable(doc)) {
      report.failed.push({ doc, reason: unsupportedReason(doc) });
      return;
    }
    const stamp = stampOf(path);
    if ('error' in stamp) {
      const bytes = readBytes(path);
      return fail(doc, bytes.ok ? `无法读取（${stamp.error.code ?? '未知错误'}）` : bytes.reason);
    }
    if (!rebuild && known.has(doc) && store.getState(stampKey(doc)) === `${stamp.stamp}:${known.get(doc)!.hash}`) {
      report.unchanged.push(doc);
      return;
    }
    const failure = rebuild ? undefined : cachedFailure(store, doc, stamp.stamp, options.tools);
    if (failure) {
      report.failed.push({ doc, reason: failure });
      return;
    }
    if (stamp.size > limit) return fail(doc, tooLargeReason(stamp.size, limit), stamp.stamp);
    const bytes = readBytes(path);
    if (!bytes.ok) return fail(doc, bytes.reason);
    const metaPath = `${path}.meta.json`;
    const metaBytes = existsSync(metaPath) && statSync(metaPath).isFile() ? readBytes(metaPath) : undefined;
    const hash = contentHash(bytes.bytes, metaBytes?.ok ? metaBytes.bytes : undefined);
    if (!rebuild && known.get(doc)?.hash === hash) {
      report.unchanged.push(doc);
      writes.push(() => store.setState(stampKey(doc), `${stamp.stamp}:${hash}`));
      return;
    }
    const read = documentText(path, doc, bytes.bytes, options.readers, options.prepared?.get(doc));
    if (!read.ok) return fail(doc, read.reason, stamp.stamp);
    const givenMeta = metaBytes?.ok ? parseMetaFile(metaBytes.bytes.toString('utf8')) : {};
    if ('error' in givenMeta) report.failed.push({ doc: `${doc}.meta.json`, reason: `${givenMeta.error}，已改为从正文推断元数据` });
    const processed = processDocument(read.text, doc, 'error' in givenMeta ? {} : givenMeta, options);
    if (!processed.chunks.length) return fail(doc, '清理后没有可索引的正文', stamp.stamp);
    writes.push(() => {
      store.replaceDocument({ doc, hash, meta: processed.meta, signature: processed.signature, quality: processed.quality }, processed.chunks, options.segment);
      store.setState(stampKey(doc), `${stamp.stamp}:${hash}`);
      store.setState(failureKey(doc), '');
    });
    report.indexed.push(doc);
    for (const note of read.notes ?? []) report.notes!.push({ doc, note });
    for (const article of processed.dropped) report.dropped!.push({ doc, what: `与正文无关的文章「${article.headline}」（${article.chars} 字）` });
  });
  for (const doc of known.keys()) {
    if (!present.has(doc)) {
      writes.push(() => {
        store.removeDocument(doc);
        store.setState(stampKey(doc), '');
      });
      report.removed.push(doc);
    }
  }
  store.transaction(() => {
    for (const write of writes) write();
    if (report.indexed.length || report.removed.length || rebuild || report.failed.length) {
      const documents = store.documents();
      const duplicates = findDuplicates(documents.map((document) => ({ doc: document.doc, signature: document.signature, quality: document.quality })));
      store.setDuplicates(duplicates);
    }
    store.setState('pipeline', pipeline);
  });
  report.duplicates = store
    .documents()
    .filter((document) => document.duplicateOf)
    .map((document) => ({ doc: document.doc, duplicateOf: document.duplicateOf! }));
  report.elapsedMs = Date.now() - started;
  options.onProgress?.({ done: files.length, total: files.length, elapsedMs: report.elapsedMs });
  return report;
}
