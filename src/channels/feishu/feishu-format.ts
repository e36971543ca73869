import type { Button, Citation, Reply } from '../../core/types.ts';
import { shortenQuote } from '../../knowledge/sentences.ts';

/** One Open API message: msg_type plus its JSON content string. */
export interface FeishuOutgoing {
  msgType: 'post' | 'interactive';
  content: string;
}

/** Keeps each post well under Feishu's 30 KB request limit. */
export const FEISHU_TEXT_LIMIT = 6000;
const CARD_TEXT_LIMIT = 3000;
const QUOTE_LIMIT = 300;

export function citationLine(citation: Citation, index: number): string {
  const section = citation.section.replace(`《${citation.title}》`, '').replace(/^\s*›\s*/, '').trim();
  const quote = shortenQuote(citation.quote, QUOTE_LIMIT);
  return `${index + 1}. ${[`《${citation.title}》${citation.docNumber ?? ''}`, section].filter(Boolean).join(' · ')}「${quote}」`;
}

/** Packs paragraphs and citation lines into texts of at most `limit` characters; a citation stays whole. */
export function packText(reply: Reply, limit = FEISHU_TEXT_LIMIT): string[] {
  const blocks: string[] = reply.text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  (reply.citations ?? []).forEach((citation, index) => blocks.push(`${index === 0 ? '出处：\n' : ''}${citationLine(citation, index)}`));
  const texts: string[] = [];
  let current = '';
  for (const block of blocks.flatMap((b) => chop(b, limit))) {
    const joiner = current ? (/^\d+\. 《/.test(block) ? '\n' : '\n\n') : '';
    if (current && current.length + joiner.length + block.length > limit) {
      texts.push(current);
      current = block;
    } else current += joiner + block;
  }
  if (current) texts.push(current);
  return texts;
}

function chop(block: string, limit: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < block.length; i += limit) pieces.push(block.slice(i, i + limit));
  return pieces;
}

export function postOf(text: string): FeishuOutgoing {
  const content = text.split('\n').map((line) => [{ tag: 'text', text: line }]);
  return { msgType: 'post', content: JSON.stringify({ zh_cn: { title: '', content } }) };
}

export function buttonElement(button: Button, index: number): Record<string, unknown> {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: button.label },
    type: index === 0 ? 'primary' : 'default',
    value: { action: button.action },
  };
}

/** A card with plain text (never markdown, so user text cannot inject markup) and one row of buttons. */
export function cardOf(text: string, buttons: Button[]): FeishuOutgoing {
  const elements: Array<Record<string, unknown>> = [];
  if (text) elements.push({ tag: 'div', text: { tag: 'plain_text', content: text } });
  elements.push({ tag: 'action', actions: buttons.map(buttonElement) });
  return { msgType: 'interactive', content: JSON.stringify({ config: { wide_screen_mode: true, update_multi: true }, elements }) };
}

/** Renders a reply as rich-text posts, with buttons as a final interactive card. */
export function renderFeishuReply(reply: Reply): FeishuOutgoing[] {
  const texts = packText(reply);
  if (!reply.buttons?.length) return texts.map(postOf);
  const last = texts.length && texts[texts.length - 1].length <= CARD_TEXT_LIMIT ? texts.pop()! : '请选择：';
  return [...texts.map(postOf), cardOf(last, reply.buttons)];
}

/** Feishu's file_type for an upload, from the file name. */
export function feishuFileType(fileName: string): 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream' {
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  if (extension === 'pdf') return 'pdf';
  if (['doc', 'docx'].includes(extension)) return 'doc';
  if (['xls', 'xlsx'].includes(extension)) return 'xls';
  if (['ppt', 'pptx'].includes(extension)) return 'ppt';
  return 'stream';
}
