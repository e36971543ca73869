import { collapseCjkSpaces, normalizeText, stripMarkup } from './normalize-text.ts';
import { furnitureTable, stripFurniture, type PageMeta } from './page-furniture.ts';
import { splitRunTogether } from './run-together.ts';

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

function cleanLine(raw: string, page?: PageMeta): { text: string; headline: boolean; heading: boolean } {
  const headline = /^#\s/.test(raw.trim());
  const heading = /^#{1,6}\s/.test(raw.trim());
  let text = stripMarkup(raw).replace(/^\s*#{1,6}\s*/, '');
  // furniture is read before spaces are squeezed out: its fields are separated by them
  if (page && !text.includes('\t')) text = stripFurniture(text, page).text;
  text = text.replace(/^\s*[-•]\s+(?=\S)/, '');
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
  return readBlocks(raw).blocks;
}

/**
 * The blocks of a text as it arrives (normalised: simplified characters, no pinyin, Chinese punctuation;
 * run-together web pages split at their structure; page furniture dropped) and what the furniture said.
 */
export function readBlocks(raw: string): { blocks: Block[]; page: PageMeta } {
  const page: PageMeta = {};
  const lines = normalizeText(raw.replace(/^\uFEFF/, '')).split('\n').flatMap(splitRunTogether);
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
    const { text: cleaned, headline, heading } = cleanLine(rawLine, page);
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
    if (current && current.text === text && text.length >= 10) continue; // a line printed twice in a row
    if (current && current.text && !heading && !TERMINAL.test(current.text) && !LIST_START.test(text) && !current.heading && !standsAlone(current.text, text)) {
      current.text += text;
    } else {
      const carry = current?.continued && !current.text;
      flushPara();
      pending = { text, headline, heading, continued: continued || Boolean(carry) };
    }
  }
  flushPara();
  const kept = dropRepeatedParagraphs(blocks.filter((block) => block.kind !== 'table' || !furnitureTable(block.rows, page)));
  return { blocks: rejoinPageBreaks(kept), page };
}

const HEADING_LINE = /^([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十百零〇\d]{1,4}[章节条])/;
const DOC_NUMBER_LINE = /^[\u4e00-\u9fa5]{1,10}[〔［\[【（(](19|20)\d{2}[〕］\]】)）]\d{1,4}号$/;
const DATE_LINE = /^((19|20)\d{2}年\d{1,2}月\d{1,2}日|[二〇一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月([一二三四五六七八九十]{1,3}日)?)$/;
const TITLE_END = /(方案|要点|通知|意见|办法|规定|细则|规划|决定|纲要|计划|条例|指南|公告|通告|批复|表|图)$/;
const LEAD_LABEL = /^(导读|摘要|编者按|核心提示)：/;

/**
 * Lines of a web page's head each stand alone although none ends in punctuation: a title, a 文号,
 * a date, a short numbered heading, a salutation (`各市农业农村局：`), a lead (`导读：`).
 */
function standsAlone(previous: string, next: string): boolean {
  if (DOC_NUMBER_LINE.test(previous) || DOC_NUMBER_LINE.test(next) || DATE_LINE.test(previous) || DATE_LINE.test(next)) return true;
  if (LEAD_LABEL.test(next)) return true;
  if (HEADING_LINE.test(previous) && previous.length <= 25 && !/[。，；：]/.test(previous)) return true;
  return previous.length >= 6 && previous.length <= 70 && !/[。，；：！？]/.test(previous) && TITLE_END.test(previous);
}

/** A page that prints its text twice (a reprint glitch): the second copy of a paragraph is dropped. */
function dropRepeatedParagraphs(blocks: Block[]): Block[] {
  const seen = new Set<string>();
  return blocks.filter((block) => {
    if (block.kind !== 'para' || block.text.length < 20) return true;
    if (seen.has(block.text)) return false;
    seen.add(block.text);
    return true;
  });
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
      !standsAlone(previous.text, block.text) &&
      (/[，。；]/.test(block.text) || TERMINAL.test(block.text))
    ) {
      previous.text += block.text;
      continue;
    }
    out.push(block);
  }
  return out;
}
