import type { Citation, Reply } from './types.ts';

export function formatCitation(citation: Citation, index: number): string {
  const number = citation.docNumber ? `（${citation.docNumber}）` : '';
  return `${index + 1}. 《${citation.title}》${number} ${citation.section}\n   「${citation.quote}」`;
}

/** Plain-text rendering for the console and CLI: answer, numbered sources, numbered buttons. */
export function formatReplyAsText(reply: Reply, buttonOffset = 0): string {
  const parts = [reply.text];
  if (reply.citations?.length) parts.push(`来源：\n${reply.citations.map(formatCitation).join('\n')}`);
  if (reply.buttons?.length) {
    parts.push(reply.buttons.map((button, i) => `[#${buttonOffset + i + 1}] ${button.label}`).join('  ') + '（输入 #序号 或按钮上的字选择）');
  }
  if (reply.attachment) parts.push(`（附件：${reply.attachment.fileName}）`);
  return parts.join('\n');
}
