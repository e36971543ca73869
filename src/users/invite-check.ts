import { INVITE_TTL_DAYS } from './invite-code.ts';

/** 2026-05-27 08:00 in China Standard Time, for messages. */
export function chinaTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export interface InviteState {
  redeemedBy?: string | null;
  redeemedAt?: string | null;
  expiresAt: string;
}

/**
 * What redeeming this invite means for this user, the same in every engine: `refused` with the
 * Chinese reason, `mine` when the user already redeemed it (a repeated message), `open` to bind.
 */
export function checkInvite(
  invite: InviteState | undefined,
  code: string,
  userKey: string,
  now: Date,
): { kind: 'refused'; error: string } | { kind: 'mine' } | { kind: 'open' } {
  if (!invite) return { kind: 'refused', error: `邀请码「${code}」不存在，请核对后重新发送（邀请码为 8 位字母和数字，不含 0、O、1、I）。` };
  if (invite.redeemedBy === userKey) return { kind: 'mine' };
  if (invite.redeemedBy) {
    return { kind: 'refused', error: `邀请码「${code}」已于 ${chinaTime(invite.redeemedAt!)} 被使用，每个邀请码只能用一次。请向管理员索取新的邀请码。` };
  }
  if (now.toISOString() >= invite.expiresAt) {
    return { kind: 'refused', error: `邀请码「${code}」已于 ${chinaTime(invite.expiresAt)} 过期（有效期 ${INVITE_TTL_DAYS} 天）。请向管理员索取新的邀请码。` };
  }
  return { kind: 'open' };
}
