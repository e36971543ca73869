import type { DocumentSummary } from './document-summary.ts';

/** Several lines in Chinese: what was found in a document just added. */
export function describeDocument(summary: DocumentSummary, question?: string): string {
  const lines = [`《${summary.title}》`];
  const facts = [summary.docNumber && `文号 ${summary.docNumber}`, summary.issuer && `发文 ${summary.issuer}`, summary.region && `地区 ${summary.region}`, summary.year && `年份 ${summary.year}`].filter(Boolean);
  if (facts.length) lines.push(facts.join('；'));
  lines.push(`共 ${summary.sections} 个章节${summary.tableRows ? `，表格 ${summary.tableRows} 行` : '，没有表格'}`);
  if (summary.duplicateOf) lines.push(`与已有的 ${summary.duplicateOf} 内容重复，回答时只引用那一份`);
  if (summary.duplicates.length) lines.push(`已有的 ${summary.duplicates.join('、')} 与它内容重复，今后只引用这一份`);
  if (summary.supersedes.length) lines.push(`取代了 ${summary.supersedes.join('、')}（旧文件仍可按年份查询）`);
  if (summary.supersededBy) lines.push(`已被 ${summary.supersededBy} 取代`);
  if (question) lines.push(`可以这样问：「${question}」`);
  return lines.join('\n');
}
