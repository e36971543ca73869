import type { FieldDefinition } from './form-schema.ts';
import { describePeriod } from './period.ts';
import type { FieldValue } from './types.ts';

export function formatNumber(value: number, digits = 4): string {
  return String(Number(value.toFixed(digits)));
}

/** 23000 亩 → 「2.3万亩」; small numbers stay as they are. */
export function formatAmount(value: number, unit = ''): string {
  if ((unit === '亩' || unit === '元') && Math.abs(value) >= 10000) return `${formatNumber(value / 10000)}万${unit}`;
  if (unit === 'kg' && Math.abs(value) >= 1000) return `${formatNumber(value / 1000)}吨`;
  if (unit === 'share') return `${formatNumber(value * 100, 2)}%`;
  return `${formatNumber(value)}${unit}`;
}

/** How a stored answer is shown back to the user (summary, confirmations, corrections). */
export function formatFieldValue(field: Pick<FieldDefinition, 'type' | 'unit' | 'options'>, value: FieldValue | undefined): string {
  if (value === undefined) return '（未填）';
  if (Array.isArray(value)) {
    if (!value.length) return '无';
    return value.map((item) => field.options?.find((o) => o.value === item)?.label ?? item).join('、');
  }
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? formatAmount(value, field.unit) : String(value);
    case 'share':
      return typeof value === 'number' ? formatAmount(value, 'share') : String(value);
    case 'yes-no':
      return value === true ? '是' : value === false ? '否' : String(value);
    case 'choice':
      return field.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'period':
    case 'date':
      return describePeriod(String(value));
    default:
      return String(value);
  }
}
