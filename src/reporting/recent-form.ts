/**
 * The form (and period) a county user last asked about — a status question, 催报, a chart or an export — so
 * that a bare 「导出」「催报」 said right after follows it instead of asking which form again. Kept in memory
 * for a short while only: after a restart or a pause the user is asked, as before.
 */
export interface RecentForms {
  remember(userKey: string, formId: string, period?: string): void;
  recall(userKey: string): { formId: string; period?: string } | undefined;
}

const WINDOW_MS = 30 * 60_000;

export function createRecentForms(now: () => Date): RecentForms {
  const recent = new Map<string, { formId: string; period?: string; at: number }>();
  return {
    remember: (userKey, formId, period) => void recent.set(userKey, { formId, period, at: now().getTime() }),
    recall(userKey) {
      const found = recent.get(userKey);
      if (!found) return undefined;
      if (now().getTime() - found.at > WINDOW_MS) return void recent.delete(userKey);
      return { formId: found.formId, period: found.period };
    },
  };
}
