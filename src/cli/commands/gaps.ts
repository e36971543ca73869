import { openRecordStores } from '../../store/open-record-stores.ts';
import { clusterGaps } from '../../feedback/gap-clusters.ts';
import { describeSince, formatGapReport, gapReportJson, parseSince } from '../../feedback/gap-report.ts';
import { questionFeatures } from '../../feedback/question-features.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';

export const gapsCommand: Command = {
  name: 'gaps',
  summary: '列出最近没答上的问题（拒答和被点「没用」的），按相似问法归类、次数多的在前 [--since 30d] [--json]',
  usage: '用法：gengbao gaps [--since 30d|12h|2w] [--json] [--limit 20]',
  booleanFlags: ['json'],
  async run(args) {
    const span = parseSince(flagText(args, 'since'));
    if (span === undefined) {
      console.error(`--since 看不懂「${flagText(args, 'since')}」：请写成 30d（天）、12h（小时）或 2w（周）。`);
      return 2;
    }
    const limit = Number(flagText(args, 'limit') ?? 20);
    if (!Number.isInteger(limit) || limit <= 0) {
      console.error('--limit 应为正整数，例如 --limit 20。');
      return 2;
    }
    const config = configFromArgs(args);
    const stores = await openRecordStores(config);
    try {
      const since = new Date(Date.now() - span);
      const clusters = clusterGaps(await stores.state.feedback.unanswered(since), questionFeatures(config.knowledgeDir));
      console.log(args.flags.json ? JSON.stringify(gapReportJson(clusters, since)) : formatGapReport(clusters, describeSince(span), limit));
      return 0;
    } finally {
      stores.close();
    }
  },
};
