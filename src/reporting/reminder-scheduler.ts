import type { Outbox } from '../notify/notifier.ts';
import { deliverReminders, type ReminderOutcome } from './deliver-reminders.ts';
import { planScheduledReminders } from './reminder-plan.ts';
import type { ReminderStore } from './reminder-store.ts';
import type { ReportingStores } from './reporting-context.ts';
import { DEFAULT_QUIET_HOURS, isQuiet, type QuietHours } from './quiet-hours.ts';

export interface ReminderSchedulerOptions {
  stores: ReportingStores;
  outbox: Outbox;
  store: ReminderStore;
  now: () => Date;
  quietHours?: QuietHours;
  /** How often to look (default 10 minutes); each look sends only what is due and not yet sent. */
  intervalMs?: number;
  log?: (line: string) => void;
}

export interface TickReport {
  at: Date;
  quiet: boolean;
  outcomes: ReminderOutcome[];
}

/** Runs inside `npm start`: looks every few minutes for reminders and summaries that are due, outside quiet hours. */
export interface ReminderScheduler {
  /** One look now (tests call this after moving the clock). */
  tick(): Promise<TickReport>;
  start(): void;
  stop(): Promise<void>;
}

export function createReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const quiet = options.quietHours ?? DEFAULT_QUIET_HOURS;
  const interval = options.intervalMs ?? 10 * 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function tick(): Promise<TickReport> {
    const at = options.now();
    if (isQuiet(at, quiet)) return { at, quiet: true, outcomes: [] };
    const planned = await planScheduledReminders({ stores: options.stores, now: at, optedOut: (userKey) => options.store.optedOut(userKey) });
    const outcomes = await deliverReminders(planned, { outbox: options.outbox, store: options.store, now: at });
    for (const outcome of outcomes) {
      if (outcome.result === 'sent') options.log?.(`[reminders] 已发送 ${outcome.kind} ${outcome.formId} ${outcome.period} → ${outcome.userKey}（${outcome.unit}）`);
      if (outcome.result === 'failed') options.log?.(`[reminders] 未送达 ${outcome.userKey}：${outcome.reason}`);
    }
    return { at, quiet: false, outcomes };
  }

  // Ticks never overlap: a slow send finishes before the next look starts.
  const runTick = () => {
    running = running.then(tick).catch((error) => options.log?.(`[reminders] 检查提醒失败：${(error as Error).stack ?? error}`));
    return running;
  };

  return {
    tick,
    start() {
      if (timer) return;
      void runTick();
      timer = setInterval(runTick, interval);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
