import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Text extensions indexed; others are reported as unsupported. */
export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown'];

/** Hash of a document's bytes plus its optional metadata file: unchanged hash → no work. */
export function contentHash(bytes: Buffer, meta?: Buffer): string {
  const hash = createHash('sha256').update(bytes);
  if (meta) hash.update('\u0000meta\u0000').update(meta);
  return hash.digest('hex');
}

/** Characters no readable document is made of: control characters other than tab and line breaks, DEL, U+FFFD (bytes that were not text). */
const BROKEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g;

/** More broken characters than a readable text has: over 8, and over 1% of the text. */
export function tooManyBrokenCharacters(text: string): boolean {
  return (text.match(BROKEN)?.length ?? 0) > Math.max(8, text.length * 0.01);
}

/** Decodes a document as UTF-8 text, refusing binary garbage and invalid encodings with a Chinese reason. */
export function decodeDocument(bytes: Buffer): { ok: true; text: string } | { ok: false; reason: string } {
  if (bytes.length === 0) return { ok: false, reason: '文件是空的' };
  if (bytes.includes(0)) return { ok: false, reason: '文件内容不是文本（含二进制数据，可能已损坏）' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: '文件不是有效的 UTF-8 文本（请另存为 UTF-8 编码的 txt）' };
  }
  if (tooManyBrokenCharacters(text)) return { ok: false, reason: '文件含大量不可显示的字符，可能已损坏' };
  if (!/[\p{L}\p{N}]/u.test(text)) return { ok: false, reason: '文件中没有可索引的文字' };
  return { ok: true, text };
}

/** Reads a file's bytes, turning permission and I/O errors into a Chinese reason. */
export function readBytes(path: string): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  try {
    return { ok: true, bytes: readFileSync(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: '没有读取权限' };
    if (code === 'EISDIR') return { ok: false, reason: '这是一个文件夹，不是文件' };
    return { ok: false, reason: `无法读取（${code ?? '未知错误'}）` };
  }
}
