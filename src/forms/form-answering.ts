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
  restoreStashed,
  setValue,
  unpark,
  showEditMenu,
  showReview,
  skipCurrent,
  type FormTurn,
  type ReportTurn,
} from './form-flow.ts';
import { activeFields } from './form-progress.ts';
import { confirmExtracted, dropExtracted, extractWithModel, wantsModelExtraction } from './model-extraction.ts';
import { button, summaryEntries, APPROXIMATE_NOTE, openEndedQuestion } from './form-messages.ts';
import { parseChineseNumber } from '../quantity/chinese-number.ts';
import type { FieldDefinition } from './form-schema.ts';
import { submitDraft } from './form-submission.ts';
import { readMessage, type ReadAnswer } from './read-message.ts';
import { fieldNames, withoutFieldNames } from './field-names.ts';
import { keepForLaterClauses, SAID_RIGHT, saysStartOver, saysWrong, spokenWords, withoutFillers, withoutSaidWrong } from './spoken-words.ts';

const RESUME = /^(?:继续|接着)(?:填|报|填报|上报|登记|登|来|弄|说)?(?:吧|啊)?$|^(?:接着上次的?|上次的?)(?:.{0,6})?(?:继续|接着)(?:填|报|填报|登记)?$|^(?:到哪了|填到哪了|现在填什么|下一个)$/;
/** 「今天先到这儿」「先这样吧，明天再填」「回头再报」: the draft stays as it is; nothing in it is an answer. */
const PAUSE =
  /^(?:好的?[，,\s]*)?(?:今天|那)?(?:就)?先(?:到这|到这儿|到这里|这样|填到这|填到这儿|报到这|弄到这|不填了|不报了|不弄了)(?:儿|里)?(?:吧|了|啊)*(?:[，,。\s]+.{0,14})?$|^(?:明天|改天|回头|晚点|等会儿?|一会儿?|下午|晚上|过两天)(?:再)(?:填|报|登记?|弄|说|继续)(?:吧|了)*$/;
/** 「取消吧，明天再登」「不报了，数还没对完」: a plain way to stop, then only a reason (no amount, no option, no change). */
const STOP_WITH_REASON = /^(?:取消|不填了|不报了|不弄了|算了|不登了|不登记了|不要了)(?:吧|了|啊)*[，,。\s]+(.{1,16})$/;
/** 「记不清了」「不知道」 to a question that may be left empty (a date nobody wrote down). */
const DONT_KNOW = /^(?:记不清了?|记不得了?|不记得了?|忘了|忘记了|不知道|不清楚|不太清楚|说不准|想不起来了?)(?:吧|啊)?$/;
const BACK = /^(上一步|返回上一步|上一题|返回|退回)$/;
const SKIP = /^(跳过|略过|不填|没有要说的|无可奉告)$/;
const SUBMIT = /^(确认|确认提交|提交|没问题|无误|对的|可以提交|确定|是|是的|对|好|好的|行|可以|没错|就这样)$/;
const FORCE = /^(确认无误|确认无误仍然提交|仍然提交|仍要提交|坚持提交)$/;
const EDIT = /^(修改|我要修改|要改|改一下|更正|改)$/;
/** 「刚才那个提交了没有」「报上去了吗」 asked while the draft is still open: it was not. */
const SUBMITTED_QUESTION = /(?:提交|报|交|传|发)(?:上去|成功|出去)?了(?:吗|没有?|么)|(?:提交|报|交)(?:上去|成功)?(?:没有?)[？?]*$|(?:提交|报)(?:上去)?了?没/;
const YES = /^(是|是的|对|对的|好|好的|可以|确认|没错|就这样|行|就这样填)$/;
const NOT_THESE = /^(不对|不是|错了|重新填|重填|都不对)$/;
const RIGHT_WORDS = [...spokenWords.saidRight].sort((a, b) => b.length - a.length).join('|');
/** 「面积改成2.5万亩」「面积多写了 实际是二百八十亩」: a field's name, the words that introduce the right value, the value. */
const CHANGE = new RegExp(`^(?:把)?(.+?)(?:改成|改为|改到|更正为|更改为|${RIGHT_WORDS}|换成|是)(.+)$`);
/** 「改成1.3万」「应该是150」: a new value, no field named. */
const BARE_CHANGE = /^(?:不对[，,\s]*)?(?:应该)?(?:改成|改为|改到|更正为|更改为|换成|应该是|应为)(.+)$/;
const CHANGE_ASK = /^(?:改一下|修改|更正|改|重填|重新填)(?:一下)?(.+?)$/;
/** 「改一下第二项」「第3项改成1.6万亩」: a line of the summary by its number. */
const ORDINAL = /第\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*(?:项|个|条|行|栏)/;
const ORDINAL_VALUE = /(?:改成|改为|改到|更正为|更改为|应该是|应为|换成)(.+)$/;
/** 「不对，面积是1300」「说错了，1300」: what was just answered, said again. */
const RETRACT = /^(?:不对|错了|说错了|搞错了|打错了|写错了|填错了|刚才说错了|刚才填错了|刚才错了|更正一下|纠正一下)[，,、。:：!！\s]*(.*)$/;
/** 「没有」「无」 to an optional free-text question (备注、存在问题) leaves it empty. */
const NOTHING = /^(没有|无|没|暂无|没了|没有了|没有问题|无问题|没问题|没啥|没什么|没什么要说的|没有要说明的|没有需要说明的|没有要说的|不用|不用了|不需要)$/;
export const RECORD_CORRECTION = /^(?:修改|更正|改)(?:一下)?记录\s*(R[\w-]+)/i;
const QUESTION = /[?？]$|多少钱|是多少|什么|怎么|如何|为什么|哪些|能不能|可不可以|是否|吗$|呢$|标准|[补给发]多少|多少$|几[个亩块元天号]?$|算不算|够不够|行不行|要不要|需不需要|能否|啥$/;

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

function leavesOptionalEmpty(turn: FormTurn, text: string): boolean {
  const field = fieldOf(turn, turn.state.current);
  return !!field && saysNothing(field, text);
}

/** 「没有」「没有备注」 for an optional free-text field: nothing to write there. */
function saysNothing(field: FieldDefinition, text: string): boolean {
  if (field.type !== 'text' || field.required !== false) return false;
  const bare = text.replace(/[。.！!~～]+$/, '');
  const withoutName = withoutFieldNames(field, bare);
  return NOTHING.test(bare) || NOTHING.test(withoutName.replace(/[的了]+$/, ''));
}

function dontKnowOptional(turn: FormTurn, text: string): boolean {
  const field = fieldOf(turn, turn.state.current);
  return !!field && field.required === false && DONT_KNOW.test(text.trim().replace(/[。.！!~～]+$/, ''));
}

/** A question typed (mid-form, or instead of answers): the core answers it. */
export function looksLikeQuestion(text: string): boolean {
  return QUESTION.test(text);
}

/** Whether a reason said after 「取消」 holds anything a form could take (an amount, an option word, a change). */
function holdsAnswer(turn: FormTurn, reason: string): boolean {
  if (/[0-9０-９一二三四五六七八九十两百千万]/.test(reason.replace(/一下|一点|一会儿?/g, '')) || /改成|改为|应该|换成|还是/.test(reason)) return true;
  return turn.form.fields.some((field) => (field.options ?? []).some((option) => [option.label, ...option.synonyms].some((word) => word.length > 1 && reason.includes(word))));
}

/** 「点错了」「撤销取消」「恢复」「接着填」 right after a cancel: the draft comes back as it was. */
const UNDO_CANCEL = /点错|按错|误点|不小心|不是要?取消|不取消|别取消|撤销|撤回|恢复|找回|接着填|继续填|接着报|继续报|接着登|继续登|^(?:继续|接着)(?:吧|啊)?$/;

/**
 * Cancels the draft. What was entered stays as the activity until the next message only, so that a cancel
 * pressed by mistake can be taken back; anything else then closes it.
 */
export function cancelDraft(turn: FormTurn): void {
  const filled = turn.state.answered.length;
  if (!filled || turn.purpose) {
    turn.ctx.setActivity(null);
    turn.ctx.reply(`已取消「${turn.form.title}」的填报，没有提交任何内容。需要时发送 /report 重新开始。`);
    const back = unpark(turn);
    if (back) return void repeatCurrent(back, `接着填先前放下的「${back.form.shortName}」：`);
    return;
  }
  turn.state.cancelled = true;
  turn.state.pending = undefined;
  persist(turn);
  const parked = turn.state.parked?.[0] ? turn.deps.forms.get(turn.state.parked[0].formId) : undefined;
  const then = parked ? `；先前放下的「${parked.shortName}」接着填，直接回答即可` : '；需要时发送 /report 重新开始';
  turn.ctx.reply(`已取消「${turn.form.title}」的填报，没有提交任何内容。如果是点错了，马上回「恢复」可以找回刚填的 ${filled} 项${then}。`);
}

/** The message right after a cancel: 「恢复」「点错了」 bring the draft back (true); anything else does not. */
export async function undoCancel(turn: FormTurn, text: string): Promise<boolean> {
  if (text.length > 20 || !UNDO_CANCEL.test(text.trim()) || /^(?:取消|算了|不填了|不报了)/.test(text.trim())) return false;
  turn.state.cancelled = undefined;
  await askNext(turn, '好的，已恢复刚才填的内容，接着填：');
  return true;
}

/** 「今天先到这儿」: what was filled stays saved; the reply says how to come back. */
function pause(turn: FormTurn): void {
  const field = fieldOf(turn, turn.state.current);
  const filled = Object.keys(turn.state.values).filter((key) => turn.form.fields.some((f) => f.key === key && f.ask)).length;
  const where = turn.state.phase === 'review' ? '核对提交' : field ? `「${field.label}」` : '下一项';
  turn.ctx.reply(`好的，先填到这里：已填的 ${filled} 项都保存着，离开或隔天再来都不会丢。回来发「继续」从${where}接着填；不填了请发「取消」。`);
  persist(turn);
}

/** The form's own name or start phrase typed while it is open (「作业登记」「报一下5月进度」): carry on, reading any answers in it. */
function restartsSameForm(turn: FormTurn, text: string): string | undefined {
  const words = [turn.form.shortName, turn.form.title, ...turn.form.triggers].sort((a, b) => b.length - a.length);
  const head = text.split(/[，,。；;！!\s]/, 1)[0];
  const bare = head.replace(/(?:\d{1,2}|[一二三四五六七八九十]{1,2})(?:\s*[-~～至到]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2}))?\s*月份?的?/g, '');
  const loose = bare.replace(/^(?:我要|我来|帮我|开始|接着|继续)?(?:填报|上报|报送|报一下|填一下|报|填)?/, '').replace(/一下/g, '');
  const named = words.find((word) => bare === word || loose === word || loose === word.replace(/^(?:填报|上报|报送|报|我要)/, ''));
  if (!named) return undefined;
  return [...(head.match(/(?:\d{1,2}|[一二三四五六七八九十]{1,2})(?:\s*[-~～至到]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2}))?\s*月份?/g) ?? []), text.slice(head.length).replace(/^[，,。；;！!\s]+/, '')]
    .filter(Boolean)
    .join('，');
}

/** 「面积」 when several labels contain it: the only one, or ask which (the buttons open that field); a value said with it waits. */
function pickAmong(turn: FormTurn, fields: FieldDefinition[], phrase: string, valueText?: string): FieldDefinition | 'asked' | undefined {
  const name = namePhrase(phrase);
  if (name.length < 2) return undefined;
  const matching = fields.filter((field) => field.label.includes(name));
  if (matching.length === 1) return matching[0];
  if (!matching.length) return undefined;
  const fitting = valueText ? matching.filter((field) => parseFor(turn, field, valueText).ok) : [];
  if (fitting.length === 1) return fitting[0];
  if (fitting.length > 1) return askWhichField(turn, fitting, valueText!, name), 'asked';
  turn.ctx.reply({ text: `「${name}」指哪一项？请点一下，再告诉我新的值。`, buttons: matching.map((field) => button(field.label, `f:${field.key}`)) });
  persist(turn);
  return 'asked';
}

/** 「面积填错了，应该是…」: what was said about the field is not its name. */
function namePhrase(phrase: string): string {
  const said = withoutSaidWrong(phrase.replace(/[，,。\s]+$/, '')).replace(/[，,。\s]+$/, '');
  return said.replace(/^(把|将)/, '').replace(/(的数|数|一下)$/, '').trim();
}

/** The value is kept while the user says which field it is for (by name, a piece of its name, or the button). */
function askWhichField(turn: FormTurn, fields: FieldDefinition[], valueText: string, name?: string): void {
  turn.state.pending = { kind: 'choose-field', fields: fields.map((field) => field.key), value: valueText };
  const names = fields.map((field) => `「${field.label}」`).join('、');
  const intro = name ? `「${name}」可以指 ${names}` : `「${valueText}」可以填在 ${names}`;
  turn.ctx.reply({ text: `${intro}。要改哪一项？点一下或说出项目名，就按 ${valueText} 改好。`, buttons: fields.map((field) => button(field.label, `f:${field.key}`)) });
  persist(turn);
}

/** 「累计完成」「本期的」「第一个」: which of the fields offered; undefined when the reply names none or several. */
function chosenField(turn: FormTurn, fields: FieldDefinition[], text: string): FieldDefinition | undefined {
  const bare = text.trim().replace(/[。.！!~～]+$/, '').replace(/^(?:是|改|填|就是)/, '').replace(/(?:的|那个|那项|那一项|那栏|吧|啊)+$/, '');
  const ordinal = /^(?:第\s*)?([1-9一二三四五六七八九])\s*(?:个|项|条)?$/.exec(bare);
  if (ordinal) return fields[(/^\d$/.test(ordinal[1]) ? Number(ordinal[1]) : parseChineseNumber(ordinal[1]) ?? 0) - 1];
  if (!bare) return undefined;
  const named = findFieldByName(fields, bare, {});
  if (named) return named;
  const holding = fields.filter((field) => fieldNames(field).some((word) => word.includes(bare)));
  return holding.length === 1 ? holding[0] : undefined;
}

/** The field chosen for a value that was waiting (a button press or a typed name); false when none is waiting. */
export async function answerChosenField(turn: FormTurn, key: string): Promise<boolean> {
  const pending = turn.state.pending?.kind === 'choose-field' ? turn.state.pending : undefined;
  const field = pending?.fields.includes(key) ? fieldOf(turn, key) : undefined;
  if (!pending || !field) return false;
  turn.state.pending = undefined;
  await applyChange(turn, field, pending.value);
  return true;
}

/** 「改成1.3万」「应该是150」 naming no field: the answered field the value fits, or ask among those it fits. */
async function tryBareChange(turn: FormTurn, text: string): Promise<boolean> {
  const bare = BARE_CHANGE.exec(text.trim());
  if (!bare) return false;
  // While a question is open, 「应该是1.2万亩吧」 answers it; only 「改成…」 changes an answer given before.
  const filling = turn.state.phase === 'filling';
  if (filling && !/改成|改为|改到|更正为|更改为|换成/.test(text)) return false;
  const valueText = bare[1].trim();
  const fields = activeFields(turn.form, turn.state.values).filter((field) => field.ask !== false && field.type !== 'text');
  const fits = (field: FieldDefinition) => parseFor(turn, field, valueText).ok;
  const answered = fields.filter((field) => turn.state.values[field.key] !== undefined && field.key !== turn.state.current && fits(field));
  const fitting = answered.length || filling ? answered : fields.filter(fits);
  if (!fitting.length) return false;
  if (fitting.length === 1) return await applyChange(turn, fitting[0], valueText, `（只有「${fitting[0].label}」能填这个数，按它改了；不对请直接说项目名。）`), true;
  askWhichField(turn, fitting, valueText);
  return true;
}

/** Sets a field from the words after 「改成」 (or the whole retraction) and shows where the form now is. */
async function applyChange(turn: FormTurn, field: FieldDefinition, valueText: string, note = ''): Promise<void> {
  const answer = parseFor(turn, field, valueText);
  if (!answer.ok) {
    turn.ctx.reply(answer.error);
    persist(turn);
    return;
  }
  const refusal = setValue(turn, field, answer.value);
  if (refusal) return void turn.ctx.reply(refusal);
  const done = `✓ 已把「${field.label}」改为 ${answer.display}。${note}`;
  if (turn.state.phase === 'review' || turn.state.phase === 'saved') return void (await showReview(turn, done));
  await askNext(turn, done);
}

/** 「改一下第二项」: the summary's line by number; a computed line says it follows from others. */
async function tryOrdinal(turn: FormTurn, text: string): Promise<boolean> {
  const ordinal = ORDINAL.exec(text);
  if (!ordinal || !/改|更正|不对|错|重填|换/.test(text)) return false;
  const n = /^\d+$/.test(ordinal[1]) ? Number(ordinal[1]) : parseChineseNumber(ordinal[1]);
  const entries = summaryEntries(turn.form, turn.state, turn.deps.units);
  const entry = n ? entries[n - 1] : undefined;
  if (!entry) {
    turn.ctx.reply(`核对表里只有 ${entries.length} 项，请说「改一下第2项」这样的序号，或直接说要改的项目，例如「面积改成2.5万亩」。`);
    persist(turn);
    return true;
  }
  const field = activeFields(turn.form, turn.state.values).find((candidate) => candidate.key === entry.key);
  if (!field || field.ask === false) {
    const note = `第${n}项「${entry.line.split('：')[0]}」是按其他项目自动得出的，不能直接改；请改它所依据的项目。`;
    if (turn.state.phase === 'filling') await repeatCurrent(turn, note);
    else await showReview(turn, note);
    return true;
  }
  const value = ORDINAL_VALUE.exec(text.slice(ordinal.index + ordinal[0].length));
  if (value) await applyChange(turn, field, value[1].trim());
  else askField(turn, field);
  return true;
}

/** 「不对，面积是1300」: the field named among those already answered (newest first), else the last answer that the value fits. */
async function tryRetraction(turn: FormTurn, text: string): Promise<boolean> {
  const retract = RETRACT.exec(text);
  // 「刚才那个是三百五十万」: words pointing back at the last answer are not a field's name.
  const rest = retract?.[1]
    .trim()
    .replace(/^(?:刚才|刚刚|前面|上面|上一个|上一项)(?:那个|那项|那一项|那个数|的那个|填的|说的)?(?:数|数字)?/, '')
    .replace(/^(?:应该是|应是|是|为)/, '');
  if (!rest) return false;
  const fields = activeFields(turn.form, turn.state.values);
  const recent = [...turn.state.answered]
    .reverse()
    .map((key) => fields.find((field) => field.key === key))
    .filter((field): field is FieldDefinition => !!field && field.ask !== false);
  const labelled = CHANGE.exec(rest);
  if (labelled) {
    const named = findFieldByName(recent, labelled[1], turn.state.values) ?? findFieldByName(fields, labelled[1], turn.state.values, turn.state.current);
    if (named) return await applyChange(turn, named, labelled[2]), true;
  }
  // A free-text answer takes any words: an amount goes first to an answer it fits, else to the open question
  // (「80公分」 refused, then 「打错了，8公分」), and only then to a text answer.
  const fits = (field: FieldDefinition) => parseFor(turn, field, rest).ok;
  const current = fieldOf(turn, turn.state.current);
  const openFits = current && current.type !== 'text' && turn.state.phase === 'filling' && fits(current) ? current : undefined;
  const last = recent.find((field) => field.type !== 'text' && fits(field)) ?? openFits ?? recent.find(fits);
  if (!last) return false;
  if (last === openFits) return await acceptAnswer(turn, last, parseFor(turn, last, rest) as Extract<ReturnType<typeof parseFor>, { ok: true }>), true;
  await applyChange(turn, last, rest);
  return true;
}

/** 「面积改成2.5万亩」「把取土数改为50」: set the named field; 「改一下取土数」: ask it again. */
async function tryCorrection(turn: FormTurn, text: string): Promise<boolean> {
  const fields = activeFields(turn.form, turn.state.values);
  const change = CHANGE.exec(text);
  // On the summary no question is open: 「实施后取的土样是十五个」 naming a field changes it, as 「…写错了 是…」 does anywhere.
  if (change && (/改|更正|应该|应为|换成/.test(text) || SAID_RIGHT.test(text) || saysWrong(change[1]) || turn.state.phase === 'review')) {
    // 「治理面积」 is one field's synonym and inside another's label (本期治理面积): both are meant, ask among those the value fits.
    const inLabels = fields.filter((field) => field.label.includes(namePhrase(change[1]))).length > 1;
    const field =
      (inLabels ? pickAmong(turn, fields, change[1], change[2].trim()) : undefined) ??
      findFieldByName(fields, change[1], turn.state.values, turn.state.current) ??
      pickAmong(turn, fields, change[1], change[2].trim());
    if (field === 'asked') return true;
    if (!field) return false;
    await applyChange(turn, field, change[2]);
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
  // 「免耕播种一亩补多少钱？」 asked at an area question: the core answers it (its 一亩 is a rate, not this answer).
  if (looksLikeQuestion(text)) return false;
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
  return `✓ ${field.label}：${answer.display}${note}${answer.approximate ? APPROXIMATE_NOTE : ''}`;
}

/** Stores every answer a message gave, says what was refused and what no field took, then asks on. */
async function applyAnswers(turn: FormTurn, answers: ReadAnswer[], errors: string[], unused: string[]): Promise<void> {
  // A choice that opens questions (少耕 → 动土占比) is stored first, or the answers it opens would be dropped as inactive.
  const opens = new Set(turn.form.fields.map((field) => field.when?.field).filter(Boolean));
  const notes = new Map<ReadAnswer, string>();
  for (const item of [...answers].sort((a, b) => Number(opens.has(b.field.key)) - Number(opens.has(a.field.key)))) {
    if (typeof item.answer.value === 'string' && saysNothing(item.field, item.answer.value)) {
      // 「…验收八千，没有备注」: the optional note is left empty, as 「跳过」 would.
      turn.state.skipped = [...turn.state.skipped.filter((key) => key !== item.field.key), item.field.key];
      notes.set(item, `✓ ${item.field.label}：留空`);
      continue;
    }
    if (item.answer.ok && item.answer.openEnded && typeof item.answer.value === 'number') {
      // 「累计完成一万二千多亩」: the other answers are kept, this one is asked as an exact figure.
      notes.set(item, openEndedQuestion(item.field, item.answer.display));
      continue;
    }
    notes.set(item, setValue(turn, item.field, item.answer.value) ?? confirmation(item.field, item.answer));
  }
  const lines = answers.map((item) => notes.get(item)!);
  lines.push(...errors);
  if (unused.length) lines.push(unusedNote(unused));
  await askNext(turn, lines.join('\n'));
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
      answer: { ok: true, value: found.value, display: found.display, approximate: found.approximate || undefined, openEnded: found.openEnded },
    }));
    const reparsed = placed.refused.map((found) => ({ field: found.field, answer: parseFor(turn, found.field, found.text) }));
    for (const { field: found, answer } of reparsed) if (answer.ok) answers.push({ field: found, answer });
    const errors = reparsed.flatMap(({ answer }) => (answer.ok ? [] : [answer.error]));
    await applyAnswers(turn, answers, errors, placed.unplaced);
    return true;
  }
  const answer = parseFor(turn, field, text);
  if (answer.ok) {
    await acceptAnswer(turn, field, answer);
    return true;
  }
  if (looksLikeQuestion(text)) return false;
  if (answer.guess) {
    // 「1.2万母」: asked whether the unit was mistyped; 「是」 or the button takes the amount.
    turn.state.pending = { kind: 'approximate', field: field.key, value: answer.guess.value, display: answer.guess.display };
    turn.ctx.reply({ text: answer.error, buttons: [button(`是，按 ${answer.guess.display} 填`, 'approx:y'), button('重新填', 'approx:n')] });
    persist(turn);
    return true;
  }
  turn.ctx.reply(answer.error);
  await repeatCurrent(turn);
  return true;
}

async function reviewText(turn: ReportTurn, typed: string): Promise<boolean> {
  // 「提交吧」「好了」「对的呀」: the same word without its closing particle.
  const text = typed.replace(/[。.！!~～]+$/, '').replace(/(?<=.)(吧|啊|呀|啦|哈|哦|嘛|了)+$/, '');
  const warned = turn.state.pending?.kind === 'warnings';
  if (FORCE.test(text) && warned) return await submitDraft(turn, undefined, true), true;
  // Right after the warnings were shown alone, 「确认」「没错」「确认提交」 answer them: the same message again would loop.
  if (SUBMIT.test(text)) return await submitDraft(turn, undefined, warned), true;
  if (EDIT.test(text)) return showEditMenu(turn), true;
  if (await tryCorrection(turn, text)) return true;
  if (looksLikeQuestion(text)) return false;
  await showReview(turn, '请点「确认提交」，或说要改的内容，例如「面积改成2.5万亩」。');
  return true;
}

/** 「资金的数财政那边还没给 先存着 过两天再报」: a clause that keeps the draft for later, the others only reasons. */
function keepsForLater(turn: FormTurn, text: string): boolean {
  const { keep, rest } = keepForLaterClauses(text);
  return keep.length > 0 && rest.every((clause) => !holdsAnswer(turn, clause) && !CHANGE.test(clause));
}

/** 「不对」「错了」「说错了」 and nothing else. */
function saysOnlyWrong(text: string): boolean {
  const bare = text.trim().replace(/[。.！!~～]+$/, '');
  return NOT_THESE.test(bare) || (RETRACT.exec(bare)?.[1] ?? 'x') === '';
}

/**
 * A message whose first clause answers the open question and whose later clause changes an earlier answer by
 * name (「6个 实施前取土说错了是50个」): the two parts, or undefined.
 */
function trailingCorrection(turn: FormTurn, text: string): { answer: string; correction: string } | undefined {
  const clauses = text.trim().split(/[，,。；;\s]+/).filter(Boolean);
  if (clauses.length < 2) return undefined;
  const changing = (clause: string) => /改成|改为|换成/.test(clause) || SAID_RIGHT.test(clause) || saysWrong(clause);
  if (changing(clauses[0])) return undefined;
  const at = clauses.findIndex((clause, index) => index > 0 && changing(clause));
  if (at < 1) return undefined;
  const correction = clauses.slice(at).join('，');
  const change = CHANGE.exec(correction);
  const fields = activeFields(turn.form, turn.state.values).filter((field) => field.ask !== false && field.key !== turn.state.current);
  const named = change ? findFieldByName(fields.filter((field) => turn.state.values[field.key] !== undefined), change[1], turn.state.values) : undefined;
  if (!named) return undefined;
  return { answer: clauses.slice(0, at).join('，'), correction };
}

/** 「重来」: every answer is cleared (the unit stays) and the form asks from its first question again. */
async function startOver(turn: FormTurn): Promise<void> {
  const { state, form } = turn;
  const unit = state.values[form.unitField];
  state.values = unit !== undefined ? { [form.unitField]: unit } : {};
  state.answered = state.answered.filter((key) => key === form.unitField);
  state.skipped = [];
  state.stashed = undefined;
  state.pending = undefined;
  state.toldFails = [];
  state.revision += 1;
  await askNext(turn, '好的，重新填：刚才填的都已清空。');
}

/**
 * One typed message while a form is open. Returns false for a question typed mid-form so the core
 * answers it and reminds the user where they were.
 */
export async function handleFormText(turn: ReportTurn, typed: string): Promise<boolean> {
  const { state } = turn;
  // 「1.2w」「3k亩」 as typed in chats: w = 万, k = 千 right after a number (kg, km, kW stay units).
  // 「嗯 没有」「对的 提交吧」: sounds and a yes said before what follows are no part of it (knowledge/spoken-words.json).
  const text = withoutFillers(typed.replace(/(\d)\s*[wW](?![a-zA-Z])/g, '$1万').replace(/(\d)\s*[kK](?![a-zA-Z²³\d])/g, '$1千'));
  // 「帮助」「你好」 are not answers: the core shows its guide and reminds where the form is.
  if (RECORD_CORRECTION.test(text) || isGreetingOrHelp(text)) return false;
  if (RESUME.test(text.replace(/[。.！!~～]+$/, ''))) return (await restoreStashed(turn)) || (await repeatCurrent(turn, '接着填：')), true;
  if (state.phase === 'saved') return false;
  if (PAUSE.test(text.trim())) return pause(turn), true;
  const stop = STOP_WITH_REASON.exec(text.trim());
  if (stop && !holdsAnswer(turn, stop[1])) return cancelDraft(turn), true;
  // 「取消吧，明天再登」 cancels (above); 「先存着 过两天再报」 keeps the draft.
  if (keepsForLater(turn, text)) return pause(turn), true;
  const again = restartsSameForm(turn, text.trim());
  if (again !== undefined) {
    if (!again) return await repeatCurrent(turn, `「${turn.form.shortName}」正在填，接着填：`), true;
    return await handleFormText(turn, again);
  }
  if (BACK.test(text)) return await goBack(turn), true;
  if (saysStartOver(text)) return await startOver(turn), true;
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
  if (state.pending?.kind === 'choose-field') {
    const pending = state.pending;
    const chosen = chosenField(turn, pending.fields.map((key) => fieldOf(turn, key)).filter((field): field is FieldDefinition => !!field), text);
    if (chosen) return await answerChosenField(turn, chosen.key);
    state.pending = undefined;
  }
  const trailing = state.phase === 'filling' ? trailingCorrection(turn, text) : undefined;
  if (trailing) {
    // 「验收八千 前面那个完成的应该是一万二千五」: the open question's answer, then the change to an earlier one.
    await handleFormText(turn, trailing.answer);
    return await handleFormText(turn, trailing.correction);
  }
  if ((await tryOrdinal(turn, text)) || (await tryBareChange(turn, text)) || (await tryRetraction(turn, text))) return true;
  if (saysOnlyWrong(text) && state.answered.length) {
    // A bare 「不对」: the last answer is asked again (on the summary: which line).
    if (state.phase === 'review') return showEditMenu(turn), true;
    return await goBack(turn), true;
  }
  if (SUBMITTED_QUESTION.test(text) && text.length <= 20) {
    if (state.phase === 'review') return await showReview(turn, '还没有提交。内容如下，核对无误请点「确认提交」。'), true;
    return await repeatCurrent(turn, '还没有提交：还有问题没回答，答完核对后才能提交。\n'), true;
  }
  if (state.phase === 'review') return await reviewText(turn, text);
  // 「确认提交」 typed while a question is still open is not its answer (a name question would take any text).
  if (/^(?:确认提交|提交|确认无误|仍然提交|确认无误仍然提交)[。.！!]*$/.test(text)) {
    return await repeatCurrent(turn, '还有问题没回答，答完会请您核对后再提交。\n'), true;
  }
  if (SKIP.test(text) || leavesOptionalEmpty(turn, text) || dontKnowOptional(turn, text)) return await skipCurrent(turn), true;
  if (EDIT.test(text)) return showEditMenu(turn), true;
  if (await tryCorrection(turn, text)) return true;
  return await answerCurrent(turn, text);
}
