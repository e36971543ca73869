import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { documentsFolder } from '../ingest.ts';
import { isIndexable, maxDocumentBytes, tooLargeReason, unsupportedReason } from '../read-for-index.ts';

export type StoreOutcome = { ok: true; doc: string; replaced: boolean; same: boolean } | { ok: false; doc: string; reason: string };

/** A file name safe to keep in the documents folder: no folders, no leading dot, no control characters. */
export function safeName(name: string): string {
  return basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 150);
}

/** Writes a received document into the documents folder (through a temporary file, so no half-written file is ever indexed). */
export function storeDocument(knowledgeDir: string, name: string, bytes: Buffer, env: NodeJS.ProcessEnv = process.env): StoreOutcome {
  const doc = safeName(name);
  if (!doc) return { ok: false, doc: name, reason: '文件名无效' };
  if (!isIndexable(doc)) return { ok: false, doc, reason: unsupportedReason(doc) };
  if (!bytes.length) return { ok: false, doc, reason: '文件是空的' };
  const limit = maxDocumentBytes(env);
  if (bytes.length > limit) return { ok: false, doc, reason: tooLargeReason(bytes.length, limit) };
  const folder = documentsFolder(knowledgeDir);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, doc);
  const existing = existsSync(path) ? readFileSync(path) : undefined;
  if (existing?.equals(bytes)) return { ok: true, doc, replaced: false, same: true };
  const temporary = join(folder, `.${doc}.${process.pid}.part`);
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
  return { ok: true, doc, replaced: Boolean(existing), same: false };
}

/** Deletes a document (and its metadata file) from the documents folder; false when there is no such file. */
export function deleteDocumentFile(knowledgeDir: string, doc: string): boolean {
  const path = join(documentsFolder(knowledgeDir), doc);
  if (safeName(doc) !== basename(doc) && !existsSync(path)) return false;
  if (!existsSync(path)) return false;
  rmSync(path);
  rmSync(`${path}.meta.json`, { force: true });
  return true;
}
