import { layoutReply, type BlockDrawing } from '../../core/reply-layout.ts';
import type { Reply } from '../../core/types.ts';

/** Telegram's limit for one message text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const HTML: BlockDrawing = {
  paragraph: escapeHtml,
  citation: (block) => `${block.number}. ${escapeHtml([block.source, block.section].filter(Boolean).join(' · '))}「${escapeHtml(block.quote)}」`,
  sourcesHeading: '<b>出处</b>',
  cut: splitOversized,
};

/** Renders a reply as Telegram HTML messages of at most `limit` characters (the shared reply layout, escaped). */
export function renderTelegramHtml(reply: Reply, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const messages = layoutReply(reply, HTML, limit);
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
