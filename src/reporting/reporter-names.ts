import type { UserProfile } from '../core/types.ts';
import type { DisplayNameStore } from '../users/display-name-store.ts';
import { personLabel } from '../users/person-label.ts';

/** Names people by what they said they are called, never by their platform id when a name is known. */
export interface ReporterNames {
  /** 张三, or the given fallback, or 「未留姓名的…用户」 — never the platform account id. */
  nameOf(userKey: string, fallback?: string): string;
  /** 张三（三面船镇）. */
  labelOf(userKey: string, unit: string | undefined, fallback?: string): string;
}

export async function createReporterNames(store: Pick<DisplayNameStore, 'all'> | undefined, bound: UserProfile[] = []): Promise<ReporterNames> {
  const names = (await store?.all()) ?? new Map<string, string>();
  const fromBinding = new Map(bound.filter((user) => user.displayName).map((user) => [user.userKey, user.displayName!]));
  const nameOf = (userKey: string, fallback?: string) => names.get(userKey) ?? fromBinding.get(userKey) ?? personLabel({ userKey, displayName: fallback });
  return {
    nameOf,
    labelOf: (userKey, unit, fallback) => (unit ? `${nameOf(userKey, fallback)}（${unit}）` : nameOf(userKey, fallback)),
  };
}
