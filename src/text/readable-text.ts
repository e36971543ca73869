import { toSimplified } from './simplified.ts';

/** Emoji, their modifiers and joiners: decoration, never part of what a user means to fill in or ask. */
const DECORATION = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}\u{20E3}]/gu;

/**
 * A typed message as every skill reads it: NFKC (full-width digits and letters), traditional →
 * simplified, emoji dropped, white space collapsed. A message of emoji only stays as typed.
 */
export function readableText(raw: string): string {
  const text = toSimplified(raw.normalize('NFKC')).replace(/\s+/g, ' ').trim();
  const plain = text.replace(DECORATION, '').replace(/\s+/g, ' ').trim();
  return plain || text;
}
