import type { Answerer } from '../../src/core/conversation.ts';

/** Records every question and answers from a fixed table (or declines). */
export function createFakeAnswerer(table: Record<string, string> = {}): Answerer & { questions: string[] } {
  const questions: string[] = [];
  return {
    questions,
    async answer(question) {
      questions.push(question);
      const text = Object.hasOwn(table, question) ? table[question] : undefined;
      return text
        ? { status: 'answered', answer: text, citations: [{ doc: 'doc.txt', title: '测试文件', section: '一、', quote: text }] }
        : { status: 'no_answer', answer: '资料中没有找到。', citations: [] };
    },
  };
}
