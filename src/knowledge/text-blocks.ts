import { collapseCjkSpaces, stripMarkup } from './normalize-text.ts';

/** A paragraph of running text, or a table (consecutive tab-separated lines, page splits merged). */
export type Block =
  | { kind: 'para'; text: string; headline: boolean; heading: boolean; continued: boolean }
  | { kind: 'table'; rows: string[][] };

const TERMINAL = /[。！？；：…”」』）)!?;:]$/;
const LIST_START = /^(——|[-•·]\s|第[一二三四五六七八九十百零〇\d]{1,4}[章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、](?!\d)|[①-⑳]|附件)/;
const CONTINUATION_MARK = /^[（(](上接|下转|接上|转下)第?[^)）]{0,6}版?[)）]/;
const FURNITURE = [
  /^[-—–\s]*第?\s*\d{1,3}\s*页?[-—–\s]*$/, // page numbers
  /^[（(]此件(主动|不予)?公开[)）]$/,
  /^签发人[:：]/,
  /^-{3,}$|^={3,}$|^\*{3,}$/,
];

function cleanLine(raw: string): { text: string; headline: boolean; heading: boolean } {
  const headline = /^#\s/.test(raw.trim());
  const heading = /^#{1,6}\s/.test(raw.trim());
  let text = stripMarkup(raw).replace(/^\s*#{1,6}\s*/, '').replace(/^\s*[-•]\s+(?=\S)/, '');
  if (!text.includes('\t')) text = text.trim();
  text = collapseCjkSpaces(text).replace(/[ ]{2,}/g, ' ');
  return { text, headline, heading };
}

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** A markdown pipe-table row as a tab-separated line (`| 乡镇 | 面积 |` → `乡镇\t面积`); other lines unchanged. */
function pipeRowAsTabs(line: string): string {
  if (!PIPE_ROW.test(line)) return line;
  return line.trim().slice(1, -1).split('|').map((cell) => cell.trim() || ' ').join('\t');
}

function isTableLine(line: string): boolean {
  return line.includes('\t') && line.replace(/\t/g, '').trim().length > 0;
}

/** Splits extracted text into paragraphs and tables, rejoining sentences broken by page or line ends. */
export function toBlocks(raw: string): Block[] {
  const lines = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let table: string[][] | null = null;
  let lastTableHeader = '';
  type Pending = { text: string; headline: boolean; heading: boolean; continued: boolean };
  let pending: Pending | null = null;
  let blankSinceTable = false;

  const flushPara = () => {
    if (pending && !pending.text) return; // a bare 上接/下转 mark waits for the paragraph it introduces
    if (pending) blocks.push({ kind: 'para', ...pending });
    pending = null;
  };
  for (const line of lines) {
    if (PIPE_RULE.test(line) && table) continue; // the `| --- | --- |` rule under a markdown table's header
    const rawLine = pipeRowAsTabs(line);
    if (isTableLine(rawLine)) {
      flushPara();
      const cells = cleanLine(rawLine).text.split('\t').map((cell) => cell.trim());
      const signature = cells.join('|').replace(/\s/g, '');
      if (table && blankSinceTable && signature === lastTableHeader) {
        blankSinceTable = false; // the header repeated after a page break: same table goes on
        continue;
      }
      if (!table) {
        table = [];
        blocks.push({ kind: 'table', rows: table });
        lastTableHeader = signature;
      }
      table.push(cells);
      blankSinceTable = false;
      continue;
    }
    const { text: cleaned, headline, heading } = cleanLine(rawLine);
    if (!cleaned) {
      if (table) blankSinceTable = true;
      flushPara();
      continue;
    }
    let text = cleaned;
    let continued = false;
    if (CONTINUATION_MARK.test(text)) {
      continued = true;
      text = text.replace(CONTINUATION_MARK, '').trim();
    }
    if (FURNITURE.some((pattern) => pattern.test(text))) continue;
    table = null;
    if (!text) {
      flushPara();
      if (continued) pending = { text: '', headline: false, heading: false, continued: true };
      continue;
    }
    const current = pending as Pending | null;
    if (current && current.text && !heading && !TERMINAL.test(current.text) && !LIST_START.test(text) && !current.heading) {
      current.text += text;
    } else {
      const carry = current?.continued && !current.text;
      flushPara();
      pending = { text, headline, heading, continued: continued || Boolean(carry) };
    }
  }
  flushPara();
  return rejoinPageBreaks(blocks);
}

/** A paragraph cut by a page break ends mid-sentence; the next paragraph carries on without a heading. */
function rejoinPageBreaks(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const previous = out[out.length - 1];
    if (
      block.kind === 'para' &&
      previous?.kind === 'para' &&
      !block.heading &&
      !block.continued &&
      !previous.heading &&
      /[，。；]/.test(previous.text.replace(LIST_START, '')) &&
      !(LIST_START.test(previous.text) && previous.text.length <= 40 && !previous.text.includes('。')) &&
      !TERMINAL.test(previous.text) &&
      !LIST_START.test(block.text) &&
      (/[，。；]/.test(block.text) || TERMINAL.test(block.text))
    ) {
      previous.text += block.text;
      continue;
    }
    out.push(block);
  }
  return out;
}
