import { isTitleLike } from './infer-metadata.ts';
import { renderTableRows } from './table-rows.ts';
import type { Block } from './text-blocks.ts';
import type { Chunk } from './types.ts';

const ORDINAL = '[一二三四五六七八九十百零〇\\d]{1,4}';
/** Heading marks of Chinese official documents, outermost first: 第X章 > 第X节 > 第X条 > 一、 > （一） > 1. > （1） > ①. */
const HEADING_MARKS: Array<{ rank: number; pattern: RegExp; article?: boolean }> = [
  { rank: 0.2, pattern: new RegExp(`^第${ORDINAL}章`) },
  { rank: 0.4, pattern: new RegExp(`^第${ORDINAL}节`) },
  // an article (第一条 …) has no title of its own: its number is its name
  { rank: 0.6, pattern: new RegExp(`^第${ORDINAL}条`), article: true },
  { rank: 1, pattern: /^[一二三四五六七八九十百]{1,3}、/ },
  { rank: 2, pattern: /^[（(]\s*[一二三四五六七八九十百]{1,3}\s*[)）]/ },
  { rank: 3, pattern: /^\d{1,2}\s*[.．、](?!\d)/ },
  { rank: 4, pattern: /^[（(]\s*\d{1,2}\s*[)）]/ },
  { rank: 5, pattern: /^[①-⑳]/ },
];
const ATTACHMENT = /^(附件|附表)\s*([0-9一二三四五六七八九十]*)\s*[:：]?\s*(.*)$/;
const UNIT_LINE = /^[（(]?单位[:：]\s*([^）)]{1,10})[)）]?$/;
const MAX_CHUNK = 500;
const SEPARATOR = ' › ';

interface Heading {
  rank: number;
  text: string;
}

/** Returns the heading rank and the heading's text (the mark and its title clause), if the paragraph opens a section. */
export function readHeading(text: string): { rank: number; title: string; pure: boolean; mark: RegExp } | null {
  const mark = HEADING_MARKS.find(({ pattern }) => pattern.test(text));
  if (!mark) return null;
  if (mark.article) return { rank: mark.rank, title: text.match(mark.pattern)![0], pure: false, mark: mark.pattern };
  const pure = text.length <= 40 && !/[。；，！？]/.test(text);
  if (pure) return { rank: mark.rank, title: text.replace(/[。：:]$/, '').replace(mark.pattern, (number) => (mark.rank < 1 ? `${number} ` : number)).trim(), pure, mark: mark.pattern };
  const end = text.search(/[。；：:]/);
  const title = end > 0 && end <= 40 ? text.slice(0, end) : text.slice(0, Math.max(text.search(/，/), 0) || 24).slice(0, 30);
  return { rank: mark.rank, title, pure, mark: mark.pattern };
}

function sentencesOf(text: string): string[] {
  return text.match(/[^。！？；]+[。！？；]?/g) ?? [text];
}

function squeeze(text: string): string {
  return text.replace(/[\s()（）]/g, '');
}

function bigramDice(a: string, b: string): number {
  const grams = (text: string) => new Set(Array.from({ length: Math.max(text.length - 1, 0) }, (_, i) => text.slice(i, i + 2)));
  const left = grams(a);
  const right = grams(b);
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return left.size + right.size ? (2 * shared) / (left.size + right.size) : 0;
}

/** The attachment list of the covering notice (`附件：1. …  2. …`): number → title. */
function attachmentList(blocks: Block[]): { list: Map<string, string>; items: Set<Block> } {
  const list = new Map<string, string>();
  const items = new Set<Block>();
  let inList = false;
  for (const block of blocks) {
    if (block.kind !== 'para') {
      inList = false;
      continue;
    }
    const opensList = /^附件[:：]/.test(block.text);
    if (opensList) inList = true;
    const text = block.text.replace(/^附件[:：]\s*/, '');
    const item = inList ? text.match(/^(\d{1,2})\s*[.．、]\s*(.+)$/) : null;
    if (item) {
      list.set(item[1], item[2].trim());
      items.add(block);
    } else if (!opensList) inList = false;
    if (opensList) items.add(block);
  }
  return { list, items };
}

/**
 * Short numbered lines right after a lead-in that ends in a colon (`具体可以采用以下几种作业方式：` / `1、…` / `2、…`),
 * two or more in a row with the same mark and nothing between them, are the lead-in's list, not headings.
 */
function listsAfterLeadIns(blocks: Block[]): Set<Block> {
  const items = new Set<Block>();
  for (let i = 0; i < blocks.length; i++) {
    const leadIn = blocks[i];
    if (leadIn.kind !== 'para' || !/[:：]$/.test(leadIn.text)) continue;
    const run: Block[] = [];
    let mark: RegExp | undefined;
    for (let j = i + 1; j < blocks.length; j++) {
      const block = blocks[j];
      const heading = block.kind === 'para' ? readHeading(block.text) : null;
      if (!heading?.pure || (mark && heading.mark !== mark)) break;
      mark = heading.mark;
      run.push(block);
    }
    if (run.length >= 2) for (const block of run) items.add(block);
  }
  return items;
}

/** The closing lines of a notice (抄送, 印发, contact, a signature date): they belong to the notice, not to the last section. */
const CLOSING = /^(抄送|主送)[:：]|^[\u4e00-\u9fa5（）()]{2,30}\s*(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(印发)?$/;

/** Title lines broken in two by extraction (`乡级高标准保护性耕作应用基地` / `建设标准`) are joined. */
function joinTitleFragments(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const previous = out[out.length - 1];
    if (
      block.kind === 'para' &&
      previous?.kind === 'para' &&
      block.text.length <= 12 &&
      !/[。，；：:]/.test(previous.text + block.text) &&
      !isTitleLike(previous.text) &&
      !readHeading(block.text) &&
      isTitleLike(previous.text + block.text)
    ) {
      out[out.length - 1] = { ...previous, text: previous.text + block.text };
      continue;
    }
    out.push(block);
  }
  return out;
}

/** Splits the cleaned blocks of one document by its own structure into passages with section paths. */
export function splitSections(inputBlocks: Block[], documentTitle: string): Chunk[] {
  const blocks = joinTitleFragments(inputBlocks);
  const { list: listed, items: listItems } = attachmentList(blocks);
  const leadInItems = listsAfterLeadIns(blocks);
  const listedNumber = (title: string): string | undefined => {
    let best: { number: string; score: number } | undefined;
    for (const [number, listedTitle] of listed) {
      const score = bigramDice(squeeze(listedTitle), squeeze(title));
      if (score >= 0.75 && (!best || score > best.score)) best = { number, score };
    }
    return best?.number;
  };
  const chunks: Chunk[] = [];
  let root = documentTitle;
  let inAttachment = false;
  let awaitingAttachmentTitle = false;
  let rootHasBody = false;
  let stack: Heading[] = [];
  let caption: string | undefined;
  let unit: string | undefined;
  let buffer: { section: string; text: string } | null = null;

  const path = () => [root, ...stack.map((heading) => heading.text)].join(SEPARATOR);
  const flush = () => {
    if (buffer) for (const piece of pack(buffer.text)) chunks.push({ section: buffer.section, text: piece, kind: 'text' });
    buffer = null;
  };
  const addText = (text: string) => {
    const section = path();
    rootHasBody = true;
    if (buffer && buffer.section === section && buffer.text.length + text.length <= MAX_CHUNK) buffer.text += `\n${text}`;
    else {
      flush();
      buffer = { section, text };
    }
  };

  for (const block of blocks) {
    if (block.kind === 'table') {
      flush();
      const base = caption && !path().endsWith(caption) ? `${path()}${SEPARATOR}${caption}` : path();
      // a form-like table names its subject in its first row (项目名称 → 耕地质量提升（生产障碍耕地治理）)
      const subject = block.rows[0]?.filter(Boolean);
      const section = subject && subject.length === 2 && /^(项目名称|项目|名称)$/.test(subject[0].replace(/\s/g, '')) ? `${base}（${subject[1]}）` : base;
      for (const row of renderTableRows(block.rows, unit)) chunks.push({ section, text: row.text, kind: 'row' });
      unit = undefined;
      rootHasBody = true;
      continue;
    }
    const text = block.text;
    const attachment = text.match(ATTACHMENT);
    // `附件3 …` or a bare `附表` line opens an attachment (the `附件：1. … 2. …` list of the notice does not)
    if (attachment && !/^附[件表][:：]/.test(text) && (attachment[2] || (attachment[1] === '附表' && !attachment[3])) && attachment[3].length <= 60) {
      flush();
      root = `${attachment[1]}${attachment[2]}${attachment[3] ? ` ${attachment[3]}` : ''}`;
      awaitingAttachmentTitle = !attachment[3];
      inAttachment = true;
      rootHasBody = false;
      stack = [];
      caption = attachment[3] || undefined;
      continue;
    }
    const unitLine = text.match(UNIT_LINE);
    if (unitLine) {
      unit = unitLine[1].trim();
      continue;
    }
    if (listItems.has(block)) {
      // the notice's list of attachments is text of the notice, not a run of headings
      flush();
      stack = [];
      addText(text);
      continue;
    }
    if (leadInItems.has(block)) {
      addText(text);
      continue;
    }
    if (CLOSING.test(text)) {
      flush();
      root = documentTitle;
      inAttachment = false;
      stack = [];
      addText(text);
      continue;
    }
    const heading = readHeading(text);
    if (!heading && (isTitleLike(text) || (awaitingAttachmentTitle && text.length <= 70 && !/[。，]/.test(text)))) {
      flush();
      if (text === documentTitle) continue;
      const number = awaitingAttachmentTitle ? undefined : listedNumber(text);
      if (awaitingAttachmentTitle) root = `${root} ${text}`;
      else if (number && inAttachment) {
        root = `附件${number} ${text}`;
        stack = [];
      } else if (inAttachment && rootHasBody) stack = [{ rank: 0, text }];
      else {
        root = text;
        stack = [];
      }
      awaitingAttachmentTitle = false;
      rootHasBody = false;
      caption = text;
      continue;
    }
    awaitingAttachmentTitle = false;
    if (heading) {
      flush();
      while (stack.length && stack[stack.length - 1].rank >= heading.rank) stack.pop();
      stack.push({ rank: heading.rank, text: heading.title });
      caption = heading.pure ? heading.title.replace(heading.mark, '').trim() : undefined;
      if (heading.pure) continue;
    }
    addText(text);
  }
  flush();
  return chunks;
}

/** Long paragraphs are cut at sentence ends into passages of at most MAX_CHUNK characters. */
function pack(text: string): string[] {
  if (text.length <= MAX_CHUNK) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentencesOf(text)) {
    if (current && current.length + sentence.length > MAX_CHUNK) {
      pieces.push(current);
      current = '';
    }
    current += sentence;
  }
  if (current) pieces.push(current);
  return pieces;
}
