import type { UserProfile } from '../core/types.ts';
import type { UserDirectory } from '../core/user-directory.ts';
import { durably, type SqliteDatabase } from '../database/database.ts';
import type { UnitDirectory } from '../units/types.ts';
import { checkInvite } from './invite-check.ts';
import { describeKnownUnits } from '../units/describe-units.ts';
import { accessRefusal } from './access.ts';
import { generateInviteCode, INVITE_TTL_DAYS, normalizeInviteCode } from './invite-code.ts';

export type BoundRole = 'reporter' | 'admin';

/** Raised when an invite or binding names a unit that knowledge/units does not know; lists the known ones. */
export class UnknownUnitError extends Error {
  constructor(
    readonly unit: string,
    known: string,
  ) {
    super(`未知单位「${unit}」。已知单位：\n${known}`);
    this.name = 'UnknownUnitError';
  }
}

export interface Invite {
  code: string;
  role: BoundRole;
  unit: string;
  createdBy?: string;
  createdAt: string;
  expiresAt: string;
  redeemedBy?: string;
  redeemedAt?: string;
}

export type RedeemResult = { ok: true; profile: UserProfile } | { ok: false; error: string };

export interface UserStore extends UserDirectory {
  /** An 8-character single-use code valid for 7 days. Throws UnknownUnitError for an unknown unit. */
  createInvite(role: BoundRole, unit: string, createdBy?: string): Promise<Invite>;
  redeem(code: string, userKey: string, displayName?: string): Promise<RedeemResult>;
  /** May this user see/file records of that unit? An admin of a county sees its townships too. */
  canAccessUnit(profile: UserProfile, unit: string): boolean;
  /** Why not (Chinese), or undefined when allowed. */
  refusal(profile: UserProfile, unit: string): string | undefined;
  /** Canonical name of a unit (三面船 → 三面船镇). Throws UnknownUnitError listing the known units. */
  resolveUnit(name: string): string;
  /** Binds directly (CLI `admin add`, GENGBAO_ADMIN). unit undefined = admin of every unit. Throws UnknownUnitError. */
  bind(userKey: string, role: BoundRole, unit: string | undefined, via: string): Promise<UserProfile>;
  /** Back to an unbound farmer; the binding history is kept. */
  unbind(userKey: string, via: string): Promise<void>;
  /** Everyone currently bound (reporters and admins). */
  boundUsers(): Promise<UserProfile[]>;
  invites(): Promise<Invite[]>;
}

export interface UserStoreOptions {
  now?: () => Date;
  generateCode?: () => string;
}

export interface BindingRow {
  user_key: string;
  role: UserProfile['role'];
  unit: string | null;
  display_name: string | null;
}

export interface InviteRow {
  code: string;
  role: BoundRole;
  unit: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  redeemed_by: string | null;
  redeemed_at: string | null;
}


const LATEST_BINDING = 'id = (SELECT MAX(id) FROM user_bindings b WHERE b.user_key = user_bindings.user_key)';

export function toInvite(row: InviteRow): Invite {
  return {
    code: row.code,
    role: row.role,
    unit: row.unit,
    ...(row.created_by ? { createdBy: row.created_by } : {}),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.redeemed_by ? { redeemedBy: row.redeemed_by, redeemedAt: row.redeemed_at ?? undefined } : {}),
  };
}

export function toProfile(row: BindingRow, displayName?: string): UserProfile {
  const name = displayName ?? row.display_name ?? undefined;
  return {
    userKey: row.user_key,
    role: row.role,
    ...(row.unit ? { unit: row.unit } : {}),
    ...(name ? { displayName: name } : {}),
  };
}

/** What both user stores answer the same way from the unit directory alone: unit names and who may see what. */
export function unitRules(units: UnitDirectory): Pick<UserStore, 'resolveUnit' | 'canAccessUnit' | 'refusal'> {
  return {
    resolveUnit(name) {
      const found = units.find(name);
      if (!found) throw new UnknownUnitError(name, describeKnownUnits(units));
      return found.name;
    },
    canAccessUnit: (user, unit) => accessRefusal(user, unit, units) === undefined,
    refusal: (user, unit) => accessRefusal(user, unit, units),
  };
}

/** An invite made now: when it was made and when it stops working (INVITE_TTL_DAYS later), as ISO text. */
export function inviteLifetime(now: Date): { createdAt: string; expiresAt: string } {
  return { createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + INVITE_TTL_DAYS * 24 * 3600_000).toISOString() };
}

/** A user's profile from their newest binding; without one they are a farmer. */
export function profileFromBinding(userKey: string, row: BindingRow | undefined, displayName?: string): UserProfile {
  return row ? toProfile(row, displayName) : { userKey, role: 'farmer', ...(displayName ? { displayName } : {}) };
}

/** Users, roles and invites in SQLite. Bindings are append-only; the newest binding of a user counts. */
export function createSqliteUserStore(db: SqliteDatabase, units: UnitDirectory, options: UserStoreOptions = {}): UserStore {
  const now = options.now ?? (() => new Date());
  const generateCode = options.generateCode ?? (() => generateInviteCode());

  const latestBinding = db.prepare<[string], BindingRow>(
    'SELECT user_key, role, unit, display_name FROM user_bindings WHERE user_key = ? ORDER BY id DESC LIMIT 1',
  );
  const insertBinding = db.prepare(
    'INSERT INTO user_bindings (user_key, role, unit, display_name, via, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const allBound = db.prepare<[], BindingRow>(
    `SELECT user_key, role, unit, display_name FROM user_bindings WHERE ${LATEST_BINDING} AND role != 'farmer' ORDER BY unit, user_key`,
  );
  const insertInvite = db.prepare(
    'INSERT INTO invites (code, role, unit, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectInvite = db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE code = ?');
  const allInvites = db.prepare<[], InviteRow>('SELECT * FROM invites ORDER BY created_at DESC');
  const markRedeemed = db.prepare(
    'UPDATE invites SET redeemed_by = ?, redeemed_at = ? WHERE code = ? AND redeemed_by IS NULL',
  );

  const unitsOf = unitRules(units);

  function profileNow(userKey: string, displayName?: string): UserProfile {
    return profileFromBinding(userKey, latestBinding.get(userKey), displayName);
  }

  function bindRow(userKey: string, role: UserProfile['role'], unit: string | undefined, displayName: string | undefined, via: string) {
    insertBinding.run(userKey, role, unit ?? null, displayName ?? null, via, now().toISOString());
  }

  const redeemInTransaction = db.transaction((code: string, userKey: string, displayName?: string): RedeemResult => {
    const row = selectInvite.get(code);
    const check = checkInvite(row && { redeemedBy: row.redeemed_by, redeemedAt: row.redeemed_at, expiresAt: row.expires_at }, code, userKey, now());
    if (check.kind === 'refused') return { ok: false, error: check.error };
    if (check.kind === 'mine') return { ok: true, profile: profileNow(userKey, displayName) };
    markRedeemed.run(userKey, now().toISOString(), code);
    bindRow(userKey, row!.role, row!.unit, displayName, `invite:${code}`);
    return { ok: true, profile: profileNow(userKey, displayName) };
  });

  return {
    ...unitsOf,
    profile: async (userKey, displayName) => profileNow(userKey, displayName),
    async createInvite(role, unit, createdBy) {
      const canonical = unitsOf.resolveUnit(unit);
      const { createdAt, expiresAt } = inviteLifetime(now());
      for (let attempt = 0; ; attempt++) {
        const code = generateCode();
        if (selectInvite.get(code) && attempt < 5) continue;
        insertInvite.run(code, role, canonical, createdBy ?? null, createdAt, expiresAt);
        return toInvite(selectInvite.get(code)!);
      }
    },
    redeem: async (code, userKey, displayName) => durably(db, () => redeemInTransaction.immediate(normalizeInviteCode(code), userKey, displayName)),
    async bind(userKey, role, unit, via) {
      const canonical = unit === undefined ? undefined : unitsOf.resolveUnit(unit);
      bindRow(userKey, role, canonical, latestBinding.get(userKey)?.display_name ?? undefined, via);
      return profileNow(userKey);
    },
    async unbind(userKey, via) {
      bindRow(userKey, 'farmer', undefined, latestBinding.get(userKey)?.display_name ?? undefined, via);
    },
    boundUsers: async () => allBound.all().map((row) => toProfile(row)),
    invites: async () => allInvites.all().map(toInvite),
  };
}
