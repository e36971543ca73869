import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { ocrImage } from './ocr.ts';
import { ocrFailure, ocrOutcome } from './read-pdf.ts';
import { sniff } from './sniff.ts';
import { ocrUnavailable } from './system-tools.ts';
import type { Reader } from './types.ts';

/** A photographed or scanned page (PNG, JPEG, TIFF, BMP) through tesseract when installed. */
export const readImage: Reader = async (bytes, context) => {
  if (sniff(bytes) === 'other') return { ok: false, reason: '不是有效的图片文件（可能已损坏或扩展名不对）' };
  const missing = ocrUnavailable(context.tools, false);
  if (missing) return { ok: false, reason: missing.replace('这是扫描件（没有文字层）', '这是图片') };
  const dir = await mkdtemp(join(tmpdir(), 'gengbao-img-'));
  try {
    const path = join(dir, `image${extname(context.fileName).toLowerCase() || '.png'}`);
    await writeFile(path, bytes);
    return ocrOutcome([await ocrImage(path, context.tools, context.timeoutMs)], 1, []);
  } catch (error) {
    return { ok: false, reason: ocrFailure(error) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
