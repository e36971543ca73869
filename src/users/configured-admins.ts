import type { UnitDirectory } from '../units/types.ts';
import type { UserStore } from './user-store.ts';

/**
 * Applies GENGBAO_ADMIN at start: comma-separated userKeys, each optionally `=<unit>`
 * (`telegram:12345`, `feishu:ou_abc=法库县`). Without a unit the admin sees every unit.
 * Only writes a binding when the user is not already that admin, so restarts add nothing.
 * Returns the problems (Chinese) of entries that could not be applied; the others still are.
 */
export async function applyConfiguredAdmins(users: UserStore, units: UnitDirectory, spec: string | undefined): Promise<string[]> {
  if (!spec) return [];
  const problems: string[] = [];
  for (const entry of spec.split(/[,，;\s]+/).filter(Boolean)) {
    const [userKey, unitName] = entry.split('=').map((part) => part.trim());
    if (!/^[a-z]+:.+$/.test(userKey)) {
      problems.push(`GENGBAO_ADMIN 中的「${entry}」不是有效的用户标识，应写成 渠道:用户ID，例如 telegram:12345`);
      continue;
    }
    const unit = unitName ? units.find(unitName)?.name : undefined;
    if (unitName && !unit) {
      problems.push(`GENGBAO_ADMIN 中的「${entry}」：未知单位「${unitName}」`);
      continue;
    }
    const current = await users.profile(userKey);
    if (current.role === 'admin' && current.unit === unit) continue;
    await users.bind(userKey, 'admin', unit, 'env:GENGBAO_ADMIN');
  }
  return problems;
}
