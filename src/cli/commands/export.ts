import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config.ts';
import { exportReport } from '../../export/export-report.ts';
import { resolveExportableForm } from '../../export/resolve-form.ts';
import { openRecordStores } from '../../records/open-stores.ts';
import { describeKnownUnits } from '../../units/describe-units.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';

const USAGE = '用法：gengbao export <表单> [--unit <县或乡镇>] [--period <期间>] [--format xlsx|csv] [--out <文件>]';

export const exportCommand: Command = {
  name: 'export',
  summary: '导出报表（每单位一行、合计行、任务完成率），xlsx 或 csv',
  async run(args) {
    const config = loadConfig({ knowledge: flagText(args, 'knowledge'), data: flagText(args, 'data') });
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
    const stores = openRecordStores(config);
    try {
      const resolved = resolveExportableForm(config.knowledgeDir, formName, stores.records);
      if (!resolved.ok) {
        console.error(resolved.error);
        return 2;
      }
      const unitName = flagText(args, 'unit');
      const unit = unitName ? stores.units.find(unitName) : undefined;
      if (unitName && !unit) {
        console.error(`未知单位「${unitName}」。已知单位：\n${describeKnownUnits(stores.units)}`);
        return 2;
      }
      let period = flagText(args, 'period');
      if (period) {
        const normalized = resolved.normalizePeriod(period);
        if (!normalized.ok) {
          console.error(`--period「${period}」无法识别：${normalized.error}`);
          return 2;
        }
        period = normalized.value;
      }
      const { file, table } = await exportReport({
        form: resolved.form,
        records: stores.records,
        units: stores.units,
        scope: unit?.name,
        period,
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
