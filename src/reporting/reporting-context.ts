import type { FormCatalog } from '../forms/types.ts';
import type { RecordStore } from '../records/types.ts';
import type { UnitDirectory } from '../units/types.ts';
import type { DisplayNameStore } from '../users/display-name-store.ts';
import type { UserStore } from '../users/user-store.ts';
import { createReporterNames, type ReporterNames } from './reporter-names.ts';
import { buildFormStatus, type FormStatus } from './status.ts';
import type { FormDefinition } from '../forms/form-schema.ts';
import type { ReturnStore } from './return-store.ts';

/** The stores the county-side features read: status, reminders, charts. */
export interface ReportingStores {
  forms: FormCatalog;
  records: RecordStore;
  units: UnitDirectory;
  users: Pick<UserStore, 'boundUsers'>;
  names?: Pick<DisplayNameStore, 'all'>;
  /** Records the county returned (「退回」); without it no record shows as returned. */
  returns?: ReturnStore;
}

export async function reporterNames(stores: ReportingStores): Promise<ReporterNames> {
  return createReporterNames(stores.names, await stores.users.boundUsers());
}

/** Status of one form and period from the stores as they are now. */
export async function statusFromStores(stores: ReportingStores, form: FormDefinition, period: string, filter: { scope?: string; unit?: string } = {}): Promise<FormStatus> {
  const records = await stores.records.latest(form.id, { period });
  return buildFormStatus({
    form,
    records,
    returns: await stores.returns?.standing(records),
    units: stores.units,
    names: await reporterNames(stores),
    bound: await stores.users.boundUsers(),
    period,
    ...filter,
  });
}
