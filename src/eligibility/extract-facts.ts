import { activeUnitsOfMeasure, findQuantities, parseQuantity, unknownUnitMessage, unknownUnitWord, type FoundQuantity, type Quantity, type QuantityKind } from '../quantity/index.ts';
import type { RuleSetField } from '../rules/index.ts';
import type { EligibilityQuestion, EligibilityScript } from './eligibility-script.ts';

/** A value heard but not yet usable: the user must confirm it or pick one. */
export interface Tentative {
  field: string;
  reason: 'approximate' | 'unit' | 'range' | 'conflict' | 'bound';
  /** Candidate values in record units; one for approximate/unit, several for range/conflict. */
  options: Array<number | string>;
  /** What the user typed, quoted back. */
  text: string;
  note?: string;
  /** For a bound: the typed limit in record units and which side the value lies on. */
  limit?: number;
  direction?: 'below' | 'above';
}

/** An approximate value (「大概三成」「六成以上」) or a converted unit (2公顷 → 30亩) used as stated; the answer says so. */
export interface Assumption {
  field: string;
  value: number;
  text: string;
  /** For a converted unit: 「已按 1 公顷 = 15 亩换算」. */
  note?: string;
}

export interface Extraction {
  facts: Record<string, unknown>;
  tentative: Tentative[];
  assumed: Assumption[];
  /** Chinese sentences naming what is wrong with the input. */
  problems: string[];
  /** 「一亩补多少」: the user asks for the rate per unit; that 一亩 is not an area. */
  asksPerUnit: boolean;
}

const NEGATION = /[没不无未别]$/;

function roundRecordValue(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Quantity (canonical unit) → the rule set's record unit (share fraction → percent for percent fields). */
export function toRecordValue(field: RuleSetField | undefined, quantity: Quantity, value = quantity.value): number {
  return roundRecordValue(field?.type === 'percent' && quantity.kind === 'share' ? value * 100 : value);
}

/** Choice hits without overlap, longest keyword first (农机大户 beats 大户). */
function matchChoices(question: EligibilityQuestion, text: string): string[] {
  const hits: Array<{ start: number; end: number; value: string }> = [];
  for (const choice of question.choices) {
    for (const keyword of new Set([...choice.keywords, choice.label])) {
      for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
        if (NEGATION.test(text.slice(Math.max(0, at - 1), at))) continue;
        hits.push({ start: at, end: at + keyword.length, value: choice.value });
      }
    }
  }
  hits.sort((a, b) => b.end - b.start - (a.end - a.start));
  const taken: typeof hits = [];
  for (const hit of hits) {
    if (!taken.some((other) => hit.start < other.end && other.start < hit.end)) taken.push(hit);
  }
  return [...new Set(taken.sort((a, b) => a.start - b.start).map((hit) => hit.value))];
}

/** The field a number goes to: the only question of its kind, or the one whose cue words stand near it. */
function fieldFor(script: EligibilityScript, quantity: FoundQuantity, text: string, asking?: EligibilityQuestion): string | undefined {
  const candidates = script.questions.filter((question) => question.kind !== 'choice' && KIND_OF[question.kind] === quantity.kind);
  if (candidates.length === 1 && quantity.kind !== 'share') return candidates[0].field;
  const cuesOf = (question: EligibilityQuestion) => question.cues;
  const cued = (words: string) => candidates.filter((question) => cuesOf(question).some((cue) => words.includes(cue))).map((question) => question.field);
  for (const words of [quantity.label ?? '', quantity.after ?? '']) {
    const fields = cued(words);
    if (fields.length) return fields[fields.length - 1];
  }
  if (asking && candidates.some((question) => question.field === asking.field)) return asking.field;
  const uncued = candidates.filter((question) => !cuesOf(question).length);
  if (uncued.length) return uncued[0].field;
  const inText = cued(text);
  return inText.length === 1 ? inText[0] : candidates.length === 1 ? candidates[0].field : undefined;
}

/** The share question whose cue words name a bare number (「秸秆覆盖率0」), if exactly one does. */
function namedBareNumber(script: EligibilityScript, quantity: FoundQuantity): EligibilityQuestion | undefined {
  const label = quantity.label ?? '';
  if (!label) return undefined;
  const named = script.questions.filter(
    (question) => question.kind === 'share' && question.cues.some((cue) => label.includes(cue)),
  );
  if (named.length === 1) return named[0];
  const [last] = named.filter((question) => question.cues.some((cue) => label.endsWith(cue) || label.endsWith(`${cue}率`)));
  return last;
}

function findCounty(script: EligibilityScript, text: string): string | undefined {
  const match = new RegExp(script.countyPattern).exec(text);
  if (!match) return undefined;
  const name = match[1].split(/[省市]/).pop()!.replace(/^[我是在住的家们于了]+/, '');
  return name.length >= 3 && !/^(本|我|全|该|各|那|这|哪)/.test(name) ? name : undefined;
}

/** Kinds always written with a unit. */
const MEASURED = new Set(['area', 'length', 'money', 'weight']);

const KIND_OF: Record<string, QuantityKind> = { share: 'share', area: 'area', length: 'length', count: 'count', money: 'money', ph: 'ph', weight: 'weight', number: 'number' };

/** Everything a message says about the situation, with ranges, approximations and contradictions held back. */
export function extractFacts(script: EligibilityScript, fields: RuleSetField[], text: string, asking?: EligibilityQuestion): Extraction {
  const extraction: Extraction = { facts: {}, tentative: [], assumed: [], problems: [], asksPerUnit: false };
  const fieldOf = (key: string) => fields.find((field) => field.key === key);
  const labelOf = (key: string) => fieldOf(key)?.label ?? key;

  for (const question of script.questions.filter((q) => q.kind === 'choice')) {
    const values = matchChoices(question, text);
    if (values.length === 1) extraction.facts[question.field] = values[0];
    else if (values.length > 1) {
      extraction.problems.push(`您同时提到了${values.map((v) => `「${v}」`).join('和')}，${labelOf(question.field)}只能按一种算，请确认。`);
      extraction.tentative.push({ field: question.field, reason: 'conflict', options: values, text });
    }
  }
  const operations = script.operationWords.filter((word) => {
    const at = text.indexOf(word);
    return at >= 0 && !NEGATION.test(text.slice(Math.max(0, at - 1), at));
  });
  if (operations.length && extraction.facts.sowing !== '常规') extraction.facts.operations = operations;

  const byField = new Map<string, FoundQuantity[]>();
  for (const quantity of findQuantities(text)) {
    if (quantity.perUnit) {
      extraction.asksPerUnit = true;
      continue;
    }
    const field = fieldFor(script, quantity, text, asking);
    const named = quantity.kind === 'number' && !field ? namedBareNumber(script, quantity) : undefined;
    if (named) {
      // 「覆盖率45」「覆盖率0」: a bare number right after a share's name is that share in percent.
      const parsed = parseQuantity(quantity.text, KIND_OF[named.kind]);
      if (parsed.ok) byField.set(named.field, [...(byField.get(named.field) ?? []), { ...quantity, ...parsed.quantity, note: undefined }]);
      continue;
    }
    if (!field && asking && asking.kind !== 'choice' && quantity.kind === 'number') {
      // A bare number answering the question: read it as the asked kind (「45」 → 45%, 「0.45」 → 45%),
      // unless a unit word we do not know follows it (「20垧」 is not 20 亩).
      const unknown = MEASURED.has(asking.kind) ? unknownUnitWord(text.slice(quantity.index + quantity.length)) : undefined;
      if (unknown) {
        extraction.problems.push(unknownUnitMessage(KIND_OF[asking.kind], unknown));
        continue;
      }
      const parsed = parseQuantity(quantity.text, KIND_OF[asking.kind]);
      if (parsed.ok) byField.set(asking.field, [...(byField.get(asking.field) ?? []), { ...quantity, ...parsed.quantity }]);
      continue;
    }
    if (field) byField.set(field, [...(byField.get(field) ?? []), quantity]);
  }
  // 「秸秆全覆盖」「秸秆都盖了」: a word that is a share only as a whole answer, right after the cue words of exactly
  // one share question not answered otherwise, is that share — used, and the answer says what it assumed
  for (const word of activeUnitsOfMeasure().shareWords.filter((one) => one.wholeAnswerOnly && one.value !== undefined)) {
    const at = text.indexOf(word.text);
    if (at < 0) continue;
    const near = text.slice(Math.max(0, at - 4), at + word.text.length);
    const shares = script.questions.filter((question) => question.kind === 'share' && !byField.has(question.field) && question.cues.some((cue) => near.includes(cue)));
    if (shares.length !== 1) continue;
    byField.set(shares[0].field, [{ kind: 'share', value: word.value!, approximate: true, text: word.text, unit: word.text, index: at, length: word.text.length }]);
  }
  if (asking && asking.kind !== 'choice' && byField.size === 0 && !Object.keys(extraction.facts).length) {
    const parsed = parseQuantity(text, KIND_OF[asking.kind]);
    if (parsed.ok) byField.set(asking.field, [{ ...parsed.quantity, index: 0, length: text.length }]);
    else extraction.problems.push(parsed.error);
  }

  for (const [key, found] of byField) {
    const field = fieldOf(key);
    const values = [...new Set(found.map((q) => toRecordValue(field, q)))];
    if (values.length > 1) {
      extraction.problems.push(`您提到了${found.map((q) => `「${q.text}」`).join('和')}，${labelOf(key)}只能按一个数算，请确认。`);
      extraction.tentative.push({ field: key, reason: 'conflict', options: values, text: found.map((q) => q.text).join('、') });
      continue;
    }
    const quantity = found[0];
    if (quantity.bound === 'below' || quantity.bound === 'above') {
      // 「不到一半」 excludes the number itself: confirming 50% would misstate it, so ask for a value.
      extraction.tentative.push({ field: key, reason: 'bound', options: [], text: quantity.text, limit: values[0] as number, direction: quantity.bound });
    } else if (quantity.range) {
      const options = [toRecordValue(field, quantity, quantity.range.min), toRecordValue(field, quantity, quantity.range.max)];
      extraction.tentative.push({ field: key, reason: 'range', options, text: quantity.text });
    } else if (quantity.approximate) {
      // 「大概三成」「六成以上」: computed with the stated value, and the answer says it assumed so.
      extraction.facts[key] = values[0];
      extraction.assumed.push({ field: key, value: values[0] as number, text: quantity.text });
    } else if (quantity.note && quantity.kind !== 'share') {
      // A converted unit (公顷 → 亩) is exact: used, and the answer states the conversion.
      extraction.facts[key] = values[0];
      extraction.assumed.push({ field: key, value: values[0] as number, text: quantity.text, note: quantity.note });
    } else {
      extraction.facts[key] = values[0];
    }
  }

  const county = findCounty(script, text);
  if (county) extraction.facts.county = county;
  return extraction;
}
