import { loadForms } from '../../forms/load-forms.ts';
import { openRecordStores } from '../../records/open-stores.ts';
import { formatFormStatus } from '../../reporting/format-status.ts';
import { statusFromStores } from '../../reporting/reporting-context.ts';
import { resolveFilingUnit, resolveForm, resolvePeriod } from '../../reporting/status-request.ts';
import { unitsThatFile } from '../../reporting/status.ts';
import { createSqliteDisplayNameStore } from '../../users/display-name-store.ts';
import { flagText, type ParsedArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { configFromArgs } from '../config-from-args.ts';

const USAGE = '用法：gengbao status <表单> [--period <期间>] [--unit <单位>] [--json] [--now <时间>]';

/** --now 2026-06-22T10:00+08:00 moves the clock (checks and rehearsals); default: the real time. */
export function nowFromArgs(args: ParsedArgs): Date | string {
  const text = flagText(args, 'now');
  if (!text) return new Date();
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? `--now「${text}」不是有效的时间，请写成 2026-06-22T10:00+08:00。` : date;
}

export const statusCommand: Command = {
  name: 'status',
  summary: '某一期各单位的填报进度：是否已报、记录编号和版本、完成率、填报人（未填报的排在前面）',
  usage: USAGE,
  async run(args) {
    const config = configFromArgs(args);
    const [formName] = args.positional;
    if (!formName) {
      console.error(USAGE);
      return 2;
    }
    const now = nowFromArgs(args);
    if (typeof now === 'string') return (console.error(now), 2);
    const forms = loadForms(config.knowledgeDir);
    const form = resolveForm(forms, formName);
    if (!form.ok) return (console.error(form.error), 2);
    const stores = openRecordStores(config);
    try {
      const period = resolvePeriod(form.value, flagText(args, 'period'), now, stores.units);
      if (!period.ok) return (console.error(period.error), 2);
      const unitName = flagText(args, 'unit');
      let filter: { unit?: string; scope?: string } = {};
      if (unitName) {
        const unit = resolveFilingUnit(form.value, unitName, stores.units);
        if (!unit.ok) return (console.error(unit.error), 2);
        filter = unitsThatFile(form.value, stores.units).includes(unit.value) ? { unit: unit.value } : { scope: unit.value };
      }
      const status = await statusFromStores(
        { forms, records: stores.records, units: stores.units, users: stores.users, names: createSqliteDisplayNameStore(stores.db) },
        form.value,
        period.value,
        filter,
      );
      console.log(args.flags.json ? JSON.stringify(status, null, 2) : formatFormStatus(status));
      return 0;
    } finally {
      stores.close();
    }
  },
};
