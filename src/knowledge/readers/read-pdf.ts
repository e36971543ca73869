import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { isReadableOcr, ocrPdfPages, type OcrPage } from './ocr.ts';
import { layoutPdfText, type PdfItem, type PdfPage, type PdfRule } from './pdf-layout.ts';
import { verticalRules } from './pdf-rules.ts';
import { shortError } from './read-docx.ts';
import { sniff } from './sniff.ts';
import { ocrUnavailable } from './system-tools.ts';
import type { Reader, ReaderContext, ReaderOutcome } from './types.ts';

/** A page with fewer characters than this in its text layer is treated as a scanned image. */
const MIN_PAGE_CHARS = 20;
/** Scanned pages read by OCR per file (a few seconds each). */
export const MAX_OCR_PAGES = 60;

type TextItem = { str: string; transform: number[]; width: number; height: number };

/** A PDF's text layer, laid out as paragraphs and table rows; scanned PDFs go to OCR when it is installed. */
export const readPdf: Reader = async (bytes, context) => {
  if (sniff(bytes) !== 'pdf') return { ok: false, reason: '不是有效的 PDF 文件（文件头不对，可能已损坏或扩展名不对）' };
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of the buffer it is given: hand it a copy
    document = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, stopAtErrors: false });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') return { ok: false, reason: 'PDF 已加密（需要密码才能打开）：请去掉密码后再添加' };
    return { ok: false, reason: `PDF 已损坏，无法打开（${shortError(error)}）` };
  }
  try {
    const pages: PdfPage[] = [];
    const scanned: number[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const raw of content.items as TextItem[]) {
        if (!('str' in raw) || !raw.str) continue;
        const [a, b, , , x, y] = raw.transform;
        items.push({ text: raw.str, x, y, width: raw.width, size: Math.hypot(a, b) || raw.height || 10 });
      }
      const isScanned = items.reduce((sum, item) => sum + item.text.replace(/\s/g, '').length, 0) < MIN_PAGE_CHARS;
      if (isScanned) scanned.push(number);
      // cell borders matter only where text items share a baseline; a scanned page's images are not decoded for them
      const rules = !isScanned && sharesBaseline(items) ? await pageRules(page) : [];
      pages.push({ width: viewport.width, height: viewport.height, items, rules });
      page.cleanup();
    }
    if (scanned.length > pages.length / 2) return readScanned(bytes, scanned, pages.length, context);
    const text = layoutPdfText(pages);
    if (!text.replace(/\s/g, '')) return { ok: false, reason: 'PDF 中没有可读取的文字' };
    const notes = scanned.length ? [`第 ${scanned.join('、')} 页没有文字层（可能是扫描页），未读取`] : undefined;
    return { ok: true, text, pages: pages.length, ...(notes ? { notes } : {}) };
  } catch (error) {
    return { ok: false, reason: `PDF 内容无法解析（${shortError(error)}）` };
  } finally {
    await document.destroy();
  }
};

/** Whether two text items sit side by side on one baseline (a table row, or a line pdf.js split into pieces). */
function sharesBaseline(items: PdfItem[]): boolean {
  const baselines = new Set<number>();
  for (const item of items) {
    const key = Math.round(item.y);
    if (baselines.has(key)) return true;
    baselines.add(key);
  }
  return false;
}

/** The page's vertical lines (table cell borders); none when pdf.js cannot list the page's drawing. */
async function pageRules(page: { getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }> }): Promise<PdfRule[]> {
  try {
    const { OPS } = (await getResolvedPDFJS()) as unknown as { OPS: Record<string, number> };
    return verticalRules(await page.getOperatorList(), OPS);
  } catch {
    return [];
  }
}

async function readScanned(bytes: Uint8Array, scanned: number[], pageCount: number, context: ReaderContext): Promise<ReaderOutcome> {
  const missing = ocrUnavailable(context.tools, true);
  if (missing) return { ok: false, reason: missing };
  const pages = scanned.slice(0, MAX_OCR_PAGES);
  let results: OcrPage[];
  try {
    results = await ocrPdfPages(bytes, pages, context.tools, context.timeoutMs);
  } catch (error) {
    return { ok: false, reason: ocrFailure(error) };
  }
  return ocrOutcome(results, pageCount, scanned.length > MAX_OCR_PAGES ? [`扫描页太多，只识别了前 ${MAX_OCR_PAGES} 页`] : []);
}

export function ocrFailure(error: unknown): string {
  const killed = (error as { killed?: boolean }).killed;
  return killed ? '文字识别（OCR）超时，已停止：请检查扫描件是否过大' : `文字识别（OCR）失败（${shortError(error)}）`;
}

/** Keeps the pages OCR read confidently; a file where none was readable is refused rather than indexed as garbage. */
export function ocrOutcome(results: OcrPage[], pageCount: number, notes: string[]): ReaderOutcome {
  const readable = results.filter(isReadableOcr);
  if (!readable.length) return { ok: false, reason: '扫描件文字识别结果不可靠（图像模糊、倾斜或不是中文文字），未索引：请提供更清晰的扫描件或文字版' };
  const unreadable = results.length - readable.length;
  return {
    ok: true,
    text: readable.map((page) => page.text).join('\n\n'),
    pages: pageCount,
    notes: [`文字由 OCR 识别（${results.length} 页），数字请与原件核对`, ...(unreadable ? [`${unreadable} 页识别不清，已跳过`] : []), ...notes],
  };
}
