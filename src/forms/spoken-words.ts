import { z } from 'zod';
import data from '../../knowledge/spoken-words.json' with { type: 'json' };
import { alternation } from '../text/regexp.ts';

const schema = z.object({
  fillers: z.array(z.string().min(1)),
  agreeing: z.array(z.string().min(1)),
  startOver: z.array(z.string().min(1)),
  keepForLater: z.array(z.string().min(1)),
  saidWrong: z.array(z.string().min(1)),
  saidRight: z.array(z.string().min(1)),
});

/** The words people type around their answers (knowledge/spoken-words.json). */
export type SpokenWords = z.infer<typeof schema>;

export const spokenWords: SpokenWords = schema.parse(data);

const PAUSE_MARKS = '[，,。；;！!\\s]';
const LEADING_FILLERS = new RegExp(`^(?:(?:${alternation(spokenWords.fillers)})[，,。.~～…\\s]*)+`, 'i');
const LEADING_AGREEING = new RegExp(`^(?:${alternation(spokenWords.agreeing)})(?:${PAUSE_MARKS}+|(?=提交|确认))`);
const START_OVER = new RegExp(`^(?:${alternation(spokenWords.startOver)})(?:吧|啊|了)*(?:${PAUSE_MARKS}+.{0,16})?$`);
const KEEP_FOR_LATER = new RegExp(`(?:${alternation(spokenWords.keepForLater)})`);
const SAID_WRONG = new RegExp(alternation(spokenWords.saidWrong));
const SAID_WRONG_AT_END = new RegExp(`(?:${alternation(spokenWords.saidWrong)})$`);

/** 「嗯 没有」→「没有」, 「对的 提交吧」→「提交吧」: sounds and a yes said before what follows; a bare 「对的」 stays. */
export function withoutFillers(text: string): string {
  const trimmed = text.trim();
  const noFiller = trimmed.replace(LEADING_FILLERS, '');
  const rest = noFiller || trimmed;
  const agreed = rest.replace(LEADING_AGREEING, '');
  return agreed && agreed !== rest ? agreed.trim() : rest;
}

/** 「重来」「重来 刚才的都不对」: the draft is filled again from its first question. */
export function saysStartOver(text: string): boolean {
  return START_OVER.test(text.trim());
}

/** The clauses of a message that keep the draft for later (「先存着」「过两天再报」), and the rest. */
export function keepForLaterClauses(text: string): { keep: string[]; rest: string[] } {
  const clauses = text.split(new RegExp(`${PAUSE_MARKS}+`)).filter(Boolean);
  return { keep: clauses.filter((clause) => KEEP_FOR_LATER.test(clause)), rest: clauses.filter((clause) => !KEEP_FOR_LATER.test(clause)) };
}

/** 「面积多写了」→「面积」: what is said to be wrong about a field is no part of its name. */
export function withoutSaidWrong(phrase: string): string {
  return phrase.replace(SAID_WRONG_AT_END, '').trim();
}

/** Whether the message says a value was wrong (「写错了」「多写了」「不对」). */
export function saysWrong(text: string): boolean {
  return SAID_WRONG.test(text);
}

/** 「实际是」「应该是」: the words that introduce the right value. */
export const SAID_RIGHT = new RegExp(alternation(spokenWords.saidRight));
