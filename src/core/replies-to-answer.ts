import type { Answer, Button, Reply } from './types.ts';

/** Folds the core's replies into one answer: questions, eligibility checks and commands alike. */
export function repliesToAnswer(replies: Reply[]): Answer & { buttons?: Button[] } {
  const answered = replies.find((reply) => reply.answerStatus);
  const buttons = replies.flatMap((reply) => reply.buttons ?? []);
  return {
    status: answered?.answerStatus ?? (replies.length ? 'answered' : 'no_answer'),
    answer: replies.map((reply) => reply.text).join('\n\n'),
    citations: replies.flatMap((reply) => reply.citations ?? []),
    ...(buttons.length ? { buttons } : {}),
  };
}
