// auth.accounts as a host sees it: every use case, and never an internal record (no hashes,
// no sealed secrets). Only `authenticate` answers a record inside; here it answers the public user.
import type { Accounts } from './index';
import type { Authenticated } from './sessions';
import { toPublicUser, type PublicUser } from './users';

/** Who a credential belongs to, as auth.accounts answers it. */
export type PublicAuthenticated = Omit<Authenticated, 'user'> & { user: PublicUser };

export type PublicAccounts = Omit<Accounts, 'authenticate'> & {
  authenticate(token: string): Promise<PublicAuthenticated | null>;
};

export function publicAccounts(accounts: Accounts): PublicAccounts {
  return {
    ...accounts,
    async authenticate(token) {
      const found = await accounts.authenticate(token);
      return found && { ...found, user: toPublicUser(found.user) };
    },
  };
}
