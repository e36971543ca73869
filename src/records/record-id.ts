import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: an id read aloud or copied by hand comes out right.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 8;

/**
 * A new record id: R and 8 random characters (31⁸ ≈ 8.5×10¹¹), e.g. RK7M3QXH2. It says nothing about the
 * unit, the date or how many records exist, so one id does not lead to another. Ids saved before
 * (R20261123-0007) stay valid.
 */
export function newRecordId(): string {
  let id = 'R';
  for (let i = 0; i < LENGTH; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

/** An example id for messages that ask the user to check what they typed. */
export const RECORD_ID_EXAMPLE = 'RK7M3QXH2';
