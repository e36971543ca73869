/** The Chinese texts of the knowledge base's non-answers. */

export function emptyQuestionReply(): string {
  return '请输入您想问的问题，例如：「第二档补助标准是多少？」「酸化耕地治理每亩补助多少？」';
}

export function tooLongReply(length: number, limit: number): string {
  return `您发来的内容有 ${length} 个字，超过了 ${limit} 字，我没法把它当作一个问题来查。请用一两句话写出您想问的事，例如：「县级基地资金额度不超过多少？」`;
}

/** Candidate example questions about the programmes of the indexed documents, most useful first. */
export function exampleQuestions(documents: Array<{ title: string; program?: string }>): string[] {
  const programs = [...new Set(documents.map((document) => document.program).filter((program): program is string => Boolean(program)))];
  const asks = ['每亩补助多少钱？', '什么时候前完成？'];
  return [...asks.flatMap((ask) => programs.map((program) => `${program}${ask}`)), '补助标准是多少？', '什么时候前完成验收？'];
}

/** Says plainly that the documents do not cover the question, then two example questions (2–3 short lines). */
export function notCoveredReply(documentCount: number, examples: string[]): string {
  if (!documentCount) return '资料库里还没有文件，暂时无法回答。请管理员把政策文件放入 knowledge/docs 后运行 `gengbao ingest`。';
  const lines = ['资料库里的政策文件没有讲到这个问题，我不能凭空回答。'];
  if (examples.length) lines.push(`可以这样问：${examples.slice(0, 2).map((example) => `「${example}」`).join('')}`);
  return lines.join('\n');
}

/**
 * A decline that points to the closest clause: it says first that the documents do not answer the question,
 * then quotes the clause as a reference only (the reply stays a decline). `notice` says when the clause is
 * another region's or year's; `place` is the heading it stands under (第十二条, 四、扶持政策).
 */
export function nearestClauseReply(title: string, place: string, quote: string, notice?: string): string {
  const article = place.match(/^第[一二三四五六七八九十百零〇\d]{1,6}[条章节]/)?.[0];
  const heading = article ?? (place.length <= NEAREST_HEADING_LIMIT ? place : '');
  // a clause that opens with its own heading (`第六条项目实行…`) is not introduced by it twice
  const where = !heading || quote.replace(/\s+/g, '').startsWith(heading.replace(/\s+/g, '')) ? '' : article ? article : `“${heading}”部分`;
  const lines = ['文件里没有找到直接回答这个问题的内容。', ...(notice ? [notice] : []), `最接近的是《${title}》${where}：「${quote}」（仅供参考，请以原文为准）`];
  return lines.join('\n');
}

/** A longer heading is left to the citation under the reply. */
const NEAREST_HEADING_LIMIT = 16;

export function failedIndexReply(): string {
  return '资料库暂时无法查询（索引出错），请稍后再试或联系管理员运行 `gengbao ingest` 查看原因。';
}
