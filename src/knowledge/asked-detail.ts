import { questionPattern } from './question-words.ts';
import { comparable, matchable } from './normalize-text.ts';
import { termMatch, type WeightedTerm } from './retrieval.ts';
import type { DocumentVersion } from './versions/document-versions.ts';
import type { PreferenceContext } from './versions/preference.ts';
import { regionRelation } from './versions/region.ts';
import { askedYear, coversYear } from './versions/years.ts';
import { PROVINCES } from './versions/provinces.ts';

/**
 * Whether the chosen clause holds the detail the question asks for — signals for the decline model (issue 9,
 * stop 14): the asked noun phrase (the head before 多少/几/什么/谁…, or after 哪家/什么), and the place and year
 * the question names, read against the clause and against what its document is (title, region, years). A near
 * miss names the programme but not the asked head, or is another place's or year's document; a right answer
 * often leaves the place and year to the document's title rather than repeating them in the clause.
 */

const BEFORE_HEAD = questionPattern('asksBeforeHead');
const AFTER_HEAD = questionPattern('asksAfterHead');
const FILLER = questionPattern('headFiller');
const SHORT_YEAR = questionPattern('shortYear');

export interface DetailContext {
  /** The chosen clause's document (region, years, title). */
  version?: DocumentVersion;
  /** The place and year the question names (preferenceContext). */
  preference?: PreferenceContext;
  /**
   * The signals to compute (the ones the committed model weighs or vetoes on); the others are 0. Default: all
   * (fit-calibration reads every one).
   */
  only?: ReadonlySet<string>;
}

export interface DetailSignals {
  /** Share of the question's weight missing from the clause that its document's title, region or years carry. */
  metaCarried: number;
  /** 1: the question's asked head (the noun before 多少/是什么/谁…) is not in the clause or its section. */
  headMissing: number;
  /** 1: a quantity is asked, the head is in the clause, and no figure stands in the head's part of it. */
  headFigureApart: number;
  /** 1: a quantity is asked, the head is in the clause, and a figure stands in the head's part of it. */
  headFigure: number;
  /** 1: the question names a place that neither the document's region nor the answer shown is about. */
  placeOther: number;
  /**
   * 1: placeOther, and a quantity of that place is asked (a figure of one place is no figure of another) — not the
   * user's own case (`我家80亩…能补多少`), which a rule of the province or the country above the place still answers.
   */
  placeOtherFigure: number;
  /** 1: the question names a place, and the document is that place's (or the clause names it). */
  placeStated: number;
  /** 1: the question asks about a year, and the document covers it (or the clause names it). */
  yearStated: number;
}

export const DETAIL_SIGNAL_NAMES: ReadonlyArray<keyof DetailSignals> = ['metaCarried', 'headMissing', 'headFigureApart', 'headFigure', 'placeOther', 'placeOtherFigure', 'placeStated', 'yearStated'];

/** The year the question asks about: `2025年`, or `25年` read as 2025. */
export function questionYear(question: string): number | undefined {
  const full = askedYear(question);
  if (full) return full;
  const short = [...new Set([...question.matchAll(new RegExp(SHORT_YEAR.source, 'g'))].map((match) => 2000 + Number(match[1])))];
  return short.length === 1 ? short[0] : undefined;
}

/** Where in the question a term's text (or a variant of it) ends, the last occurrence before `before`. */
function endBefore(term: WeightedTerm, question: string, before: number): number {
  let end = -1;
  for (const text of [term.text, ...term.variants]) {
    if (!text) continue;
    const at = question.lastIndexOf(text, before - text.length);
    if (at >= 0) end = Math.max(end, at + text.length);
  }
  return end;
}

/**
 * The noun phrase the question asks about, as one of its terms: the word right before the first question word
 * (after filler such as 是/要/一共/每亩), or, after 哪家/什么/哪几个, the word right after it.
 */
export function askedHead(question: string, terms: WeightedTerm[]): WeightedTerm | undefined {
  const text = comparable(question);
  const nouns = terms.filter((term) => !term.optional && !term.numeric && !term.functional && term.text.length >= 2);
  const asked = text.match(BEFORE_HEAD);
  if (!asked) return undefined;
  // 哪家保险公司, 什么比例, 哪几个县: the noun follows
  const after = text.slice(asked.index!).match(AFTER_HEAD);
  if (after) {
    const from = asked.index! + after[0].length;
    const next = nouns.filter((term) => term.subject).map((term) => ({ term, at: text.indexOf(term.text, from) })).filter(({ at }) => at === from).sort((a, b) => b.term.text.length - a.term.text.length)[0];
    if (next) return next.term;
  }
  const before = text.slice(0, asked.index!).replace(FILLER, '');
  const found = nouns.map((term) => ({ term, end: endBefore(term, before, before.length + 1) })).filter(({ end }) => end >= before.length - 1).sort((a, b) => b.end - a.end || b.term.text.length - a.term.text.length)[0];
  return found?.term;
}

/** The clause's parts (split at ，；。: …) that hold the head, each with the part after it (`补助标准：每亩20元`). */
function partsWith(head: WeightedTerm, clause: string): string[] {
  const parts = clause.split(/[，,；;。：:]/);
  return parts.flatMap((part, at) => (termMatch(head, part) > 0 ? [`${part} ${parts[at + 1] ?? ''}`] : []));
}

const FIGURE = /\d|[一二两三四五六七八九十百千万]+(?:元|亩|个|%|成|倍|年|天|米|厘米|公斤|吨)/;

/** A place's names, most specific level only (`通辽市`, `通辽`; `内蒙古自治区`, `内蒙古`). */
function placeNames(place: { province?: string; city?: string; county?: string }): string[] {
  const name = place.county ?? place.city;
  if (name) return [name, name.length > 2 ? name.replace(/(市|县|旗|区|盟|州)$/, '') : name];
  return place.province ? [place.province, PROVINCES.find(({ name: full }) => full === place.province)?.short ?? place.province] : [];
}

/** Every level's names of a document's region (a term the title leaves out may stand in its region). */
function regionWords(place: { province?: string; city?: string; county?: string }): string[] {
  return [...placeNames({ county: place.county }), ...placeNames({ city: place.city }), ...placeNames({ province: place.province })];
}

/** The signals of the asked detail for the chosen clause (`clause` with its section) of the question. */
export function askedDetail(question: string, terms: WeightedTerm[], clause: string, section: string, wantsQuantity: boolean, context: DetailContext = {}, answerText = ''): DetailSignals {
  const { version, preference, only } = context;
  const wanted = (...names: Array<keyof DetailSignals>) => !only || names.some((name) => only.has(name));
  const where = matchable(`${section} ${clause}`);
  const title = version ? matchable(version.title) : '';
  let carried = 0;
  if (wanted('metaCarried')) {
    const counted = terms.filter((term) => !term.optional);
    const total = counted.reduce((sum, term) => sum + term.weight, 0) || 1;
    const regionNames = version ? regionWords(version.region) : [];
    for (const term of counted) {
      if (termMatch(term, where) > 0) continue;
      const yearOfTerm = term.text.match(/^((?:19|20)\d\d)年?$/);
      const covered = yearOfTerm ? Boolean(version && version.year !== undefined && coversYear(version, Number(yearOfTerm[1]))) : termMatch(term, title) > 0 || regionNames.some((name) => name === term.text || term.variants.includes(name));
      if (covered) carried += term.weight;
    }
    carried /= total;
  }
  const head = wanted('headMissing', 'headFigure', 'headFigureApart') ? askedHead(question, terms) : undefined;
  const headIn = head ? termMatch(head, where) > 0 : false;
  const headParts = head && headIn ? partsWith(head, matchable(clause)) : [];
  let placeOther = 0;
  let placeStated = 0;
  if (wanted('placeOther', 'placeOtherFigure', 'placeStated') && preference?.placeNamed && preference.place && version) {
    const shown = matchable(`${section} ${answerText || clause}`);
    const relation = regionRelation(version.region, preference.place);
    const named = placeNames(preference.place).some((name) => shown.includes(name) || title.includes(name));
    if (relation === 'same' || relation === 'below' || named) placeStated = 1;
    else placeOther = 1;
  }
  // a year the document does not cover is no candidate at all (preferVersions drops it): only its presence is read
  const year = wanted('yearStated') ? questionYear(question) : undefined;
  const yearStated = year && version && ((version.year !== undefined && coversYear(version, year)) || where.includes(String(year))) ? 1 : 0;
  return {
    metaCarried: carried,
    headMissing: head && !headIn ? 1 : 0,
    headFigureApart: wantsQuantity && headIn && headParts.length > 0 && !headParts.some((part) => FIGURE.test(part)) ? 1 : 0,
    headFigure: wantsQuantity && headParts.some((part) => FIGURE.test(part)) ? 1 : 0,
    placeOther,
    placeOtherFigure: wantsQuantity && !terms.some((term) => term.optional) ? placeOther : 0,
    placeStated,
    yearStated,
  };
}
