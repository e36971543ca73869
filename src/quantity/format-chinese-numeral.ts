const DIGITS = '零一二三四五六七八九';
const PLACES: ReadonlyArray<[string, number]> = [['千', 1000], ['百', 100], ['十', 10], ['', 1]];

/**
 * Writes a non-negative integer below 10^12 in standard Chinese numerals: 15 → 十五, 105 → 一百零五,
 * 35000 → 三万五千, 120000000 → 一亿二千万. Other numbers come back as Arabic digits.
 */
export function formatChineseNumeral(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e12) return String(n);
  if (n === 0) return '零';
  const text = format(n);
  return text.startsWith('一十') ? text.slice(1) : text;
}

function format(n: number): string {
  if (n >= 1e8) return format(Math.floor(n / 1e8)) + '亿' + tail(n % 1e8, 1e8);
  if (n >= 1e4) return section(Math.floor(n / 1e4)) + '万' + tail(n % 1e4, 1e4);
  return section(n);
}

function tail(rest: number, base: number): string {
  if (rest === 0) return '';
  return (rest < base / 10 ? '零' : '') + format(rest);
}

function section(n: number): string {
  let out = '';
  let pendingZero = false;
  for (const [place, size] of PLACES) {
    const digit = Math.floor(n / size) % 10;
    if (digit === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[digit] + place;
  }
  return out;
}
