/** Pinyin that reprint sites put after characters: `農(nóng)機` → `農機`, also `（nong2）` and mangled `?xùn)|`. */

const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
const LETTER = `a-zA-Zü${TONED}`;
const SYLLABLE = `[${LETTER}]{1,6}[1-5]?`;
const HAN = '\\u3400-\\u9fff\\uf900-\\ufaff';
/** One to three syllables in ASCII or full-width brackets right after a character, carrying a tone (mark or digit). */
const ANNOTATION = new RegExp(`(?<=[${HAN}])\\s?[(（]\\s*(${SYLLABLE}(?:[\\s'’]?${SYLLABLE}){0,2})\\s*[)）]`, 'g');
const HAS_TONE = new RegExp(`[${TONED}]|[a-zü][1-5]`, 'i');
/** A transcoding leftover: the opening bracket and the next character became `?…)|`. */
const MANGLED = new RegExp(`\\?(${SYLLABLE})\\)\\|?`, 'g');

export function stripPinyin(text: string): string {
  if (!/[(（?]/.test(text)) return text;
  return text
    .replace(ANNOTATION, (whole, syllables: string) => (HAS_TONE.test(syllables) ? '' : whole))
    .replace(MANGLED, (whole, syllable: string) => (HAS_TONE.test(syllable) ? '' : whole));
}

/** `?` left where a reprint's encoding lost a character: alone on a line or before the first character of one. */
export function stripLostCharacterMarks(text: string): string {
  return text.replace(/^([ \t]*)[?？]+(?=[ \t]*$|[\u3400-\u9fff])/gm, '$1');
}
