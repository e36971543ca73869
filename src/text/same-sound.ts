import { createRequire } from 'node:module';

type PinyinLibrary = typeof import('pinyin-pro');
/** Loaded on the first mistyped option, not at start-up: the library's dictionary takes ~75 ms to load. */
let library: PinyinLibrary | undefined;
const readings = new Map<string, string[]>();

/** Every toneless reading of one character (多音字 have several); a non-Chinese character reads as itself. */
function readingsOf(character: string): string[] {
  let found = readings.get(character);
  if (!found) {
    found = /\p{Script=Han}/u.test(character) ? (library ??= createRequire(import.meta.url)('pinyin-pro') as PinyinLibrary).pinyin(character, { toneType: 'none', type: 'array', multiple: true }) : [character];
    readings.set(character, found);
  }
  return found;
}

/**
 * Whether two words of the same length sound alike character by character, tones aside — what a pinyin keyboard
 * mistypes (「面耕」 for 免耕, 「带耕」 for 代耕, 「复盖」 for 覆盖).
 */
export function soundsAlike(typed: string, word: string): boolean {
  const a = [...typed];
  const b = [...word];
  if (a.length !== b.length || !a.length) return false;
  return a.every((character, i) => character === b[i] || readingsOf(character).some((reading) => readingsOf(b[i]).includes(reading)));
}
