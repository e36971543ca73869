import { formatFormStatus } from '../../reporting/format-status.ts';
import { statusFromStores } from '../../reporting/reporting-context.ts';
import { unitsThatFile } from '../../reporting/status.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';
import { openReportingRequest } from './reporting-request.ts';

const USAGE = '用法：gengbao status <表单> [--period <期间>] [--unit <单位>] [--json] [--now <时间>]';

export const statusCommand: Command = {
  name: 'status',
  summary: '某一期各单位的填报进度：是否已报、记录编号和版本、完成率、填报人（未填报的排在前面）',
  usage: USAGE,
  async run(args) {
    const request = await openReportingRequest(args, configFromArgs(args), USAGE);
    if (typeof request === 'string') return (console.error(request), 2);
    const { form, period, unit, stores, reporting } = request;
    try {
      const filter = !unit ? {} : unitsThatFile(form, stores.units).includes(unit) ? { unit } : { scope: unit };
      const status = await statusFromStores(reporting, form, period, filter);
      console.log(args.flags.json ? JSON.stringify(status, null, 2) : formatFormStatus(status));
      return 0;
    } finally {
      stores.close();
    }
  },
};
