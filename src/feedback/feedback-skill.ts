import type { Skill, TurnContext } from '../core/skill.ts';
import { FEEDBACK_SKILL } from './answer-feedback.ts';
import { clusterGaps, type QuestionFeatures } from './gap-clusters.ts';
import { describeSince, formatGapReport, parseSince } from './gap-report.ts';
import type { FeedbackStore, Vote } from './types.ts';

export interface FeedbackSkillOptions {
  store: FeedbackStore;
  /** How questions are read for grouping; made on first use (loading the dictionary takes a moment). */
  features: () => QuestionFeatures;
}

const PERIOD = '(?:最近|近期|近)?(?:(\\d+)(天|周|小时))?(?:内|以来)?';
const NOT_ANSWERED = '(?:没|未|没有)能?(?:答上|答出|回答上|回答出|答好|回答)来?';
/** 「最近没答上的问题」, 「最近7天没答上的问题」, 「近30天有哪些问题没答上」. */
const GAPS_REQUESTS = [
  new RegExp(`^(?:查看|看看|列出)?${PERIOD}(?:用户)?${NOT_ANSWERED}的问题(?:有哪些|列表|清单)?$`),
  new RegExp(`^${PERIOD}(?:用户)?(?:有)?哪些问题${NOT_ANSWERED}$`),
];

const THANKS: Record<Vote, string> = {
  up: '谢谢反馈，已记下这条回答有用。',
  down: '已记下这条回答没有帮上忙，管理员会据此补充资料。您也可以换个说法再问，或写明县名、年份和作物。',
};

/** 有用/没用 presses, and the list of what users could not get for administrators (chat and /gaps). */
export function createFeedbackSkill(options: FeedbackSkillOptions): Skill {
  let features: QuestionFeatures | undefined;

  async function showGaps(ctx: TurnContext, period: string | undefined): Promise<void> {
    if (ctx.user.role !== 'admin') return void ctx.reply('只有管理员可以查看没答上的问题。');
    const span = parseSince(period);
    if (span === undefined) return void ctx.reply('时间范围看不懂，请写成天数，例如：/gaps 30d，或「最近7天没答上的问题」。');
    const since = new Date(ctx.now().getTime() - span);
    features ??= options.features();
    ctx.reply(formatGapReport(clusterGaps(await options.store.unanswered(since), features), describeSince(span)));
  }

  return {
    name: FEEDBACK_SKILL,
    async onAction(ctx, payload) {
      const [vote, questionId] = payload.split(':');
      if ((vote !== 'up' && vote !== 'down') || !questionId) return void ctx.reply('这个按钮已失效，请重新发送您的问题。');
      const result = await options.store.vote({ questionId, voter: ctx.user.userKey, vote, channel: ctx.message.channel, ...(ctx.user.unit ? { unit: ctx.user.unit } : {}), at: ctx.now() });
      if (result.kind === 'unknown') return void ctx.reply('找不到这条回答了，反馈没有记下。如仍有疑问，请重新提问。');
      ctx.reply(result.kind === 'same' ? '您已经反馈过了，谢谢。' : THANKS[vote]);
    },
    commands: { gaps: (ctx, args) => showGaps(ctx, args || undefined) },
    async tryIntent(ctx) {
      const asked = ctx.text.replace(/\s+/g, '').replace(/[?？。!！]+$/, '');
      const match = GAPS_REQUESTS.map((pattern) => pattern.exec(asked)).find(Boolean);
      if (!match) return false;
      await showGaps(ctx, match[1] ? `${match[1]}${match[2]}` : undefined);
      return true;
    },
  };
}
