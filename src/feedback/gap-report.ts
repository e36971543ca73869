import { beijingParts } from '../calendar/beijing-time.ts';
import type { GapCluster } from './gap-clusters.ts';

const CHANNEL_NAMES: Record<string, string> = { telegram: 'Telegram', feishu: '飞书', web: '网页', console: '终端', cli: '命令行' };

/** A period like 30d, 12h or 2w (default days) as milliseconds; undefined when it cannot be read. */
export function parseSince(text: string | undefined): number | undefined {
  if (text === undefined) return 30 * 86_400_000;
  const match = /^\s*(\d+)\s*(d|天|h|小时|w|周)?\s*$/i.exec(text);
  if (!match || Number(match[1]) <= 0) return undefined;
  const unit = (match[2] ?? 'd').toLowerCase();
  const hours = unit === 'h' || unit === '小时' ? 1 : unit === 'w' || unit === '周' ? 24 * 7 : 24;
  return Number(match[1]) * hours * 3_600_000;
}

/** 「最近 30 天」, 「最近 12 小时」. */
export function describeSince(ms: number): string {
  return ms % 86_400_000 === 0 ? `最近 ${ms / 86_400_000} 天` : `最近 ${Math.round(ms / 3_600_000)} 小时`;
}

function when(date: Date): string {
  const p = beijingParts(date);
  return `${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

const some = (values: string[], limit = 3) => values.slice(0, limit).join('、') + (values.length > limit ? ` 等 ${values.length} 个` : '');

/** The clusters as a Chinese list for the chat and the terminal, at most `limit` groups. */
export function formatGapReport(clusters: GapCluster[], period: string, limit = 10): string {
  if (!clusters.length) return `${period}所有问题都答上了，也没有人点「没用」。`;
  const total = clusters.reduce((sum, cluster) => sum + cluster.count, 0);
  const lines = [`${period}没答上的问题（共 ${total} 次，归为 ${clusters.length} 类${clusters.length > limit ? `，列出最多的 ${limit} 类` : ''}）：`];
  clusters.slice(0, limit).forEach((cluster, index) => {
    const kinds = [cluster.declined && `未答 ${cluster.declined}`, cluster.votedDown && `没用 ${cluster.votedDown}`].filter(Boolean).join('，');
    const where = [cluster.units.length ? `单位：${some(cluster.units)}` : '', `渠道：${some(cluster.channels.map((channel) => CHANNEL_NAMES[channel] ?? channel))}`].filter(Boolean).join('；');
    lines.push(`${index + 1}. 「${cluster.question}」 ${cluster.count} 次（${kinds}）；最近 ${when(cluster.lastAt)}；${where}`);
    if (cluster.variants.length) lines.push(`   类似问法：${cluster.variants.map((variant) => `「${variant}」`).join('')}`);
    if (cluster.sources.length) lines.push(`   被点「没用」的回答引用了：${some(cluster.sources)}`);
  });
  lines.push('', '找到能回答这些问题的文件后，管理员可以直接把文件发给我，或运行 gengbao add <文件> 加入资料库。');
  return lines.join('\n');
}

/** The clusters as JSON (times in ISO form). */
export function gapReportJson(clusters: GapCluster[], since: Date) {
  return { since: since.toISOString(), clusters: clusters.map((cluster) => ({ ...cluster, lastAt: cluster.lastAt.toISOString() })) };
}
