import type { Outbox } from '../notify/notifier.ts';
import type { PlannedReminder } from './reminder-plan.ts';
import type { ReminderStore } from './reminder-store.ts';

export interface ReminderOutcome {
  userKey: string;
  unit: string;
  kind: PlannedReminder['kind'];
  window: string;
  formId: string;
  period: string;
  /** sent; would-send (dry run); already-sent (this window, before); failed (given back for the next round). */
  result: 'sent' | 'would-send' | 'already-sent' | 'failed';
  reason?: string;
  text: string;
}

/**
 * Sends each planned reminder once: the slot is claimed in the database first (a restart or a second
 * process cannot send it again) and given back if delivery fails. A dry run sends and claims nothing.
 */
export async function deliverReminders(
  planned: PlannedReminder[],
  deps: { outbox: Outbox; store: ReminderStore; now: Date; dryRun?: boolean },
): Promise<ReminderOutcome[]> {
  const outcomes: ReminderOutcome[] = [];
  for (const item of planned) {
    const base = { userKey: item.key.userKey, unit: item.unit, kind: item.kind, window: item.key.window, formId: item.key.formId, period: item.key.period, text: item.replies.map((reply) => reply.text).join('\n') };
    if (deps.dryRun) {
      outcomes.push({ ...base, result: (await deps.store.has(item.key)) ? 'already-sent' : 'would-send' });
      continue;
    }
    if (!(await deps.store.claim(item.key, item.unit, deps.now))) {
      outcomes.push({ ...base, result: 'already-sent' });
      continue;
    }
    const delivery = await deps.outbox.send(item.key.userKey, item.replies);
    if (delivery.delivered) outcomes.push({ ...base, result: 'sent' });
    else {
      await deps.store.release(item.key);
      outcomes.push({ ...base, result: 'failed', reason: delivery.reason });
    }
  }
  return outcomes;
}
