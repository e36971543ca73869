import { randomInt } from 'node:crypto';

/** 32 symbols without 0/O/1/I: easy to read aloud and type on a phone. */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const INVITE_LENGTH = 8;
export const INVITE_TTL_DAYS = 7;

export function generateInviteCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < INVITE_LENGTH; i++) code += INVITE_ALPHABET[random(INVITE_ALPHABET.length)];
  return code;
}

/** What people type: lower case, spaces or dashes (ABCD-EFGH), full-width letters. */
export function normalizeInviteCode(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/[\s\-_－—]/g, '');
}

export function looksLikeInviteCode(input: string): boolean {
  const code = normalizeInviteCode(input);
  return code.length === INVITE_LENGTH && [...code].every((ch) => INVITE_ALPHABET.includes(ch));
}
