import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportReport } from '../../export/export-report.ts';
import { openRecordStores } from '../../store/open-record-stores.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';
import { createReporterNames } from '../../reporting/reporter-names.ts';
import { loadForms } from '../../forms/load-forms.ts';
import { periodFiguresSheet } from '../../reporting/period-figures.ts';
import { resolveRecordFilters } from './resolve-record-filters.ts';

const USAGE = '用法：gengbao export <表单> [--unit <县或乡镇>] [--period <期间>] [--format xlsx|csv] [--out <文件>]';

export const exportCommand: Command = {
  name: 'export',
  summary: '导出报表（每单位一行、合计行、任务完成率），xlsx 或 csv',
  usage: USAGE,
  async run(args) {
    const config = configFromArgs(args);
    const [formName] = args.positional;
    if (!formName) {
      console.error(USAGE);
      return 2;
    }
    const format = flagText(args, 'format') ?? 'xlsx';
    if (format !== 'xlsx' && format !== 'csv') {
      console.error(`--format 只能是 xlsx 或 csv，收到「${format}」。\n${USAGE}`);
      return 2;
    }
    const stores = await openRecordStores(config);
    try {
      const filters = await resolveRecordFilters(config.knowledgeDir, formName, args, stores);
      if (!filters.ok) {
        console.error(filters.error);
        return 2;
      }
      const nameStore = stores.names;
      const names = await createReporterNames(nameStore, await stores.users.boundUsers());
      const forms = loadForms(config.knowledgeDir);
      const definition = forms.get(filters.form.id);
      const periodSheet = definition && format === 'xlsx' ? await periodFiguresSheet({ forms, records: stores.records, units: stores.units, users: stores.users, names: nameStore }, definition, new Date(), filters.unit?.name) : undefined;
      const { file, table } = await exportReport({
        reporterLabel: (record) => names.labelOf(record.author.userKey, record.unit, record.author.displayName),
        extraSheets: periodSheet ? [periodSheet] : [],
        form: filters.form,
        records: stores.records,
        returns: stores.state.returns,
        units: stores.units,
        scope: filters.unit?.name,
        period: filters.period,
        format,
        now: new Date(),
      });
      const out = resolve(flagText(args, 'out') ?? file.fileName);
      writeFileSync(out, file.content);
      const reported = table.rows.length - table.missing.length;
      console.log(`已导出 ${table.title}（${table.subtitle}），${table.rows.length} 个单位中 ${reported} 个已填报：${out}`);
      return 0;
    } finally {
      stores.close();
    }
  },
};
