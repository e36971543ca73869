import type { UserProfile } from '../core/types.ts';
import type { FormDefinition } from '../forms/form-schema.ts';
import type { UnitDirectory } from '../units/types.ts';
import { describeProfile, UNBOUND_REFUSAL } from '../users/access.ts';
import { unitsThatFile } from './status.ts';

export type StatusScope = { ok: true; scope?: string } | { ok: false; reason: string };

/** Does this form concern the admin's area (one of its filing units lies within it, or it within one)? */
export function formConcerns(form: FormDefinition, unit: string | undefined, units: UnitDirectory): boolean {
  if (!unit) return true;
  return unitsThatFile(form, units).some((name) => units.isWithin(name, unit) || units.isWithin(unit, name));
}

/** Only admins see the county's progress, and only of their own area; every refusal says why. */
export function statusScope(user: UserProfile, form: FormDefinition, units: UnitDirectory, what = '填报进度'): StatusScope {
  if (user.role === 'farmer') return { ok: false, reason: `${what}仅限县级管理员查看。${UNBOUND_REFUSAL}` };
  if (user.role === 'reporter') {
    return { ok: false, reason: `${what}涉及全县各单位，仅限县级管理员使用；您是${describeProfile(user)}。本单位已报的记录可以发送「查看记录」查看。` };
  }
  if (!formConcerns(form, user.unit, units)) {
    return { ok: false, reason: `「${form.shortName}」由${unitsThatFile(form, units).slice(0, 6).join('、')}等单位填报，不在您（${describeProfile(user)}）的管辖范围内，不能查看其${what}。` };
  }
  const unit = user.unit ? units.find(user.unit) : undefined;
  // An admin above the form's counties (a province) sees them all.
  return { ok: true, scope: unit && unitsThatFile(form, units).some((name) => units.isWithin(name, unit.name)) ? unit.name : undefined };
}
