import type { RuleSet } from './rule-set-schema.ts';
import type { Verdict } from './types.ts';
import { formatNumber, isMissing } from './values.ts';

const TRUE_WORDS = new Set(['是', '有', 'true', 'yes', '1']);
const FALSE_WORDS = new Set(['否', '没有', '无', 'false', 'no', '0']);

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Checks each declared field's type and range and returns the usable values. A value that fails
 * becomes a fail verdict and is dropped, so later rules report it as missing instead of misjudging.
 */
export function normalizeRecord(ruleSet: RuleSet, record: Record<string, unknown>): { record: Record<string, unknown>; verdicts: Verdict[] } {
  const normalized: Record<string, unknown> = { ...record };
  const verdicts: Verdict[] = [];
  const source = `规则集「${ruleSet.title}」字段定义`;
  for (const field of ruleSet.fields) {
    const raw = record[field.key];
    if (isMissing(raw)) {
      delete normalized[field.key];
      continue;
    }
    const unit = field.type === 'percent' ? '%' : (field.unit ?? '');
    const reject = (problem: string) => {
      delete normalized[field.key];
      verdicts.push({ rule: `field:${field.key}`, level: 'fail', message: `「${field.label}」${problem}，请更正后重试。`, source });
    };
    switch (field.type) {
      case 'number':
      case 'percent':
      case 'integer': {
        const value = toNumber(raw);
        if (value === undefined) {
          reject(`应为数字，收到：${JSON.stringify(raw)}`);
        } else if (field.type === 'integer' && !Number.isInteger(value)) {
          reject(`应为整数，收到：${formatNumber(value)}`);
        } else if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
          const range = [field.min, field.max].map((v) => (v === undefined ? '' : formatNumber(v)));
          reject(`应在 ${range[0] || '…'}–${range[1] || '…'}${unit} 之间，收到：${formatNumber(value)}${unit}`);
        } else {
          normalized[field.key] = value;
        }
        break;
      }
      case 'enum':
        if (typeof raw !== 'string' || !(field.values ?? []).includes(raw)) {
          reject(`应为以下之一：${(field.values ?? []).join('、')}；收到：${JSON.stringify(raw)}`);
        }
        break;
      case 'list':
        if (typeof raw === 'string') normalized[field.key] = raw.split(/[、,，;；]/).map((item) => item.trim()).filter(Boolean);
        else if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) reject('应为文字列表');
        break;
      case 'date':
        if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw))) {
          reject(`应为日期，格式如 2022-04-22，收到：${JSON.stringify(raw)}`);
        }
        break;
      case 'boolean': {
        if (typeof raw === 'boolean') break;
        // Only words and numbers are read as yes/no; String() of an object without toString would throw.
        const word = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim().toLowerCase() : '';
        if (TRUE_WORDS.has(word)) normalized[field.key] = true;
        else if (FALSE_WORDS.has(word)) normalized[field.key] = false;
        else reject(`应为「是」或「否」，收到：${JSON.stringify(raw)}`);
        break;
      }
      case 'string':
        if (typeof raw !== 'string' && typeof raw !== 'number') reject('应为文字');
        else normalized[field.key] = String(raw).trim();
        break;
    }
  }
  return { record: normalized, verdicts };
}
