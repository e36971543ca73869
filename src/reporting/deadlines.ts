import type { FormDefinition } from '../forms/form-schema.ts';
import type { UnitDirectory } from '../units/types.ts';
import { beijingInstant, DAY_MS } from '../calendar/beijing-time.ts';
import type { DeadlineDefinition, DueRule } from '../forms/deadline-schema.ts';
import { periodSpan, periodsOfForm, periodStart, type PeriodSpan } from './periods.ts';

export interface Deadline {
  period: string;
  /** The first instant after the due day (Beijing midnight): filing before it is on time. */
  dueEnd: Date;
  /** Beijing midnight starting the due day. */
  dueDay: Date;
  /** Where the rule comes from: the form's source clause or the county's override. */
  source: DeadlineDefinition['source'];
  basis?: string;
  /** The unit whose override applied, if any. */
  overriddenBy?: string;
}

function dueDayOf(span: PeriodSpan, rule: DueRule): Date {
  const month = rule.month === 'last' ? span.lastMonth : span.lastMonth + 1;
  // Day beyond the month's end (31 in June) means its last day.
  const lastDay = new Date(Date.UTC(span.year, month, 0)).getUTCDate();
  return beijingInstant(span.year, month, Math.min(rule.day, lastDay));
}

/** The override of the unit itself or of the nearest ancestor (a county's notice covers its townships). */
function overrideFor(definition: DeadlineDefinition, unit: string | undefined, units: UnitDirectory) {
  if (!unit) return undefined;
  const chain = [unit, ...units.ancestors(unit).map((u) => u.name)];
  for (const name of chain) {
    const found = definition.overrides.find((override) => (units.find(override.unit)?.name ?? override.unit) === name);
    if (found) return found;
  }
  return undefined;
}

/** When a period of a form is due for a unit; undefined when the form has no deadline or the period is not recognised. */
export function deadlineOf(form: FormDefinition, period: string, unit: string | undefined, units: UnitDirectory): Deadline | undefined {
  const definition = form.deadline;
  const span = periodSpan(period);
  if (!definition || !span) return undefined;
  const override = overrideFor(definition, unit, units);
  const dueDay = dueDayOf(span, override ?? definition);
  return {
    period,
    dueDay,
    dueEnd: new Date(dueDay.getTime() + DAY_MS),
    source: override?.source ?? definition.source,
    ...(override ? { overriddenBy: override.unit } : definition.basis ? { basis: definition.basis } : {}),
  };
}

/** Whether the period has not started yet at `now` (nothing can be due or filed for it). */
export function isFuturePeriod(period: string, now: Date): boolean {
  const span = periodSpan(period);
  return !!span && periodStart(span).getTime() > now.getTime();
}

/**
 * The period a status question means when none is named: the one whose deadline is the next to come
 * (or today), else the last one that has started.
 */
export function currentPeriod(form: FormDefinition, now: Date, units: UnitDirectory): string | undefined {
  const periods = periodsOfForm(form).filter((span) => periodStart(span).getTime() <= now.getTime());
  if (!periods.length) return undefined;
  if (form.deadline) {
    const open = periods.find((span) => (deadlineOf(form, span.value, undefined, units)?.dueEnd.getTime() ?? 0) > now.getTime());
    if (open) return open.value;
  }
  return periods.at(-1)!.value;
}
