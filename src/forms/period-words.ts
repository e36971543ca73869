/**
 * The words of a message that name a reporting period: 「5月」「5-6月份的」「第3期」 and the ones said relative to
 * today (「上个月」「这期」「当期的」). The filing side and the county's side (退回, 状态) read them here; parsePeriod
 * turns what is found into a period. They stay in code beside parsePeriod because it reads exactly these words:
 * a word added only in data would be found here and then not understood there.
 */
const MONTH_NUMBER = '(?:\\d{1,2}|[一二三四五六七八九十]{1,2})';
const MONTHS = `${MONTH_NUMBER}(?:\\s*[-~～至到、]\\s*${MONTH_NUMBER})?\\s*月份?(?:的)?`;
const ISSUE = '第\\s*[\\d一二三四五六]\\s*期';
const RELATIVE = '(?:上上个?月|上个?月|本月|这个?月|上一?期|本期|这一?期|当期)(?:份)?(?:的)?';

/** 「5月」「5-6月份的」「第3期」: a period named by its months or its issue number. */
const NAMED_PERIOD = new RegExp(`${MONTHS}|${ISSUE}`, 'g');

/** 「上期的」「上个月」「这期」: a period said relative to today (parsePeriod reads them against the clock). */
export const RELATIVE_PERIOD = new RegExp(RELATIVE, 'g');

/** The period words said in a message, named ones first, each without a trailing 的 (「4月份的」 → 「4月份」). */
export function periodsIn(text: string): string[] {
  return [...(text.match(NAMED_PERIOD) ?? []), ...(text.match(RELATIVE_PERIOD) ?? [])].map((word) => word.replace(/的$/, ''));
}

/** The message with its period words replaced (「填报5月进度」 → 「填报进度」), so a form's name is read apart from them. */
export function withoutPeriods(text: string, replacement = ''): string {
  return text.replace(NAMED_PERIOD, replacement).replace(RELATIVE_PERIOD, replacement);
}
