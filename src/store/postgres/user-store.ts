import type { UserProfile } from '../../core/types.ts';
import type { UnitDirectory } from '../../units/types.ts';
import { checkInvite } from '../../users/invite-check.ts';
import { generateInviteCode, normalizeInviteCode } from '../../users/invite-code.ts';
import {
  inviteLifetime,
  profileFromBinding,
  toInvite,
  toProfile,
  unitRules,
  type BindingRow,
  type InviteRow,
  type UserStore,
  type UserStoreOptions,
} from '../../users/user-store.ts';
import { inTransaction, iso, type PostgresClient, type PostgresPool } from './pool.ts';

type Queryable = PostgresPool | PostgresClient;

interface PgInviteRow extends Omit<InviteRow, 'created_at' | 'expires_at' | 'redeemed_at'> {
  created_at: Date;
  expires_at: Date;
  redeemed_at: Date | null;
}

function inviteRow(row: PgInviteRow): InviteRow {
  return { ...row, created_at: iso(row.created_at), expires_at: iso(row.expires_at), redeemed_at: row.redeemed_at && iso(row.redeemed_at) };
}

const LATEST = 'SELECT user_key, role, unit, display_name FROM user_bindings WHERE user_key = $1 ORDER BY id DESC LIMIT 1';

/** Users, roles and invites in PostgreSQL; the same rules as the SQLite store (bindings append-only, newest counts). */
export function createPostgresUserStore(pool: PostgresPool, units: UnitDirectory, options: UserStoreOptions = {}): UserStore {
  const now = options.now ?? (() => new Date());
  const generateCode = options.generateCode ?? (() => generateInviteCode());

  const unitsOf = unitRules(units);

  async function latestBinding(db: Queryable, userKey: string): Promise<BindingRow | undefined> {
    return (await db.query<BindingRow>(LATEST, [userKey])).rows[0];
  }

  async function profileNow(db: Queryable, userKey: string, displayName?: string): Promise<UserProfile> {
    return profileFromBinding(userKey, await latestBinding(db, userKey), displayName);
  }

  async function bindRow(db: Queryable, userKey: string, role: UserProfile['role'], unit: string | undefined, displayName: string | undefined, via: string) {
    await db.query('INSERT INTO user_bindings (user_key, role, unit, display_name, via, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      userKey,
      role,
      unit ?? null,
      displayName ?? null,
      via,
      now().toISOString(),
    ]);
  }

  async function selectInvite(db: Queryable, code: string, lock = false): Promise<InviteRow | undefined> {
    const { rows } = await db.query<PgInviteRow>(`SELECT * FROM invites WHERE code = $1${lock ? ' FOR UPDATE' : ''}`, [code]);
    return rows[0] && inviteRow(rows[0]);
  }

  return {
    ...unitsOf,
    profile: (userKey, displayName) => profileNow(pool, userKey, displayName),
    async createInvite(role, unit, createdBy) {
      const canonical = unitsOf.resolveUnit(unit);
      const { createdAt, expiresAt } = inviteLifetime(now());
      for (let attempt = 0; ; attempt++) {
        const code = generateCode();
        const result = await pool.query<PgInviteRow>(
          `INSERT INTO invites (code, role, unit, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (code) DO NOTHING RETURNING *`,
          [code, role, canonical, createdBy ?? null, createdAt, expiresAt],
        );
        if (result.rows[0]) return toInvite(inviteRow(result.rows[0]));
        if (attempt >= 5) throw new Error('could not find an unused invite code');
      }
    },
    // The invite row is locked, so two instances redeeming one code at once cannot both bind.
    redeem: (input, userKey, displayName) =>
      inTransaction(pool, async (client) => {
        const code = normalizeInviteCode(input);
        const row = await selectInvite(client, code, true);
        const check = checkInvite(row && { redeemedBy: row.redeemed_by, redeemedAt: row.redeemed_at, expiresAt: row.expires_at }, code, userKey, now());
        if (check.kind === 'refused') return { ok: false, error: check.error };
        if (check.kind === 'open') {
          await client.query('UPDATE invites SET redeemed_by = $1, redeemed_at = $2 WHERE code = $3 AND redeemed_by IS NULL', [userKey, now().toISOString(), code]);
          await bindRow(client, userKey, row!.role, row!.unit, displayName, `invite:${code}`);
        }
        return { ok: true, profile: await profileNow(client, userKey, displayName) };
      }),
    async bind(userKey, role, unit, via) {
      const canonical = unit === undefined ? undefined : unitsOf.resolveUnit(unit);
      await bindRow(pool, userKey, role, canonical, (await latestBinding(pool, userKey))?.display_name ?? undefined, via);
      return profileNow(pool, userKey);
    },
    async unbind(userKey, via) {
      await bindRow(pool, userKey, 'farmer', undefined, (await latestBinding(pool, userKey))?.display_name ?? undefined, via);
    },
    async boundUsers() {
      const { rows } = await pool.query<BindingRow>(
        `SELECT DISTINCT ON (user_key) user_key, role, unit, display_name FROM user_bindings ORDER BY user_key, id DESC`,
      );
      return rows
        .filter((row) => row.role !== 'farmer')
        .sort((a, b) => compareNullsFirst(a.unit, b.unit) || (a.user_key < b.user_key ? -1 : a.user_key > b.user_key ? 1 : 0))
        .map((row) => toProfile(row));
    },
    async invites() {
      const { rows } = await pool.query<PgInviteRow>('SELECT * FROM invites ORDER BY created_at DESC');
      return rows.map((row) => toInvite(inviteRow(row)));
    },
  };
}

/** SQLite's ORDER BY unit: NULL (an admin of every unit) first, then by code point, as both engines must agree. */
function compareNullsFirst(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
