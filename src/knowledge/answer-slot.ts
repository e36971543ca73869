import { questionPattern } from './question-words.ts';
import { comparable } from './normalize-text.ts';
import { TUNING } from './tuning.ts';

/**
 * What a quantity question asks to be counted or measured: the measure word after 几/多少
 * (`几个`, `多少亩`, `几块钱` → 元) and the noun it counts (`几个项目县` → 项目县).
 */
export interface AnswerSlot {
  unit: string;
  focus: string;
}

const UNITS = questionPattern('countedUnits').source;
const ASK = new RegExp(`(?:多少|(?<![哪第])几)(${UNITS})?([\\u3400-\\u9fff]{0,8})`);
/** Particles and filler that end the counted noun (`几个等级啊`, `多少钱呢`). */
const FOCUS_END = questionPattern('focusEnd');
/** Verbs and adverbs between a counted noun and its question word (`示范区要建几个`, `监测点今年要搞到多少个`). */
const ASKING_VERBS = questionPattern('askingVerbs');
const MONEY_UNITS = new Set(['块钱', '块', '元', '万元']);
/** A number as written in a passage, with the characters after it. */
const NUMBER = /(\d+(?:\.\d+)?)\s*(?:[%‰])?([^\d]{0,12})/g;
const YEAR = /^(19|20)\d\d$/;

/** The measure word and counted noun of a quantity question, or undefined when it asks for none. */
export function answerSlot(question: string): AnswerSlot | undefined {
  const asked = comparable(question);
  const match = asked.match(ASK);
  if (!match) return undefined;
  const unit = match[1] ?? '';
  let focus = match[2] ?? '';
  const end = focus.search(FOCUS_END);
  if (end >= 0) focus = focus.slice(0, end);
  // `综合示范区要建几个`: the counted noun stands before the question word
  if (!focus) focus = (asked.slice(0, match.index).match(/[\u3400-\u9fff]+$/)?.[0] ?? '').replace(ASKING_VERBS, '').slice(-4);
  if (focus.length < 2) focus = '';
  return { unit: MONEY_UNITS.has(unit) ? '元' : unit, focus };
}

/**
 * How well a sentence's numbers fit the slot: a number followed by the measure word and the
 * counted noun (`32个项目县` for `几个项目县`) fits best. A year (`2020年`) fits no count.
 */
export function slotFit(slot: AnswerSlot, text: string): { fit: number; onlyYears: boolean } {
  const plain = comparable(text);
  let fit = 0;
  let numbers = 0;
  let years = 0;
  for (const [, digits, after] of plain.matchAll(NUMBER)) {
    numbers++;
    if (YEAR.test(digits) && (after.startsWith('年') || !after) && slot.unit !== '年') {
      years++;
      continue;
    }
    // `44万亩` answers `多少亩`: a magnitude (万, 亿) may stand between the number and its measure word
    const magnitude = /^[万亿]/.test(after) && !slot.unit.startsWith(after[0]) ? 1 : 0;
    const unitFits = slot.unit !== '' && (after.startsWith(slot.unit, magnitude) || (slot.unit === '元' && /^万?元/.test(after)));
    const rest = unitFits ? after.slice(magnitude + slot.unit.length) : after.replace(/^个/, '');
    const focusFit = slot.focus ? focusNear(slot.focus, rest) : 0;
    fit = Math.max(fit, (unitFits ? TUNING.unitFit : 0) + focusFit);
  }
  const counted = numbers > years;
  return { fit: counted && fit === 0 && (slot.unit || slot.focus) ? TUNING.misfit : fit, onlyYears: numbers > 0 && !counted };
}

/** The counted noun, or its head (last two characters, `示范区`), soon after the number: the nearer, the better (`100个万亩以上综合示范区`). */
function focusNear(focus: string, rest: string): number {
  const at = rest.indexOf(focus);
  if (at >= 0) return TUNING.focusFit * nearness(at);
  const headAt = focus.length > 2 ? rest.indexOf(focus.slice(-2)) : -1;
  return headAt >= 0 ? TUNING.headFit * nearness(headAt) : 0;
}

/** 1 right after the number, falling to 0 at TUNING.focusSpan characters away. */
function nearness(distance: number): number {
  return Math.max(0, 1 - distance / TUNING.focusSpan);
}
