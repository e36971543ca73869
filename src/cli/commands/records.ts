import { chinaDateTime } from '../../export/report-table.ts';
import type { ExportableForm } from '../../export/types.ts';
import { openRecordStores } from '../../store/open-record-stores.ts';
import type { RecordVersion } from '../../records/types.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';
import { resolveRecordFilters } from './resolve-record-filters.ts';

const USAGE = '用法：gengbao records <表单> [--unit <单位>] [--period <期间>] [--json]';

export interface RecordWithVersions {
  recordId: string;
  formId: string;
  unit: string;
  period?: string;
  /** Newest first. */
  versions: RecordVersion[];
}

/** Groups versions (already newest record first, newest version first) by record. */
export function groupVersions(versions: RecordVersion[]): RecordWithVersions[] {
  const groups = new Map<string, RecordWithVersions>();
  for (const version of versions) {
    const group = groups.get(version.recordId) ?? {
      recordId: version.recordId,
      formId: version.formId,
      unit: version.unit,
      ...(version.period ? { period: version.period } : {}),
      versions: [],
    };
    group.versions.push(version);
    groups.set(version.recordId, group);
  }
  return [...groups.values()];
}

function describeData(form: ExportableForm, data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([key]) => key !== form.unitField && key !== form.periodField)
    .map(([key, value]) => {
      const field = form.fields.find((candidate) => candidate.key === key);
      const shown = Array.isArray(value) ? value.join('、') : String(value);
      return `${field?.label ?? key}=${shown}${field?.unit && typeof value === 'number' ? field.unit : ''}`;
    })
    .join('，');
}

export const recordsCommand: Command = {
  name: 'records',
  summary: '列出已保存的填报记录及其全部版本（--json 输出机器可读格式）',
  usage: USAGE,
  async run(args) {
    const config = configFromArgs(args);
    const [formName] = args.positional;
    const stores = await openRecordStores(config);
    try {
      if (!formName) {
        const ids = await stores.records.formIds();
        console.error(`${USAGE}\n${ids.length ? `已有记录的表单：${ids.join('、')}` : '还没有任何已保存的记录。'}`);
        return 2;
      }
      const filters = await resolveRecordFilters(config.knowledgeDir, formName, args, stores);
      if (!filters.ok) {
        console.error(filters.error);
        return 2;
      }
      const { form, unit, period } = filters;
      const units = unit ? [unit.name, ...stores.units.descendants(unit.name).map((u) => u.name)] : undefined;
      const groups = groupVersions(await stores.records.allVersions(form.id, { units, period }));
      if (args.flags.json === true) {
        console.log(JSON.stringify(groups, null, 2));
        return 0;
      }
      if (groups.length === 0) {
        console.log(`表单「${form.title}」还没有符合条件的记录。`);
        return 0;
      }
      console.log(`${form.title}：共 ${groups.length} 条记录`);
      for (const group of groups) {
        console.log(`\n${group.recordId}  ${group.unit}${group.period ? `  ${form.describePeriod?.(group.period) ?? group.period}` : ''}  共 ${group.versions.length} 个版本`);
        for (const version of group.versions) {
          const who = version.author.displayName ? `${version.author.displayName}（${version.author.userKey}）` : version.author.userKey;
          const accepted = version.confirmedWarnings.length ? `  已确认提醒：${version.confirmedWarnings.join('、')}` : '';
          console.log(`  v${version.version}  ${chinaDateTime(new Date(version.createdAt))}  ${who} 经 ${version.author.channel}${accepted}`);
          console.log(`      ${describeData(form, version.data)}`);
        }
      }
      return 0;
    } finally {
      stores.close();
    }
  },
};
