import { exportableForm } from '../export/exportable-form.ts';
import { convertAmount } from '../export/report-table.ts';
import type { FormDefinition } from '../forms/form-schema.ts';
import { describePeriod } from '../forms/period.ts';
import type { RecordVersion } from '../records/types.ts';
import type { UnitDirectory } from '../units/types.ts';
import type { UserProfile } from '../core/types.ts';
import { formatBeijing } from '../calendar/beijing-time.ts';
import { deadlineOf, type Deadline } from './deadlines.ts';
import type { ReporterNames } from './reporter-names.ts';
import type { RecordReturn } from './return-store.ts';

export type UnitFilingState = 'missing' | 'filed' | 'conflict';

export interface UnitStatus {
  unit: string;
  state: UnitFilingState;
  /** Target in the unit of the measured field (亩), when the form measures completion. */
  task?: number;
  /** Latest versions filed for this unit and period; more than one is a conflict to resolve, never summed. */
  records: Array<{ recordId: string; version: number; filedAt: string; reporter: string }>;
  completionPercent?: number;
  /** Beijing time of the newest version. */
  lastFiledAt?: string;
  reporter?: string;
  /** Bound reporters of the unit (who is chased when it is missing). */
  reporters: string[];
  deadline?: string;
  /** The county returned the unit's record (「退回」) and the unit has not saved a correction yet. */
  returned?: { recordId: string; version: number; reason: string; by: string; at: string };
}

export interface FormStatus {
  formId: string;
  title: string;
  period: string;
  periodLabel: string;
  scope: string;
  deadline?: { due: string; source: string; basis?: string };
  total: number;
  filed: number;
  conflicts: number;
  /** Units whose record was returned and not yet corrected. */
  returned: number;
  rows: UnitStatus[];
}

export interface StatusInput {
  form: FormDefinition;
  /** Latest versions of the form (any period, any unit). */
  records: RecordVersion[];
  units: UnitDirectory;
  names: ReporterNames;
  /** Bound users; reporters of a unit are listed next to it. */
  bound: UserProfile[];
  period: string;
  /** Only units within this one (an admin's county); undefined = every unit of the form. */
  scope?: string;
  /** Only this unit. */
  unit?: string;
  /** Standing returns of these records, by record id (ReturnStore.standing). */
  returns?: Map<string, RecordReturn>;
}

/** The units that must file the form: its counties, or their townships for a township form. */
export function unitsThatFile(form: FormDefinition, units: UnitDirectory): string[] {
  const field = form.fields.find((candidate) => candidate.key === form.unitField);
  const counties = form.scope.units.map((name) => units.find(name)?.name ?? name);
  if (field?.type !== 'township') return counties;
  return counties.flatMap((county) => units.descendants(county).filter((unit) => unit.level === 'township').map((unit) => unit.name));
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function sourceText(deadline: Deadline): string {
  const s = deadline.source;
  return `《${s.title}》${s.docNumber ? `（${s.docNumber}）` : ''}${s.section}`;
}

/** Who filed, who did not, completion against the task — missing units first. */
export function buildFormStatus(input: StatusInput): FormStatus {
  const { form, units, names, period } = input;
  const exportable = exportableForm(form);
  const program = exportable.program ? units.program(exportable.program) : undefined;
  const targetField = form.fields.find((field) => field.key === exportable.targetField);
  const inScope = (unit: string) => (!input.scope || units.isWithin(unit, input.scope) || units.isWithin(input.scope, unit)) && (!input.unit || unit === input.unit);
  const filing = unitsThatFile(form, units).filter(inScope);
  const ofPeriod = input.records.filter((record) => record.formId === form.id && record.period === period);
  // A unit that filed although not listed (e.g. moved between counties) still shows.
  for (const record of ofPeriod) if (inScope(record.unit) && !filing.includes(record.unit)) filing.push(record.unit);

  const rows = filing.map((unit): UnitStatus => {
    const own = ofPeriod.filter((record) => record.unit === unit).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const deadline = deadlineOf(form, period, unit, units);
    const raw = program ? units.target(unit, program.id) : undefined;
    const task = raw !== undefined && program && targetField ? convertAmount(raw, program.unit, targetField.unit) : undefined;
    const reporters = input.bound.filter((user) => user.role === 'reporter' && user.unit === unit).map((user) => names.labelOf(user.userKey, unit, user.displayName));
    const row: UnitStatus = {
      unit,
      state: own.length === 0 ? 'missing' : own.length === 1 ? 'filed' : 'conflict',
      ...(task !== undefined ? { task } : {}),
      records: own.map((record) => ({
        recordId: record.recordId,
        version: record.version,
        filedAt: formatBeijing(record.createdAt),
        reporter: names.labelOf(record.author.userKey, record.unit, record.author.displayName),
      })),
      reporters,
      ...(deadline ? { deadline: formatBeijing(deadline.dueDay).slice(0, 10) } : {}),
    };
    const mark = own.length === 1 ? input.returns?.get(own[0].recordId) : undefined;
    if (mark && mark.version === own[0].version) {
      row.returned = { recordId: mark.recordId, version: mark.version, reason: mark.reason, by: mark.byLabel, at: formatBeijing(mark.at) };
    }
    if (own.length) {
      row.lastFiledAt = formatBeijing(own[0].createdAt);
      row.reporter = [...new Set(row.records.map((record) => record.reporter))].join('、');
    }
    if (own.length === 1 && task && targetField) {
      const achieved = own[0].data[targetField.key];
      if (typeof achieved === 'number') row.completionPercent = round1((achieved / task) * 100);
    }
    return row;
  });
  const rank: Record<UnitFilingState, number> = { missing: 0, conflict: 1, filed: 2 };
  rows.sort((a, b) => rank[a.state] - rank[b.state] || Number(!!b.returned) - Number(!!a.returned) || (a.completionPercent ?? 0) - (b.completionPercent ?? 0));
  const deadline = deadlineOf(form, period, input.scope, units);
  return {
    formId: form.id,
    title: form.title,
    period,
    periodLabel: describePeriod(period),
    scope: input.unit ?? input.scope ?? form.scope.units.join('、'),
    ...(deadline ? { deadline: { due: formatBeijing(deadline.dueDay).slice(0, 10), source: sourceText(deadline), ...(deadline.basis ? { basis: deadline.basis } : {}) } } : {}),
    total: rows.length,
    filed: rows.filter((row) => row.state !== 'missing').length,
    conflicts: rows.filter((row) => row.state === 'conflict').length,
    returned: rows.filter((row) => row.returned).length,
    rows,
  };
}
