import { roundCanonical } from './round-canonical.ts';
import type { Quantity, QuantityKind } from './types.ts';

interface DisplayParts {
  prefix: string;
  number: string;
  unit: string;
}

const BOUND_WORDS: Record<NonNullable<Quantity['bound']>, [string, string]> = {
  below: ['不到', ''],
  atMost: ['', '及以下'],
  above: ['超过', ''],
  atLeast: ['', '及以上'],
};

const PH_BOUND_SIGNS: Record<NonNullable<Quantity['bound']>, string> = { below: '<', atMost: '≤', above: '>', atLeast: '≥' };

/** A Chinese display string for a parsed quantity: 「2.3万亩」「50%」「80万元」「约100亩」「40～50亩」「38元/亩」. */
export function formatQuantity(quantity: Pick<Quantity, 'kind' | 'value'> & Partial<Quantity>): string {
  const { kind, value, range, bound, per } = quantity;
  const countUnit = kind === 'count' && quantity.unit && /^[\u4e00-\u9fff]$/.test(quantity.unit)
    ? quantity.unit : '个';
  let body: string;
  if (range) {
    const low = displayParts(kind, range.min, countUnit);
    const high = displayParts(kind, range.max, countUnit);
    body = low.unit === high.unit
      ? `${low.prefix}${low.number}～${high.number}${high.unit}`
      : `${join(low)}～${join(high)}`;
  } else {
    body = join(displayParts(kind, value, countUnit));
  }
  if (per) body += `/${per}`;
  if (bound && kind === 'ph') return `pH${PH_BOUND_SIGNS[bound]}${body.slice('pH '.length)}`;
  if (bound) return BOUND_WORDS[bound][0] + body + BOUND_WORDS[bound][1];
  return (quantity.approximate && !range ? '约' : '') + body;
}

function join(parts: DisplayParts): string {
  return parts.prefix + parts.number + parts.unit;
}

function displayParts(kind: QuantityKind, value: number, countUnit: string): DisplayParts {
  const [scale, scaleWord] = chooseScale(value);
  switch (kind) {
    case 'area': return { prefix: '', number: plain(value / scale), unit: `${scaleWord}亩` };
    case 'share': return { prefix: '', number: plain(value * 100), unit: '%' };
    case 'money': return { prefix: '', number: plain(value / scale), unit: `${scaleWord}元` };
    case 'ph': return { prefix: 'pH ', number: plain(value), unit: '' };
    case 'count': return { prefix: '', number: plain(value), unit: countUnit };
    case 'length': return { prefix: '', number: plain(value), unit: '厘米' };
    case 'weight': {
      const tons = Math.abs(value) >= 1000;
      return { prefix: '', number: plain(tons ? value / 1000 : value), unit: tons ? '吨' : '公斤' };
    }
    case 'power': return { prefix: '', number: plain(value), unit: '马力' };
    case 'angle': return { prefix: '', number: plain(value), unit: '度' };
    default: return { prefix: '', number: plain(value), unit: '' };
  }
}

/** 亿 or 万 when the value reads exactly with at most four decimals in it: 2.3万, 1.2亿, but 46875.0001万 rather than a rounded 亿. */
function chooseScale(value: number): [number, string] {
  for (const [scale, word] of [[1e8, '亿'], [1e4, '万']] as const) {
    if (Math.abs(value) >= scale && roundCanonical(Number((value / scale).toFixed(4)) * scale) === roundCanonical(value)) return [scale, word];
  }
  return [1, ''];
}

/** Up to four decimals, never exponent notation. */
function plain(value: number): string {
  const rounded = roundCanonical(Number(value.toFixed(4)));
  return Math.abs(rounded) >= 1e21 ? rounded.toLocaleString('en-US', { useGrouping: false }) : String(rounded);
}
