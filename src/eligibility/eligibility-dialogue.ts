import { isGreetingOrHelp } from '../core/guide.ts';
import type { TurnContext } from '../core/skill.ts';
import type { Button, Reply } from '../core/types.ts';
import { checkFormDependencies } from '../forms/check-dependencies.ts';
import { fieldNamedForChange, loopCommand } from '../forms/form-answering.ts';
import { toRuleRecord } from '../forms/form-checks.ts';
import { askField, askQuestion, fieldOf, goBack, persist, setValue, showEditMenu, skipCurrent, type FormPurpose, type FormTurn } from '../forms/form-flow.ts';
import { activeFields } from '../forms/form-progress.ts';
import type { FieldDefinition } from '../forms/form-schema.ts';
import type { FieldValue, FormDraftState } from '../forms/types.ts';
import type { CheckResult, RuleRegistry, RuleSetInfo, TierTableInfo, Verdict } from '../rules/index.ts';
import { valueMeeting } from '../rules/conditions.ts';
import type { Citation } from '../core/types.ts';
import { ANSWER_MARK, composeEligible, composeIneligible, composeTierChoices, restartAction, type TierChoice } from './compose-answer.ts';
import type { EligibilityScript } from './eligibility-script.ts';
import { extractFacts, type Tentative } from './extract-facts.ts';
import { keptValues } from '../memo/kept-values.ts';

export const SKILL = 'eligibility';

/**
 * A check in progress: a form draft (values in the form's units, 上一步 walks back through `answered`)
 * plus what was heard but is not settled yet. Lives in the session activity, never in a button.
 */
export interface EligibilityState extends FormDraftState {
  tentative: Tentative[];
  /**
   * 「不到三成」 where every value in the range gives the same result: the value kept (record units) is
   * the range's inner edge, and answers show the user's words instead of it.
   */
  bounded?: Record<string, { value: number; text: string }>;
}

export function isEligibilityState(value: unknown): value is EligibilityState {
  return !!value && typeof value === 'object' && typeof (value as EligibilityState).formId === 'string' && Array.isArray((value as EligibilityState).tentative);
}

export const STALE_MESSAGE =
  '这个补贴测算已经结束或已取消，按钮已失效。如需重新测算，请点「重新测算」，或直接描述您的情况（如「流转了100亩地，免耕播种，秸秆盖了一半，能补多少？」）。';

export interface Dialogue {
  script: EligibilityScript;
  info: RuleSetInfo;
  start(ctx: TurnContext, opening: string): Promise<void>;
  /** Returns false to let an unrelated message fall through. */
  handleText(ctx: TurnContext, state: EligibilityState): Promise<boolean>;
  onAction(ctx: TurnContext, state: EligibilityState, payload: string): Promise<void>;
  /** The one-message answer while another activity is open; false when there is none. */
  answerInPassing(ctx: TurnContext): Promise<boolean>;
  describe(state: EligibilityState): string;
  score(text: string): number;
}

/** Field values whose refusal (or none) is kept per check. */
const REFUSALS_KEPT = 5_000;

/** How far inside a range its edges are tried (record units). */
const EDGE = 0.001;

function bare(text: string): string {
  return text.replace(/[\p{P}\p{S}\s]/gu, '');
}

/**
 * One program's eligibility check, run by the form loop over the script's question form: extract facts,
 * ask only what is missing, answer with clauses. 上一步, 跳过, 修改, 继续 and 取消 are the form loop's.
 */
export function createDialogue(script: EligibilityScript, rules: RuleRegistry): Dialogue {
  const found = rules.get(script.ruleSet);
  if (!found) throw new Error(`补贴测算「${script.id}」需要规则集「${script.ruleSet}」，但 knowledge/rules 中没有找到。`);
  const info: RuleSetInfo = found;
  const { form } = script;
  const link = form.rules[0];
  const deps = checkFormDependencies([form], rules);
  const fieldLabel = (key: string) => info.fields.find((field) => field.key === key)?.label ?? key;
  const fieldUnit = (key: string) => {
    const field = info.fields.find((candidate) => candidate.key === key);
    return field?.type === 'percent' ? '%' : (field?.unit ?? '');
  };
  const show = (key: string, value: unknown) => `${String(value)}${fieldUnit(key)}`;
  const isQuestion = (key: string) => script.questions.some((question) => question.field === key);
  const formField = (key: string | undefined) => form.fields.find((field) => field.key === key);

  /** The draft as the rule set reads it (shares as percentages). */
  const record = (state: EligibilityState): Record<string, unknown> => toRuleRecord(link, form, state.values, rules);
  const check = (facts: Record<string, unknown>): CheckResult => rules.check(script.ruleSet, facts);

  /** A value in the rule set's units, stored in the form's (a percentage as a share). */
  function toFormValue(field: FieldDefinition | undefined, value: unknown): FieldValue {
    const percent = field?.type === 'share' && info.fields.find((candidate) => candidate.key === field.key)?.type === 'percent';
    return percent && typeof value === 'number' ? Number((value / 100).toFixed(9)) : (value as FieldValue);
  }

  /** Notes a fact: a question's answer joins the loop's order (上一步), any other fact is kept as heard. */
  function put(turn: FormTurn, key: string, value: unknown): void {
    const field = formField(key);
    if (field?.ask) setValue(turn, field, toFormValue(field, value));
    else turn.state.values = { ...turn.state.values, [key]: toFormValue(field, value) };
  }

  function remove(turn: FormTurn, key: string): void {
    const values = { ...turn.state.values };
    delete values[key];
    turn.state.values = values;
    turn.state.answered = turn.state.answered.filter((answered) => answered !== key);
  }

  const stateOf = (turn: FormTurn) => turn.state as EligibilityState;

  const purpose: FormPurpose = {
    skill: SKILL,
    backLabel: '继续测算',
    next: async (turn, _next, prefix) => step(turn, prefix ? [prefix] : []),
  };
  const turnOf = (ctx: TurnContext, state: EligibilityState): FormTurn => ({ ctx, deps, form, state, purpose });

  function end(turn: FormTurn, answer: Reply, notes: string[]): void {
    turn.ctx.setActivity(null);
    turn.ctx.reply({ ...answer, text: quoteBounds(stateOf(turn), afterResult(answer.text, notes)) });
  }

  /**
   * The result block first (verdict, tier, amount), then what was assumed or converted to reach it
   * (「您说的…是个大概的数，以下按…计算」), then the plan's reminders, materials and dates.
   */
  function afterResult(answer: string, notes: string[]): string {
    if (!notes.length || !answer.startsWith(ANSWER_MARK)) return [...notes, answer].join('\n');
    const blank = answer.indexOf('\n\n');
    return blank < 0 ? [answer, ...notes].join('\n') : [answer.slice(0, blank), ...notes, answer.slice(blank + 1)].join('\n');
  }

  function ask(turn: FormTurn, key: string, notes: string[], withHint = false): void {
    const field = formField(key);
    if (!field) return;
    askQuestion(turn, field, notes.join('\n'), withHint ? (field.hint ?? '') : '');
  }

  function confirm(turn: FormTurn, pending: Tentative, notes: string[]): void {
    turn.state.current = pending.field;
    persist(turn);
    const label = fieldLabel(pending.field);
    const value = show(pending.field, pending.options[0]);
    const reply = (text: string, buttons?: Button[]) => turn.ctx.reply(buttons ? { text: [...notes, text].join('\n'), buttons } : [...notes, text].join('\n'));
    if (pending.reason === 'approximate' || pending.reason === 'unit') {
      const question =
        pending.reason === 'unit'
          ? `您说的${label}是「${pending.text}」，${pending.note ?? ''}，即 ${value}，对吗？`
          : `您说${label}「${pending.text}」，按${value}计算可以吗？`;
      return reply(question, [{ label: '是', action: `${SKILL}:y` }, { label: '否', action: `${SKILL}:n` }]);
    }
    if (pending.reason === 'bound') {
      const hint = formField(pending.field)?.hint;
      return reply([`您说${label}「${pending.text}」，请告诉我大约是多少（直接回复一个数）。`, ...(hint ? [hint] : [])].join('\n'));
    }
    const buttons = pending.options.map((option, index) => ({ label: show(pending.field, option), action: `${SKILL}:p:${index}` }));
    reply(pending.reason === 'range' ? `您说的${label}「${pending.text}」是一个范围，请告诉我具体是多少（也可以点下面的数）。` : `${label}按哪个算？`, buttons);
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
  function signature(facts: Record<string, unknown>): string {
    const result = check(facts);
    const definitions = result.verdicts.filter((verdict) => script.definitionRules.includes(verdict.rule)).map((verdict) => [verdict.rule, verdict.level, !!verdict.missing]);
    const outputs = [script.outputs.tier, script.outputs.capPerMu, script.outputs.total].map((key) => (key ? JSON.stringify(result.computed[key] ?? null) : ''));
    return JSON.stringify([definitions, outputs]);
  }

  /**
   * 「不到三成」「不到1000亩」: when both inner edges of the range give the same answer, the answer does
   * not depend on the exact value — use the range (answers quote the user's words), don't ask.
   */
  function resolveBounds(turn: FormTurn): void {
    const state = stateOf(turn);
    for (const pending of [...state.tentative]) {
      if (pending.reason !== 'bound' || typeof pending.limit !== 'number') continue;
      const field = info.fields.find((candidate) => candidate.key === pending.field);
      const low = pending.direction === 'below' ? (field?.min ?? 0) + EDGE : pending.limit + EDGE;
      const high = pending.direction === 'below' ? pending.limit - EDGE : (field?.max ?? pending.limit * 10) - EDGE;
      if (!(low < high)) continue;
      const facts = record(state);
      if (signature({ ...facts, [pending.field]: low }) !== signature({ ...facts, [pending.field]: high })) continue;
      const value = pending.direction === 'below' ? high : low;
      put(turn, pending.field, value);
      state.bounded = { ...state.bounded, [pending.field]: { value, text: pending.text } };
      state.tentative = state.tentative.filter((item) => item !== pending);
    }
  }

  /** An answer with each range's edge value replaced by the user's words (「29.999%」 → 「不到三成」). */
  function quoteBounds(state: EligibilityState, text: string): string {
    let out = text;
    const facts = record(state);
    for (const [field, { value, text: said }] of Object.entries(state.bounded ?? {})) {
      if (facts[field] !== value) continue;
      const number = String(value).replace('.', '\\.');
      out = out.replace(new RegExp(`${number} ?(%|${fieldUnit(field) || '%'})?`, 'g'), `「${said}」`);
    }
    return out;
  }

  /** The questions still open, in the form's order (`when` decides which apply). */
  function openQuestions(state: EligibilityState): string[] {
    return activeFields(form, state.values)
      .filter((field) => field.ask && state.values[field.key] === undefined && !state.skipped.includes(field.key))
      .map((field) => field.key);
  }

  /** 「播种前秸秆覆盖率30%（含）至60%」: a tier's range in the words and unit of the field it reads. */
  function rangeOf(table: TierTableInfo, tier: TierTableInfo['tiers'][number]): string {
    const field = info.fields.find((candidate) => candidate.key === table.field);
    const unit = fieldUnit(table.field);
    const { min, max } = tier;
    const low = min && !(field?.min !== undefined && min.value <= field.min && !min.inclusive) ? min : undefined;
    const high = max && !(field?.max !== undefined && max.value >= field.max) ? max : undefined;
    const name = fieldLabel(table.field);
    if (low && high) return `${name}${low.value}${unit}${low.inclusive ? '（含）' : ''}至${high.value}${unit}${high.inclusive ? '（含）' : ''}`;
    if (low) return `${name}${low.value}${unit}${low.inclusive ? '及以上' : '以上（不含）'}`;
    if (high) return `${name}${high.inclusive ? '不超过' : '低于'}${high.value}${unit}`;
    return name;
  }

  /** A value inside a tier, to try what the rule set says there. */
  function insideOf(table: TierTableInfo, tier: TierTableInfo['tiers'][number]): number | undefined {
    const field = info.fields.find((candidate) => candidate.key === table.field);
    const low = tier.min?.value ?? field?.min;
    const high = tier.max?.value ?? field?.max;
    if (low === undefined && high === undefined) return undefined;
    if (low === undefined) return high! - 1;
    if (high === undefined) return low + 1;
    return (low + high) / 2;
  }

  /**
   * The amount per 亩 depends on one fact the message did not give — a tier table's field, or the one input of a
   * lookup table still missing: each tier or row with its range and rate (tried through the rule set with a value
   * inside it), the clauses stating them, and the premises the answer rests on. None when the rate is known, or some
   * tier or row cannot be answered either.
   */
  function tierChoices(facts: Record<string, unknown>, before: CheckResult): Reply | undefined {
    const capKey = script.outputs.capPerMu;
    if (!capKey || before.computed[capKey] !== undefined) return undefined;
    const known = new Set(before.verdicts.filter((verdict) => !verdict.missing).map((verdict) => verdict.rule));
    const tables = [
      ...(info.tierTables ?? []).map((table) => ({
        field: table.field,
        output: table.output,
        trials: table.tiers.map((tier) => ({ id: tier.id, value: insideOf(table, tier), range: rangeOf(table, tier), tier: tier.label })),
      })),
      ...(info.lookupTables ?? []).flatMap((table) => {
        const open = table.inputs.filter((input) => facts[input] === undefined);
        if (open.length !== 1) return [];
        const [field] = open;
        return [{ field, output: table.output, trials: table.rows.map((row) => ({ id: row.id, value: valueMeeting(row.when, field), range: rowRange(field, valueMeeting(row.when, field)), tier: row.label })) }];
      }),
    ];
    for (const table of tables) {
      if (facts[table.field] !== undefined) continue;
      const choices: TierChoice[] = [];
      const unlocked: Verdict[] = [];
      let premises: string[] = [];
      for (const trial of table.trials) {
        if (trial.value === undefined) break;
        const result = check({ ...facts, [table.field]: trial.value });
        const cap = result.computed[capKey];
        // The value tried must land in that tier or row (a lookup row is the first whose condition holds).
        const landed = (result.computed[table.output] as { id?: string } | undefined)?.id === trial.id;
        const fails = result.verdicts.some((verdict) => verdict.level === 'fail' && !verdict.missing && script.definitionRules.includes(verdict.rule));
        const answerable = premisesIfAnswerable(result);
        if (typeof cap !== 'number' || !landed || fails || !answerable) break;
        premises = answerable;
        choices.push({ range: trial.range, tier: trial.tier, cap });
        unlocked.push(...result.verdicts.filter((verdict) => !verdict.missing && !known.has(verdict.rule) && verdict.citation));
      }
      if (choices.length !== table.trials.length || choices.length < 2) continue;
      // the clause that states the rates: one holding the tiers' amounts
      const amounts = choices.map((choice) => String(choice.cap));
      const cited = unlocked
        .filter((verdict) => !script.definitionRules.includes(verdict.rule))
        .map((verdict) => verdict.citation as Citation)
        .filter((citation, i, all) => all.findIndex((other) => other.quote === citation.quote) === i);
      const quotes = cited.filter((citation) => amounts.every((amount) => new RegExp(`(?<![\\d.])${amount.replace('.', '\\.')}(?![\\d.])`).test(citation.quote)));
      return composeTierChoices(info, script, choices, quotes, premises, cited);
    }
    return undefined;
  }

  /** 「基地级别为县级」「土壤pH 5.3」: the fact a lookup row is tried with, in the field's words and unit. */
  function rowRange(field: string, value: unknown): string {
    return typeof value === 'number' ? `${fieldLabel(field)}${value}${fieldUnit(field)}` : `${fieldLabel(field)}为${String(value)}`;
  }

  /** Validates what we have, then: not eligible → say why; else confirm, ask, or answer. `asked`: the message was a question. */
  function step(turn: FormTurn, notes: string[], retry: string[] = [], asked = false): void {
    const state = stateOf(turn);
    resolveBounds(turn);
    for (const [field, value] of Object.entries(record(state))) {
      if (!(field in state.values)) continue;
      const problem = refusal(field, value);
      if (problem) {
        notes.push(problem);
        remove(turn, field);
        retry.push(field);
      }
    }
    let result = check(record(state));
    const rejected = result.verdicts.filter(
      (verdict) =>
        !verdict.missing &&
        ((verdict.rule.startsWith('field:') && verdict.level === 'fail') || (script.inputRules[verdict.rule] && verdict.level !== 'pass')),
    );
    for (const verdict of rejected) {
      notes.push(verdict.message);
      remove(turn, verdict.rule.startsWith('field:') ? verdict.rule.slice('field:'.length) : script.inputRules[verdict.rule]);
    }
    if (rejected.length) result = check(record(state));

    const settled = result.verdicts.some((verdict) => verdict.level === 'fail' && !verdict.missing && script.definitionRules.includes(verdict.rule));
    if (settled) return end(turn, composeIneligible(info, script, result), notes);
    const pending = state.tentative[0];
    if (pending) return confirm(turn, pending, notes);
    const open = openQuestions(state);
    // A value just refused is asked again first, so 「请更正」 and the question match.
    const next = open.find((field) => retry.includes(field)) ?? open[0];
    const premises = next && asked && !retry.length ? premisesIfAnswerable(result) : undefined;
    const choices = next && asked && !retry.length && !premises ? tierChoices(record(state), result) : undefined;
    if (next && choices) {
      // The rate depends on one fact not given: the tiers and their rates, then the question that decides.
      turn.ctx.reply({ ...choices, text: afterResult(choices.text, notes) });
      return ask(turn, next, [`如需算出您属于哪一档${open.includes('area') ? '、一共能补多少' : ''}，请再告诉我：`]);
    }
    if (next && premises) {
      // The question can be answered from what the message says: answer it, then ask for the rest.
      const answer = composeEligible(info, script, record(state), result, { premises });
      turn.ctx.reply({ ...answer, text: quoteBounds(state, afterResult(answer.text, notes)), buttons: undefined });
      return ask(turn, next, [`如需完整测算${open.includes('area') ? '总额' : ''}，请再告诉我：`]);
    }
    if (next) return ask(turn, next, notes, retry.includes(next) || rejected.some((verdict) => verdict.rule.includes(next)));
    end(turn, composeEligible(info, script, record(state), result), notes);
  }

  /** Why a value heard cannot be used (out of the rule set's range, or no area at all), before it is noted. */
  function refusal(field: string, value: unknown): string | undefined {
    // every step re-checks every value heard, each with the whole rule set: one check per field and value
    return refusals.get(`${field}\u0001${JSON.stringify(value)}`, () => refusalOf(field, value));
  }
  const refusals = keptValues<string, string | undefined>(REFUSALS_KEPT);

  function refusalOf(field: string, value: unknown): string | undefined {
    const verdicts = check({ [field]: value }).verdicts.filter((v) => !v.missing);
    const verdict =
      verdicts.find((v) => v.rule === `field:${field}` && v.level === 'fail') ??
      verdicts.find((v) => script.inputRules[v.rule] === field && v.level !== 'pass');
    if (verdict) return verdict.message;
    // A script without its own input rule still never measures 0 亩.
    if (script.questions.find((question) => question.field === field)?.kind === 'area' && typeof value === 'number' && value <= 0) {
      return `「${fieldLabel(field)}」应大于0${fieldUnit(field)}，收到：${show(field, value)}，请更正后重试。`;
    }
    return undefined;
  }

  function accept(turn: FormTurn, field: string, value: unknown, notes: string[]): void {
    const state = stateOf(turn);
    const before = record(state)[field];
    if (before !== undefined && before !== value && isQuestion(field)) notes.push(`已将${fieldLabel(field)}由 ${show(field, before)} 改为 ${show(field, value)}。`);
    put(turn, field, value);
    state.tentative = state.tentative.filter((pending) => pending.field !== field);
  }

  /** One typed message, at the start (`starting`) or in the middle of the check. Returns false to let it fall through. */
  async function read(turn: FormTurn, starting: boolean): Promise<boolean> {
    const state = stateOf(turn);
    const text = turn.ctx.text;
    const word = bare(text);
    const notes: string[] = [];
    const pending = state.tentative[0];
    const askingField = pending ? pending.field : state.current;
    const asking = script.questions.find((question) => question.field === askingField);
    if (!starting) {
      // 「帮助」「你好」 are not answers: the core shows its guide and reminds where the check is.
      if (isGreetingOrHelp(text)) return false;
      const command = loopCommand(text);
      if (command === 'back') {
        state.tentative = [];
        return await goBack(turn), true;
      }
      if (command === 'skip') return await skipCurrent(turn), true;
      if (command === 'edit') return showEditMenu(turn), true;
      if (command === 'resume') return step(turn, ['接着测算：']), true;
      const named = fieldNamedForChange(turn, text);
      if (named) {
        state.tentative = state.tentative.filter((item) => item.field !== named.key);
        return askField(turn, named), true;
      }
    }
    if (!starting && pending && (pending.reason === 'approximate' || pending.reason === 'unit')) {
      if (script.yesWords.includes(word)) {
        accept(turn, pending.field, pending.options[0], notes);
        step(turn, notes);
        return true;
      }
      if (script.noWords.includes(word)) {
        state.tentative.shift();
        ask(turn, pending.field, [`好的，请告诉我准确的${fieldLabel(pending.field)}。`], true);
        return true;
      }
    }
    if (!starting && asking && script.unknownWords.some((unknown) => word.includes(unknown))) {
      if (asking.optional) {
        state.skipped = [...state.skipped, asking.field];
        state.tentative = state.tentative.filter((item) => item.field !== asking.field);
        step(turn, ['好的，这项先不填。']);
      } else {
        ask(turn, asking.field, [`这一项需要一个大概的数才能测算。`], true);
      }
      return true;
    }
    const extraction = extractFacts(script, info.fields, text, asking);
    let usable = Object.keys(extraction.facts).length + extraction.tentative.length > 0;
    if (!usable && asking?.freeText && !starting && /^(其他|别的|其它|都不是)$/.test(word)) {
      ask(turn, asking.field, [], true);
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
      if (pending) confirm(turn, pending, [problem]);
      else ask(turn, current.field, [problem], true);
      return true;
    }
    const noted: string[] = [];
    const retry: string[] = [];
    const known = record(state);
    for (const [field, value] of Object.entries(extraction.facts)) {
      const problem = refusal(field, value);
      if (problem) {
        const kept = known[field] !== undefined ? `仍按原来的 ${show(field, known[field])} 计算。` : '';
        notes.push(`${problem}${kept}`);
        if (!kept) retry.push(field);
        continue;
      }
      const changed = known[field] !== undefined && known[field] !== value;
      accept(turn, field, value, notes);
      if (!starting && !changed && field !== asking?.field && isQuestion(field)) noted.push(`${fieldLabel(field)} ${show(field, value)}`);
    }
    if (noted.length) notes.push(`已记下：${noted.join('，')}。`);
    const facts = record(state);
    for (const assumed of extraction.assumed) {
      if (facts[assumed.field] !== assumed.value) continue;
      notes.push(
        assumed.note
          ? `您说的${fieldLabel(assumed.field)}是「${assumed.text}」，${assumed.note}，即 ${show(assumed.field, assumed.value)}。`
          : `您说的${fieldLabel(assumed.field)}是个大概的数（「${assumed.text}」），以下按${show(assumed.field, assumed.value)}计算。`,
      );
    }
    for (const item of extraction.tentative) {
      state.tentative = [...state.tentative.filter((other) => other.field !== item.field), item];
      if (item.reason === 'conflict') remove(turn, item.field);
    }
    notes.push(...extraction.problems.filter(() => extraction.tentative.length > 0));
    step(turn, notes, retry, asksSomething(text));
    return true;
  }

  function asksSomething(text: string): boolean {
    return script.questionWords.some((word) => text.includes(word)) || script.triggers.some((trigger) => text.includes(trigger));
  }

  /** Says which plan the numbers come from, then reads the opening message (if any). */
  async function start(ctx: TurnContext, opening: string): Promise<void> {
    const state: EligibilityState = { formId: form.id, values: {}, answered: [], skipped: [], phase: 'filling', revision: 0, draftId: deps.newId(), tentative: [] };
    const number = info.source.docNumber ? `（${info.source.docNumber}）` : '';
    const intro = `好的，我按《${info.source.title}》${number}帮您测算${script.topic}（${info.region}，${info.year}年）。`;
    // An answer names its plan and year itself; the introduction is only for a check that starts with a question.
    const replies: Reply[] = [];
    const collecting: TurnContext = { ...ctx, text: opening, reply: (reply) => void replies.push(typeof reply === 'string' ? { text: reply } : reply) };
    const turn = turnOf(collecting, state);
    if (opening) await read(turn, true);
    else step(turn, []);
    if (!replies.some((reply) => reply.text.includes(ANSWER_MARK))) ctx.reply(intro);
    for (const reply of replies) ctx.reply(reply);
  }

  /**
   * While another activity is open (a report form): the one-message answer to the text — a result, or the
   * tiers to choose between — without starting a check and without its question or buttons (a button would
   * start a check over the form). False when the text gets no such answer (it would only be asked back).
   */
  async function answerInPassing(ctx: TurnContext): Promise<boolean> {
    const state: EligibilityState = { formId: form.id, values: {}, answered: [], skipped: [], phase: 'filling', revision: 0, draftId: deps.newId(), tentative: [] };
    const replies: Reply[] = [];
    const aside: TurnContext = { ...ctx, reply: (reply) => void replies.push(typeof reply === 'string' ? { text: reply } : reply), setActivity: () => undefined };
    await read(turnOf(aside, state), true);
    const answer = replies.find((reply) => reply.text.includes(ANSWER_MARK));
    if (!answer) return false;
    ctx.reply({ text: answer.text, ...(answer.citations ? { citations: answer.citations } : {}) });
    return true;
  }

  /** Definition rules a record decides (pass or fail, not missing). */
  function decidedDefinitions(facts: Record<string, unknown>): Set<string> {
    const verdicts = check(facts).verdicts;
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
    const heard = Object.keys(extraction.facts).filter(isQuestion);
    const asks = script.questionWords.some((word) => text.includes(word)) || extraction.asksPerUnit;
    if (!triggered && !(asks && numberDecides(extraction.facts))) return 0;
    return 10 * program + situation + heard.length;
  }

  /** Some definition rule is decided only because of a number the user gave. */
  function numberDecides(facts: Record<string, unknown>): boolean {
    const isNumber = (field: string) => (script.questions.find((question) => question.field === field)?.kind ?? 'choice') !== 'choice';
    const others = Object.fromEntries(Object.entries(facts).filter(([field]) => !isNumber(field)));
    if (Object.keys(others).length === Object.keys(facts).length) return false;
    const withNumbers = decidedDefinitions(facts);
    const withoutNumbers = decidedDefinitions(others);
    return [...withNumbers].some((rule) => !withoutNumbers.has(rule));
  }

  async function onAction(ctx: TurnContext, state: EligibilityState, payload: string): Promise<void> {
    const turn = turnOf(ctx, state);
    const [kind, first] = payload.split(':');
    const notes: string[] = [];
    const stale = () => ctx.reply({ text: STALE_MESSAGE, buttons: [{ label: '重新测算', action: restartAction(script) }] });
    switch (kind) {
      case 'o': {
        // A choice button of the question being asked.
        const field = fieldOf(turn, state.current);
        const option = field?.type === 'choice' ? field.options?.[Number(first)] : undefined;
        if (!field || !option) return stale();
        accept(turn, field.key, option.value, notes);
        return step(turn, notes);
      }
      case 'back':
        state.tentative = [];
        return await goBack(turn);
      case 'skip':
        return await skipCurrent(turn);
      case 'edit':
        return showEditMenu(turn);
      case 'f': {
        const field = formField(first);
        if (!field?.ask) return step(turn, []);
        state.tentative = state.tentative.filter((pending) => pending.field !== field.key);
        return askField(turn, field);
      }
      case 'review':
        return step(turn, []);
    }
    const pending = state.tentative[0];
    if (!pending) {
      notes.push('这个按钮对应的问题已经回答过了。');
      return step(turn, notes);
    }
    if (kind === 'y') accept(turn, pending.field, pending.options[0], notes);
    else if (kind === 'n') {
      state.tentative.shift();
      return ask(turn, pending.field, [`好的，请告诉我准确的${fieldLabel(pending.field)}。`], true);
    } else if (kind === 'p' && pending.options[Number(first)] !== undefined) {
      accept(turn, pending.field, pending.options[Number(first)], notes);
    } else {
      notes.push('这个按钮已失效。');
    }
    step(turn, notes);
  }

  function describe(state: EligibilityState): string {
    const pending = state.tentative?.[0];
    const asking = pending ? pending.field : state.current;
    return `${script.topic}测算${asking && isQuestion(asking) ? `（正在确认：${fieldLabel(asking)}）` : ''}`;
  }

  return {
    script,
    info,
    start,
    handleText: (ctx, state) => read(turnOf(ctx, state), false),
    onAction,
    answerInPassing,
    describe,
    score,
  };
}
