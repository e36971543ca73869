import { findQuantities } from '../quantity/find-quantities.ts';
import { findFieldByName, placeQuantities } from './extract-answers.ts';
import type { FieldAnswer } from './field-answer.ts';
import { fieldOf, parseFor, type FormTurn } from './form-flow.ts';
import { activeFields } from './form-progress.ts';
import type { FieldDefinition } from './form-schema.ts';
import { splitClauses } from './split-clauses.ts';

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
      JSON.stringify(parseFor(turn, field, clause.text)) === JSON.stringify(answer),
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

const PLAIN: MessageReading = { answers: [], errors: [], unused: [], plain: true };

function mentionsOption(field: FieldDefinition, text: string): boolean {
  return (field.options ?? []).some((option) => [option.label, ...option.synonyms].some((word) => word.length > 1 && text.includes(word)));
}

/**
 * Reads a message of several clauses (「东营子村，实施主体是老王农机合作社，免耕播种了350亩」): each clause
 * goes to the field it names or fits — a labelled value, amounts by their words, a period, an option word
 * of an unanswered choice — and every value is parsed like a typed answer. The current question takes the
 * clause that fits it; a name question takes the first clause nothing else claimed. Nothing is stored here.
 */
export function readMessage(turn: FormTurn, text: string): MessageReading {
  const { state } = turn;
  const current = fieldOf(turn, state.current);
  const parts = splitClauses(text);
  if (!current || parts.length < 2) return PLAIN;
  const open = (field: FieldDefinition) => state.values[field.key] === undefined || field.key === current.key;
  const fields = activeFields(turn.form, state.values);
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

  const clauses: Clause[] = parts.map((part) => {
    const clause: Clause = { text: part, taken: false, chosen: false, unplaced: [] };
    const labelled = LABELLED.exec(part);
    const named = labelled ? findFieldByName(fields.filter(free), labelled[1], state.values, current.key) : undefined;
    if (labelled && named) {
      give(named, parseFor(turn, named, labelled[2]));
      clause.taken = true;
      return clause;
    }
    // A narrative answer (存在问题) must not overwrite amounts already entered.
    const amountFields = fields.filter((field) => free(field) && (current.type !== 'text' || open(field)));
    const placed = placeQuantities(turn.form, amountFields, part, state.values, current.key, { byUnit: true });
    for (const found of [...placed.answers, ...placed.refused]) give(found.field, parseFor(turn, found.field, found.text));
    clause.unplaced = placed.unplaced;
    clause.taken = placed.answers.length + placed.refused.length > 0;
    if (!findQuantities(part).length) {
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
    for (const field of fields.filter((f) => f.type === 'choice' && open(f) && free(f) && mentionsOption(f, part))) {
      const answer = parseFor(turn, field, part);
      if (!answer.ok) continue;
      give(field, answer);
      clause.chosen = true;
    }
    for (const field of fields.filter((f) => f.type === 'yes-no' && open(f) && free(f))) {
      const name = [field.label, ...field.synonyms].filter((word) => word.length > 1 && part.includes(word)).sort((a, b) => b.length - a.length)[0];
      const answer = name ? parseFor(turn, field, part.replace(name, '').trim()) : undefined;
      if (!answer?.ok) continue;
      give(field, answer);
      clause.taken = true;
    }
    return clause;
  });

  if (!answers.some((a) => a.field.key !== current.key) && !errors.length && !clauses.some((c) => c.unplaced.length)) return PLAIN;

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
  const unused = clauses.filter((c) => !restates(turn, c, answers)).flatMap((c) => (c.taken || c.chosen ? c.unplaced : c.unplaced.length ? c.unplaced : [c.text]));
  return { answers, errors, unused, plain: false };
}
