import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadForms } from '../../forms/load-forms.ts';
import { openRecordStores } from '../../records/open-stores.ts';
import { progressChartFile } from '../../reporting/chart/chart-file.ts';
import { resolveFilingUnit, resolveForm, resolvePeriod } from '../../reporting/status-request.ts';
import { createSqliteDisplayNameStore } from '../../users/display-name-store.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';
import { nowFromArgs } from './status.ts';

const USAGE = '用法：gengbao chart <表单> [--period <期间>] [--unit <县>] [--out <文件.png>] [--now <时间>]';

export const chartCommand: Command = {
  name: 'chart',
  summary: '进度图（PNG）：各单位任务与完成、各期累计',
  async run(args) {
    const config = configFromArgs(args);
    const [formName] = args.positional;
    if (!formName) return (console.error(USAGE), 2);
    const now = nowFromArgs(args);
    if (typeof now === 'string') return (console.error(now), 2);
    const forms = loadForms(config.knowledgeDir);
    const form = resolveForm(forms, formName);
    if (!form.ok) return (console.error(form.error), 2);
    const out = flagText(args, 'out');
    if (out !== undefined && !out.toLowerCase().endsWith('.png')) return (console.error(`--out 应是 .png 文件，收到「${out}」。\n${USAGE}`), 2);
    const stores = openRecordStores(config);
    try {
      const period = resolvePeriod(form.value, flagText(args, 'period'), now, stores.units);
      if (!period.ok) return (console.error(period.error), 2);
      const unitName = flagText(args, 'unit');
      const unit = unitName ? resolveFilingUnit(form.value, unitName, stores.units) : undefined;
      if (unit && !unit.ok) return (console.error(unit.error), 2);
      const { file, caption } = await progressChartFile(
        { forms, records: stores.records, units: stores.units, users: stores.users, names: createSqliteDisplayNameStore(stores.db) },
        form.value,
        period.value,
        unit?.ok ? unit.value : undefined,
      );
      const path = resolve(out ?? file.fileName);
      writeFileSync(path, file.content);
      console.log(`${caption}\n已保存：${path}`);
      return 0;
    } finally {
      stores.close();
    }
  },
};
