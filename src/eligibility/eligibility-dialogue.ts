import type { TurnContext } from '../core/skill.ts';
import type { Button, Reply } from '../core/types.ts';
import { evaluateCondition } from '../rules/conditions.ts';
import type { CheckResult, RuleRegistry, RuleSetInfo } from '../rules/index.ts';
import { ANSWER_MARK, composeEligible, composeIneligible, restartAction } from './compose-answer.ts';
import type { EligibilityQuestion, EligibilityScript } from './eligibility-script.ts';
import { extractFacts, type Tentative } from './extract-facts.ts';

export const SKILL = 'eligibility';

/** What the user has told us so far; lives in the session activity, never in a button. */
export interface EligibilityState {
  /** Id of the script (program) being checked. */
  script: string;
  facts: Record<string, unknown>;
  tentative: Tentative[];
  /** Code of the question last asked. */
  asking?: string;
  /** Optional questions answered 「不知道」. */
  skipped: string[];
  /**
   * 「不到三成」 where every value in the range gives the same result: the value kept in facts is the
   * range's inner edge, and answers show the user's words instead of it.
   */
  bounded?: Record<string, { value: number; text: string }>;
}

export const STALE_MESSAGE =
  '这个补贴测算已经结束或已取消，按钮已失效。如需重新测算，请点「重新测算」，或直接描述您的情况（如「流转了100亩地，免耕播种，秸秆盖了一半，能补多少？」）。';

export interface Dialogue {
  script: EligibilityScript;
  info: RuleSetInfo;
  start(ctx: TurnContext, opening: string): void;
  /** Returns false to let an unrelated message fall through. */
  handleText(ctx: TurnContext, state: EligibilityState, starting: boolean): boolean;
  onAction(ctx: TurnContext, state: EligibilityState, payload: string): void;
  describe(state: EligibilityState): string;
  score(text: string): number;
}

/** How far inside a range its edges are tried (record units). */
const EDGE = 0.001;

function bare(text: string): string {
  return text.replace(/[\p{P}\p{S}\s]/gu, '');
}

/** One program's eligibility conversation: extract facts, ask only what is missing, answer with clauses. */
export function createDialogue(script: EligibilityScript, rules: RuleRegistry): Dialogue {
  const found = rules.get(script.ruleSet);
  if (!found) throw new Error(`补贴测算「${script.id}」需要规则集「${script.ruleSet}」，但 knowledge/rules 中没有找到。`);
  const info: RuleSetInfo = found;
  const fieldLabel = (key: string) => info.fields.find((field) => field.key === key)?.label ?? key;
  const fieldUnit = (key: string) => {
    const field = info.fields.find((candidate) => candidate.key === key);
    return field?.type === 'percent' ? '%' : (field?.unit ?? '');
  };
  const show = (key: string, value: unknown) => `${String(value)}${fieldUnit(key)}`;
  const questionByField = (field: string) => script.questions.find((question) => question.field === field);
  const questionByCode = (code?: string) => script.questions.find((question) => question.code === code);

  const save = (ctx: TurnContext, state: EligibilityState) => ctx.setActivity({ skill: SKILL, state: { ...state, script: script.id } });

  function ask(ctx: TurnContext, state: EligibilityState, question: EligibilityQuestion, notes: string[], withHint = false): void {
    state.asking = question.code;
    save(ctx, state);
    const buttons: Button[] = question.choices.map((choice) => ({ label: choice.label, action: `${SKILL}:v:${question.code}:${choice.code}` }));
    const text = [...notes, question.prompt, ...(withHint && question.hint ? [question.hint] : [])].join('\n');
    ctx.reply(buttons.length ? { text, buttons } : text);
  }

  function confirm(ctx: TurnContext, state: EligibilityState, pending: Tentative, notes: string[]): void {
    state.asking = questionByField(pending.field)?.code;
    save(ctx, state);
    const label = fieldLabel(pending.field);
    const value = show(pending.field, pending.options[0]);
    if (pending.reason === 'approximate' || pending.reason === 'unit') {
      const question =
        pending.reason === 'unit'
          ? `您说的${label}是「${pending.text}」，${pending.note ?? ''}，即 ${value}，对吗？`
          : `您说${label}「${pending.text}」，按${value}计算可以吗？`;
      ctx.reply({ text: [...notes, question].join('\n'), buttons: [{ label: '是', action: `${SKILL}:y` }, { label: '否', action: `${SKILL}:n` }] });
      return;
    }
    if (pending.reason === 'bound') {
      const hint = questionByField(pending.field)?.hint;
      ctx.reply([...notes, `您说${label}「${pending.text}」，请告诉我大约是多少（直接回复一个数）。`, ...(hint ? [hint] : [])].join('\n'));
      return;
    }
    const buttons = pending.options.map((option, index) => ({ label: show(pending.field, option), action: `${SKILL}:p:${index}` }));
    const question =
      pending.reason === 'range'
        ? `您说的${label}「${pending.text}」是一个范围，请告诉我具体是多少（也可以点下面的数）。`
        : `${label}按哪个算？`;
    ctx.reply({ text: [...notes, question].join('\n'), buttons });
  }

  /**
   * The answer can be given now: no definition rule is still open except those the script lets the
   * answer state as its premise, and at least one was decided by what the user said.
   */
  function premisesIfAnswerable(result: CheckResult): string[] | undefined {
    const definitions = result.verdicts.filter((verdict) => script.definitionRules.includes(verdict.rule));
    const open = definitions.filter((verdict) => verdict.missing);
    if (open.length === definitions.length || open.some((verdict) => !script.assumptions[verdict.rule])) return undefined;
    return open.map((verdict) => script.assumptions[verdict.rule]);
  }

  /** What decides the answer: definition verdicts, tier and amounts. Equal signatures give the same answer. */
  function signature(record: Record<string, unknown>): string {
    const result = rules.check(script.ruleSet, record);
    const definitions = result.verdicts.filter((verdict) => script.definitionRules.includes(verdict.rule)).map((verdict) => [verdict.rule, verdict.level, !!verdict.missing]);
    const outputs = [script.outputs.tier, script.outputs.capPerMu, script.outputs.total].map((key) => (key ? JSON.stringify(result.computed[key] ?? null) : ''));
    return JSON.stringify([definitions, outputs]);
  }

  /**
   * 「不到三成」「不到1000亩」: when both inner edges of the range give the same answer, the answer does
   * not depend on the exact value — use the range (answers quote the user's words), don't ask.
   */
  function resolveBounds(state: EligibilityState): void {
    for (const pending of [...state.tentative]) {
      if (pending.reason !== 'bound' || typeof pending.limit !== 'number') continue;
      const field = info.fields.find((candidate) => candidate.key === pending.field);
      const low = pending.direction === 'below' ? (field?.min ?? 0) + EDGE : pending.limit + EDGE;
      const high = pending.direction === 'below' ? pending.limit - EDGE : (field?.max ?? pending.limit * 10) - EDGE;
      if (!(low < high)) continue;
      if (signature({ ...state.facts, [pending.field]: low }) !== signature({ ...state.facts, [pending.field]: high })) continue;
      const value = pending.direction === 'below' ? high : low;
      state.facts[pending.field] = value;
      state.bounded = { ...state.bounded, [pending.field]: { value, text: pending.text } };
      state.tentative = state.tentative.filter((item) => item !== pending);
    }
  }

  /** An answer with each range's edge value replaced by the user's words (「29.999%」 → 「不到三成」). */
  function quoteBounds(state: EligibilityState, text: string): string {
    let out = text;
    for (const [field, { value, text: said }] of Object.entries(state.bounded ?? {})) {
      if (state.facts[field] !== value) continue;
      const number = String(value).replace('.', '\\.');
      out = out.replace(new RegExp(`${number} ?(%|${fieldUnit(field) || '%'})?`, 'g'), `「${said}」`);
    }
    return out;
  }

  /** Validates what we have, then: not eligible → say why; else confirm, ask, or answer. `asked`: the message was a question. */
  function step(ctx: TurnContext, state: EligibilityState, notes: string[], retry: string[] = [], asked = false): void {
    resolveBounds(state);
    for (const [field, value] of Object.entries(state.facts)) {
      const problem = refusal(field, value);
      if (problem) {
        notes.push(problem);
        delete state.facts[field];
        retry.push(field);
      }
    }
    let result = rules.check(script.ruleSet, state.facts);
    const rejected = result.verdicts.filter(
      (verdict) =>
        !verdict.missing &&
        ((verdict.rule.startsWith('field:') && verdict.level === 'fail') || (script.inputRules[verdict.rule] && verdict.level !== 'pass')),
    );
    for (const verdict of rejected) {
      notes.push(verdict.message);
      delete state.facts[verdict.rule.startsWith('field:') ? verdict.rule.slice('field:'.length) : script.inputRules[verdict.rule]];
    }
    if (rejected.length) result = rules.check(script.ruleSet, state.facts);

    const settled = result.verdicts.some((verdict) => verdict.level === 'fail' && !verdict.missing && script.definitionRules.includes(verdict.rule));
    if (settled) {
      ctx.setActivity(null);
      const answer = composeIneligible(info, script, result);
      ctx.reply({ ...answer, text: quoteBounds(state, [...notes, answer.text].join('\n')) });
      return;
    }
    const pending = state.tentative[0];
    if (pending) return confirm(ctx, state, pending, notes);
    const scope = { record: state.facts, computed: {} };
    const open = script.questions.filter((question) => {
      if (state.facts[question.field] !== undefined || state.skipped.includes(question.field)) return false;
      if (!question.when) return true;
      const applies = evaluateCondition(scope, question.when);
      return applies.decided && applies.holds;
    });
    // A value just refused is asked again first, so 「请更正」 and the question match.
    const next = open.find((question) => retry.includes(question.field)) ?? open[0];
    const premises = next && asked && !retry.length ? premisesIfAnswerable(result) : undefined;
    if (next && premises) {
      // The question can be answered from what the message says: answer it, then ask for the rest.
      const answer = composeEligible(info, script, state.facts, result, { premises });
      ctx.reply({ ...answer, text: quoteBounds(state, [...notes, answer.text].join('\n')), buttons: undefined });
      return ask(ctx, state, next, [`如需完整测算${open.some((question) => question.field === 'area') ? '总额' : ''}，请再告诉我：`]);
    }
    if (next) return ask(ctx, state, next, notes, retry.includes(next.field) || rejected.some((verdict) => verdict.rule.includes(next.field)));
    ctx.setActivity(null);
    const answer = composeEligible(info, script, state.facts, result);
    ctx.reply({ ...answer, text: quoteBounds(state, [...notes, answer.text].join('\n')) });
  }

  /** Why a value heard cannot be used (out of the rule set's range, or no area at all), before it is noted. */
  function refusal(field: string, value: unknown): string | undefined {
    const verdicts = rules.check(script.ruleSet, { [field]: value }).verdicts.filter((v) => !v.missing);
    const verdict =
      verdicts.find((v) => v.rule === `field:${field}` && v.level === 'fail') ??
      verdicts.find((v) => script.inputRules[v.rule] === field && v.level !== 'pass');
    if (verdict) return verdict.message;
    // A script without its own input rule still never measures 0 亩.
    if (questionByField(field)?.kind === 'area' && typeof value === 'number' && value <= 0) {
      return `「${fieldLabel(field)}」应大于0${fieldUnit(field)}，收到：${show(field, value)}，请更正后重试。`;
    }
    return undefined;
  }

  function accept(state: EligibilityState, field: string, value: unknown, notes: string[]): void {
    const before = state.facts[field];
    if (before !== undefined && before !== value) notes.push(`已将${fieldLabel(field)}由 ${show(field, before)} 改为 ${show(field, value)}。`);
    state.facts[field] = value;
    state.tentative = state.tentative.filter((pending) => pending.field !== field);
  }

  /** One typed message, at the start or in the middle of the conversation. Returns false to let it fall through. */
  function handleText(ctx: TurnContext, state: EligibilityState, starting: boolean): boolean {
    const text = ctx.text;
    const word = bare(text);
    const notes: string[] = [];
    const pending = state.tentative[0];
    const asking = pending ? questionByField(pending.field) : questionByCode(state.asking);
    if (!starting && pending && (pending.reason === 'approximate' || pending.reason === 'unit')) {
      if (script.yesWords.includes(word)) {
        accept(state, pending.field, pending.options[0], notes);
        step(ctx, state, notes);
        return true;
      }
      if (script.noWords.includes(word)) {
        state.tentative.shift();
        if (asking) ask(ctx, state, asking, [`好的，请告诉我准确的${fieldLabel(pending.field)}。`], true);
        return true;
      }
    }
    if (!starting && asking && script.unknownWords.some((unknown) => word.includes(unknown))) {
      if (asking.optional) {
        state.skipped.push(asking.field);
        state.tentative = state.tentative.filter((item) => item.field !== asking.field);
        step(ctx, state, ['好的，这项先不填。']);
      } else {
        ask(ctx, state, asking, [`这一项需要一个大概的数才能测算。`], true);
      }
      return true;
    }
    const extraction = extractFacts(script, info.fields, text, asking);
    let usable = Object.keys(extraction.facts).length + extraction.tentative.length > 0;
    if (!usable && asking?.freeText && !starting && /^(其他|别的|其它|都不是)$/.test(word)) {
      ask(ctx, state, asking, [], true);
      return true;
    }
    if (!usable && asking?.freeText && !starting && word.length <= 15 && !script.questionWords.some((w) => text.includes(w))) {
      extraction.facts[asking.field] = text.trim();
      usable = true;
    }
    if (!usable && !starting) {
      if (script.questionWords.some((w) => text.includes(w))) return false;
      const current = asking ?? script.questions[0];
      const problem = extraction.problems[0] ?? (current.kind === 'choice' ? '没有看懂，请点下面的按钮选择，或直接写明。' : '没有看懂您的回答。');
      if (pending) confirm(ctx, state, pending, [problem]);
      else ask(ctx, state, current, [problem], true);
      return true;
    }
    const noted: string[] = [];
    const retry: string[] = [];
    for (const [field, value] of Object.entries(extraction.facts)) {
      const problem = refusal(field, value);
      if (problem) {
        const kept = state.facts[field] !== undefined ? `仍按原来的 ${show(field, state.facts[field])} 计算。` : '';
        notes.push(`${problem}${kept}`);
        if (!kept) retry.push(field);
        continue;
      }
      const changed = state.facts[field] !== undefined && state.facts[field] !== value;
      accept(state, field, value, notes);
      if (!starting && !changed && field !== asking?.field && questionByField(field)) noted.push(`${fieldLabel(field)} ${show(field, value)}`);
    }
    if (noted.length) notes.push(`已记下：${noted.join('，')}。`);
    for (const assumed of extraction.assumed) {
      if (state.facts[assumed.field] !== assumed.value) continue;
      notes.push(
        assumed.note
          ? `您说的${fieldLabel(assumed.field)}是「${assumed.text}」，${assumed.note}，即 ${show(assumed.field, assumed.value)}。`
          : `您说的${fieldLabel(assumed.field)}是个大概的数（「${assumed.text}」），以下按${show(assumed.field, assumed.value)}计算。`,
      );
    }
    for (const item of extraction.tentative) {
      state.tentative = [...state.tentative.filter((other) => other.field !== item.field), item];
      if (item.reason === 'conflict') delete state.facts[item.field];
    }
    notes.push(...extraction.problems.filter(() => extraction.tentative.length > 0));
    step(ctx, state, notes, retry, isQuestion(text));
    return true;
  }

  function isQuestion(text: string): boolean {
    return script.questionWords.some((word) => text.includes(word)) || script.triggers.some((trigger) => text.includes(trigger));
  }

  /** Says which plan the numbers come from, then reads the opening message (if any). */
  function start(ctx: TurnContext, opening: string): void {
    const state: EligibilityState = { script: script.id, facts: {}, tentative: [], skipped: [] };
    const number = info.source.docNumber ? `（${info.source.docNumber}）` : '';
    const intro = `好的，我按《${info.source.title}》${number}帮您测算${script.topic}（${info.region}，${info.year}年）。`;
    // An answer names its plan and year itself; the introduction is only for a check that starts with a question.
    const replies: Reply[] = [];
    const collecting: TurnContext = { ...ctx, text: opening, reply: (reply) => void replies.push(typeof reply === 'string' ? { text: reply } : reply) };
    if (opening) handleText(collecting, state, true);
    else step(collecting, state, []);
    if (!replies.some((reply) => reply.text.includes(ANSWER_MARK))) ctx.reply(intro);
    for (const reply of replies) ctx.reply(reply);
  }

  /** Definition rules a record decides (pass or fail, not missing). */
  function decidedDefinitions(record: Record<string, unknown>): Set<string> {
    const verdicts = rules.check(script.ruleSet, record).verdicts;
    return new Set(verdicts.filter((verdict) => !verdict.missing && script.definitionRules.includes(verdict.rule)).map((verdict) => verdict.rule));
  }

  /**
   * How surely the text is this program's eligibility question (0: not at all), read from what it
   * contains: words naming the program or its situation, and either a subsidy question (「能补多少」)
   * or a question carrying the user's own number that a definition rule judges (a share, a pH, a base's
   * area). A range or a limit (「pH 5.0-5.5的水田」「pH小于5.0」) names a class the documents describe,
   * not the user's value; a choice alone (「免耕播种有什么要求」) asks about the documents.
   */
  function score(text: string): number {
    const program = script.programWords.filter((word) => text.includes(word)).length;
    const situation = script.situationWords.filter((word) => text.includes(word)).length;
    if (program + situation === 0) return 0;
    const triggered = script.triggers.some((trigger) => text.includes(trigger));
    const extraction = extractFacts(script, info.fields, text);
    const heard = Object.keys(extraction.facts).filter((field) => questionByField(field));
    const asks = script.questionWords.some((word) => text.includes(word)) || extraction.asksPerUnit;
    if (!triggered && !(asks && numberDecides(extraction.facts))) return 0;
    return 10 * program + situation + heard.length;
  }

  /** Some definition rule is decided only because of a number the user gave. */
  function numberDecides(facts: Record<string, unknown>): boolean {
    const isNumber = (field: string) => (questionByField(field)?.kind ?? 'choice') !== 'choice';
    const others = Object.fromEntries(Object.entries(facts).filter(([field]) => !isNumber(field)));
    if (Object.keys(others).length === Object.keys(facts).length) return false;
    const withNumbers = decidedDefinitions(facts);
    const withoutNumbers = decidedDefinitions(others);
    return [...withNumbers].some((rule) => !withoutNumbers.has(rule));
  }

  function onAction(ctx: TurnContext, state: EligibilityState, payload: string): void {
    const [kind, first, second] = payload.split(':');
    const notes: string[] = [];
    if (kind === 'v') {
      const question = questionByCode(first);
      const choice = question?.choices.find((candidate) => candidate.code === second);
      if (!question || !choice) return void ctx.reply({ text: STALE_MESSAGE, buttons: [{ label: '重新测算', action: restartAction(script) }] });
      accept(state, question.field, choice.value, notes);
      return step(ctx, state, notes);
    }
    const pending = state.tentative[0];
    if (!pending) {
      notes.push('这个按钮对应的问题已经回答过了。');
      return step(ctx, state, notes);
    }
    if (kind === 'y') accept(state, pending.field, pending.options[0], notes);
    else if (kind === 'n') {
      state.tentative.shift();
      const question = questionByField(pending.field);
      if (question) return ask(ctx, state, question, [`好的，请告诉我准确的${fieldLabel(pending.field)}。`], true);
    } else if (kind === 'p' && pending.options[Number(first)] !== undefined) {
      accept(state, pending.field, pending.options[Number(first)], notes);
    } else {
      notes.push('这个按钮已失效。');
    }
    step(ctx, state, notes);
  }

  function describe(state: EligibilityState): string {
    const pending = state.tentative?.[0];
    const asking = pending ? questionByField(pending.field) : questionByCode(state.asking);
    return `${script.topic}测算${asking ? `（正在确认：${fieldLabel(asking.field)}）` : ''}`;
  }

  return { script, info, start, handleText, onAction, describe, score };
}
