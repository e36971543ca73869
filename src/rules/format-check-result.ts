import type { CheckResult, Deadline, RequiredMaterial, RuleSetInfo } from './types.ts';
import { formatNumber } from './values.ts';

const MARK = { pass: '✔ 符合', warn: '⚠ 提醒', fail: '✘ 不符合' } as const;

function describeComputed(info: RuleSetInfo, key: string, value: unknown): string | undefined {
  const output = info.outputs?.[key];
  const name = output?.label ?? key;
  const unit = output?.unit ? ` ${output.unit}` : '';
  if (key === 'requiredMaterials') {
    const materials = value as RequiredMaterial[];
    return `需要材料：${materials.map((material) => `${material.label}${material.provided ? '（已备）' : ''}`).join('；')}`;
  }
  if (key === 'deadlines') {
    return `时间节点：${(value as Deadline[]).map((deadline) => `${deadline.date} 前 ${deadline.label}`).join('；')}`;
  }
  if (typeof value === 'number') return `${name}：${formatNumber(value)}${unit}`;
  if (value && typeof value === 'object' && 'label' in value) return `${name}：${String((value as { label: unknown }).label)}`;
  if (typeof value === 'string') return `${name}：${value}`;
  return undefined;
}

/** Readable Chinese report of one check, for the CLI and for staff. */
export function formatCheckResult(info: RuleSetInfo, result: CheckResult): string {
  const fails = result.verdicts.filter((verdict) => verdict.level === 'fail').length;
  const warns = result.verdicts.filter((verdict) => verdict.level === 'warn').length;
  const lines = [
    `规则集：${info.title}（${info.region}，${info.year}年）`,
    `结论：${result.ok ? '符合' : `不符合（${fails} 项不符合）`}${warns ? `，${warns} 项提醒` : ''}`,
    '',
  ];
  for (const verdict of result.verdicts) {
    lines.push(`${MARK[verdict.level]}  ${verdict.message}`, `    依据：${verdict.source}`);
  }
  const computed = Object.entries(result.computed)
    .map(([key, value]) => describeComputed(info, key, value))
    .filter((line): line is string => Boolean(line));
  if (computed.length) {
    lines.push('', result.ok ? '测算结果：' : '测算结果（存在不符合项，仅供参考）：', ...computed.map((line) => `  ${line}`));
  }
  return lines.join('\n');
}
