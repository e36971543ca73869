import type { Citation, Reply } from '../../core/types.ts';
import { shortenQuote } from '../../knowledge/sentences.ts';

/** Telegram's limit for one message text. */
export const TELEGRAM_TEXT_LIMIT = 4096;
const QUOTE_LIMIT = 300;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One source as a compact line: 《title》文号 · section「quote」 */
export function formatCitation(citation: Citation, index: number): string {
  const section = citation.section.replace(`《${citation.title}》`, '').replace(/^\s*›\s*/, '').trim();
  const quote = shortenQuote(citation.quote, QUOTE_LIMIT);
  const parts = [`《${citation.title}》${citation.docNumber ?? ''}`];
  if (section) parts.push(section);
  return `${index + 1}. ${escapeHtml(parts.join(' · '))}「${escapeHtml(quote)}」`;
}

/**
 * Renders a reply as Telegram HTML messages of at most `limit` characters. Paragraphs and citations are
 * kept whole where possible; a citation is never split across messages.
 */
export function renderTelegramHtml(reply: Reply, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const blocks = reply.text
    .split(/\n{2,}/)
    .map((paragraph) => escapeHtml(paragraph.trim()))
    .filter(Boolean);
  const citations = reply.citations ?? [];
  if (citations.length) {
    blocks.push(`<b>出处</b>\n${formatCitation(citations[0], 0)}`);
    citations.slice(1).forEach((citation, i) => blocks.push(formatCitation(citation, i + 1)));
  }
  const messages: string[] = [];
  let current = '';
  for (const block of blocks.flatMap((b) => splitOversized(b, limit))) {
    const isCitation = /^\d+\. 《/.test(block);
    const joiner = current ? (isCitation ? '\n' : '\n\n') : '';
    if (current && current.length + joiner.length + block.length > limit) {
      messages.push(current);
      current = block;
    } else {
      current += joiner + block;
    }
  }
  if (current) messages.push(current);
  return messages.length ? messages : [''];
}

/** Breaks a block longer than the limit at line ends, then at the limit, never inside an entity. */
function splitOversized(block: string, limit: number): string[] {
  if (block.length <= limit) return [block];
  const pieces: string[] = [];
  let rest = block;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = limit;
    const ampersand = rest.lastIndexOf('&', cut);
    if (ampersand > cut - 6 && !rest.slice(ampersand, cut).includes(';')) cut = ampersand;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest) pieces.push(rest);
  return pieces;
}
