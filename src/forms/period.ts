import { parseChineseNumber } from '../quantity/chinese-number.ts';
import { beijingParts } from '../calendar/beijing-time.ts';

export type PeriodKind = 'bimonthly' | 'month' | 'year' | 'date';
export type PeriodParse = { ok: true; value: string; display: string } | { ok: false; error: string };

const pad = (n: number) => String(n).padStart(2, '0');

function toNumber(text: string | undefined): number | undefined {
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  return parseChineseNumber(text);
}

function findYear(text: string, defaultYear: number): { year: number; rest: string } {
  const match = /(20\d{2})\s*年?/.exec(text) ?? /(\d{2})年/.exec(text);
  if (!match) {
    if (/今年|本年/.test(text)) return { year: defaultYear, rest: text };
    return { year: defaultYear, rest: text };
  }
  const year = match[1].length === 2 ? 2000 + Number(match[1]) : Number(match[1]);
  return { year, rest: text.replace(match[0], ' ') };
}

const MONTH = '(\\d{1,2}|十[一二]?|[一二三四五六七八九])';

/** Shows a normalised period the way people read it. */
export function describePeriod(value: string): string {
  let m = /^(\d{4})-(\d{2})\/(\d{2})$/.exec(value);
  if (m) return `${m[1]}年${Number(m[2])}-${Number(m[3])}月（第${Number(m[3]) / 2}期）`;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  return /^\d{4}$/.test(value) ? `${value}年` : value;
}

function bimonthly(year: number, firstMonth: number): PeriodParse {
  const value = `${year}-${pad(firstMonth)}/${pad(firstMonth + 1)}`;
  return { ok: true, value, display: describePeriod(value) };
}

/** 「上个月」「上月底」「这期」「昨天」: a period or day said relative to today (Beijing time), as the input it stands for. */
function resolveRelative(text: string, kind: PeriodKind, now: Date): string | undefined {
  const today = beijingParts(now);
  const monthBack = (back: number) => {
    const index = today.year * 12 + today.month - 1 - back;
    return { year: Math.floor(index / 12), month: (index % 12) + 1 };
  };
  const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const which = /上上个?月/.test(text) ? 2 : /上个?月|上一个?月|前一个?月/.test(text) ? 1 : /本月|这个?月|当月|这一个?月/.test(text) ? 0 : undefined;
  if (kind === 'date') {
    const dayBack = /大前天/.test(text) ? 3 : /前天/.test(text) ? 2 : /昨天|昨日/.test(text) ? 1 : /今天|今日/.test(text) ? 0 : undefined;
    if (dayBack !== undefined) {
      const day = new Date(Date.UTC(today.year, today.month - 1, today.day - dayBack));
      return `${day.getUTCFullYear()}-${day.getUTCMonth() + 1}-${day.getUTCDate()}`;
    }
    if (which === undefined) return undefined;
    const { year, month } = monthBack(which);
    if (/[底末]/.test(text)) return `${year}-${month}-${lastDay(year, month)}`;
    if (/初/.test(text)) return `${year}-${month}-1`;
    const day = /(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]/.exec(text);
    return day ? `${year}年${month}月${day[1]}日` : undefined;
  }
  if (kind === 'bimonthly') {
    const windowBack = /上一?期|前一期/.test(text) ? 1 : /本期|这一?期|当期/.test(text) ? 0 : undefined;
    if (windowBack !== undefined) {
      const first = today.month % 2 === 1 ? today.month : today.month - 1;
      const { year, month } = monthBack(today.month - first + windowBack * 2);
      return `${year}年${month}-${month + 1}月`;
    }
  }
  if (which === undefined) return undefined;
  const { year, month } = monthBack(which);
  return `${year}年${month}月`;
}

const BIMONTHLY_HINT = '双月调度按 1-2月、3-4月、5-6月、7-8月、9-10月、11-12月 分期，请回答如「5-6月」或「2026年第3期」。';

/**
 * Normalises a reporting period as people type it: 「5-6月」「五六月」「2026年第3期」「5月」 → 2026-05/06
 * for a bimonthly window; 「2022年5月」 → 2022-05; 「2022年5月3日」「5.3」 → 2022-05-03; 「2022年」 → 2022.
 * With `now`, 「上个月」「本月」「这期」「上期」「上个月底」「昨天」 are read relative to that day (Beijing time).
 */
export function parsePeriod(input: string, kind: PeriodKind, defaultYear: number, now?: Date): PeriodParse {
  const typed = input.normalize('NFKC').replace(/\s+/g, '');
  // 「上一期」「这一期」 point back from today; their 一 is not the first period.
  const explicit = /\d\s*[月期.\/-]|[一二三四五六七八九十]\s*[月期]/.test(typed.replace(/[上前这本当下]一期|上一个?月|这一个?月/g, ''));
  const text = (now && !explicit && resolveRelative(typed, kind, now)) || typed;
  const { year, rest } = findYear(text, defaultYear);
  if (kind === 'year') {
    return /20\d{2}/.test(text) || /今年|本年/.test(text)
      ? { ok: true, value: String(year), display: `${year}年` }
      : { ok: false, error: '请回答年份，例如「2022年」。' };
  }
  if (kind === 'date') {
    const iso = /(20\d{2})-(\d{1,2})-(\d{1,2})/.exec(text);
    const cn = new RegExp(`${MONTH}[月./-]${'(\\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])'}[日号]?`).exec(rest);
    // 「5月底」「5月末」「5月初」: the month's last or first day, as 「上个月底」 is read.
    const edge = new RegExp(`${MONTH}月份?[底末初]`).exec(rest);
    const edgeMonth = edge ? toNumber(edge[1]) : undefined;
    const edgeDay = edgeMonth && edgeMonth <= 12 ? (/初$/.test(edge![0]) ? 1 : new Date(Date.UTC(year, edgeMonth, 0)).getUTCDate()) : undefined;
    const [y, mo, d] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : cn ? [year, toNumber(cn[1]), toNumber(cn[2])] : edgeDay ? [year, edgeMonth, edgeDay] : [];
    if (y && mo && d && mo <= 12 && d <= 31) {
      const value = `${y}-${pad(mo)}-${pad(d)}`;
      if (!Number.isNaN(Date.parse(value))) return { ok: true, value, display: describePeriod(value) };
    }
    return { ok: false, error: '请回答日期，例如「2022年5月3日」或「5月3日」。' };
  }
  const issue = new RegExp(`第?${'(\\d{1,2}|[一二三四五六])'}期`).exec(rest);
  if (kind === 'bimonthly' && issue) {
    const n = toNumber(issue[1]);
    if (!n || n < 1 || n > 6) return { ok: false, error: BIMONTHLY_HINT };
    return bimonthly(year, n * 2 - 1);
  }
  const span =
    new RegExp(`${MONTH}月?(?:[-~～至到—、,，和])${MONTH}月`).exec(rest) ??
    /([一二三四五六七八九]|十[一二]?)([一二三四五六七八九]|十[一二]?)月/.exec(rest);
  const single = new RegExp(`${MONTH}月份?`).exec(rest);
  if (kind === 'bimonthly') {
    if (span) {
      const a = toNumber(span[1]);
      const b = toNumber(span[2]);
      if (a && b && b === a + 1 && a % 2 === 1 && b <= 12) return bimonthly(year, a);
      return { ok: false, error: `「${span[0]}」不是一个调度期。${BIMONTHLY_HINT}` };
    }
    if (single) {
      const month = toNumber(single[1]);
      if (month && month >= 1 && month <= 12) return bimonthly(year, month % 2 === 1 ? month : month - 1);
    }
    return { ok: false, error: BIMONTHLY_HINT };
  }
  if (single && !span) {
    const month = toNumber(single[1]);
    if (month && month >= 1 && month <= 12) {
      const value = `${year}-${pad(month)}`;
      return { ok: true, value, display: describePeriod(value) };
    }
  }
  return { ok: false, error: '请回答月份，例如「2022年5月」或「5月」。' };
}
