import { layoutReply, type BlockDrawing } from '../../core/reply-layout.ts';
import type { Button, Reply } from '../../core/types.ts';

/** One Open API message: msg_type plus its JSON content string. */
export interface FeishuOutgoing {
  msgType: 'post' | 'interactive';
  content: string;
}

/** Keeps each post well under Feishu's 30 KB request limit. */
export const FEISHU_TEXT_LIMIT = 6000;
const CARD_TEXT_LIMIT = 3000;

// Posts and cards carry plain text elements, so nothing needs escaping.
const PLAIN: BlockDrawing = {
  paragraph: (text) => text,
  citation: (block) => `${block.number}. ${[block.source, block.section].filter(Boolean).join(' · ')}「${block.quote}」`,
  sourcesHeading: '出处：',
  cut: (text, limit) => {
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += limit) pieces.push(text.slice(i, i + limit));
    return pieces;
  },
};

/** Packs a reply into texts of at most `limit` characters (the shared reply layout); a citation stays whole. */
export function packText(reply: Reply, limit = FEISHU_TEXT_LIMIT): string[] {
  return layoutReply(reply, PLAIN, limit);
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
