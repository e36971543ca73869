import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { progressChartFile } from '../../reporting/chart/chart-file.ts';
import { flagText } from '../args.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';
import { openReportingRequest } from './reporting-request.ts';

const USAGE = '用法：gengbao chart <表单> [--period <期间>] [--unit <县>] [--out <文件.png>] [--now <时间>]';

export const chartCommand: Command = {
  name: 'chart',
  summary: '进度图（PNG）：各单位任务与完成、各期累计',
  async run(args) {
    const out = flagText(args, 'out');
    if (out !== undefined && !out.toLowerCase().endsWith('.png')) return (console.error(`--out 应是 .png 文件，收到「${out}」。\n${USAGE}`), 2);
    const request = await openReportingRequest(args, configFromArgs(args), USAGE);
    if (typeof request === 'string') return (console.error(request), 2);
    const { form, period, unit, stores, reporting } = request;
    try {
      const { file, caption } = await progressChartFile(reporting, form, period, unit);
      const path = resolve(out ?? file.fileName);
      writeFileSync(path, file.content);
      console.log(`${caption}\n已保存：${path}`);
      return 0;
    } finally {
      stores.close();
    }
  },
};
