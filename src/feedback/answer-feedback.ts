import type { AnswerObserver } from '../core/conversation.ts';
import type { Button } from '../core/types.ts';
import { maskPersonalIds } from '../privacy/mask.ts';
import type { FeedbackStore, Vote } from './types.ts';

export const FEEDBACK_SKILL = 'feedback';
export const VOTE_LABELS: Record<Vote, string> = { up: '有用', down: '没用' };

/** The action of a 有用/没用 button: `feedback:<up|down>:<question id>` (short enough for Telegram's 64 bytes). */
export const voteAction = (vote: Vote, questionId: string) => `${FEEDBACK_SKILL}:${vote}:${questionId}`;

/**
 * Logs every answered and declined question (phone and ID numbers masked) and puts 「有用」「没用」 under
 * each answer that carries one; a decline gets no buttons, it is already logged as unanswered.
 */
export function createAnswerFeedback(store: FeedbackStore): AnswerObserver {
  return {
    async observe({ question, answer, user, channel, at }) {
      const id = await store.logQuestion({
        question: maskPersonalIds(question),
        status: answer.status,
        channel,
        ...(user.unit ? { unit: user.unit } : {}),
        askedAt: at,
        sources: [...new Set(answer.citations.map((citation) => citation.doc))],
      });
      if (answer.status !== 'answered') return [];
      return (['up', 'down'] as const).map((vote): Button => ({ label: VOTE_LABELS[vote], action: voteAction(vote, id) }));
    },
  };
}
