import { parseQuantity } from '../quantity/parse-quantity.ts';
import { unknownUnitWord } from '../quantity/unknown-unit.ts';
import { periodSpan, periodStart } from '../reporting/periods.ts';
import { isOpenEnded } from '../quantity/open-ended.ts';
import type { Quantity } from '../quantity/types.ts';
import type { FieldDefinition, FormDefinition } from './form-schema.ts';
import { formatFieldValue } from './format-value.ts';
import { parsePeriod } from './period.ts';
import type { FieldValue } from './types.ts';
import { fieldNames, withoutFieldNames } from './field-names.ts';
import { soundsAlike } from '../text/same-sound.ts';

export type FieldAnswer =
  | { ok: true; value: FieldValue; display: string; approximate?: boolean; openEnded?: boolean; note?: string }
  | { ok: false; error: string; guess?: { value: number; display: string } };

/** Unit names the form may offer for a county or township field. */
export interface UnitChoices {
  names: string[];
}

const YES = /^(是|是的|有|有的|对|对的|装了|已安装|已装|安装了|已经装了|已提供|有了|齐了|齐全|yes|y|好|可以)$/i;
const NO = /^(否|不是|没有|没|无|没装|未安装|不|no|n|还没有|没有装)$/i;

function example(field: FieldDefinition): string {
  return field.example ? `，例如「${field.example}」` : '';
}

function invalid(field: FieldDefinition, problem: string): FieldAnswer {
  return { ok: false, error: `「${field.label}」${problem}${example(field)}。已填写的内容都保留着。` };
}

function checkLimits(field: FieldDefinition, value: number, shown: string): FieldAnswer | undefined {
  if (field.integer && !Number.isInteger(value)) return invalid(field, `应为整数，您填的是 ${shown}`);
  if (field.min !== undefined && value < field.min) {
    return invalid(field, `不能小于 ${formatFieldValue(field, field.min)}，您填的是 ${shown}`);
  }
  if (field.max !== undefined && value > field.max) {
    return invalid(field, `不能大于 ${formatFieldValue(field, field.max)}，您填的是 ${shown}`);
  }
  return undefined;
}

function fromQuantity(field: FieldDefinition, quantity: Quantity): FieldAnswer {
  if (quantity.range) {
    const { min, max } = quantity.range;
    return invalid(field, `需要一个确定的数，您给的是范围（${formatFieldValue(field, min)}～${formatFieldValue(field, max)}），请告诉我具体是多少`);
  }
  const display = formatFieldValue(field, quantity.value);
  const limit = checkLimits(field, quantity.value, display);
  if (limit) return limit;
  // A conversion note only helps when the user's unit differs from the one the question asks in (吨 for 吨 needs none).
  const asked = quantity.unit !== undefined && field.question.includes(quantity.unit);
  return { ok: true, value: quantity.value, display, approximate: quantity.approximate || undefined, openEnded: isOpenEnded(quantity) || undefined, note: asked ? undefined : quantity.note };
}

function matchOption(field: FieldDefinition, text: string): string[] {
  const options = field.options ?? [];
  const byIndex = /^\d+$/.test(text) ? options[Number(text) - 1] : undefined;
  if (byIndex) return [byIndex.value];
  const exact = options.filter((o) => [o.value, o.label, ...o.synonyms].some((word) => word === text));
  if (exact.length) return exact.map((o) => o.value);
  return options
    .filter((o) => [o.label, ...o.synonyms].some((word) => word.length > 0 && text.includes(word)))
    .map((o) => o.value);
}

/** Whether some piece of the text as long as the word (a word of two characters or more) is close to it. */
function holdsPiece(text: string, word: string, close: (piece: string) => boolean): boolean {
  if (word.length < 2) return false;
  for (let start = 0; start + word.length <= text.length; start++) if (close(text.slice(start, start + word.length))) return true;
  return false;
}

/** Whether the text holds the word with exactly one character mistyped (「流传」 for 流转), the first one kept. */
function nearlyHolds(text: string, word: string): boolean {
  return holdsPiece(text, word, (piece) => piece[0] === word[0] && [...word].filter((character, i) => piece[i] !== character).length === 1);
}

/** Whether the text holds a word that sounds like this one but is written otherwise (a pinyin keyboard's 「面耕」 for 免耕). */
function holdsSoundAlike(text: string, word: string): boolean {
  return holdsPiece(text, word, (piece) => piece !== word && soundsAlike(piece, word));
}

/** The only option one of whose words the text holds with one mistyped or same-sounding character; none when two could be meant. */
function nearOption(field: FieldDefinition, text: string): { value: string; label: string } | undefined {
  // Only a short answer of its own: in a sentence or a question a near word is more likely another word.
  if (/[?？吗呢]$/.test(text)) return undefined;
  const words = (o: { label: string; synonyms: string[] }) => [o.label, ...o.synonyms].filter((word) => text.length <= word.length + 1);
  const options = field.options ?? [];
  // the same sound decides first: 「面耕」 is one character off 免耕, 少耕 and 翻耕 alike, but sounds only like 免耕
  const alike = options.filter((o) => words(o).some((word) => holdsSoundAlike(text, word)));
  if (alike.length) return alike.length === 1 ? alike[0] : undefined;
  const near = options.filter((o) => words(o).some((word) => nearlyHolds(text, word)));
  return near.length === 1 ? near[0] : undefined;
}

/**
 * 「石灰、有机废」: the pieces of a list that name no option. A piece one character off one option is read
 * as it (and said); a short piece of words that is none is reported instead of being dropped.
 */
function piecesOfList(field: FieldDefinition, text: string): { near: { piece: string; value: string; label: string }[]; unknown: string[] } {
  const near: { piece: string; value: string; label: string }[] = [];
  const unknown: string[] = [];
  for (const piece of text.split(/[、，,;；\s]+|和|及|与|跟|还有|以及/).map((p) => p.trim().replace(/^(?:用了|施用了|施了|撒了)/, ''))) {
    if (!piece || matchOption(field, piece).length || /[0-9]/.test(piece) || piece.length > 6) continue;
    const close = nearOption(field, piece);
    if (close) near.push({ piece, value: close.value, label: close.label });
    else if (/\p{Script=Han}{2}/u.test(piece) && !/^(?:等|等等|这些|这几种|两种|几种|都有|都用了)$/.test(piece)) unknown.push(piece);
  }
  return { near, unknown };
}

function parseChoice(field: FieldDefinition, text: string): FieldAnswer {
  const options = field.options ?? [];
  const list = options.map((o) => `「${o.label}」`).join('、');
  if (field.multiple && /^(都没有|都没|没有|无|一个也没有)$/.test(text)) return { ok: true, value: [], display: '无' };
  if (field.multiple && /^(都有|全部|全有|齐全|都齐了)$/.test(text)) {
    return { ok: true, value: options.map((o) => o.value), display: options.map((o) => o.label).join('、') };
  }
  const found = matchOption(field, text);
  if (field.multiple && found.length) {
    const pieces = piecesOfList(field, text);
    if (pieces.unknown.length) {
      return { ok: false, error: `「${field.label}」里的「${pieces.unknown.join('」「')}」不在可选项里，请从这些里选：${list}。已填写的内容都保留着。` };
    }
    if (pieces.near.length) {
      const value = options.map((o) => o.value).filter((v) => found.includes(v) || pieces.near.some((n) => n.value === v));
      return { ok: true, value, display: formatFieldValue(field, value), note: pieces.near.map((n) => `「${n.piece}」按「${n.label}」理解`).join('，') + '，不对请直接更正' };
    }
  }
  if (!found.length && field.otherText && !field.multiple) return { ok: true, value: text, display: text };
  const near = found.length || field.multiple ? undefined : nearOption(field, text);
  if (near) return { ok: true, value: near.value, display: near.label, note: `按「${near.label}」理解，不对请直接更正` };
  if (!found.length) return { ok: false, error: `「${field.label}」请从这些里选：${list}（可以直接点按钮）。已填写的内容都保留着。` };
  if (!field.multiple && found.length > 1) {
    return { ok: false, error: `「${field.label}」只能选一个，请从 ${list} 里选一个。` };
  }
  const value = field.multiple ? found : found[0];
  return { ok: true, value, display: formatFieldValue(field, value) };
}

function parseUnit(field: FieldDefinition, text: string, units: UnitChoices): FieldAnswer {
  const core = (name: string) => name.replace(/(县|市|区|镇|乡|街道|街|办事处)$/, '');
  const found = units.names.filter((name) => name === text || core(name) === text || text.includes(name) || text.includes(core(name)));
  if (found.length === 1) return { ok: true, value: found[0], display: found[0] };
  const level = field.type === 'county' ? '县' : '乡镇（街道）';
  const shown = units.names.length > 8 ? `${units.names.slice(0, 8).join('、')}等` : units.names.join('、');
  if (!units.names.length) return { ok: false, error: `没有可选的${level}，请联系县级管理员核对您绑定的单位。` };
  return { ok: false, error: `「${field.label}」请填写${level}名称，可选：${shown}（可以直接点按钮）。` };
}

/**
 * 「1.2万母」: one character no units file knows where the field's own one-character unit goes (亩 typed as 母
 * with a pinyin keyboard; 垧 is a real unit). Never guessed silently: the user is asked whether it is that
 * unit, and 「是」 takes the amount in it.
 */
function ownUnitMistyped(field: FieldDefinition, text: string): FieldAnswer | undefined {
  const typed = /^(.*[\d零〇一二两三四五六七八九十百千万亿])(\p{Script=Han})$/u.exec(text);
  if (!typed || !field.unit || !/^\p{Script=Han}$/u.test(field.unit) || unknownUnitWord(typed[2]) !== typed[2]) return undefined;
  const parsed = parseQuantity(`${typed[1]}${field.unit}`, field.quantity ?? 'number', { label: field.label });
  if (!parsed.ok) return undefined;
  const answer = fromQuantity(field, parsed.quantity);
  if (!answer.ok || typeof answer.value !== 'number') return undefined;
  return {
    ok: false,
    error: `不认识「${typed[2]}」这个单位。是「${field.unit}」打错了吗？是的话回「是」，按 ${answer.display} 填；不是的话请换算成${field.unit}再输入${example(field)}。已填写的内容都保留着。`,
    guess: { value: answer.value, display: answer.display },
  };
}

/** 「2022-06-03」: the day in Beijing at that moment. */
function beijingDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

const dayText = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/**
 * Parses one answer to one field: numbers as people type them (via the quantity parser), choices by
 * label or synonym, periods and dates normalised. An invalid answer is a result with a message naming
 * the field and an example, never an exception.
 */
export function parseFieldAnswer(form: FormDefinition, field: FieldDefinition, input: string, units: UnitChoices, now?: Date): FieldAnswer {
  const text = input.trim().replace(/[。.！!]+$/, '');
  if (!text) return invalid(field, '还没有填写');
  switch (field.type) {
    case 'number': {
      // 「一千万整」「1000万元整」: 整 closes an amount as on a cheque; it is no unit.
      const amount = text.replace(/(?<=[\d零〇一二两三四五六七八九十百千万亿元块亩吨个户])整$/, '');
      const parsed = parseQuantity(amount, field.quantity ?? 'number', { label: field.label });
      if (parsed.ok) return fromQuantity(field, parsed.quantity);
      return ownUnitMistyped(field, amount) ?? { ok: false, error: `${parsed.error}${example(field)}。已填写的内容都保留着。` };
    }
    case 'share': {
      const parsed = parseQuantity(text, 'share', { label: field.label });
      return parsed.ok ? fromQuantity(field, parsed.quantity) : { ok: false, error: `${parsed.error}${example(field)}。已填写的内容都保留着。` };
    }
    case 'choice':
      return parseChoice(field, text);
    case 'yes-no': {
      // 「没装终端」「装了监测终端」: the answer word once the field's own words are taken out.
      // 「装了的」: a closing 的/吧 said after the answer word; 了 is part of some answer words (装了) and not of others.
      const closed = withoutFieldNames(field, text).replace(/[的吧啊呀]+$/, '');
      const bares = [closed, closed.replace(/[的了吧啊]+$/, '')].filter(Boolean);
      if (YES.test(text) || bares.some((bare) => YES.test(bare))) return { ok: true, value: true, display: '是' };
      if (NO.test(text) || bares.some((bare) => NO.test(bare))) return { ok: true, value: false, display: '否' };
      return invalid(field, '请回答「是」或「否」');
    }
    case 'text': {
      // 「备注：两个村没签完合同」: the field's own name before a colon is not part of the value.
      const own = fieldNames(field).filter(Boolean).find((word) => text.startsWith(word) && /^[:：]/.test(text.slice(word.length).trim()));
      const value = own ? text.slice(own.length).trim().replace(/^[:：]\s*/, '') || text : text;
      // 「🙏」「👍」 alone, or only punctuation: nothing to save as a name or a note.
      if (!/[\p{L}\p{N}]/u.test(value)) return invalid(field, `需要文字，「${value}」里没有字，请用文字回答`);
      return value.length > 500 ? invalid(field, '太长了，请控制在 500 字以内') : { ok: true, value, display: value };
    }
    case 'period':
    case 'date': {
      const kind = field.type === 'date' ? 'date' : (form.period?.kind ?? 'month');
      const parsed = parsePeriod(text, kind, form.period?.year ?? form.year, now);
      if (!parsed.ok) return { ok: false, error: `「${field.label}」：${parsed.error}` };
      const span = field.type === 'period' ? periodSpan(parsed.value) : undefined;
      // A period of this year that has not begun (「7-8月」 on 20 June) cannot have figures yet.
      if (span && now && span.year === Number(beijingDay(now).slice(0, 4)) && periodStart(span).getTime() > now.getTime()) {
        return { ok: false, error: `「${field.label}」：${parsed.display}还没有开始，不能填报。请填已经开始的一期（今天是${dayText(beijingDay(now))}）。已填写的内容都保留着。` };
      }
      const today = now ? beijingDay(now) : undefined;
      if (field.type === 'date' && field.past && today && parsed.value > today) {
        return { ok: false, error: `「${field.label}」是已经完成的日子，不能晚于今天（${dayText(today)}），您填的是${parsed.display}。请改成实际的日期（今天或以前）；不记得可以回复「跳过」。已填写的内容都保留着。` };
      }
      return { ok: true, value: parsed.value, display: parsed.display };
    }
    case 'county':
    case 'township':
      return parseUnit(field, text, units);
  }
}
