import type { RecordReplaced } from '../forms/types.ts';
import { describePeriod } from '../forms/period.ts';
import type { Outbox } from '../notify/notifier.ts';
import type { UnitDirectory } from '../units/types.ts';
import type { UserStore } from '../users/user-store.ts';
import { formatBeijing } from '../calendar/beijing-time.ts';
import type { ReporterNames } from './reporter-names.ts';

export interface ReplacementNoticeDependencies {
  outbox: Outbox;
  users: Pick<UserStore, 'boundUsers'>;
  units: UnitDirectory;
  names: () => Promise<ReporterNames>;
  log?: (message: string) => void;
}

/**
 * When one person's version replaces another's figures, the earlier filer and the county's admins are told
 * who replaced what and when (Beijing time); the replacer is not.
 */
export function createReplacementNotice(deps: ReplacementNoticeDependencies): (event: RecordReplaced) => void {
  return (event) => void notify(event).catch((error) => deps.log?.(`[reporting] 替换通知失败：${String(error)}`));
  async function notify(event: RecordReplaced): Promise<void> {
    const { previous, current } = event;
    const names = await deps.names();
    const by = names.labelOf(current.author.userKey, current.unit, current.author.displayName);
    const before = names.labelOf(previous.author.userKey, previous.unit, previous.author.displayName);
    const what = `${current.unit}${current.period ? ` ${describePeriod(current.period)}` : ''}的「${event.formTitle}」（记录 ${current.recordId}）`;
    const when = formatBeijing(current.createdAt);
    const toFiler = `📝 您提交的${what}第${previous.version}版，已被 ${by} 于 ${when}（北京时间）提交的第${current.version}版替换，现以其填写为准。您的版本仍保留在历史记录中；如有出入，请与对方或县级管理员核对，需要时发送「修改记录 ${current.recordId}」更正。`;
    const toAdmin = `📝 ${what}的数据已替换：第${previous.version}版（${before}）→ 第${current.version}版（${by}，${when} 北京时间）。两版都保留在历史中，可用「查看记录」或 gengbao records 核对。`;
    const admins = (await deps.users.boundUsers())
      .filter((user) => user.role === 'admin' && user.unit && deps.units.isWithin(current.unit, user.unit))
      .map((user) => user.userKey);
    const targets = new Map<string, string>([[previous.author.userKey, toFiler]]);
    for (const admin of admins) if (!targets.has(admin)) targets.set(admin, toAdmin);
    targets.delete(current.author.userKey);
    for (const [userKey, text] of targets) {
      void deps.outbox.send(userKey, [{ text }]).then((delivery) => {
        if (!delivery.delivered) deps.log?.(`[reporting] 替换通知未送达 ${userKey}：${delivery.reason}`);
      });
    }
  }
}
