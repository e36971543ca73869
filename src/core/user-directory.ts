import type { UserProfile } from './types.ts';

/** Who a user is (role, unit). The users module provides the SQLite-backed implementation. */
export interface UserDirectory {
  profile(userKey: string, displayName?: string): Promise<UserProfile>;
}

/** Everyone is an unbound farmer: the default until invites bind users to units. */
export const anonymousDirectory: UserDirectory = {
  profile: async (userKey, displayName) => ({ userKey, role: 'farmer', displayName }),
};
