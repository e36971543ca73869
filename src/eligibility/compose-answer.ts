import type { Citation, Reply } from '../core/types.ts';
import type { CheckResult, Deadline, RequiredMaterial, RuleSetInfo, Verdict } from '../rules/index.ts';
import type { EligibilityScript } from './eligibility-script.ts';

export const RESTART_ACTION = 'eligibility:new';

function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

function formatAmount(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function uniqueCitations(verdicts: Verdict[]): Citation[] {
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const verdict of verdicts) {
    const citation = verdict.citation;
    if (!citation) continue;
    const key = `${citation.section}|${citation.quote}`;
    if (seen.has(key)) continue;
    seen.add(key);
    citations.push(citation);
  }
  return citations;
}

/** Which plan, county and year the numbers come from; said in every answer. */
export function scopeLine(info: RuleSetInfo): string {
  const number = info.source.docNumber ? `（${info.source.docNumber}）` : '';
  return `以上依据《${info.source.title}》${number}，是${info.region}${info.year}年的标准，实际补助标准以县里核定为准；其他县、其他年份以当地当年的实施方案为准。`;
}

/** 「不符合」: every failed definition rule with its reason and clause. */
export function composeIneligible(info: RuleSetInfo, script: EligibilityScript, result: CheckResult): Reply {
  const fails = result.verdicts.filter((verdict) => verdict.level === 'fail' && !verdict.missing && !verdict.rule.startsWith('field:'));
  const scope = result.verdicts.filter((verdict) => verdict.rule.startsWith('scope.') && verdict.level !== 'pass');
  const lines = [
    `【测算结果】按${info.region}${info.year}年的方案，您的情况不符合${script.topic}条件：`,
    ...fails.map((verdict) => `· ${verdict.message}`),
    ...scope.map((verdict) => `注意：${verdict.message}`),
    '',
    scopeLine(info),
  ];
  return { text: lines.join('\n'), citations: uniqueCitations([...fails, ...scope]), buttons: [{ label: '重新测算', action: RESTART_ACTION }] };
}

/** 「符合」: tier, cap per 亩 and in total, materials, deadlines, reminders, scope — each from its clause. */
export function composeEligible(info: RuleSetInfo, script: EligibilityScript, facts: Record<string, unknown>, result: CheckResult): Reply {
  const tier = result.computed[script.outputs.tier] as { label: string } | undefined;
  const cap = result.computed[script.outputs.capPerMu] as number | undefined;
  const total = result.computed[script.outputs.total] as number | undefined;
  const byRule = (prefix: string) => result.verdicts.filter((verdict) => verdict.rule === prefix || verdict.rule.startsWith(`${prefix}.`));
  const passes = result.verdicts.filter((verdict) => verdict.level === 'pass');
  const materials = (result.computed.requiredMaterials ?? []) as RequiredMaterial[];
  const deadlines = (result.computed.deadlines ?? []) as Deadline[];
  const reminders = result.verdicts.filter(
    (verdict) => verdict.level === 'warn' && !verdict.rule.startsWith('materials.') && !verdict.rule.startsWith('scope.') && !verdict.rule.startsWith('deadline.'),
  );
  const scope = byRule('scope').filter((verdict) => verdict.level !== 'pass');

  const tierShort = tier?.label.replace(/（.*）/, '') ?? '';
  const amountLine =
    tier && cap !== undefined
      ? `· ${tier.label}，不高于${formatAmount(cap)}元/亩${total !== undefined ? `，${formatAmount(Number(facts.area))}亩最多${formatAmount(total)}元` : ''}。`
      : undefined;
  const lines = [
    `【测算结果】符合${script.topic}条件${tierShort ? `，属于${tierShort}` : ''}。`,
    ...scope.map((verdict) => `注意：${verdict.message}`),
    ...passes.filter((verdict) => /^(operator|definition|reduced-till|no-till)/.test(verdict.rule)).map((verdict) => `· ${verdict.message}`),
    ...(amountLine ? [amountLine] : []),
  ];
  if (materials.length) lines.push('', '【需要准备的材料】', ...materials.map((material) => `· ${material.label}`));
  if (deadlines.length) lines.push('', '【时间节点】', ...deadlines.map((deadline) => `· ${formatDate(deadline.date)}前：${deadline.label}`));
  if (reminders.length) lines.push('', '【提醒】', ...reminders.map((verdict) => `· ${verdict.message}`));
  lines.push('', scopeLine(info));

  const cited = result.verdicts.filter(
    (verdict) => !verdict.rule.startsWith('field:') && !verdict.rule.startsWith('area.') && !(verdict.rule.startsWith('scope.') && verdict.level === 'pass'),
  );
  return { text: lines.join('\n'), citations: uniqueCitations(cited), buttons: [{ label: '重新测算', action: RESTART_ACTION }] };
}
