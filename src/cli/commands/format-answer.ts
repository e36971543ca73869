import type { Answer } from '../../core/types.ts';

/** The answer, then its sources in Chinese, for the terminal. */
export function formatAnswer(answer: Answer): string {
  if (!answer.citations.length) return answer.answer;
  const sources = answer.citations.map((citation, index) => {
    const number = citation.docNumber ? `（${citation.docNumber}）` : '';
    return `${index + 1}. 《${citation.title}》${number}\n   章节：${citation.section}\n   原文：「${citation.quote}」\n   文件：${citation.doc}`;
  });
  return [answer.answer, '', '出处：', ...sources].join('\n');
}
