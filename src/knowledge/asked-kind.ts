import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { bundledDictionaryFile } from './bundled-dictionary.ts';
import { comparable } from './normalize-text.ts';
import { alternation, escapeRegExp } from '../text/regexp.ts';

/**
 * The kind of value a question asks for, read from its category noun (文号是多少, 电话多少, 比例是多少, 哪个部门) or
 * phrase (什么时候, 多少万元, 一台补多少), and whether a quote holds a value of that shape (issue 9, stop 15): a 文号
 * looks like 〔2023〕12号, a date like 3月31日 or 秋收后, a phone like 0352-2036118, a share like 30%. Any figure is
 * no 文号: the category noun is answered by an instance of its kind, and a near miss quotes the programme without it.
 * The table of nouns, phrases and shapes is data: knowledge/dictionary/asked-kinds.json.
 */

const FILE = bundledDictionaryFile('asked-kinds.json');

const schema = z.object({
  kinds: z.record(z.string(), z.object({ figure: z.boolean(), pattern: z.string(), source: z.string() })),
  asked: z.array(z.object({ kind: z.string(), nouns: z.array(z.string()).optional(), phrases: z.array(z.string()).optional(), patterns: z.array(z.string()).optional() })),
});

const table = schema.parse(JSON.parse(readFileSync(FILE, 'utf8')));

/**
 * A question word after the noun, only filler between (电话是多少, 覆盖率最少要到多少; not 部门什么时候, whose
 * question word asks a date, nor 银行卡要到哪), or before it (哪个部门, 什么材料).
 */
const AFTER = '(?:是|为|在|有|要|都|的|应|需|按|能|可|会|得|该|约|共|一共|总共|最少|最低|最高|最多|至少|达到|要到|到|达|不低于|不少于|大概|一般|应该|应当)*(?:多少|几|多大|什么(?!时)|啥(?!时)|哪(?!天|里|儿)|谁)';
const BEFORE = '(?:什么|啥|哪)(?:个|家|些|种|类|一|几个)?';

interface AskedKind {
  kind: string;
  /** The question asks for this kind. */
  asks: RegExp;
  /** The nouns the question may name it by (their part of the clause is where the value should stand). */
  nouns: string[];
  /** A value of the kind. */
  shape: RegExp;
  /** Its value is a figure with a unit (a share, an amount, an area), not a name (a 文号, a body, a date). */
  figure: boolean;
}

const ASKED: AskedKind[] = table.asked.map(({ kind, nouns = [], phrases = [], patterns = [] }) => {
  const shape = table.kinds[kind];
  if (!shape) throw new Error(`asked-kinds.json: no kind named ${kind}`);
  const words = alternation(nouns);
  const ways = [...(words ? [`(?:${words})${AFTER}`, `${BEFORE}(?:${words})`] : []), ...phrases.map(escapeRegExp), ...patterns];
  return { kind, asks: new RegExp(ways.join('|')), nouns, shape: new RegExp(shape.pattern), figure: shape.figure };
});

/** The kinds of value the question asks for (none when it asks for no category). */
export function askedKinds(question: string): AskedKind[] {
  const text = comparable(question);
  return ASKED.filter(({ asks }) => asks.test(text));
}

export const KIND_SIGNAL_NAMES = ['askedKindAbsent', 'askedFigureAbsent', 'askedNameAbsent', 'askedKindNear'] as const;

export interface KindSignals {
  /** 1: the question asks for a kind of value and the answer shown holds no value of that kind. */
  askedKindAbsent: number;
  /** askedKindAbsent for a figure kind (比例, 多少万元, 多大面积, 一台补多少). */
  askedFigureAbsent: number;
  /** askedKindAbsent for a name kind (文号, 哪个部门, 什么时候, 什么材料, 组长是谁). */
  askedNameAbsent: number;
  /** 1: the question asks for a kind of value and the chosen clause holds one in the part that names the asked noun. */
  askedKindNear: number;
}

/** No asked kind, or none worth computing. */
export const NO_KIND_SIGNALS: Readonly<KindSignals> = { askedKindAbsent: 0, askedFigureAbsent: 0, askedNameAbsent: 0, askedKindNear: 0 };

/**
 * The asked-kind signals of the answer shown (`answerText`) and its chosen clause for the question. A question that
 * states the user's own figure (`userFigure`: 大豆茬一共2万亩，至少要报多少亩) may be answered by a calculation on a
 * quoted share, not by a quoted value of the asked kind: no signal.
 */
export function askedKindSignals(question: string, clause: string, section: string, answerText: string, userFigure = false): KindSignals {
  const kinds = userFigure ? [] : askedKinds(question);
  if (!kinds.length) return NO_KIND_SIGNALS;
  const shown = comparable(`${section} ${answerText || clause}`);
  const missing = kinds.filter(({ shape }) => !shape.test(shown));
  const parts = comparable(clause).split(/[，,；;。：:]/);
  const near = kinds.every(({ nouns, shape }) => parts.some((part, at) => (nouns.length === 0 || nouns.some((noun) => part.includes(noun))) && shape.test(`${part}，${parts[at + 1] ?? ''}`)));
  return { askedKindAbsent: missing.length ? 1 : 0, askedFigureAbsent: missing.some(({ figure }) => figure) ? 1 : 0, askedNameAbsent: missing.some(({ figure }) => !figure) ? 1 : 0, askedKindNear: near ? 1 : 0 };
}
