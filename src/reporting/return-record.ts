import type { TurnContext } from '../core/skill.ts';
import type { FormDefinition } from '../forms/form-schema.ts';
import { describePeriod } from '../forms/period.ts';
import type { Outbox } from '../notify/notifier.ts';
import { reporterNames, type ReportingStores } from './reporting-context.ts';

/** 「退回三面船镇5月进度，验收面积报多了」「让叶茂台镇把5月进度改一下」: the county asks a unit to correct its report. */
export const RETURN_REQUEST = /退回|打回|驳回|要求(?:更正|修改|改正)|让.{1,12}(?:改|更正|重报|核实)|通知.{1,12}(?:改|更正|重报)/;

/** The unit (within the admin's area) a return request names, longest name first. */
export function unitNamed(text: string, stores: ReportingStores, scope: string | undefined): string | undefined {
  return stores.units
    .all()
    .map((unit) => unit.name)
    .filter((name) => name.length >= 2 && text.includes(name) && (!scope || stores.units.isWithin(name, scope)))
    .sort((a, b) => b.length - a.length)[0];
}

/** The first amount the form asks, for the example of a correction (「累计完成作业面积填错了，应该是…」). */
function amountLabel(form: FormDefinition): string {
  return `的${form.fields.find((field) => field.type === 'number')?.label ?? '数字'}`;
}

/** Why the county asks, as said after the first comma (「验收面积报多了，让他们改」 → 验收面积报多了). */
function reasonOf(text: string): string {
  const after = text.split(/[，,：:；;]/).slice(1).join('，').replace(/[，,]?(?:让|请|叫)(?:他们|她们|他|她|对方)?(?:改|更正|修改|核实|重报)(?:一下)?[。！!]*$/, '').trim();
  return after.replace(/[。！!]+$/, '');
}

/**
 * Marks the record's latest version returned (reason, who, when), sends the unit's bound reporters the request
 * with the record, its period and the reason, and tells the admin who was told. The record's data is not changed:
 * the township corrects it (「修改记录 R…」 or the change in words), which saves the next version and so clears the mark.
 */
export async function returnRecord(
  ctx: TurnContext,
  stores: ReportingStores & { outbox?: Outbox },
  form: FormDefinition,
  unit: string,
  period: string,
): Promise<void> {
  const records = await stores.records.latest(form.id, { unit, period });
  const when = describePeriod(period);
  if (!records.length) return void ctx.reply(`${unit}${when}的「${form.shortName}」还没有提交，没有可退回的记录。要提醒他们填报，请发「催报 ${form.shortName}」。`);
  const record = records[0];
  const reason = reasonOf(ctx.text);
  const names = await reporterNames(stores);
  const admin = names.labelOf(ctx.user.userKey, ctx.user.unit ?? '', ctx.message.displayName);
  await stores.returns?.markReturned({ recordId: record.recordId, version: record.version, reason, by: ctx.user.userKey, byLabel: admin, at: ctx.now().toISOString() });
  const reporters = (await stores.users.boundUsers()).filter((user) => user.role === 'reporter' && user.unit === unit);
  const notice = `📝 ${admin}退回了${unit}${when}的「${form.title}」（记录 ${record.recordId}，第${record.version}版），请核对更正${reason ? `：${reason}` : ''}。\n直接说要改的内容即可，例如「${when.replace(/^\d+年/, '')}${form.shortName}${amountLabel(form)}填错了，应该是…」，或发送「修改记录 ${record.recordId}」。`;
  const reached: string[] = [];
  const failed: string[] = [];
  for (const user of reporters) {
    const delivery = stores.outbox ? await stores.outbox.send(user.userKey, [{ text: notice }]) : { delivered: false as const, reason: '本服务没有启用通知' };
    (delivery.delivered ? reached : failed).push(names.labelOf(user.userKey, unit));
  }
  const lines = [`已退回${unit}${when}的「${form.shortName}」（记录 ${record.recordId}）${reason ? `，原因：${reason}` : ''}。${stores.returns ? '状态已标为「已退回」；' : ''}记录内容不变，由${unit}更正后保存为新版本${stores.returns ? '，「已退回」随之解除' : ''}。`];
  if (reached.length) lines.push(`已通知填报员：${reached.join('、')}。`);
  if (failed.length) lines.push(`未能送达：${failed.join('、')}，请电话告知。`);
  if (!reporters.length) lines.push(`${unit}还没有绑定的填报员，请电话告知，或发送「生成邀请码 填报员 ${unit}」邀请。`);
  ctx.reply(lines.join('\n'));
}
