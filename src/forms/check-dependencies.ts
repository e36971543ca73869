import type { RecordStore } from '../records/types.ts';
import type { RuleRegistry } from '../rules/types.ts';
import { createUnitDirectory } from '../units/unit-directory.ts';
import { defaultNewId } from './form-start.ts';
import type { FormDefinition } from './form-schema.ts';
import { createFormCatalog } from './load-forms.ts';
import type { FormSkillDependencies } from './types.ts';

/**
 * What the form loop is given for forms that are checked, not filed (eligibility): their questions ask
 * for no county or township, so no unit is offered, and nothing is saved — reaching for the record store
 * is a bug and says so.
 */
export function checkFormDependencies(forms: FormDefinition[], rules: RuleRegistry): Required<FormSkillDependencies> {
  return {
    forms: createFormCatalog(forms),
    rules,
    get records(): RecordStore {
      throw new Error(`A checked form (${forms.map((form) => form.id).join(', ')}) reads and saves no records.`);
    },
    users: { canAccessUnit: () => false },
    units: createUnitDirectory([]),
    newId: defaultNewId,
    extractor: null,
    onRecordReplaced: null,
  };
}
