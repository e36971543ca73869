import { shortenQuote } from '../text/sentences.ts';
import type { Citation, Reply } from './types.ts';

/** Longest quote shown under an answer; the whole passage stays in the citation. */
export const QUOTE_LIMIT = 300;

/** One piece of a reply as every channel lays it out. */
export type ReplyBlock =
  | { kind: 'paragraph'; text: string }
  /** `source` is 《title》文号, `section` the path below the title (may be empty), `quote` cut at a clause end. */
  | { kind: 'citation'; number: number; source: string; section: string; quote: string };

function citationBlock(citation: Citation, index: number): ReplyBlock {
  const section = citation.section.replace(`《${citation.title}》`, '').replace(/^\s*›\s*/, '').trim();
  return { kind: 'citation', number: index + 1, source: `《${citation.title}》${citation.docNumber ?? ''}`, section, quote: shortenQuote(citation.quote, QUOTE_LIMIT) };
}

/** A reply's paragraphs (split at blank lines), then one block per citation. */
export function replyBlocks(reply: Reply): ReplyBlock[] {
  const paragraphs: ReplyBlock[] = reply.text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((text) => ({ kind: 'paragraph', text }));
  return [...paragraphs, ...(reply.citations ?? []).map(citationBlock)];
}

/** How a channel draws blocks: its markup and escaping, nothing about order or grouping. */
export interface BlockDrawing {
  paragraph(text: string): string;
  citation(block: Extract<ReplyBlock, { kind: 'citation' }>): string;
  /** Drawn above the first citation, in the same block so a heading never ends a message. */
  sourcesHeading: string;
  /** Cuts a drawn block longer than the limit (at line ends, never inside the channel's markup). */
  cut(text: string, limit: number): string[];
}

/**
 * The reply as messages of at most `limit` characters: paragraphs apart by a blank line, citations one
 * per line under the heading; a block is moved whole to the next message rather than split.
 */
export function layoutReply(reply: Reply, drawing: BlockDrawing, limit: number): string[] {
  const drawn: Array<{ text: string; tight: boolean }> = [];
  let firstCitation = true;
  for (const block of replyBlocks(reply)) {
    if (block.kind === 'paragraph') drawn.push({ text: drawing.paragraph(block.text), tight: false });
    else {
      drawn.push({ text: firstCitation ? `${drawing.sourcesHeading}\n${drawing.citation(block)}` : drawing.citation(block), tight: !firstCitation });
      firstCitation = false;
    }
  }
  const messages: string[] = [];
  let current = '';
  for (const { text, tight } of drawn) {
    for (const piece of drawing.cut(text, limit)) {
      const joiner = current ? (tight ? '\n' : '\n\n') : '';
      if (current && current.length + joiner.length + piece.length > limit) {
        messages.push(current);
        current = piece;
      } else current += joiner + piece;
    }
  }
  if (current) messages.push(current);
  return messages;
}
