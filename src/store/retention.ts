import type { DeliveryLog } from '../core/delivery-log.ts';
import type { SessionStore } from '../core/session-store.ts';

const DAY_MS = 24 * 3600_000;

/** How long rows that hold personal traces are kept; older ones are deleted. */
export interface RetentionSettings {
  /** A conversation (and an unfinished draft) untouched this many days is forgotten. Default 30. */
  sessionDays: number;
  /** Platform delivery ids (dedup of redelivered updates/events) are kept this many days. Default 7. */
  deliveryDays: number;
  /** Logged questions (masked) and their 有用/没用 votes are kept this many days. Default 180. */
  questionDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { sessionDays: 30, deliveryDays: 7, questionDays: 180 };

export interface PurgeReport {
  sessions: number;
  deliveries: number;
  questions: number;
}

export interface RetentionOptions {
  sessions: Pick<SessionStore, 'purgeBefore'>;
  deliveries: Pick<DeliveryLog, 'purgeBefore'>;
  /** The question log (src/feedback); absent = nothing to purge there. */
  questions?: { purgeBefore(cutoff: Date): Promise<number> };
  settings?: Partial<RetentionSettings>;
  now: () => Date;
  /** How often to purge after the first run at start (default hourly). */
  intervalMs?: number;
  log?: (line: string) => void;
}

/** Purges expired sessions, delivery ids and logged questions at start and then periodically (inside `npm start`). */
export interface Retention {
  settings: RetentionSettings;
  purgeNow(): Promise<PurgeReport>;
  start(): void;
  stop(): Promise<void>;
}

export function createRetention(options: RetentionOptions): Retention {
  const given = options.settings ?? {};
  const settings: RetentionSettings = {
    sessionDays: given.sessionDays ?? DEFAULT_RETENTION.sessionDays,
    deliveryDays: given.deliveryDays ?? DEFAULT_RETENTION.deliveryDays,
    questionDays: given.questionDays ?? DEFAULT_RETENTION.questionDays,
  };
  const interval = options.intervalMs ?? 3600_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function purgeNow(): Promise<PurgeReport> {
    const at = options.now().getTime();
    const [sessions, deliveries, questions] = await Promise.all([
      options.sessions.purgeBefore(new Date(at - settings.sessionDays * DAY_MS)),
      options.deliveries.purgeBefore(new Date(at - settings.deliveryDays * DAY_MS)),
      options.questions?.purgeBefore(new Date(at - settings.questionDays * DAY_MS)) ?? 0,
    ]);
    if (sessions || deliveries || questions) options.log?.(`[retention] 已清除过期会话 ${sessions} 条、投递记录 ${deliveries} 条、提问记录 ${questions} 条`);
    return { sessions, deliveries, questions };
  }

  const run = () => {
    running = running.then(purgeNow).catch((error) => options.log?.(`[retention] 清除过期数据失败：${(error as Error).message ?? error}`));
    return running;
  };

  return {
    settings,
    purgeNow,
    start() {
      if (timer) return;
      void run();
      timer = setInterval(run, interval);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
