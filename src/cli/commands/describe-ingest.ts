import type { IngestReport } from '../../knowledge/types.ts';

/** One or two Chinese lines summarising an ingest run, naming every file that failed. */
export function describeIngest(report: IngestReport): string {
  const lines = [
    `资料索引：新建/更新 ${report.indexed.length} 份，未变 ${report.unchanged.length} 份，移除 ${report.removed.length} 份。`,
  ];
  for (const failure of report.failed) lines.push(`  无法读取并已跳过：${failure.doc}（${failure.reason}）`);
  return lines.join('\n');
}
