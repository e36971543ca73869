import { isGreetingOrHelp } from '../core/guide.ts';
import { findFieldByName, placeQuantities, type PlacedQuantities } from './extract-answers.ts';
import {
  acceptAnswer,
  askField,
  askNext,
  fieldOf,
  goBack,
  parseFor,
  persist,
  repeatCurrent,
  setValue,
  showEditMenu,
  showReview,
  skipCurrent,
  type FormTurn,
  type ReportTurn,
} from './form-flow.ts';
import { activeFields } from './form-progress.ts';
import { confirmExtracted, dropExtracted, extractWithModel, wantsModelExtraction } from './model-extraction.ts';
import { button } from './form-messages.ts';
import type { FieldDefinition } from './form-schema.ts';
import { submitDraft } from './form-submission.ts';
import { readMessage, type ReadAnswer } from './read-message.ts';

const RESUME = /^(继续|继续填|接着填|接着来|到哪了|填到哪了|现在填什么|下一个|继续填报)$/;
const BACK = /^(上一步|返回上一步|上一题|返回|退回)$/;
const SKIP = /^(跳过|略过|不填|没有要说的|无可奉告)$/;
const SUBMIT = /^(确认|确认提交|提交|没问题|无误|对的|可以提交|确定|是|是的|对|好|好的|行|可以|没错|就这样)$/;
const FORCE = /^(确认无误|确认无误仍然提交|仍然提交|仍要提交|坚持提交)$/;
const EDIT = /^(修改|我要修改|要改|改一下|更正|改)$/;
const YES = /^(是|是的|对|对的|好|好的|可以|确认|没错|就这样|行|就这样填)$/;
const NOT_THESE = /^(不对|不是|错了|重新填|重填|都不对)$/;
const CHANGE = /^(?:把)?(.+?)(?:改成|改为|改到|更正为|更改为|应该是|应为|换成|是)(.+)$/;
const CHANGE_ASK = /^(?:改一下|修改|更正|改|重填|重新填)(?:一下)?(.+?)$/;
export const RECORD_CORRECTION = /^(?:修改|更正|改)(?:一下)?记录\s*(R[\w-]+)/i;
const QUESTION = /[?？]$|多少钱|是多少|什么|怎么|如何|为什么|哪些|能不能|可不可以|是否|吗$|呢$|标准/;

/** The words that steer a form loop (a report or a check) instead of answering its question. */
export function loopCommand(text: string): 'resume' | 'back' | 'skip' | 'edit' | undefined {
  const bare = text.trim().replace(/[。.！!~～]+$/, '');
  if (RESUME.test(bare)) return 'resume';
  if (BACK.test(bare)) return 'back';
  if (SKIP.test(bare)) return 'skip';
  if (EDIT.test(bare)) return 'edit';
  return undefined;
}

/** 「改一下面积」「重填覆盖率」: the askable field the user wants to answer again, if one is named. */
export function fieldNamedForChange(turn: FormTurn, text: string): FieldDefinition | undefined {
  const ask = CHANGE_ASK.exec(text.trim());
  if (!ask) return undefined;
  return findFieldByName(activeFields(turn.form, turn.state.values).filter((field) => field.ask), ask[1], turn.state.values);
}

function looksLikeQuestion(text: string): boolean {
  return QUESTION.test(text);
}

/** 「面积」 when several labels contain it: the only one, or ask which (the buttons open that field). */
function pickAmong(turn: FormTurn, fields: FieldDefinition[], phrase: string): FieldDefinition | 'asked' | undefined {
  const name = phrase.replace(/^(把|将)/, '').replace(/(的数|数|一下)$/, '').trim();
  if (name.length < 2) return undefined;
  const matching = fields.filter((field) => field.label.includes(name));
  if (matching.length === 1) return matching[0];
  if (!matching.length) return undefined;
  turn.ctx.reply({ text: `「${name}」指哪一项？请点一下，再告诉我新的值。`, buttons: matching.map((field) => button(field.label, `f:${field.key}`)) });
  persist(turn);
  return 'asked';
}

/** 「面积改成2.5万亩」「把取土数改为50」: set the named field; 「改一下取土数」: ask it again. */
async function tryCorrection(turn: FormTurn, text: string): Promise<boolean> {
  const fields = activeFields(turn.form, turn.state.values);
  const change = CHANGE.exec(text);
  if (change && /改|更正|应该|应为|换成/.test(text)) {
    const field = findFieldByName(fields, change[1], turn.state.values, turn.state.current) ?? pickAmong(turn, fields, change[1]);
    if (field === 'asked') return true;
    if (!field) return false;
    const answer = parseFor(turn, field, change[2]);
    if (!answer.ok) {
      turn.ctx.reply(answer.error);
      persist(turn);
      return true;
    }
    const refusal = setValue(turn, field, answer.value);
    if (refusal) {
      turn.ctx.reply(refusal);
      return true;
    }
    const done = `✓ 已把「${field.label}」改为 ${answer.display}。`;
    if (turn.state.phase === 'review' || turn.state.phase === 'saved') return void await showReview(turn, done), true;
    await askNext(turn, done);
    return true;
  }
  const ask = CHANGE_ASK.exec(text);
  if (ask) {
    const field = findFieldByName(fields, ask[1], turn.state.values) ?? pickAmong(turn, fields, ask[1]);
    if (field === 'asked') return true;
    if (!field) return false;
    askField(turn, field);
    return true;
  }
  return false;
}

const NOTHING_PLACED: PlacedQuantities = { answers: [], refused: [], unplaced: [] };

async function answerCurrent(turn: FormTurn, text: string): Promise<boolean> {
  const field = fieldOf(turn, turn.state.current);
  if (!field) return false;
  if (field.type === 'text' && looksLikeQuestion(text)) return false;
  if (field.type !== 'text') {
    const others = activeFields(turn.form, turn.state.values);
    const placed = placeQuantities(turn.form, others, text, turn.state.values, field.key);
    if (wantsModelExtraction(turn, text, placed.answers.length)) {
      return (await extractWithModel(turn, text)) || (await answerOffline(turn, text, placed));
    }
    return await answerOffline(turn, text, placed);
  }
  return await answerOffline(turn, text, NOTHING_PLACED);
}

export function unusedNote(parts: string[]): string {
  return `这部分没有对应到表格里的项目：「${parts.join('」「')}」，请单独再说一次或换个说法。`;
}

function confirmation(field: FieldDefinition, answer: ReadAnswer['answer']): string {
  const note = answer.note ? `（${answer.note}）` : '';
  return `✓ ${field.label}：${answer.display}${note}${answer.approximate ? '（您说的是约数，如不准确请更正）' : ''}`;
}

/** Stores every answer a message gave, says what was refused and what no field took, then asks on. */
async function applyAnswers(turn: FormTurn, answers: ReadAnswer[], errors: string[], unused: string[]): Promise<void> {
  const notes: string[] = [];
  for (const { field, answer } of answers) notes.push(setValue(turn, field, answer.value) ?? confirmation(field, answer));
  notes.push(...errors);
  if (unused.length) notes.push(unusedNote(unused));
  await askNext(turn, notes.join('\n'));
}

async function answerOffline(turn: FormTurn, text: string, placed: PlacedQuantities): Promise<boolean> {
  const field = fieldOf(turn, turn.state.current);
  if (!field) return false;
  const reading = looksLikeQuestion(text) ? undefined : readMessage(turn, text);
  if (reading && !reading.plain) return await applyAnswers(turn, reading.answers, reading.errors, reading.unused), true;
  const several = placed.answers;
  if (several.length > 1 || (several.length === 1 && several[0].field.key !== field.key)) {
    const answers: ReadAnswer[] = several.map((found) => ({
      field: found.field,
      answer: { ok: true, value: found.value, display: found.display, approximate: found.approximate || undefined },
    }));
    const errors = placed.refused.map((found) => parseFor(turn, found.field, found.text)).flatMap((answer) => (answer.ok ? [] : [answer.error]));
    await applyAnswers(turn, answers, errors, placed.unplaced);
    return true;
  }
  const answer = parseFor(turn, field, text);
  if (answer.ok) {
    await acceptAnswer(turn, field, answer);
    return true;
  }
  if (looksLikeQuestion(text)) return false;
  turn.ctx.reply(answer.error);
  await repeatCurrent(turn);
  return true;
}

async function reviewText(turn: ReportTurn, typed: string): Promise<boolean> {
  const text = typed.replace(/[。.！!~～]+$/, '');
  if (FORCE.test(text) && turn.state.pending?.kind === 'warnings') return await submitDraft(turn, undefined, true), true;
  if (SUBMIT.test(text)) return await submitDraft(turn, undefined, false), true;
  if (EDIT.test(text)) return showEditMenu(turn), true;
  if (await tryCorrection(turn, text)) return true;
  if (looksLikeQuestion(text)) return false;
  await showReview(turn, '请点「确认提交」，或说要改的内容，例如「面积改成2.5万亩」。');
  return true;
}

/**
 * One typed message while a form is open. Returns false for a question typed mid-form so the core
 * answers it and reminds the user where they were.
 */
export async function handleFormText(turn: ReportTurn, text: string): Promise<boolean> {
  const { state } = turn;
  // 「帮助」「你好」 are not answers: the core shows its guide and reminds where the form is.
  if (RECORD_CORRECTION.test(text) || isGreetingOrHelp(text)) return false;
  if (RESUME.test(text)) return await repeatCurrent(turn, '接着填：'), true;
  if (state.phase === 'saved') return false;
  if (BACK.test(text)) return await goBack(turn), true;
  if (state.pending?.kind === 'approximate') {
    const pending = state.pending;
    const field = fieldOf(turn, pending.field);
    state.pending = undefined;
    if (field && YES.test(text)) {
      const refusal = setValue(turn, field, pending.value);
      if (refusal) return turn.ctx.reply(refusal), true;
      await askNext(turn, `✓ ${field.label}：${pending.display}`);
      return true;
    }
  }
  if (state.pending?.kind === 'extracted') {
    if (YES.test(text)) return await confirmExtracted(turn), true;
    if (NOT_THESE.test(text)) return await dropExtracted(turn), true;
    // Anything else (a correct number, a question) is handled as usual; what was read is not filled in.
    state.pending = undefined;
  }
  if (state.phase === 'review') return await reviewText(turn, text);
  if (SKIP.test(text)) return await skipCurrent(turn), true;
  if (EDIT.test(text)) return showEditMenu(turn), true;
  if (await tryCorrection(turn, text)) return true;
  return await answerCurrent(turn, text);
}
