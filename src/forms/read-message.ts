import { findQuantities } from '../quantity/find-quantities.ts';
import { findFieldByName, placeQuantities } from './extract-answers.ts';
import type { FieldAnswer } from './field-answer.ts';
import { fieldOf, parseFor, unitChoices, type FormTurn } from './form-flow.ts';
import { activeFields } from './form-progress.ts';
import type { FieldDefinition } from './form-schema.ts';
import type { FieldValue } from './types.ts';
import { splitClauses } from './split-clauses.ts';
import { escapeRegExp } from '../text/regexp.ts';

/** 「实施主体是老王农机合作社」「村：东营子村」: a field name, then its value. */
const LABELLED = /^(.{1,10}?)(?:是|为|叫做|叫|：|:)(.+)$/;

export interface ReadAnswer {
  field: FieldDefinition;
  answer: Extract<FieldAnswer, { ok: true }>;
}

/** What one message says: answers in the order given, refusals, and the parts no field took. */
export interface MessageReading {
  answers: ReadAnswer[];
  errors: string[];
  unused: string[];
  /** True when the message holds nothing for another field: answer the current question the usual way. */
  plain: boolean;
}

interface Clause {
  text: string;
  /** A name said beside the option word that answered a choice (「李向东种粮大户」 → 李向东). */
  beside?: string;
  /** Taken by a label, an amount or a period (a choice word alone leaves it free for a name). */
  taken: boolean;
  chosen: boolean;
  unplaced: string[];
}

/**
 * A leftover clause that only echoes what was answered — words of that field's question (「累计的」
 * 「这两个月的」) or the same value again (「没有，0个」) — is not worth a 「没有对应到」 note.
 */
function restates(turn: FormTurn, clause: Clause, answers: ReadAnswer[]): boolean {
  if (clause.taken || clause.chosen) return false;
  const words = clause.text.replace(/[的了呢啊吧呀]+$/, '');
  return answers.some(
    ({ field, answer }) =>
      (words.length > 1 && (field.question.includes(words) || field.synonyms.includes(words))) ||
      // 「丰收农机合作社 合作社」: a name of the kind chosen is a name, not the choice said again.
      (!(field.type === 'choice' && isNameOfKind(field, clause.text)) && JSON.stringify(parseFor(turn, field, clause.text)) === JSON.stringify(answer)),
  );
}

/** A clause that names one amount field and says its value after the name (「验收合格的有一千八」). */
function namedAmount(turn: FormTurn, fields: FieldDefinition[], part: string): { field: FieldDefinition; answer: FieldAnswer } | undefined {
  const amounts = fields.filter((field) => field.type === 'number' || field.type === 'share');
  const field = findFieldByName(amounts, part, turn.state.values, turn.state.current);
  if (!field) return undefined;
  const word = [field.label, ...field.synonyms].filter((name) => part.includes(name)).sort((a, b) => b.length - a.length)[0];
  if (!word) return undefined;
  const value = part.slice(part.indexOf(word) + word.length).replace(/^(?:的|地|有|是|为|达到|达|共|一共|总共|合计|了|已|已经)+/, '');
  const answer = value ? parseFor(turn, field, value) : undefined;
  return answer?.ok ? { field, answer } : undefined;
}

/**
 * 「实施主体是…」 with a field's name before 是/为/：. What stands before the copula holds no amount other than a
 * field's own name (「千亩样板田是2个」): in 「少耕播种了二百八十亩是流转的地…」 the 是 comes after an answer.
 */
function labelledValue(fields: FieldDefinition[], part: string): RegExpExecArray | null {
  const labelled = LABELLED.exec(part);
  if (!labelled) return null;
  const names = fields.flatMap((field) => [field.label, ...field.synonyms]);
  const amountInName = findQuantities(labelled[1]).some((quantity) => !names.some((name) => name.includes(quantity.text)));
  return amountInName ? null : labelled;
}

const SPOKEN_AMOUNT = /^(?:的|有|是|为|了|已|已经|共|一共|总共|合计|达到|达)*([零〇一二两三四五六七八九十百千万亿\d.]+(?:万元|万亩|公顷|公斤|[个户亩吨元%])?)/;

/**
 * 「…下达一千万已支出三百二十万地方投入…」「…其中千亩样板田一个施用…」 voice-typed: an amount field named in the
 * run, then an amount in words right after its name that the quantity finder did not read there.
 */
function namedSegments(turn: FormTurn, free: FieldDefinition[], part: string): { field: FieldDefinition; answer: FieldAnswer }[] {
  const found = findQuantities(part);
  const read = (index: number) => found.some((q) => index >= q.index && index < q.index + q.length);
  const hits = free
    .filter((field) => field.type === 'number' || field.type === 'share')
    .flatMap((field) => [field.label, ...field.synonyms].filter((name) => name.length > 1).map((name) => ({ field, name })))
    .sort((a, b) => b.name.length - a.name.length);
  const used: [number, number][] = [];
  const out: { field: FieldDefinition; answer: FieldAnswer }[] = [];
  for (const { field, name } of hits) {
    if (out.some((o) => o.field === field)) continue;
    let at = part.indexOf(name);
    while (at >= 0 && used.some(([a, b]) => at < b && at + name.length > a)) at = part.indexOf(name, at + 1);
    if (at < 0) continue;
    const after = part.slice(at + name.length);
    const spoken = SPOKEN_AMOUNT.exec(after);
    if (!spoken || !/[零〇一二两三四五六七八九十\d]/.test(spoken[1])) continue;
    const start = at + name.length + spoken[0].length - spoken[1].length;
    if (read(start)) continue;
    const answer = parseFor(turn, field, spoken[1]);
    if (!answer.ok) continue;
    used.push([at, start + spoken[1].length]);
    out.push({ field, answer });
  }
  return out;
}

const PLAIN: MessageReading = { answers: [], errors: [], unused: [], plain: true };

/** 「5月3号」「五月三日」 inside a longer clause. */
const DATE_INSIDE = /((?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号])/;

/**
 * 「…六成装了终端五月三号…」: a yes/no said next to the field's name — the clause without the name, else the
 * two or one characters right before or after the name (「装了」「没装」「有」).
 */
function yesNoNear(turn: FormTurn, field: FieldDefinition, part: string, name: string): FieldAnswer {
  const whole = parseFor(turn, field, part.replace(name, '').trim());
  if (whole.ok) return whole;
  const at = part.indexOf(name);
  const before = part.slice(0, at);
  const after = part.slice(at + name.length);
  for (const piece of [before.slice(-2), before.slice(-1), after.slice(0, 2), after.slice(0, 1)]) {
    const answer = piece ? parseFor(turn, field, piece) : undefined;
    if (answer?.ok) return answer;
  }
  return whole;
}

/** Words the other fields are known by (names, option words): where a value said in running speech stops. */
function wordsOfOthers(fields: FieldDefinition[], field: FieldDefinition): string[] {
  return fields
    .filter((other) => other.key !== field.key)
    .flatMap((other) => [other.label, ...other.synonyms, ...(other.options ?? []).flatMap((option) => [option.label, ...option.synonyms])])
    .filter((word) => word.length > 1);
}

/**
 * 「在村东大块免耕播种了120亩」: a text field's value after its lead word (在), up to the next word another
 * field is known by or an amount. Returns the value and what was said before and after it.
 */
function ledValue(field: FieldDefinition, part: string, fields: FieldDefinition[]): { value: string; around: string[] } | undefined {
  for (const lead of field.introducedBy ?? []) {
    const at = part.indexOf(lead);
    if (at < 0) continue;
    const after = part.slice(at + lead.length);
    const ends = [findQuantities(after)[0]?.index ?? after.length, ...wordsOfOthers(fields, field).map((word) => after.indexOf(word)).filter((index) => index >= 0)];
    const end = Math.min(...ends);
    const value = after.slice(0, end).replace(/的$/, '').trim();
    if (value.length < 2 || /[0-9]/.test(value)) continue;
    return { value, around: [part.slice(0, at), after.slice(end)].map((piece) => piece.trim()).filter(Boolean) };
  }
  return undefined;
}

/**
 * 「东营子村的李向东」: a value with its field's ending (村), joined by 的 to what follows; said without a pause
 * (「东营子村李向东种粮大户…」) the first ending after two or more characters ends it too.
 */
function endedValue(field: FieldDefinition, part: string): { value: string; rest: string } | undefined {
  for (const ending of field.valueEndings ?? []) {
    const match = new RegExp(`^([^0-9]{1,12}?${escapeRegExp(ending)})的(.+)$`).exec(part);
    if (match) return { value: match[1], rest: match[2] };
  }
  for (const ending of field.valueEndings ?? []) {
    const e = escapeRegExp(ending);
    const match = new RegExp(`^([^0-9的，,\\s]{2,8}?${e})(?!的|${e})(\\p{Script=Han}{2}.*)$`, 'u').exec(part);
    if (match) return { value: match[1], rest: match[2] };
  }
  return undefined;
}

/** 「实施主体丰收农机合作社」「地块是村东大块」「备注：…」: the field's own name (two or more characters), then its value. */
function namedTextValue(field: FieldDefinition, part: string): string | undefined {
  const names = [field.label, ...field.synonyms].filter((name) => name.length >= 2).sort((a, b) => b.length - a.length);
  const name = names.find((word) => part.startsWith(word));
  if (!name) return undefined;
  const value = part.slice(name.length).replace(/^(?:是|为|叫|叫做|[:：])/, '').replace(/的$/, '').trim();
  return value.length >= 2 && !/[0-9]/.test(value) && !findQuantities(value).length ? value : undefined;
}

/** 「在东营子村」「东营子村」: a clause that is only a value with its field's ending (村), after 在/是. */
function wholeEndedValue(field: FieldDefinition, part: string): string | undefined {
  const value = part.replace(/^(?:在|是|就在)/, '').replace(/的$/, '').trim();
  if (value.length < 3 || value.length > 12 || /[0-9，,\s]/.test(value)) return undefined;
  return (field.valueEndings ?? []).some((ending) => value.endsWith(ending) && !value.startsWith(ending)) ? value : undefined;
}

function mentionsOption(field: FieldDefinition, text: string): boolean {
  return (field.options ?? []).some((option) => [option.label, ...option.synonyms].some((word) => word.length > 1 && text.includes(word)));
}

/** 「是合作社」「属于种粮大户」: a clause that is only an option word (after a copula), not a name that holds one. */
function isOnlyOption(field: FieldDefinition, text: string): boolean {
  const bare = text.replace(/^(?:类型|主体类型)?(?:是|就是|属于|算|为)(?:个|一个)?/, '').replace(/[的吧啊]+$/, '');
  return (field.options ?? []).some((option) => [option.value, option.label, ...option.synonyms].includes(bare));
}

/** 「丰收农机合作社」: a name that ends with an option word names of that kind end with (endsNames), not the choice. */
function isNameOfKind(field: FieldDefinition, text: string): boolean {
  const bare = text.replace(/[的吧啊]+$/, '');
  return (field.options ?? []).some(
    (option) => option.endsNames && [option.value, option.label, ...option.synonyms].some((word) => word.length > 1 && bare.endsWith(word) && bare.length - word.length >= 2),
  ) && !findQuantities(text).length;
}

/**
 * 「李向东种粮大户」: a short clause of a name beside an option word; the words left once the option word is
 * taken out (two to eight characters, no amount, no other field's word), else undefined.
 */
function nameBesideOption(field: FieldDefinition, text: string, fields: FieldDefinition[]): string | undefined {
  if (isOnlyOption(field, text) || findQuantities(text).length) return undefined;
  const word = (field.options ?? []).flatMap((option) => [option.label, ...option.synonyms]).filter((w) => w.length > 1 && text.includes(w)).sort((a, b) => b.length - a.length)[0];
  if (!word) return undefined;
  const rest = text.replace(word, '').replace(/^(?:是|就是|属于|的)+|(?:是|的|吧|啊)+$/g, '').trim();
  if (!/^\p{Script=Han}{2,8}$/u.test(rest) || wordsOfOthers(fields, field).some((other) => rest.includes(other))) return undefined;
  return rest;
}

/**
 * Which clause answers each open choice: one that is only an option word wins over a name holding one
 * (「丰收农机合作社，是合作社」: the type is 合作社, the name stays whole); else the first that mentions one
 * and is not a name of that kind (「东营子村，丰收农机合作社」: the name; the type is asked).
 */
function choiceClauses(fields: FieldDefinition[], parts: string[], open: (field: FieldDefinition) => boolean): Map<string, number[]> {
  const chosen = new Map<string, number[]>();
  for (const field of fields.filter((f) => f.type === 'choice' && open(f))) {
    const mentioning = parts.map((part, index) => ({ part, index })).filter(({ part }) => mentionsOption(field, part));
    // A multiple choice said in pieces (「石灰，有机肥」) takes every piece.
    const pick = field.multiple
      ? mentioning
      : [mentioning.find(({ part }) => isOnlyOption(field, part)) ?? mentioning.find(({ part }) => !isNameOfKind(field, part))].filter((hit): hit is { part: string; index: number } => !!hit);
    if (pick.length) chosen.set(field.key, pick.map(({ index }) => index));
  }
  return chosen;
}

/** 「5-6月本期治理…」「五月份累计完成…」 said without a pause: the period at the start is its own clause. */
const LEADING_PERIOD = /^((?:\d{1,2}|[一二三四五六七八九十]{1,2})(?:\s*[-~～至到]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2}))?\s*月份?)(?![\d号日份])(?:的)?(.+)$/;

/**
 * Reads a message of several clauses (「东营子村，实施主体是老王农机合作社，免耕播种了350亩」): each clause
 * goes to the field it names or fits — a labelled value, amounts by their words, a period, an option word
 * of an unanswered choice — and every value is parsed like a typed answer. The current question takes the
 * clause that fits it; a name question takes the first clause nothing else claimed. Nothing is stored here.
 */
export function readMessage(turn: FormTurn, text: string): MessageReading {
  const { state } = turn;
  const current = fieldOf(turn, state.current);
  if (!current) return PLAIN;
  const open = (field: FieldDefinition) => state.values[field.key] === undefined || field.key === current.key;
  const said = splitClauses(text);
  // A choice said here may open questions (少耕 → 动土占比): read the message against the questions it opens.
  const before = activeFields(turn.form, state.values);
  const saidChoices: Record<string, FieldValue> = {};
  for (const [key, [index]] of choiceClauses(before, said, open)) {
    const field = before.find((f) => f.key === key)!;
    const answer = parseFor(turn, field, said[index]);
    if (answer.ok && !field.multiple) saidChoices[key] = answer.value;
  }
  const fields = activeFields(turn.form, { ...state.values, ...saidChoices });
  // Text values said inside a clause (「在村东大块…」「东营子村的李向东」) are taken out first; the rest is read as usual.
  const inside: { field: FieldDefinition; value: string }[] = [];
  const textFields = fields.filter((field) => field.type === 'text' && field.ask && open(field));
  const periodOpen = fields.some((field) => field.type === 'period' && open(field));
  const unitField = fields.find((field) => (field.type === 'township' || field.type === 'county') && open(field));
  const unitNames = unitField ? unitChoices(turn, unitField).sort((a, b) => b.length - a.length) : [];
  const parts = said
    .flatMap((part) => {
      // 「实施主体丰收农机合作社」「地块是村东大块」「在东营子村」 in a message of several clauses: a clause that is a text
      // field's name and its value, or only a value with that field's ending, is that field's answer.
      if (said.length < 2) return [part];
      for (const field of textFields.filter((f) => !inside.some((found) => found.field === f))) {
        const value = namedTextValue(field, part) ?? wholeEndedValue(field, part);
        if (value) return inside.push({ field, value }), [];
      }
      return [part];
    })
    .flatMap((part) => {
      // 「叶茂台镇5月的」「孟家镇的进度也报一下」: a unit the user may file for, named inside a clause, is the unit's answer.
      const name = unitField && !inside.some((found) => found.field === unitField) ? unitNames.find((unit) => part.includes(unit)) : undefined;
      if (!unitField || !name || part === name) return [part];
      inside.push({ field: unitField, value: name });
      const at = part.indexOf(name);
      return [part.slice(0, at), part.slice(at + name.length).replace(/^的/, '')].filter((piece) => !/^[的了呢啊吧\s]*$/.test(piece));
    })
    .flatMap((part) => {
      const period = periodOpen ? LEADING_PERIOD.exec(part) : null;
      // 「5月的，…」: the 的 after the month is no answer of its own.
      return period ? [period[1], period[2]].filter((piece) => !/^[的了呢啊吧]*$/.test(piece)) : [part];
    })
    .flatMap((part) => {
      for (const field of textFields.filter((f) => !inside.some((found) => found.field === f))) {
        const led = ledValue(field, part, fields);
        if (led) return inside.push({ field, value: led.value }), led.around;
      }
      return [part];
    })
    .flatMap((part) => {
      for (const field of textFields.filter((f) => !inside.some((found) => found.field === f))) {
        const ended = endedValue(field, part);
        if (ended) return inside.push({ field, value: ended.value }), [ended.rest];
      }
      return [part];
    });
  // One clause to a text question is that answer, whatever it holds (a note may mention amounts).
  if (parts.length + inside.length < 2 && current.type === 'text') return PLAIN;
  const choiceAt = choiceClauses(fields, parts, open);
  const answers: ReadAnswer[] = [];
  const errors: string[] = [];
  const claimed = new Set<string>();
  const free = (field: FieldDefinition) => !claimed.has(field.key);
  const give = (field: FieldDefinition, answer: FieldAnswer) => {
    claimed.add(field.key);
    // The question asked is confirmed first, then the others in the order they were said.
    if (answer.ok && field.key === current.key) answers.unshift({ field, answer });
    else if (answer.ok) answers.push({ field, answer });
    else errors.push(answer.error);
  };
  for (const { field, value } of inside) give(field, parseFor(turn, field, value));
  // 「完成一万六千亩，验收了一半」: a share of a whole said earlier in the same message.
  const withSaid = (): FormTurn => ({ ...turn, state: { ...state, values: { ...state.values, ...Object.fromEntries(answers.map(({ field, answer }) => [field.key, answer.value])) } } });

  const clauses: Clause[] = parts.map((part, index) => {
    const clause: Clause = { text: part, taken: false, chosen: false, unplaced: [] };
    const labelled = labelledValue(fields, part);
    const named = labelled ? findFieldByName(fields.filter(free), labelled[1], state.values, current.key) : undefined;
    if (labelled && named) {
      give(named, parseFor(turn, named, labelled[2]));
      clause.taken = true;
      return clause;
    }
    // A narrative answer (存在问题) must not overwrite amounts already entered.
    const amountFields = fields.filter((field) => free(field) && (current.type !== 'text' || open(field)));
    const placed = placeQuantities(turn.form, amountFields, part, state.values, current.key, { byUnit: true });
    for (const found of [...placed.answers, ...placed.refused]) give(found.field, parseFor(found.field.partOf ? withSaid() : turn, found.field, found.text));
    clause.unplaced = placed.unplaced;
    clause.taken = placed.answers.length + placed.refused.length > 0;
    const amounts = findQuantities(part);
    const last = amounts.at(-1);
    const tail = last ? part.slice(last.index + last.length).trim() : '';
    // 「样板田三个千亩样板田一个」: what follows the last amount may name a field and say its amount in words.
    if (tail && findFieldByName(fields, tail, state.values)) {
      const spoken = namedAmount(turn, fields.filter((field) => free(field) && (current.type !== 'text' || open(field))), tail);
      if (spoken) give(spoken.field, spoken.answer);
      else if (clause.taken && !last?.after) clause.unplaced.push(tail);
    }
    if (amounts.length) {
      for (const spoken of namedSegments(turn, fields.filter((field) => free(field) && (current.type !== 'text' || open(field))), part)) give(spoken.field, spoken.answer);
    }
    // 「…装了终端五月三号播完的」: a date said inside a run-on clause has a shape of its own.
    const date = amounts.length ? DATE_INSIDE.exec(part)?.[1] : undefined;
    const dateField = date ? fields.find((field) => field.type === 'date' && open(field) && free(field)) : undefined;
    if (date && dateField && parseFor(turn, dateField, date).ok) {
      give(dateField, parseFor(turn, dateField, date));
      clause.unplaced = clause.unplaced.filter((piece) => !date.includes(piece) && !piece.includes(date));
    }
    if (!amounts.length) {
      // 「验收合格的有一千八」: a field named, then an amount in words only a whole-answer parse reads.
      const spoken = namedAmount(turn, amountFields, part);
      if (spoken) {
        give(spoken.field, spoken.answer);
        clause.taken = true;
        return clause;
      }
      const period = fields.find((field) => (field.type === 'period' || field.type === 'date') && open(field) && free(field) && parseFor(turn, field, part).ok);
      if (period) {
        give(period, parseFor(turn, period, part));
        clause.taken = true;
        return clause;
      }
    }
    for (const field of fields.filter((f) => f.type === 'choice' && open(f) && (choiceAt.get(f.key) ?? []).includes(index))) {
      const at = choiceAt.get(field.key)!;
      if (!free(field)) {
        // A later piece of a multiple choice already read with the first one.
        clause.chosen = field.multiple && at.length > 1 && answers.some((a) => a.field.key === field.key);
        continue;
      }
      const answer = parseFor(turn, field, at.map((i) => parts[i]).join('、'));
      if (!answer.ok) continue;
      give(field, answer);
      clause.chosen = true;
      if (!field.multiple) clause.beside = nameBesideOption(field, part, fields);
    }
    for (const field of fields.filter((f) => f.type === 'yes-no' && open(f) && free(f))) {
      const name = [field.label, ...field.synonyms].filter((word) => word.length > 1 && part.includes(word)).sort((a, b) => b.length - a.length)[0];
      const answer = name ? yesNoNear(turn, field, part, name) : undefined;
      if (!answer?.ok) continue;
      give(field, answer);
      clause.taken = true;
    }
    return clause;
  });

  const plain = !answers.some((a) => a.field.key !== current.key) && !errors.length && !clauses.some((c) => c.unplaced.length);

  if (free(current)) {
    const untouched = clauses.filter((c) => !c.taken && !c.chosen && !c.unplaced.length);
    if (current.type === 'text') {
      const clause = untouched[0] ?? clauses.find((c) => !c.taken && !c.unplaced.length);
      if (clause) (give(current, parseFor(turn, current, clause.text)), (clause.taken = true));
    } else {
      // An amount (「0个」) answers before a word that also parses (「没有」).
      const fits = (c: Clause) => !c.taken && !c.chosen && parseFor(turn, current, c.text).ok;
      const clause = clauses.find((c) => c.unplaced.length > 0 && fits(c)) ?? clauses.find(fits);
      if (clause) {
        give(current, parseFor(turn, current, clause.text));
        clause.taken = true;
        clause.unplaced = [];
      }
    }
  }
  // 「东营子村，李向东，…」: bare words in the order the form asks them answer the text questions that come next.
  const bare = clauses.flatMap((c): Clause[] => (c.beside ? [c, { text: c.beside, taken: false, chosen: false, unplaced: [] }] : [c])).filter((c) => !c.taken && !c.chosen && !c.unplaced.length && !findQuantities(c.text).length && !restates(turn, c, answers));
  let inOrder = 0;
  // Only after the question asked was answered here: a word that answers nothing is not a later question's answer.
  for (const field of claimed.has(current.key) ? fields.slice(fields.indexOf(current) + 1) : []) {
    if (!bare.length) break;
    if (!free(field) || state.values[field.key] !== undefined) continue;
    if (field.type !== 'text' || !field.ask) break;
    const clause = bare.shift()!;
    give(field, parseFor(turn, field, clause.text));
    clause.taken = true;
    inOrder += 1;
  }
  if (plain && !inOrder && !inside.length) return PLAIN;
  // One clause that answers no other question is the current question's answer, refused or not, as typed.
  if (parts.length + inside.length < 2 && !answers.some((a) => a.field.key !== current.key)) return PLAIN;

  const unused = clauses.filter((c) => !restates(turn, c, answers)).flatMap((c) => (c.taken || c.chosen ? c.unplaced : c.unplaced.length ? c.unplaced : [c.text]));
  return { answers, errors, unused, plain: false };
}
