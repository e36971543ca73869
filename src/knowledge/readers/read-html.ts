import { HTMLElement, parse } from 'node-html-parser';
import { htmlToText, inlineText, isFurniture } from './html-to-text.ts';
import type { Reader } from './types.ts';

/** The page's declared charset (many government sites still serve GBK), else UTF-8. */
export function decodeHtml(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const declared = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i)?.[1]?.toLowerCase();
  const charset = declared && /^(gb2312|gbk|gb18030|x-gbk)$/.test(declared) ? 'gb18030' : declared === 'big5' ? 'big5' : 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Content containers of common government CMSs (TRS, 政府网站集约化平台) and of article pages in general. */
const CONTENT_SELECTORS = ['.TRS_Editor', '.trs_editor_view', '#UCAP-CONTENT', '#zoom', '.pages_content', '.article-content', '.article_content', '.news_content', '.detail-content', 'article', '[role=main]', 'main', '#content', '.content'];

function textLength(element: HTMLElement): number {
  return inlineText(element).replace(/\s/g, '').length;
}

/** The element holding the article: a known content container with text, else the block whose paragraphs hold the most text. */
function articleRoot(body: HTMLElement): HTMLElement {
  for (const selector of CONTENT_SELECTORS) {
    const found = body.querySelectorAll(selector).filter((element) => !isFurniture(element));
    const best = found.sort((a, b) => textLength(b) - textLength(a))[0];
    if (best && textLength(best) >= 100) return best;
  }
  const scores = new Map<HTMLElement, number>();
  for (const paragraph of body.querySelectorAll('p, br')) {
    const parent = paragraph.parentNode as HTMLElement | null;
    if (!parent) continue;
    const length = paragraph.tagName === 'BR' ? 20 : textLength(paragraph);
    scores.set(parent, (scores.get(parent) ?? 0) + length);
  }
  let best: HTMLElement | undefined;
  for (const [element, score] of scores) if (!best || score > scores.get(best)!) best = element;
  return best && scores.get(best)! >= 100 ? best : body;
}

/** The article's title: its own heading, else the page title without the site name (`…的通知_福建省农业农村厅`). */
function articleTitle(document: HTMLElement, root: HTMLElement): string | undefined {
  const heading = document.querySelectorAll('h1, h2, .title, .article-title, .article_title, .news_title, #title').find((element) => textLength(element) >= 6 && textLength(element) <= 80);
  const text = heading ? inlineText(heading) : document.querySelector('title')?.text.split(/[_|｜]| - |--/)[0];
  const title = text?.replace(/\s+/g, ' ').trim();
  if (!title || inlineText(root).includes(title)) return undefined;
  return title;
}

/** A saved web page: the article text without navigation, scripts, share buttons and footers. */
export const readHtml: Reader = async (bytes) => {
  const document = parse(decodeHtml(bytes), { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  const body = document.querySelector('body') ?? document;
  const root = articleRoot(body);
  const title = articleTitle(document, root);
  const text = `${title ? `# ${title}\n\n` : ''}${htmlToText(root)}`;
  return text.replace(/\s/g, '').length >= 10 ? { ok: true, text } : { ok: false, reason: '网页中没有找到正文' };
};
