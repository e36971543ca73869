import type { Citation, Reply } from '../core/types.ts';
import type { CheckResult, Deadline, RequiredMaterial, RuleSetInfo, Verdict } from '../rules/index.ts';
import type { EligibilityScript } from './eligibility-script.ts';

/** Opens every answer (eligible, not eligible, or given before every question is answered). */
export const ANSWER_MARK = '【测算结果】';

/** Button that starts the same program's check again (`eligibility:new:<script code>`). */
export function restartAction(script: EligibilityScript): string {
  return `eligibility:new:${script.code}`;
}

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
    `${ANSWER_MARK}按${info.region}${info.year}年的方案，您的情况不符合${script.topic}条件：`,
    ...fails.map((verdict) => `· ${verdict.message}`),
    ...scope.map((verdict) => `注意：${verdict.message}`),
    '',
    scopeLine(info),
  ];
  return { text: lines.join('\n'), citations: uniqueCitations([...fails, ...scope]), buttons: [{ label: '重新测算', action: restartAction(script) }] };
}

/** 「（计算：300亩×58元/亩=17400元）」: the arithmetic behind a total, on figures from the clause and the user. */
function calculation(area: number, cap: number, total: number): string {
  const product = area * cap;
  const shown = `${formatAmount(area)}亩×${formatAmount(cap)}元/亩=${formatAmount(product)}元`;
  return Math.abs(product - total) < 0.005 ? `（计算：${shown}）` : `（计算：${shown}，超过上限，按${formatAmount(total)}元计）`;
}

/**
 * 「符合」: tier, cap per 亩 and in total, materials, deadlines, reminders, scope — each from its clause.
 * `partial`: given before every question is answered — what is still unknown is left out, and the
 * definition conditions not yet confirmed are stated as the answer's premises.
 */
export function composeEligible(
  info: RuleSetInfo,
  script: EligibilityScript,
  facts: Record<string, unknown>,
  result: CheckResult,
  partial?: { premises: string[] },
): Reply {
  const premises = partial?.premises ?? [];
  const known = (verdict: Verdict) => !partial || !verdict.missing;
  const tier = script.outputs.tier ? (result.computed[script.outputs.tier] as { label: string } | undefined) : undefined;
  const cap = script.outputs.capPerMu ? (result.computed[script.outputs.capPerMu] as number | undefined) : undefined;
  const total = script.outputs.total ? (result.computed[script.outputs.total] as number | undefined) : undefined;
  const area = typeof facts.area === 'number' ? facts.area : undefined;
  const passes = result.verdicts.filter((verdict) => verdict.level === 'pass');
  const materials = (result.computed.requiredMaterials ?? []) as RequiredMaterial[];
  const deadlines = (result.computed.deadlines ?? []) as Deadline[];
  const reminders = result.verdicts.filter(
    (verdict) =>
      verdict.level === 'warn' &&
      known(verdict) &&
      !verdict.rule.startsWith('materials.') &&
      !verdict.rule.startsWith('scope.') &&
      !verdict.rule.startsWith('deadline.'),
  );
  const scope = result.verdicts.filter((verdict) => verdict.rule.startsWith('scope.') && verdict.level !== 'pass');
  const values: Record<string, string> = {
    ...Object.fromEntries(Object.entries(facts).filter(([, value]) => typeof value === 'string' || typeof value === 'number').map(([key, value]) => [key, String(value)])),
    topic: script.topic,
    tier: tier?.label ?? '',
    tierShort: tier?.label.replace(/（.*）/, '') ?? '',
    cap: cap === undefined ? '' : formatAmount(cap),
    area: area === undefined ? '' : formatAmount(area),
    total: total === undefined ? '' : formatAmount(total),
  };
  const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_whole, name: string) => values[name] ?? '');
  const headline = tier || !script.answer.headline.includes('{tier') ? fill(script.answer.headline) : `符合${script.topic}条件。`;
  const isReason = (rule: string) => script.reasonRules.some((prefix) => rule === prefix || rule.startsWith(`${prefix}.`));
  const amount =
    cap !== undefined && total !== undefined && area !== undefined
      ? `· ${fill(script.answer.amount)}${calculation(area, cap, total)}`
      : cap !== undefined && script.answer.rate
        ? `· ${fill(script.answer.rate)}`
        : undefined;
  const lines = [
    `${ANSWER_MARK}${premises.length ? `如果${premises.join('，')}：` : ''}${headline}`,
    ...scope.map((verdict) => `注意：${verdict.message}`),
    ...passes.filter((verdict) => isReason(verdict.rule)).map((verdict) => `· ${verdict.message}`),
    ...(amount ? [amount] : []),
  ];
  // Reminders are about this user's situation, so they come before the plan's general materials and dates.
  if (reminders.length) lines.push('', '【提醒】', ...reminders.map((verdict) => `· ${verdict.message}`));
  if (materials.length) lines.push('', '【需要准备的材料】', ...materials.map((material) => `· ${material.label}`));
  if (deadlines.length) lines.push('', '【时间节点】', ...deadlines.map((deadline) => `· ${formatDate(deadline.date)}前：${deadline.label}`));
  lines.push('', scopeLine(info));

  const cited = result.verdicts.filter(
    (verdict) =>
      known(verdict) &&
      !verdict.rule.startsWith('field:') &&
      !verdict.rule.startsWith('area.') &&
      !(verdict.rule.startsWith('scope.') && verdict.level === 'pass'),
  );
  return { text: lines.join('\n'), citations: uniqueCitations(cited), buttons: [{ label: '重新测算', action: restartAction(script) }] };
}

/** One tier the answer chooses between: the range of the deciding field, and what the rule set pays in it. */
export interface TierChoice {
  /** 「播种前秸秆覆盖率30%（含）至60%」 */
  range: string;
  tier: string;
  cap: number;
}

/**
 * The amount depends on one fact the message did not give (the cover share): every tier with its range and
 * rate, then the clause that states the rates, so the figures are there before the question is asked.
 */
export function composeTierChoices(
  info: RuleSetInfo,
  script: EligibilityScript,
  choices: TierChoice[],
  quotes: Citation[],
  premises: string[],
  citations: Citation[] = quotes,
): Reply {
  const rate = script.answer.rate ?? '{tier}，不高于{cap}元/亩。';
  const line = (choice: TierChoice) =>
    rate.replace(/\{(\w+)\}/g, (_whole, name: string) =>
      name === 'tier' ? choice.tier : name === 'tierShort' ? choice.tier.replace(/（.*）/, '') : name === 'cap' ? formatAmount(choice.cap) : name === 'topic' ? script.topic : '',
    );
  const lines = [
    `${ANSWER_MARK}${premises.length ? `如果${premises.join('，')}：` : ''}${script.topic}按档补助，每亩标准看您属于哪一档：`,
    ...choices.map((choice) => `· ${choice.range}：${line(choice)}`),
    ...quotes.map((quote) => `依据：「${quote.quote}」`),
    '',
    scopeLine(info),
  ];
  return { text: lines.join('\n'), citations };
}
