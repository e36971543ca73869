import type { RuleRegistry } from '../rules/types.ts';
import { createUnitDirectory } from '../units/unit-directory.ts';
import { defaultNewId } from './form-start.ts';
import type { FormDefinition } from './form-schema.ts';
import { createFormCatalog } from './load-forms.ts';
import type { CheckedFormDependencies } from './types.ts';

/**
 * What the form loop is given for forms that are checked, not filed (eligibility): their questions ask
 * for no county or township, so no unit is offered, and nothing is saved: there is no record store.
 */
export function checkFormDependencies(forms: FormDefinition[], rules: RuleRegistry): CheckedFormDependencies {
  return {
    forms: createFormCatalog(forms),
    rules,
    records: null,
    users: { canAccessUnit: () => false },
    units: createUnitDirectory([]),
    newId: defaultNewId,
    extractor: null,
    onRecordReplaced: null,
  };
}
