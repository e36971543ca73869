import { UnknownUnitError } from '../../users/user-store.ts';

/** Runs a binding action; an unknown unit is the user's input error (message, exit 2), anything else propagates. */
export async function exitTwoOnUnknownUnit(action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof UnknownUnitError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}
