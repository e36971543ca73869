import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collapseCjkSpaces } from '../normalize-text.ts';
import type { SystemTools } from './system-tools.ts';

export interface OcrPage {
  text: string;
  /** Mean word confidence 0–100 weighted by length. */
  confidence: number;
}

function run(file: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: String(stderr).slice(0, 200) }));
      else resolve(stdout);
    });
  });
}

/** Text of one image by tesseract's TSV output: its lines by block and paragraph, and how sure it was. */
export async function ocrImage(imagePath: string, tools: SystemTools, timeoutMs: number): Promise<OcrPage> {
  const tsv = await run(tools.tesseract!, [imagePath, 'stdout', '-l', tools.chiSim ? 'chi_sim' : 'eng', '--psm', '3', 'tsv'], timeoutMs);
  const lines = new Map<string, string[]>();
  let weighted = 0;
  let chars = 0;
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols.length < 12 || cols[0] !== '5') continue;
    const [, , block, par, line] = cols;
    const word = cols[11].trim();
    const confidence = Number(cols[10]);
    if (!word || confidence < 0) continue;
    const key = `${block}.${par}.${line}`;
    (lines.get(key) ?? lines.set(key, []).get(key)!).push(word);
    weighted += confidence * word.length;
    chars += word.length;
  }
  const out: string[] = [];
  let lastParagraph = '';
  for (const [key, words] of lines) {
    const paragraph = key.slice(0, key.lastIndexOf('.'));
    if (lastParagraph && paragraph !== lastParagraph) out.push('');
    out.push(collapseCjkSpaces(words.join(' ')));
    lastParagraph = paragraph;
  }
  return { text: out.join('\n'), confidence: chars ? weighted / chars : 0 };
}

/** Page images of a PDF (grey, 200 dpi) through pdftoppm, one page at a time so memory stays flat. */
export async function ocrPdfPages(pdf: Uint8Array, pages: number[], tools: SystemTools, timeoutMs: number): Promise<OcrPage[]> {
  const dir = await mkdtemp(join(tmpdir(), 'gengbao-ocr-'));
  try {
    const source = join(dir, 'source.pdf');
    await writeFile(source, pdf);
    const out: OcrPage[] = [];
    for (const page of pages) {
      const prefix = join(dir, `p${page}`);
      await run(tools.pdftoppm!, ['-r', '200', '-gray', '-png', '-f', String(page), '-l', String(page), source, prefix], timeoutMs);
      const image = (await readdir(dir)).find((name) => name.startsWith(`p${page}-`) && name.endsWith('.png'));
      out.push(image ? await ocrImage(join(dir, image), tools, timeoutMs) : { text: '', confidence: 0 });
      if (image) await rm(join(dir, image), { force: true });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** OCR output worth indexing: confident enough and mostly Chinese characters, digits and punctuation. */
export function isReadableOcr(page: OcrPage): boolean {
  const text = page.text.replace(/\s/g, '');
  if (text.length < 10) return false;
  const meaningful = text.match(/[\u4e00-\u9fff0-9%，。、；：（）]/g)?.length ?? 0;
  return page.confidence >= 55 && meaningful / text.length >= 0.6;
}
