import { HTMLElement, NodeType, type Node } from 'node-html-parser';

/**
 * Writes HTML as the plain-text dialect `toBlocks` reads: one paragraph per block element with a blank
 * line after it, headings as `#`… by level, data tables as tab-separated rows (merged cells left empty
 * so each row inherits from the row above). Navigation, scripts, forms and share buttons are skipped.
 */

const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'nav', 'header', 'footer', 'aside', 'form', 'button', 'select', 'input', 'textarea', 'iframe', 'svg', 'template', 'head', 'object', 'embed', 'video', 'audio', 'map', 'img']);
/** Class or id of page furniture: share bars, menus, breadcrumbs, comments, related links, print/close buttons. */
export const FURNITURE_NAME = /(^|[\s_-])(share|bdshare|jiathis|social|nav|navbar|menu|breadcrumbs?|crumbs?|position|location|sidebar|comments?|related|recommend|toolbar|print|close|login|search|copyright|footer|header|pager|pagination|qrcode|ewm|fenxiang|dayin|guanbi)([\s_-]|$)/i;
const BLOCK_TAGS = new Set(['p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'dl', 'dd', 'dt', 'blockquote', 'pre', 'center', 'address', 'figure', 'figcaption', 'body', 'html', 'tbody', 'thead', 'tfoot', 'caption']);
const HEADING = /^h([1-6])$/;

function isElement(node: Node): node is HTMLElement {
  return node.nodeType === NodeType.ELEMENT_NODE;
}

export function isFurniture(element: HTMLElement): boolean {
  const tag = element.tagName?.toLowerCase() ?? '';
  if (SKIPPED_TAGS.has(tag)) return true;
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  if (names.trim() && FURNITURE_NAME.test(names)) return true;
  const style = element.getAttribute('style') ?? '';
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

function squash(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** Text of an element with its furniture removed, on one line. */
export function inlineText(element: Node): string {
  if (!isElement(element)) return element.text;
  if (isFurniture(element)) return '';
  if (element.tagName?.toLowerCase() === 'br') return ' ';
  return element.childNodes.map(inlineText).join('');
}

function cellSpan(cell: HTMLElement, name: string): number {
  const value = Number.parseInt(cell.getAttribute(name) ?? '1', 10);
  return Number.isFinite(value) && value > 1 ? Math.min(value, 50) : 1;
}

/** A table used for page layout holds other tables or long runs of text; it is read as ordinary blocks. */
function isLayoutTable(table: HTMLElement): boolean {
  if (table.querySelector('table')) return true;
  const rows = table.querySelectorAll('tr');
  if (rows.length < 2) return true;
  const cells = table.querySelectorAll('td, th');
  return cells.some((cell) => squash(inlineText(cell)).length > 300);
}

function ownRows(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  const visit = (element: HTMLElement) => {
    for (const child of element.childNodes) {
      if (!isElement(child)) continue;
      const tag = child.tagName?.toLowerCase();
      if (tag === 'tr') rows.push(child);
      else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') visit(child);
    }
  };
  visit(table);
  return rows;
}

/** Rows of a data table; a cell spanning rows leaves the cells below it empty, a cell spanning columns the cells beside it. */
export function tableRows(table: HTMLElement): string[][] {
  const rows: string[][] = [];
  const spanning = new Map<number, number>(); // column → rows still covered by a cell above
  for (const tr of ownRows(table)) {
    const row: string[] = [];
    const next = () => {
      while ((spanning.get(row.length) ?? 0) > 0) {
        spanning.set(row.length, spanning.get(row.length)! - 1);
        row.push('');
      }
    };
    for (const cell of tr.childNodes) {
      if (!isElement(cell) || !/^t[dh]$/i.test(cell.tagName ?? '')) continue;
      next();
      const text = squash(inlineText(cell)).replace(/\t/g, ' ');
      const columns = cellSpan(cell, 'colspan');
      const down = cellSpan(cell, 'rowspan') - 1;
      for (let c = 0; c < columns; c++) {
        if (down > 0) spanning.set(row.length, down);
        row.push(c === 0 ? text : '');
      }
    }
    next();
    if (row.some((cell) => cell.replace(/\s/g, ''))) rows.push(row);
  }
  return rows;
}

/** The body of an element as `toBlocks` text. */
export function htmlToText(root: HTMLElement): string {
  const out: string[] = [];
  let line = '';
  const endLine = () => {
    const text = squash(line);
    if (text) out.push(text);
    line = '';
  };
  const endBlock = () => {
    endLine();
    if (out.length && out[out.length - 1] !== '') out.push('');
  };
  const walk = (node: Node) => {
    if (!isElement(node)) {
      line += node.text;
      return;
    }
    if (isFurniture(node)) return;
    const tag = node.tagName?.toLowerCase() ?? '';
    if (tag === 'br') return endLine();
    const heading = tag.match(HEADING);
    if (heading) {
      endBlock();
      const text = squash(inlineText(node));
      if (text) out.push(`${'#'.repeat(Number(heading[1]))} ${text}`, '');
      return;
    }
    if (tag === 'table' && !isLayoutTable(node)) {
      endBlock();
      const caption = node.querySelector('caption');
      if (caption) out.push(squash(inlineText(caption)), '');
      for (const row of tableRows(node)) out.push(row.map((cell) => cell || ' ').join('\t'));
      out.push('');
      return;
    }
    const block = BLOCK_TAGS.has(tag) || tag === 'table' || tag === 'tr' || tag === 'td' || tag === 'th';
    if (block) endBlock();
    for (const child of node.childNodes) walk(child);
    if (block) endBlock();
  };
  walk(root);
  endBlock();
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
