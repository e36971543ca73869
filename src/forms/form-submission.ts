import type { RecordVersion } from '../records/types.ts';
import { accessRefusal } from '../users/access.ts';
import { persist, runChecks, showReview, type FormTurn, type ReportTurn } from './form-flow.ts';
import { button, summaryReply, warningsReply } from './form-messages.ts';
import { missingRequired } from './form-progress.ts';
import { describePeriod } from './period.ts';
import { saveFormRecord } from './save-form-record.ts';
import { formatBeijing } from '../calendar/beijing-time.ts';
import { personLabel } from '../users/person-label.ts';

function who(record: RecordVersion): string {
  return personLabel(record.author);
}

/** Beijing time, as 「查看记录」 shows it. */
function when(record: RecordVersion): string {
  return formatBeijing(record.createdAt);
}

/** The key that makes a repeated confirmation (double press, retry after a crash) save only once. */
export function submissionKeyOf(state: FormTurn['state']): string {
  return `${state.draftId}.${state.revision}`;
}

function alreadySaved(turn: FormTurn): boolean {
  const saved = turn.state.saved;
  if (turn.state.phase !== 'saved' || !saved) return false;
  turn.ctx.reply(`这份填报已经提交过了，记录编号 ${saved.recordId}（第${saved.version}版），无需重复提交。如需更正，请说「改一下」。`);
  return true;
}

/**
 * 确认提交 (force = 「确认无误，仍然提交」). Checks run again against the store as it is now; failures block,
 * warnings need the explicit second confirmation, which is recorded with the record.
 */
export async function submitDraft(turn: ReportTurn, revision: number | undefined, force: boolean): Promise<void> {
  const { state, form, ctx, deps } = turn;
  if (alreadySaved(turn)) return;
  if (state.phase !== 'review') {
    ctx.reply('还有内容没填完，先把当前问题回答完吧。');
    return;
  }
  if (revision !== undefined && revision !== state.revision) {
    return await showReview(turn, '内容在这之后改过了，请按最新的摘要确认。');
  }
  const missing = missingRequired(form, state.values);
  if (missing.length) {
    ctx.reply(`还缺：${missing.map((field) => `「${field.label}」`).join('、')}。`);
    return await showReview(turn);
  }
  const unit = String(state.values[form.unitField]);
  const refusal = accessRefusal(ctx.user, unit, deps.units);
  if (refusal) {
    ctx.reply(`${refusal}\n您填写的内容仍保留着。`);
    return;
  }
  const outcome = await runChecks(turn);
  if (outcome.fails.length) {
    ctx.reply(summaryReply(form, state, outcome, deps.units, '提交前复核发现问题，暂不能提交：'));
    persist(turn);
    return;
  }
  if (outcome.warnings.length && !force) {
    state.pending = { kind: 'warnings' };
    ctx.reply(warningsReply(state, outcome));
    persist(turn);
    return;
  }
  const author = { userKey: ctx.user.userKey, channel: ctx.message.channel, displayName: ctx.user.displayName ?? ctx.message.displayName };
  const { request, result } = await saveFormRecord({ form, values: state.values, outcome, author, submissionKey: submissionKeyOf(state), correcting: state.correcting }, deps);
  if (!result.ok && result.reason === 'slot-taken') return reportSlotTaken(turn, result.latest);
  if (!result.ok) return reportConflict(turn, result.latest);
  const record = result.record;
  if (record.version > 1 && !result.duplicate) await tellReplaced(turn, record);
  state.phase = 'saved';
  state.pending = undefined;
  state.saved = { recordId: record.recordId, version: record.version, revision: state.revision };
  const version = record.version > 1 ? `（第${record.version}版，之前的版本都保留着）` : '';
  const accepted = request.confirmedWarnings.length ? `\n已记录您确认过的 ${request.confirmedWarnings.length} 项提醒。` : '';
  const parked = state.parked?.[0] ? turn.deps.forms.get(state.parked[0].formId) : undefined;
  const then = parked ? `\n先前放下的「${parked.shortName}」还没填完，回「继续」接着填。` : '';
  ctx.reply(`✅ 已提交「${form.title}」，记录编号 ${record.recordId}${version}。${accepted}\n如需更正，请说「改一下」或「修改记录 ${record.recordId}」。${then}`);
  persist(turn);
}

/** Someone else saved first: keep the draft, say who and when, offer to file as a new version. */
function reportConflict(turn: FormTurn, latest: RecordVersion): void {
  const { state, form, ctx } = turn;
  state.pending = { kind: 'conflict' };
  state.conflict = { recordId: latest.recordId, version: latest.version };
  const period = latest.period ? describePeriod(latest.period) : '';
  const what = state.correcting
    ? `在您修改期间，${who(latest)} 于 ${when(latest)} 保存了记录 ${latest.recordId} 的新版本（第${latest.version}版）。`
    : `${latest.unit}${period}的「${form.title}」已由 ${who(latest)} 于 ${when(latest)} 提交（记录编号 ${latest.recordId}）。`;
  ctx.reply({
    text: `⚠️ 没有提交：${what}\n您填写的内容都还保留着。可以核对后把您的填写作为该记录的新版本提交（对方的版本会保留在历史中），或者取消。`,
    buttons: [button('以我的填写为准，作为新版本提交', 'rebase'), button('修改', 'edit'), button('取消', 'cancel')],
  });
  persist(turn);
}

/** The version before this one was someone else's: they (and the county) are told, outside this turn. */
async function tellReplaced(turn: ReportTurn, record: RecordVersion): Promise<void> {
  const previous = (await turn.deps.records.history(record.recordId)).find((version) => version.version === record.version - 1);
  if (previous && previous.author.userKey !== record.author.userKey) turn.deps.onRecordReplaced?.({ formTitle: turn.form.title, previous, current: record });
}

/** A correction moved the record onto a unit and period another record already holds: one record per unit and period. */
function reportSlotTaken(turn: FormTurn, holder: RecordVersion): void {
  const { state, form, ctx } = turn;
  const period = holder.period ? describePeriod(holder.period) : '';
  const moving = state.correcting?.recordId ?? '';
  ctx.reply({
    text:
      `⚠️ 没有提交：您把记录 ${moving} 改成了${holder.unit}${period}，但${holder.unit}${period}的「${form.title}」已有记录 ${holder.recordId}（${who(holder)} 于 ${when(holder)} 提交，第${holder.version}版）。` +
      `同一单位同一期只能有一条记录。\n请把「${form.fields.find((field) => field.key === form.periodField)?.label ?? '期间'}」或单位改回原来的，或者发送「修改记录 ${holder.recordId}」更正那条记录。您填写的内容都还保留着。`,
    buttons: [button('修改', 'edit'), button('取消', 'cancel')],
  });
  persist(turn);
}

/** After a conflict: continue from the other person's latest version, keeping this draft's answers. */
export async function rebaseOnLatest(turn: FormTurn): Promise<void> {
  const conflict = turn.state.conflict;
  if (!conflict) return await showReview(turn);
  turn.state.correcting = { recordId: conflict.recordId, baseVersion: conflict.version };
  turn.state.conflict = undefined;
  turn.state.revision += 1;
  await showReview(turn, `将作为记录 ${conflict.recordId} 的第${conflict.version + 1}版提交，请再核对一遍。`);
}
