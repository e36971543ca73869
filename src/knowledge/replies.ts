/** The Chinese texts of the knowledge base's non-answers. */

export function emptyQuestionReply(): string {
  return '请输入您想问的问题，例如：「第二档补助标准是多少？」「酸化耕地治理每亩补助多少？」';
}

export function tooLongReply(length: number, limit: number): string {
  return `您发来的内容有 ${length} 个字，超过了 ${limit} 字，我没法把它当作一个问题来查。请用一两句话写出您想问的事，例如：「县级基地资金额度不超过多少？」`;
}

/** Says the documents do not cover the question and what can be asked instead (from the indexed titles). */
export function notCoveredReply(titles: string[]): string {
  if (!titles.length) return '资料库里还没有文件，暂时无法回答。请管理员把政策文件放入 knowledge/docs 后运行 `gengbao ingest`。';
  const shown = titles.slice(0, 3).map((title) => `《${title}》`).join('、');
  const more = titles.length > 3 ? `等 ${titles.length} 份文件` : '';
  return [
    '资料库里的文件没有讲到这个问题，我不能凭空回答。',
    `目前收录的是耕地保护方面的政策文件：${shown}${more}。`,
    '您可以问这些文件里的补助标准、资金分配、任务面积、技术要求、时间节点等，例如「第二档补助标准是多少？」「县级基地资金额度不超过多少？」。',
  ].join('\n');
}

export function failedIndexReply(): string {
  return '资料库暂时无法查询（索引出错），请稍后再试或联系管理员运行 `gengbao ingest` 查看原因。';
}
