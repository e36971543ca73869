/** How one failed attempt is read: the error to report if it is the last, and whether and when to try again. */
export interface RetryJudgement<E> {
  error: E;
  retry: boolean;
  waitMs: number;
}

/**
 * The one retry loop (platform sends, model calls): each caller says how to judge a failure and how to
 * wait; the loop gives up when the judgement says so or the attempts are used, throwing the judged error.
 */
export async function retrying<T, E>(
  run: () => Promise<T>,
  plan: { attempts: number; judge(caught: unknown, attempt: number): RetryJudgement<E>; sleep(ms: number): Promise<void> },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (caught) {
      const { error, retry, waitMs } = plan.judge(caught, attempt);
      if (!retry || attempt >= plan.attempts) throw error;
      await plan.sleep(waitMs);
    }
  }
}
