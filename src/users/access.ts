import type { UserProfile } from '../core/types.ts';
import type { UnitDirectory } from '../units/types.ts';

export const ROLE_LABELS: Record<UserProfile['role'], string> = {
  farmer: '农户（未绑定单位）',
  reporter: '乡镇填报员',
  admin: '管理员',
};

export const UNBOUND_REFUSAL =
  '您还没有绑定单位，只能咨询政策、测算补贴，不能查看或填报记录。如果您是乡镇填报员或县级管理员，请向县级管理员索取邀请码，然后发送「绑定 邀请码」。';

/** Why this user may not see or file records of that unit, in Chinese; undefined when allowed. */
export function accessRefusal(profile: UserProfile, unit: string, units: UnitDirectory): string | undefined {
  if (profile.role === 'farmer') return UNBOUND_REFUSAL;
  if (profile.role === 'admin') {
    if (!profile.unit || units.isWithin(unit, profile.unit)) return undefined;
    return `您是${profile.unit}的管理员，只能查看${profile.unit}及其下属单位的记录，「${unit}」不在管辖范围内。`;
  }
  if (profile.unit === unit) return undefined;
  return `您是${profile.unit ?? '（未知单位）'}的填报员，只能查看和填报本单位的记录，不能查看「${unit}」的记录。`;
}

/** Units whose records this user may see: 'all' for an admin without a unit (the operator). */
export type RecordScope = { ok: true; units: string[] | 'all' } | { ok: false; reason: string };

export function recordScope(profile: UserProfile, units: UnitDirectory): RecordScope {
  if (profile.role === 'farmer') return { ok: false, reason: UNBOUND_REFUSAL };
  if (!profile.unit) return profile.role === 'admin' ? { ok: true, units: 'all' } : { ok: false, reason: UNBOUND_REFUSAL };
  if (profile.role === 'reporter') return { ok: true, units: [profile.unit] };
  return { ok: true, units: [profile.unit, ...units.descendants(profile.unit).map((unit) => unit.name)] };
}

/** 「三面船镇 乡镇填报员」 or 「全部单位 管理员」. */
export function describeProfile(profile: UserProfile): string {
  if (profile.role === 'farmer') return ROLE_LABELS.farmer;
  const unit = profile.unit ?? '全部单位';
  return `${unit} ${profile.role === 'admin' ? '管理员' : '填报员'}`;
}
