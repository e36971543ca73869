import type { ReliabilityReport } from './run-reliability.ts';

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : '—');
const cpu = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '—');

/** The figures as Markdown tables (the README section is pasted from this). */
export function formatReport(report: ReliabilityReport): string {
  const lines: string[] = [];
  lines.push(`机器：${report.machine}`);
  lines.push(`日期：${report.date.slice(0, 16).replace('T', ' ')} UTC；开始时系统负载 ${report.loadAverage.toFixed(1)}（负载发生器与服务器在同一台机器上）`);
  if (report.load.length) {
    lines.push('', '| 问答负载 | 发出 | 成功 | 错误 | 吞吐 | p50 | p95 | p99 | 服务器 CPU/问 | 负载发生器 CPU/问 | 服务器 RSS | 系统负载 |', '|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const row of report.load) {
      lines.push(`| ${row.rate} 次/秒 × ${row.seconds} 秒 | ${row.sent} | ${row.ok} | ${row.errors} | ${row.throughput.toFixed(0)} 次/秒 | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${cpu(row.cpuMsPerAnswer)} | ${cpu(row.clientCpuMs)} | ${row.rssMinMb.toFixed(0)}–${row.rssMaxMb.toFixed(0)} MB | ${row.loadAverage.toFixed(1)} |`);
    }
    const kinds = report.load.flatMap((row) => (row.errorKinds.length ? [`${row.rate} 次/秒：${row.errorKinds.join('；')}`] : []));
    if (kinds.length) lines.push('', `错误：${kinds.join('。')}`);
  }
  if (report.loadOnly) return lines.join('\n');
  const f = report.filing;
  lines.push('', '| 并发填报与 kill -9 | 结果 |', '|---|---|');
  lines.push(`| 填报员 / 单位×期次 | ${f.reporters} / ${f.slots} |`);
  lines.push(`| 已确认保存的记录 | ${f.saved} |`);
  lines.push(`| 告知「已由他人提交」的第二位填报员 | ${f.conflicts} |`);
  lines.push(`| kill -9 次数 | ${f.kills} |`);
  lines.push(`| 重启时正在填的 / 重启后发「继续」回到原处的 | ${f.interrupted} / ${f.resumed} |`);
  lines.push(`| 丢失的已确认记录 | ${f.lost} |`);
  lines.push(`| 重复的记录（同一单位同一期多于一条） | ${f.doubled} |`);
  lines.push(`| 没能走完的填报 | ${f.stuck} |`);
  lines.push(`| 用时 | ${f.seconds.toFixed(0)} 秒（含 ${f.kills} 次重启） |`);
  lines.push('', '| 重复投递（同一条投递 5 次：3 次同时、1 次稍后、1 次在 kill -9 重启后） | 回复条数：只投递一次的对照 | 回复条数：重复投递的那条 | 被重复处理 | Webhook 应答 |', '|---|---|---|---|---|');
  for (const d of report.deliveries) lines.push(`| ${d.platform} | ${d.repliesOnce} | ${d.repliesRepeated} | ${d.handledTwice} | ${d.statuses.join('、')} |`);
  lines.push('', '| 异常 HTTP | 结果 | 符合预期 |', '|---|---|---|');
  for (const check of report.badHttp.checks) lines.push(`| ${check.what} | ${check.outcome} | ${check.ok ? '是' : '否'} |`);
  lines.push(`| 之后正常提问 | ${report.badHttp.servingAfter ? '得到回答' : '失败'} | ${report.badHttp.servingAfter ? '是' : '否'} |`);
  if (f.notResumedSamples.length) lines.push('', '重启后没有回到原处的回复：', ...f.notResumedSamples.map((text) => `- ${text.replace(/\n/g, ' ')}`));
  if (f.stuckSamples.length) lines.push('', '没能走完的填报（最后一条回复）：', ...f.stuckSamples.map((text) => `- ${text.replace(/\n/g, ' ')}`));
  return lines.join('\n');
}
