import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserProfile } from '../../src/core/types.ts';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { createSqliteUserStore, UnknownUnitError } from '../../src/users/user-store.ts';
import { describeEachEngine, type StoreEngine } from '../support/store-engines.ts';
import { applyConfiguredAdmins } from '../../src/users/configured-admins.ts';
import { INVITE_ALPHABET, generateInviteCode, looksLikeInviteCode } from '../../src/users/invite-code.ts';
import { recordScope } from '../../src/users/access.ts';

const units = loadUnits(join(import.meta.dirname, '..', '..', 'knowledge'));

function setup() {
  let time = new Date('2026-05-20T02:00:00Z').getTime();
  const clock = { advanceDays: (days: number) => (time += days * 24 * 3600_000) };
  const store = createSqliteUserStore(openMemoryDatabase(), units, { now: () => new Date(time) });
  return { store, clock };
}

async function setupOn(engine: StoreEngine) {
  let time = new Date('2026-05-20T02:00:00Z').getTime();
  const clock = { advanceDays: (days: number) => (time += days * 24 * 3600_000) };
  const store = (await engine.open({ units, now: () => new Date(time) })).users;
  return { store, clock };
}

describe('invite codes', () => {
  it('are 8 characters from an alphabet without 0, O, 1 or I', async () => {
    for (let i = 0; i < 200; i++) {
      const code = generateInviteCode();
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
      expect(looksLikeInviteCode(code.toLowerCase())).toBe(true);
    }
    expect(INVITE_ALPHABET).toHaveLength(32);
    expect(looksLikeInviteCode('ABCD-0OI1')).toBe(false);
  });
});

describeEachEngine('user store', (engine) => {
  it('an unbound user is a farmer', async () => {
    const { store } = await setupOn(engine);
    expect(await store.profile('telegram:1', '老李')).toEqual({ userKey: 'telegram:1', role: 'farmer', displayName: '老李' });
  });

  it('redeeming an invite binds the user to the unit and role', async () => {
    const { store } = await setupOn(engine);
    const invite = await store.createInvite('reporter', '三面船', 'cli');
    expect(invite).toMatchObject({ role: 'reporter', unit: '三面船镇', createdBy: 'cli', expiresAt: '2026-05-27T02:00:00.000Z' });
    const result = await store.redeem(invite.code.toLowerCase(), 'telegram:7', '王五');
    expect(result).toEqual({ ok: true, profile: { userKey: 'telegram:7', role: 'reporter', unit: '三面船镇', displayName: '王五' } });
    expect(await store.profile('telegram:7')).toMatchObject({ role: 'reporter', unit: '三面船镇', displayName: '王五' });
    expect((await store.invites())[0]).toMatchObject({ redeemedBy: 'telegram:7' });
  });

  it('an invite is single use; the same user sending it again is fine', async () => {
    const { store } = await setupOn(engine);
    const { code } = await store.createInvite('admin', '法库县');
    expect((await store.redeem(code, 'telegram:1')).ok).toBe(true);
    expect((await store.redeem(code, 'telegram:1')).ok).toBe(true);
    const second = await store.redeem(code, 'feishu:ou_2');
    expect(second).toMatchObject({ ok: false });
    expect(!second.ok && second.error).toMatch(/已于 2026-05-20 10:00 被使用，每个邀请码只能用一次/);
    expect((await store.profile('feishu:ou_2')).role).toBe('farmer');
  });

  it('an invite expires after 7 days', async () => {
    const { store, clock } = await setupOn(engine);
    const early = await store.createInvite('reporter', '吉祥街道');
    const late = await store.createInvite('reporter', '吉祥街道');
    clock.advanceDays(6.9);
    expect((await store.redeem(early.code, 'web:a')).ok).toBe(true);
    clock.advanceDays(0.1);
    const result = await store.redeem(late.code, 'web:b');
    expect(!result.ok && result.error).toMatch(/已于 2026-05-27 10:00 过期（有效期 7 天）/);
  });

  it('an unknown code says what a code looks like', async () => {
    const { store } = await setupOn(engine);
    const result = await store.redeem('ZZZZ2222', 'web:a');
    expect(!result.ok && result.error).toMatch(/不存在.*8 位/);
  });

  it('an invite for an unknown unit lists the known units', async () => {
    const { store } = await setupOn(engine);
    await expect(store.createInvite('reporter', '北京市')).rejects.toThrow(UnknownUnitError);
    await expect(store.createInvite('reporter', '北京市')).rejects.toThrow(/未知单位「北京市」。已知单位：[\s\S]*三面船镇/);
  });

  it('the newest binding counts, and unbinding keeps history', async () => {
    const { store } = await setupOn(engine);
    await store.bind('cli:ops', 'admin', '法库', 'cli');
    expect(await store.profile('cli:ops')).toMatchObject({ role: 'admin', unit: '法库县' });
    await store.bind('telegram:9', 'reporter', '叶茂台', 'cli');
    expect((await store.boundUsers()).map((u) => u.userKey).sort()).toEqual(['cli:ops', 'telegram:9']);
    await store.unbind('telegram:9', 'cli');
    expect((await store.profile('telegram:9')).role).toBe('farmer');
    expect((await store.boundUsers()).map((u) => u.userKey)).toEqual(['cli:ops']);
  });
});

describe('roles and access', () => {
  const { store } = setup();
  let reporter: UserProfile, admin: UserProfile, operator: UserProfile, farmer: UserProfile;
  beforeAll(async () => {
    reporter = await store.bind('telegram:r', 'reporter', '三面船镇', 'test');
    admin = await store.bind('telegram:a', 'admin', '法库县', 'test');
    operator = await store.bind('telegram:o', 'admin', undefined, 'test');
    farmer = await store.profile('telegram:f');
  });

  it('a reporter sees only their own unit', async () => {
    expect(store.canAccessUnit(reporter, '三面船镇')).toBe(true);
    expect(store.canAccessUnit(reporter, '吉祥街道')).toBe(false);
    expect(store.refusal(reporter, '吉祥街道')).toBe('您是三面船镇的填报员，只能查看和填报本单位的记录，不能查看「吉祥街道」的记录。');
    expect(recordScope(reporter, units)).toEqual({ ok: true, units: ['三面船镇'] });
  });

  it('a county admin sees the county and its townships, nothing else', async () => {
    expect(store.canAccessUnit(admin, '法库县')).toBe(true);
    expect(store.canAccessUnit(admin, '三面船镇')).toBe(true);
    expect(store.canAccessUnit(admin, '宁化县')).toBe(false);
    expect(store.refusal(admin, '宁化县')).toMatch(/法库县的管理员.*「宁化县」不在管辖范围内/);
    const scope = recordScope(admin, units);
    expect(scope.ok && scope.units).toHaveLength(20);
  });

  it('an admin without a unit (the operator) sees every unit', async () => {
    expect(store.canAccessUnit(operator, '宁化县')).toBe(true);
    expect(recordScope(operator, units)).toEqual({ ok: true, units: 'all' });
  });

  it('a farmer never sees records and is told why', async () => {
    expect(store.canAccessUnit(farmer, '三面船镇')).toBe(false);
    expect(store.refusal(farmer, '三面船镇')).toMatch(/还没有绑定单位.*绑定 邀请码/);
    expect(recordScope(farmer, units)).toMatchObject({ ok: false, reason: expect.stringMatching(/绑定/) });
  });
});

describeEachEngine('GENGBAO_ADMIN', (engine) => {
  it('binds configured admins once, with or without a unit, and reports bad entries', async () => {
    const opened = await engine.open({ units });
    const store = opened.users;
    const problems = await applyConfiguredAdmins(store, units, 'telegram:12345, feishu:ou_1=法库, nonsense, web:x=火星');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/nonsense/);
    expect(problems[1]).toMatch(/未知单位「火星」/);
    expect(await store.profile('telegram:12345')).toMatchObject({ role: 'admin' });
    expect((await store.profile('telegram:12345')).unit).toBeUndefined();
    expect(await store.profile('feishu:ou_1')).toMatchObject({ role: 'admin', unit: '法库县' });
    await applyConfiguredAdmins(store, units, 'telegram:12345, feishu:ou_1=法库');
    expect(await opened.rows('SELECT COUNT(*) AS n FROM user_bindings')).toEqual([{ n: engine.name === 'postgres' ? '2' : 2 }]);
  });
});

describeEachEngine('user store under concurrent redeeming', (engine) => {
  it('one invite redeemed by five users at once binds exactly one of them', async () => {
    const { store } = await setupOn(engine);
    const { code } = await store.createInvite('reporter', '三面船镇');
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => store.redeem(code, `web:u${n}`)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await store.boundUsers()).toHaveLength(1);
  });
});
