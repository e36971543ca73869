import type { Skill, TurnContext } from '../core/skill.ts';
import type { FormCatalog } from './types.ts';
import { describePeriod } from './period.ts';
import type { UnitDirectory } from '../units/types.ts';
import { recordScope } from '../users/access.ts';
import type { RecordStore, RecordVersion } from '../records/types.ts';
import { personLabel } from '../users/person-label.ts';

export interface RecordsSkillDependencies {
  records: RecordStore;
  units: UnitDirectory;
  forms?: FormCatalog;
}

const VIEW = /^(?:查看|看看|查询|查)?(?:我的|本单位的?|全县的?|已填的?|已报的?)?(?:记录|填报记录|已填报的?记录)[？?。]*$/;
const SHOWN = 10;

function chinaTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');
}

/** 「查看记录」 or /records: the latest records the user may see (own unit for a reporter, the county for an admin). */
export function createRecordsSkill(deps: RecordsSkillDependencies): Skill {
  async function show(ctx: TurnContext): Promise<void> {
    const scope = recordScope(ctx.user, deps.units);
    if (!scope.ok) return void ctx.reply(scope.reason);
    const formIds = deps.forms?.list().map((form) => form.id) ?? [];
    for (const id of await deps.records.formIds()) if (!formIds.includes(id)) formIds.push(id);
    const perForm = await Promise.all(formIds.map((id) => deps.records.latest(id, scope.units === 'all' ? {} : { units: scope.units })));
    const visible: RecordVersion[] = perForm
      .flat()
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const where = scope.units === 'all' ? '全部单位' : ctx.user.role === 'admin' ? `${ctx.user.unit}及下属单位` : ctx.user.unit;
    if (visible.length === 0) return void ctx.reply(`${where}还没有已保存的填报记录。`);
    const lines = visible.slice(0, SHOWN).map((record) => {
      const form = deps.forms?.get(record.formId);
      const period = record.period ? ` ${describePeriod(record.period)}` : '';
      const who = personLabel(record.author);
      return `• ${record.recordId} ${form?.shortName ?? record.formId} ${record.unit}${period}（第${record.version}版，${who} ${chinaTime(record.createdAt)}）`;
    });
    const more = visible.length > SHOWN ? `\n……共 ${visible.length} 条，只列出最近 ${SHOWN} 条。${ctx.user.role === 'admin' ? '发送「导出」可下载汇总表。' : ''}` : '';
    ctx.reply(`${where}最近的填报记录：\n${lines.join('\n')}${more}`);
  }

  async function tryShow(ctx: TurnContext): Promise<boolean> {
    if (!VIEW.test(ctx.text)) return false;
    await show(ctx);
    return true;
  }

  return {
    name: 'records',
    commands: { records: (ctx) => show(ctx) },
    tryIntent: (ctx) => tryShow(ctx),
    // 「查看记录」 mid-form is never a form answer.
    tryAside: (ctx) => tryShow(ctx),
  };
}
