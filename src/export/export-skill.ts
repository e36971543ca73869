import type { Skill, TurnContext } from '../core/skill.ts';
import type { FormDefinition } from '../forms/form-schema.ts';
import { parsePeriod } from '../forms/period.ts';
import type { FormCatalog } from '../forms/types.ts';
import type { RecordStore, RecordVersion } from '../records/types.ts';
import type { UnitDirectory } from '../units/types.ts';
import { describeProfile, UNBOUND_REFUSAL } from '../users/access.ts';
import type { UserStore } from '../users/user-store.ts';
import { exportReport, type ExportFormat } from './export-report.ts';
import type { ExtraSheet } from './write-xlsx.ts';
import { exportableForm } from './exportable-form.ts';
import type { RecentForms } from '../reporting/recent-form.ts';
import type { ReturnStore } from '../reporting/return-store.ts';
import type { ExportableForm } from './types.ts';

export interface ExportSkillDependencies {
  records: RecordStore;
  users: Pick<UserStore, 'refusal'>;
  units: UnitDirectory;
  /** Forms of knowledge/forms; records of other form ids still export with their data keys as labels. */
  forms?: FormCatalog;
  /** How filers are shown (「张三（三面船镇）」), read fresh for each export. */
  reporterLabel?: () => Promise<(record: RecordVersion) => string>;
  /** The xlsx's second sheet: the form's figures per period within the admin's area. */
  periodSheet?: (form: FormDefinition, now: Date, scope?: string) => Promise<ExtraSheet | undefined>;
  /** The form (and period) the user asked about last: a bare 「导出」 right after a status question exports it. */
  recent?: RecentForms;
  /** Records the county returned (「退回」): the export says which, why, who and when. */
  returns?: ReturnStore;
}

/** The forms offered as buttons, waiting for a press or for one of their names typed (also after a restart). */
interface ExportChoice {
  offered: string[];
  text: string;
}

function isExportChoice(state: unknown): state is ExportChoice {
  return !!state && Array.isArray((state as ExportChoice).offered) && typeof (state as ExportChoice).text === 'string';
}

const EXPORT_INTENT = /^(?:请|帮我|给我)?(?:导出|export)/i;
const FILLER = /导出|下载|export|一下|出来|来看看|看看|看一下|瞧瞧|发给我|发我|一份|来|报表|汇总表|汇总|表格|表|excel|xlsx|csv|的|吧|请|帮我|给我|数据|[，。,.!！?？\s]/gi;

interface Candidate {
  form: ExportableForm;
  definition?: FormDefinition;
  words: string[];
}

async function candidates(deps: ExportSkillDependencies): Promise<Candidate[]> {
  const defined = (deps.forms?.list() ?? []).map((definition) => ({
    form: exportableForm(definition),
    definition,
    words: [definition.id, definition.title, definition.shortName, ...definition.triggers],
  }));
  const known = new Set(defined.map((candidate) => candidate.form.id));
  const orphans = (await deps.records.formIds())
    .filter((id) => !known.has(id))
    .map((id) => ({ form: { id, title: id, fields: [] as ExportableForm['fields'] }, words: [id] }));
  return [...defined, ...orphans];
}

/** Why this user may not export (Chinese), or undefined for an admin. */
function refusal(ctx: TurnContext): string | undefined {
  const user = ctx.user;
  if (user.role === 'admin') return undefined;
  if (user.role === 'farmer') return `导出汇总表仅限县级管理员使用。${UNBOUND_REFUSAL}`;
  return `导出汇总表仅限县级管理员使用，您是${describeProfile(user)}。本单位的记录可以在填报时查看；需要汇总表请联系县级管理员。`;
}

/** 「导出」「导出双月调度 5-6月」 and /export for admins: replies with the county's report as an xlsx file. */
export function createExportSkill(deps: ExportSkillDependencies): Skill {
  /** A form concerns the admin's area when one of its units lies within it (or contains it), or records were filed there. */
  async function isRelevant(candidate: Candidate, unit: string | undefined): Promise<boolean> {
    if (!unit) return true;
    const area = [unit, ...deps.units.descendants(unit).map((u) => u.name)];
    const formUnits = (candidate.form.units ?? []).map((name) => deps.units.find(name)?.name ?? name);
    if (formUnits.some((name) => deps.units.isWithin(name, unit) || deps.units.isWithin(unit, name))) return true;
    return (await deps.records.latest(candidate.form.id, { units: area })).length > 0;
  }

  async function run(ctx: TurnContext, text: string, chosen?: string): Promise<void> {
    const refused = refusal(ctx);
    if (refused) return void ctx.reply(refused);
    const all = await candidates(deps);
    if (all.length === 0) return void ctx.reply('目前还没有可导出的表单。');
    const lower = text.toLowerCase();
    const matched = chosen
      ? all.filter((candidate) => candidate.form.id === chosen)
      : all.filter((candidate) => candidate.words.some((word) => lower.includes(word.toLowerCase())));
    const relevance = await Promise.all(all.map((candidate) => isRelevant(candidate, ctx.user.unit)));
    const relevant = all.filter((_, index) => relevance[index]);
    const offered = relevant.length ? relevant : all;
    const recent = chosen || matched.length ? undefined : await deps.recent?.recall(ctx.user.userKey);
    const followed = recent && offered.find((candidate) => candidate.form.id === recent.formId);
    const picked = matched.length === 1 ? matched[0] : matched.length === 0 && offered.length === 1 ? offered[0] : followed;
    if (!picked) {
      const choices = matched.length ? matched : offered;
      ctx.reply({
        text: '请选择要导出的表单（点按钮，或回复表名）：',
        buttons: choices.map((candidate) => ({ label: candidate.definition?.shortName ?? candidate.form.title, action: `export:${candidate.form.id}` })),
      });
      // Waits for the name typed, unless another activity (a form being filled) is open: that one is not replaced.
      if (!ctx.session.activity) ctx.setActivity({ skill: 'export', state: { offered: choices.map((candidate) => candidate.form.id), text } satisfies ExportChoice });
      return;
    }

    let rest = text;
    for (const word of [...picked.words].sort((a, b) => b.length - a.length)) rest = rest.split(word).join(' ');
    rest = rest.replace(FILLER, '');
    let period: string | undefined;
    if (rest && picked.definition?.period) {
      const parsed = parsePeriod(rest, picked.definition.period.kind, picked.definition.period.year ?? picked.definition.year, ctx.now());
      if (!parsed.ok) return void ctx.reply(`没看懂要导出哪一期「${rest}」：${parsed.error}\n不写期间则导出最新一期。`);
      period = parsed.value;
    }
    // 「4月谁没报」 then 「导出」: the period asked about.
    if (!period && recent?.formId === picked.form.id) period = recent.period;
    if (period && picked.definition) await deps.recent?.remember(ctx.user.userKey, picked.form.id, period);
    const format: ExportFormat = /csv/i.test(text) ? 'csv' : 'xlsx';
    const { table, file } = await exportReport({
      form: picked.form,
      records: deps.records,
      returns: deps.returns,
      units: deps.units,
      scope: ctx.user.unit,
      period,
      format,
      now: ctx.now(),
      reporterLabel: await deps.reporterLabel?.(),
      extraSheets: [picked.definition && (await deps.periodSheet?.(picked.definition, ctx.now(), ctx.user.unit))].filter((sheet): sheet is ExtraSheet => !!sheet),
    });
    if (table.rows.length === 0) {
      ctx.reply(`${ctx.user.unit ?? '全部单位'}没有需要填报「${picked.form.title}」的单位，也没有相关记录，无需导出。`);
      return;
    }
    const reported = table.rows.length - table.missing.length;
    const completionIndex = table.columns.findIndex((column) => column.kind === 'percent');
    const completion = completionIndex >= 0 ? table.totals[completionIndex] : null;
    const lines = [
      `已生成《${table.title}》汇总表（${table.subtitle}）。`,
      `${table.rows.length} 个单位中 ${reported} 个已填报${table.missing.length ? `，未填报：${table.missing.join('、')}` : ''}。`,
      ...(typeof completion === 'number' ? [`合计任务完成率 ${(completion * 100).toFixed(1)}%。`] : []),
    ];
    ctx.reply({ text: lines.join('\n'), attachment: file });
  }

  return {
    name: 'export',
    commands: { export: (ctx, args) => run(ctx, args) },
    onAction: (ctx, payload) => {
      if (ctx.session.activity?.skill === 'export') ctx.setActivity(null);
      return run(ctx, '', payload);
    },
    async continueActivity(ctx) {
      const state = ctx.session.activity?.state;
      ctx.setActivity(null);
      if (!isExportChoice(state)) return false;
      const all = await candidates(deps);
      const lower = ctx.text.toLowerCase().replace(/[，。,.!！?？\s]/g, '');
      const named = all.filter((candidate) => state.offered.includes(candidate.form.id) && candidate.words.some((word) => lower.includes(word.toLowerCase())));
      if (named.length !== 1) return false;
      await run(ctx, `${state.text} ${ctx.text}`, named[0].form.id);
      return true;
    },
    async tryIntent(ctx) {
      if (!EXPORT_INTENT.test(ctx.text)) return false;
      await run(ctx, ctx.text);
      return true;
    },
  };
}
