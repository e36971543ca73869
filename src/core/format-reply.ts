import { layoutReply, type BlockDrawing } from './reply-layout.ts';
import type { Reply } from './types.ts';

/** The shared reply layout as plain text (console, CLI): nothing to escape, nothing to cut. */
const PLAIN: BlockDrawing = {
  paragraph: (text) => text,
  citation: (block) => `${block.number}. ${[block.source, block.section].filter(Boolean).join(' · ')}「${block.quote}」`,
  sourcesHeading: '出处：',
  cut: (text) => [text],
};

/** A reply's text and citations in the layout every channel uses, as plain text. */
export function layoutPlainText(reply: Pick<Reply, 'text' | 'citations'>): string {
  return layoutReply({ text: reply.text, citations: reply.citations }, PLAIN, Number.POSITIVE_INFINITY).join('\n\n');
}

/** Plain-text rendering for the console and CLI: the shared layout, then numbered buttons. */
export function formatReplyAsText(reply: Reply, buttonOffset = 0): string {
  const parts = [layoutPlainText(reply)];
  if (reply.buttons?.length) {
    parts.push(reply.buttons.map((button, i) => `[#${buttonOffset + i + 1}] ${button.label}`).join('  ') + '（输入 #序号 或按钮上的字选择）');
  }
  if (reply.attachment) parts.push(`（附件：${reply.attachment.fileName}）`);
  return parts.join('\n');
}
