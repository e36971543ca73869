import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVITE_ALPHABET, INVITE_LENGTH, looksLikeInviteCode, normalizeInviteCode } from '../../src/users/invite-code.ts';

const code = fc.array(fc.constantFrom(...INVITE_ALPHABET), { minLength: INVITE_LENGTH, maxLength: INVITE_LENGTH }).map((chars) => chars.join(''));

describe('invite codes as people type them', () => {
  it('lower case, spaces, dashes and full-width characters normalise back to the code', () => {
    fc.assert(
      fc.property(code, fc.array(fc.constantFrom(' ', '-', '－', ''), { minLength: INVITE_LENGTH, maxLength: INVITE_LENGTH }), fc.boolean(), fc.boolean(), (value, separators, lower, fullWidth) => {
        let typed = [...value].map((ch, i) => ch + separators[i]).join('');
        if (lower) typed = typed.toLowerCase();
        if (fullWidth) typed = [...typed].map((ch) => (/[0-9A-Za-z]/.test(ch) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('');
        expect(normalizeInviteCode(typed)).toBe(value);
        expect(looksLikeInviteCode(typed)).toBe(true);
      }),
    );
  });

  it('never accepts a code with 0, O, 1 or I', () => {
    fc.assert(
      fc.property(code, fc.nat(INVITE_LENGTH - 1), fc.constantFrom('0', 'O', '1', 'I'), (value, at, bad) => {
        expect(looksLikeInviteCode(value.slice(0, at) + bad + value.slice(at + 1))).toBe(false);
      }),
    );
  });
});
