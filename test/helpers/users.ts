// Accounts for stories that need a particular kind of caller: a plain user, staff, a superuser.
// They register over the API; flags (which no API can grant to a first user) are set through the real store.
import { randomBytes } from 'node:crypto';
import { PASSWORD, login, register } from './journeys';
import type { TestServer } from './server';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** A session token from login. */
  token: string;
}

/** A password that passes the policy and differs from every other test user's. */
export function uniquePassword(): string {
  return `correct horse battery ${randomBytes(4).toString('hex')}`;
}

/**
 * Registers `email`, makes the account active (when the server sends activation emails),
 * sets the given flags through the store, and logs in.
 */
export async function createUser(
  server: TestServer,
  email: string,
  options: { isStaff?: boolean; isSuperuser?: boolean; password?: string; fields?: Record<string, unknown> } = {},
): Promise<TestUser> {
  const password = options.password ?? uniquePassword();
  const registered = await register(server, { email, password, ...options.fields });
  if (registered.__typename !== 'RegisterSuccess') throw new Error(`register ${email} failed: ${JSON.stringify(registered)}`);
  const id: string = registered.user.id;
  const flags: Record<string, unknown> = {};
  if (!registered.user.isActive) Object.assign(flags, { isActive: true, activatedAt: new Date() });
  if (options.isStaff) flags.isStaff = true;
  if (options.isSuperuser) flags.isSuperuser = true;
  if (Object.keys(flags).length) await server.store.users.updateUser(id, flags);
  const token = await login(server, { email, password });
  return { id, email, password, token };
}

/** A member who registered with PASSWORD (active unless the server sends activation emails), not logged in yet. */
export async function member(server: Pick<TestServer, 'gql'>, email: string, fields: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
  const registered = await register(server, { email, password: PASSWORD, ...fields });
  expect(registered.__typename).toBe('RegisterSuccess');
  return { id: registered.user.id, email: registered.user.email };
}

/** A member who registered with PASSWORD and logged in once. */
export const loggedInMember = (server: TestServer, email: string, fields?: Record<string, unknown>) => createUser(server, email, { password: PASSWORD, fields });

/** A staff member (not a superuser). */
export const createStaff = (server: TestServer, email: string, options: { password?: string } = {}) =>
  createUser(server, email, { ...options, isStaff: true });

/** A superuser, who is staff as well (as `authql create-admin` makes them). */
export const createSuperuser = (server: TestServer, email: string, options: { password?: string } = {}) =>
  createUser(server, email, { ...options, isStaff: true, isSuperuser: true });
