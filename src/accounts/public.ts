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

/**
 * auth.accounts (`api`) and the view the schema's context uses (`internal`). The context reaches
 * every use case through `api`, so a host that wraps or spies on one of auth.accounts sees every
 * call the API makes; only its authenticate answers the stored record (for the resolvers).
 */
export function publicAccounts(accounts: Accounts): { api: PublicAccounts; internal: Accounts } {
  const api: PublicAccounts = {
    ...accounts,
    async authenticate(token) {
      const found = await accounts.authenticate(token);
      return found && { ...found, user: toPublicUser(found.user) };
    },
  };
  const internal = Object.assign(Object.create(api) as Accounts, { authenticate: accounts.authenticate });
  return { api, internal };
}
