import type { FormStatus, UnitStatus } from './status.ts';

function describeRow(row: UnitStatus): string {
  if (row.state === 'missing') {
    const who = row.reporters.length ? `（填报员：${row.reporters.join('、')}）` : '（尚未绑定填报员）';
    return `❌ ${row.unit} 未填报${who}`;
  }
  if (row.state === 'conflict') {
    const list = row.records.map((record) => `${record.recordId} 第${record.version}版 ${record.reporter} ${record.filedAt}`).join('；');
    return `⚠️ ${row.unit} 同一期有 ${row.records.length} 条记录，数字未合计，请核对后更正或保留一条：${list}`;
  }
  const [record] = row.records;
  if (row.returned) {
    const { reason, by, at } = row.returned;
    return `↩️ ${row.unit} 已退回待更正（${record.recordId} 第${record.version}版，${by}于${at}退回${reason ? `，原因：${reason}` : ''}）`;
  }
  const completion = row.completionPercent !== undefined ? `，完成率 ${row.completionPercent}%` : '';
  return `✅ ${row.unit} 已填报（${record.recordId} 第${record.version}版，${record.reporter}，${record.filedAt}${completion}）`;
}

/** The status as a chat message / console text: counts, deadline, then one line per unit, missing first. */
export function formatFormStatus(status: FormStatus): string {
  const missing = status.rows.filter((row) => row.state === 'missing').map((row) => row.unit);
  const head = [
    `「${status.title}」${status.periodLabel}填报进度（${status.scope}）：${status.total} 个单位中 ${status.filed} 个已填报${missing.length ? `，${missing.length} 个未填报` : '，全部已填报'}${status.conflicts ? `，${status.conflicts} 个有重复记录` : ''}${status.returned ? `，${status.returned} 个已退回待更正` : ''}。`,
  ];
  if (status.deadline) head.push(`截止日期：${status.deadline.due}（北京时间，含当日）。依据：${status.deadline.source}。`);
  if (missing.length) head.push(`未填报：${missing.join('、')}`);
  const returned = status.rows.filter((row) => row.returned).map((row) => row.unit);
  if (returned.length) head.push(`已退回待更正：${returned.join('、')}`);
  return [...head, '', ...status.rows.map(describeRow)].join('\n');
}
