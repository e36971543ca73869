/**
 * Character-for-character normalisation: full-width digits/letters/symbols to ASCII and the many
 * dashes and tildes to '-' and '~'. It never changes the length, so indexes map back to the typed text.
 */
export function normalizeInput(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e && ch !== '～' && ch !== '，') {
      out += String.fromCharCode(code - 0xfee0);
    } else if (code === 0x3000) {
      out += ' ';
    } else if ('‐‑‒–—―−﹣'.includes(ch)) {
      out += '-';
    } else if ('～〜∼'.includes(ch)) {
      out += '~';
    } else if (ch === '。' && isAsciiDigit(text[i - 1]) && isAsciiDigit(text[i + 1])) {
      // 「5。2」: a full stop typed for a decimal point on a Chinese keyboard.
      out += '.';
    } else {
      out += ch;
    }
  }
  return out;
}

/** Half- or full-width digit: the neighbours are looked at before they are normalised. */
function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= '0' && ch <= '9') || (ch >= '０' && ch <= '９'));
}
