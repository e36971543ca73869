import { layoutPlainText } from '../../core/format-reply.ts';
import type { Answer } from '../../core/types.ts';

/** The answer, then its sources, for the terminal: the layout every channel uses. */
export function formatAnswer(answer: Answer): string {
  return layoutPlainText({ text: answer.answer, citations: answer.citations });
}
