import { fileURLToPath } from 'node:url';
import type { Skill, TurnContext } from '../core/skill.ts';
import { normalizeQuestion } from '../knowledge/normalize-text.ts';
import type { Activity } from '../core/types.ts';
import type { RuleRegistry } from '../rules/index.ts';
import { createDialogue, isEligibilityState, SKILL, STALE_MESSAGE, type Dialogue, type EligibilityState } from './eligibility-dialogue.ts';
import { loadEligibilityScripts, type EligibilityScript } from './eligibility-script.ts';

export interface EligibilitySkillOptions {
  rules: RuleRegistry;
  /** Folder holding rules/eligibility/*.json; defaults to the repository's knowledge/. */
  knowledgeDir?: string;
  /** Scripts to use instead of reading the folder (the first is the default). */
  scripts?: EligibilityScript[];
}

const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));
/** Grammatical filler around a bare 「能补多少？」; anything more is a question for the documents. */
const FILLER = /[\p{P}\p{S}\s我你您俺咱们家的地了呢啊吧呀钱请问还到底]/gu;

/**
 * 「能补多少？」: picks the program the message is about (保护性耕作, 酸化耕地治理, …), then runs its
 * dialogue. Scripts are data in knowledge/rules/eligibility/; state lives in the session activity.
 */
/** The message as the rule vocabulary is written: traditional characters and reprint noise normalised. */
function readable(ctx: TurnContext): TurnContext {
  const text = normalizeQuestion(ctx.text);
  return text === ctx.text ? ctx : { ...ctx, text };
}

export function createEligibilitySkill(options: EligibilitySkillOptions): Skill {
  const scripts = options.scripts ?? loadEligibilityScripts(options.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR);
  // A script whose rule set is not loaded (another knowledge folder) is left out, not fatal.
  const dialogues = scripts.filter((script) => options.rules.get(script.ruleSet)).map((script) => createDialogue(script, options.rules));
  const fallback: Dialogue | undefined = dialogues[0];
  // A check saved by an older version (not a form draft) is over: its buttons get the stale message.
  const stateOf = (ctx: TurnContext): EligibilityState | undefined =>
    ctx.session.activity?.skill === SKILL && isEligibilityState(ctx.session.activity.state) ? ctx.session.activity.state : undefined;
  const dialogueOf = (state: EligibilityState) => dialogues.find((dialogue) => dialogue.script.form.id === state.formId);

  /** The text names a unit the check's form covers (康平县, or 康平 without 县/市/区/旗). */
  const namesScope = (dialogue: Dialogue | undefined, text: string) =>
    dialogue?.script.form.scope.units.some((unit) => text.includes(unit) || (unit.length > 2 && text.includes(unit.replace(/[县市区旗]$/, '')))) ?? false;

  /**
   * The program the text is about, by what it contains; none when no loaded program matches. Two checks
   * heard equally well (the same program for two counties): the one whose county the text names.
   */
  function pick(text: string): Dialogue | undefined {
    let best: Dialogue | undefined;
    let bestScore = 0;
    for (const dialogue of dialogues) {
      const score = dialogue.score(text);
      if (score > bestScore || (score > 0 && score === bestScore && !namesScope(best, text) && namesScope(dialogue, text))) [best, bestScore] = [dialogue, score];
    }
    return best;
  }

  /** 「能补多少？」 and nothing else: the subsidy check starts by asking which program. */
  function isBareSubsidyQuestion(text: string): boolean {
    const trigger = dialogues.flatMap((dialogue) => dialogue.script.triggers).find((word) => text.includes(word));
    return trigger !== undefined && text.replace(trigger, '').replace(FILLER, '').length === 0;
  }

  function offerPrograms(ctx: TurnContext): void {
    const buttons = dialogues.map((dialogue) => ({ label: dialogue.script.topic, action: `${SKILL}:new:${dialogue.script.code}` }));
    ctx.reply({ text: '想测算哪一项补助？', buttons });
  }

  const stale = (ctx: TurnContext) => ctx.reply({ text: STALE_MESSAGE, buttons: [{ label: '重新测算', action: `${SKILL}:new` }] });

  return {
    name: SKILL,
    commands: {
      async check(ctx, args) {
        if (ctx.session.activity && ctx.session.activity.skill !== SKILL) {
          ctx.reply('您还有未完成的填报，请先完成或发送「取消」，再发送 /check 测算补贴。');
          return;
        }
        if (!fallback) return void ctx.reply('当前资料中没有可测算的补贴项目。');
        const dialogue = args ? (dialogues.find((candidate) => candidate.script.situationWords.some((word) => args.includes(word))) ?? fallback) : undefined;
        if (dialogue) await dialogue.start(ctx, args);
        else if (dialogues.length > 1) offerPrograms(ctx);
        else await fallback.start(ctx, '');
      },
    },
    async tryIntent(original) {
      if (original.session.activity && original.session.activity.skill !== SKILL) return false;
      const ctx = readable(original);
      const dialogue = pick(ctx.text);
      if (dialogue) {
        await dialogue.start(ctx, ctx.text);
        return true;
      }
      if (!fallback || !isBareSubsidyQuestion(ctx.text)) return false;
      if (dialogues.length > 1) offerPrograms(ctx);
      else await fallback.start(ctx, '');
      return true;
    },
    async answerInPassing(original) {
      if (!original.session.activity || original.session.activity.skill === SKILL) return false;
      const ctx = readable(original);
      const dialogue = pick(ctx.text);
      return dialogue ? await dialogue.answerInPassing(ctx) : false;
    },
    async continueActivity(original) {
      const ctx = readable(original);
      const state = stateOf(ctx);
      const dialogue = state && dialogueOf(state);
      if (state && dialogue) return await dialogue.handleText(ctx, state);
      ctx.setActivity(null);
      return false;
    },
    async onAction(ctx, payload) {
      const [kind, code] = payload.split(':');
      if (kind === 'new') {
        const dialogue = dialogues.find((candidate) => candidate.script.code === code);
        if (dialogue) return await dialogue.start(ctx, '');
        if (dialogues.length > 1) return offerPrograms(ctx);
        if (fallback) return await fallback.start(ctx, '');
        return stale(ctx);
      }
      const state = stateOf(ctx);
      const dialogue = state && dialogueOf(state);
      if (!state || !dialogue) return stale(ctx);
      await dialogue.onAction(ctx, state, payload);
    },
    describeActivity(activity: Activity) {
      const state = isEligibilityState(activity.state) ? activity.state : undefined;
      return (state && dialogueOf(state)?.describe(state)) ?? '补贴测算';
    },
    cancelActivity(ctx) {
      ctx.setActivity(null);
      ctx.reply('已取消补贴测算。需要时可以随时再问，例如「流转了100亩地，免耕播种，秸秆盖了一半，能补多少？」或发送 /check。');
    },
  };
}
