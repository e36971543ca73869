import { UnknownUnitError } from '../../users/user-store.ts';

/** Runs a binding action; an unknown unit is the user's input error (message, exit 2), anything else propagates. */
export function exitTwoOnUnknownUnit(action: () => number): number {
  try {
    return action();
  } catch (error) {
    if (error instanceof UnknownUnitError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}
