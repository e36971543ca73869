import type { UserDirectory } from '../core/user-directory.ts';
import type { SubmitContext, SubmitResult } from './submit-form-values.ts';
import type { FormCatalog } from './types.ts';

/** What whole-form cards (any channel) need from the composition root: the forms, the form skill's whole-submission check, the users. */
export interface FormCardDependencies {
  forms: FormCatalog;
  /** The form skill's submitFormValues: same parsing, validation and checks as the field-by-field chat. */
  submit(formId: string, values: Record<string, string>, ctx: SubmitContext): SubmitResult;
  users: UserDirectory;
}
