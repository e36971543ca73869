import { extname } from 'node:path';
import { READER_EXTENSIONS } from './readers/formats.ts';
import type { ReaderPool } from './readers/reader-pool.ts';
import type { ReaderOutcome } from './readers/types.ts';
import { decodeDocument, TEXT_EXTENSIONS } from './read-document.ts';

/** Larger files are refused before they are read (override with GENGBAO_MAX_DOC_MB). */
export const DEFAULT_MAX_DOC_MB = 50;

export function maxDocumentBytes(env: NodeJS.ProcessEnv = process.env): number {
  const megabytes = Number(env.GENGBAO_MAX_DOC_MB);
  return (Number.isFinite(megabytes) && megabytes > 0 ? megabytes : DEFAULT_MAX_DOC_MB) * 1024 * 1024;
}

/** Every extension the index reads: text in-process, the rest through the readers. */
export const INDEXED_EXTENSIONS = [...TEXT_EXTENSIONS, ...READER_EXTENSIONS];

export function isIndexable(fileName: string): boolean {
  return INDEXED_EXTENSIONS.includes(extname(fileName).toLowerCase());
}

export function needsReader(fileName: string): boolean {
  return READER_EXTENSIONS.includes(extname(fileName).toLowerCase());
}

export function unsupportedReason(fileName: string): string {
  return `不支持的文件类型（${extname(fileName) || '无扩展名'}）：可添加 txt、md、pdf、docx、doc、wps、xlsx、xls、et、csv、html 或图片`;
}

export function tooLargeReason(size: number, limit: number): string {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1);
  return `文件过大（${mb(size)} MB，上限 ${mb(limit)} MB）：请拆分后再添加，或调大 GENGBAO_MAX_DOC_MB`;
}

/** `<!-- … -->` in a Markdown or saved-page text is invisible when rendered: an editor's note, never policy. */
export function withoutHtmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, '');
}

/** A document's text for indexing: UTF-8 text read here, other formats by a reader (or taken from an earlier asynchronous read). */
export function documentText(path: string, fileName: string, bytes: Buffer, readers: () => ReaderPool, prepared?: ReaderOutcome): ReaderOutcome {
  if (!needsReader(fileName)) {
    const decoded = decodeDocument(bytes);
    if (!decoded.ok) return decoded;
    const text = withoutHtmlComments(decoded.text);
    return /[\p{L}\p{N}]/u.test(text) ? { ok: true, text } : { ok: false, reason: '文件中没有可索引的文字（只有注释）' };
  }
  if (bytes.length === 0) return { ok: false, reason: '文件是空的' };
  return prepared ?? readers().readSync(path, fileName);
}
