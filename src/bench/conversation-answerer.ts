import { createApp } from '../app.ts';
import { repliesToAnswer } from '../core/replies-to-answer.ts';
import type { Config } from '../config.ts';
import type { Answer } from '../core/types.ts';
import type { IngestReport } from '../knowledge/types.ts';

export interface ConversationAnswerer {
  ingestReport: IngestReport;
  /** One fresh user sending one message through the conversation core; the reply as an answer. */
  answer(question: string): Promise<Answer>;
  close(): void;
}

/** The whole product (skills, routing, knowledge) behind one question at a time, as a new web-chat user sees it. */
export async function openConversationAnswerer(config: Config): Promise<ConversationAnswerer> {
  const app = await createApp(config);
  let asked = 0;
  return {
    ingestReport: app.ingestReport,
    async answer(question) {
      const userId = `eval-${process.pid}-${++asked}`;
      return repliesToAnswer(await app.conversation.handle({ channel: 'web', userId, text: question }));
    },
    close: () => app.close(),
  };
}
