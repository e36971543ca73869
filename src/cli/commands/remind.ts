import { createConfiguredChannels } from '../../channels/configured-channels.ts';
import { createOutbox } from '../../notify/notifier.ts';
import { deliverReminders } from '../../reporting/deliver-reminders.ts';
import { DEFAULT_QUIET_HOURS, describeQuietHours, isQuiet, parseQuietHours } from '../../reporting/quiet-hours.ts';
import { planManualReminders } from '../../reporting/reminder-plan.ts';
import { reporterNames } from '../../reporting/reporting-context.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';
import { openReportingRequest } from './reporting-request.ts';

const USAGE = '用法：gengbao remind <表单> [--period <期间>] [--unit <县>] [--dry-run] [--json] [--now <时间>]';
const RESULT_LABEL = { sent: '已发送', 'would-send': '将发送', 'already-sent': '今天已催过', failed: '未送达' } as const;

export const remindCommand: Command = {
  name: 'remind',
  summary: '催报：给未填报单位的填报员发提醒（--dry-run 只列出不发送），每人每天一次，夜间不发',
  booleanFlags: ['dry-run'],
  async run(args) {
    const config = configFromArgs(args);
    const request = await openReportingRequest(args, config, USAGE);
    if (typeof request === 'string') return (console.error(request), 2);
    const { form, period, unit, now, stores, reporting } = request;
    const dryRun = args.flags['dry-run'] === true;
    try {
      const quietHours = parseQuietHours(config.env.GENGBAO_QUIET_HOURS) ?? DEFAULT_QUIET_HOURS;
      const quiet = isQuiet(now, quietHours);
      if (quiet && !dryRun) {
        console.error(`现在是夜间免打扰时段（北京时间 ${describeQuietHours(quietHours)}），不发送。可加 --dry-run 查看将发给谁。`);
        return 1;
      }
      const store = stores.reminders;
      const planned = await planManualReminders({ stores: reporting, now, optedOut: (key) => store.optedOut(key) }, form, period, unit);
      // Sending uses the configured channels' own senders (no polling or webhook is started).
      const outbox = createOutbox();
      if (!dryRun) {
        const channels = createConfiguredChannels({ config, conversation: { handle: async () => [] }, logger: { info: () => undefined, warn: (m) => console.error(m), error: (m) => console.error(m) } });
        for (const notifier of channels.notifiers) outbox.register(notifier);
      }
      const outcomes = await deliverReminders(planned, { outbox, store, now, dryRun });
      const names = await reporterNames(reporting);
      if (args.flags.json) {
        console.log(JSON.stringify({ formId: form.id, period: period, dryRun, quiet, outcomes: outcomes.map((o) => ({ ...o, reporter: names.labelOf(o.userKey, o.unit) })) }, null, 2));
      } else if (!outcomes.length) {
        console.log(`「${form.title}」${period}：没有需要催报的填报员（都已填报，或未填报的单位没有绑定填报员、已关闭提醒）。`);
      } else {
        for (const o of outcomes) console.log(`${RESULT_LABEL[o.result]} → ${names.labelOf(o.userKey, o.unit)} ${o.userKey}${o.reason ? `（${o.reason}）` : ''}\n  ${o.text}`);
      }
      return outcomes.some((o) => o.result === 'failed') ? 1 : 0;
    } finally {
      stores.close();
    }
  },
};
