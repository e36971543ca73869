import type { IngestReport } from '../../knowledge/types.ts';

/** The full Chinese ingest report: counts, then every file by name. */
export function describeIngestReport(report: IngestReport): string {
  const lines = [`资料索引完成：新建/更新 ${report.indexed.length} 份，未变 ${report.unchanged.length} 份，移除 ${report.removed.length} 份，失败 ${report.failed.length} 份。`];
  for (const doc of report.indexed) lines.push(`  已索引：${doc}`);
  for (const doc of report.removed) lines.push(`  已移除：${doc}`);
  for (const failure of report.failed) lines.push(`  无法读取并已跳过：${failure.doc}（${failure.reason}）`);
  for (const duplicate of report.duplicates ?? []) lines.push(`  重复印本：${duplicate.doc} 与 ${duplicate.duplicateOf} 内容相同，回答时只引用后者`);
  for (const dropped of report.dropped ?? []) lines.push(`  已剔除：${dropped.doc} 中${dropped.what}`);
  for (const note of report.notes ?? []) lines.push(`  提示：${note.doc}：${note.note}`);
  if (report.elapsedMs !== undefined) lines.push(`用时 ${(report.elapsedMs / 1000).toFixed(1)} 秒。`);
  return lines.join('\n');
}
