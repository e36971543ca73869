import mammoth from 'mammoth';
import { parse } from 'node-html-parser';
import { htmlToText } from './html-to-text.ts';
import type { Reader } from './types.ts';
import { sniff } from './sniff.ts';

/** DOCX through mammoth's HTML (headings by Word style, tables with merged cells), then the HTML walker. */
export const readDocx: Reader = async (bytes) => {
  const kind = sniff(bytes);
  if (kind === 'ole') return { ok: false, reason: '文件已加密（设置了打开密码），或其实是旧版 .doc 格式：请去掉密码或另存为 .docx 后再添加' };
  if (kind !== 'zip') return { ok: false, reason: '不是有效的 Word 文档（.docx 应为 zip 格式，文件可能已损坏或扩展名不对）' };
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }));
  } catch (error) {
    return { ok: false, reason: `Word 文档已损坏，无法打开（${shortError(error)}）` };
  }
  const text = htmlToText(parse(`<body>${html}</body>`));
  return text.replace(/\s/g, '') ? { ok: true, text } : { ok: false, reason: 'Word 文档中没有文字' };
};

export function shortError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 80);
}
