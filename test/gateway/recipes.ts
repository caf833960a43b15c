// The stories every embedding recipe must pass, told from the end user's side of the gateway:
// the journey (register → login → me → logout), per-IP limits that hold per end user, and
// RATE_LIMITED with its retryAfter arriving intact.
import type { AuthOptions } from 'authql';
import { PASSWORD } from '../helpers/journeys';
import { TEST_SECRET, testDatabaseUri, uniqueDbName } from '../helpers/server';
import { dropTestDatabase } from '../helpers/database';
import type { Cleanup } from '../helpers/resources';
import { endUser, type Answer, type EndUser } from './http';

export { PASSWORD };

/** How a host named authql's schema (`schema.typePrefix`, `schema.rootFieldPrefix`). */
export interface SchemaNames {
  typePrefix?: string;
  rootFieldPrefix?: string;
}

/**
 * The journey's operations under those names; each answer is aliased `result`, so the stories
 * read the same whatever the names.
 */
export function journeyOperations({ typePrefix = '', rootFieldPrefix = '' }: SchemaNames = {}) {
  const type = (name: string) => `${typePrefix}${name}`;
  const field = (name: string) => `${rootFieldPrefix}${name}`;
  return {
    register: `mutation Register($input: ${type('RegisterInput')}!) {
      result: ${field('register')}(input: $input) {
        __typename
        ... on ${type('RegisterSuccess')} { token user { id email isActive } }
        ... on ${type('Error')} { code message }
      }
    }`,
    login: `mutation Login($input: ${type('LoginInput')}!) {
      result: ${field('login')}(input: $input) {
        __typename
        ... on ${type('LoginSuccess')} { token user { id email } }
        ... on ${type('Error')} { code message }
      }
    }`,
    me: `query Me { result: ${field('me')} { id email } }`,
    logout: `mutation Logout { result: ${field('logout')} { __typename ... on ${type('LogoutSuccess')} { ok } } }`,
  };
}

/** authql's options in a recipe's test: emails kept in memory, nothing logged but errors. */
export const QUIET = {
  email: { transport: { jsonTransport: true } },
  logger: { info: () => undefined, warn: () => undefined, error: (message: string, fields?: object) => console.error(message, fields) },
} satisfies Partial<AuthOptions>;

/** authql's options for a recipe's test: the run's database (dropped afterwards), quiet. */
export function recipeAuthOptions(cleanup: Cleanup, name: string, options: Partial<AuthOptions> = {}): AuthOptions {
  const dbName = uniqueDbName(`authql_${name}`);
  cleanup.push(() => dropTestDatabase(dbName));
  return { mongodb: { uri: testDatabaseUri(), dbName }, secret: TEST_SECRET, ...QUIET, ...options };
}

function answered(answer: Answer): { __typename: string; [field: string]: any } {
  expect(answer.errors).toBeUndefined();
  return answer.data.result;
}

/** Token mode: the token from login authenticates `me` until logout, and not after. */
export async function expectTokenJourney(url: string, email: string, names: SchemaNames = {}, client: EndUser = endUser(url)) {
  const operations = journeyOperations(names);
  const registered = answered(await client.post(operations.register, { input: { email, password: PASSWORD } }));
  expect(registered).toMatchObject({ __typename: `${names.typePrefix ?? ''}RegisterSuccess`, user: { email, isActive: true } });

  const loggedIn = answered(await client.post(operations.login, { input: { email, password: PASSWORD } }));
  expect(loggedIn).toMatchObject({ __typename: `${names.typePrefix ?? ''}LoginSuccess`, user: { id: registered.user.id, email } });
  const token: string = loggedIn.token;
  expect(token).toEqual(expect.any(String));

  expect(answered(await client.post(operations.me, {}, { token }))).toEqual({ id: registered.user.id, email });
  expect(answered(await client.post(operations.logout, {}, { token }))).toEqual({ __typename: `${names.typePrefix ?? ''}LogoutSuccess`, ok: true });

  // The session is over: the same token is refused, not taken for anonymous.
  const after = await client.post(operations.me, {}, { token });
  expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  return { userId: registered.user.id as string };
}

/**
 * Cookie mode through the gateway: authql's Set-Cookie reaches the browser, the cookie sent back
 * authenticates `me`, and logout's clearing Set-Cookie arrives (the cookie is gone, the session too).
 */
export async function expectCookieJourney(url: string, email: string, origin: string, names: SchemaNames = {}) {
  const browser = endUser(url, { origin });
  const operations = journeyOperations(names);
  const registered = answered(await browser.post(operations.register, { input: { email, password: PASSWORD } }));
  expect(registered.__typename).toBe(`${names.typePrefix ?? ''}RegisterSuccess`);

  const login = await browser.post(operations.login, { input: { email, password: PASSWORD } });
  expect(answered(login)).toMatchObject({ __typename: `${names.typePrefix ?? ''}LoginSuccess`, token: null, user: { email } });
  const setCookie = login.headers.getSetCookie();
  expect(setCookie).toEqual([expect.stringMatching(/^authql_session=[^;]+;.*HttpOnly/)]);
  const session = browser.cookies.get('authql_session')!;

  expect(answered(await browser.post(operations.me))).toEqual({ id: registered.user.id, email });

  const logout = await browser.post(operations.logout);
  expect(answered(logout)).toEqual({ __typename: `${names.typePrefix ?? ''}LogoutSuccess`, ok: true });
  expect(logout.headers.getSetCookie()).toEqual([expect.stringMatching(/^authql_session=;.*Max-Age=0/)]);
  expect(browser.cookies.has('authql_session')).toBe(false);
  expect(answered(await browser.post(operations.me))).toBeNull();

  // The old cookie, replayed, is refused: logout ended the session at authql, not only in the browser.
  const replayed = await browser.post(operations.me, {}, { headers: { cookie: `authql_session=${session}` } });
  expect(replayed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
}

/**
 * authql's register limit (10 an hour per address) counts each end user on their own: the 11th
 * sign-up from one address is RATE_LIMITED — HTTP 200 for a client accepting only
 * application/json, with `extensions.code` and `retryAfter` intact and the Retry-After header — while an end user at another
 * address still signs up. Without the gateway forwarding their addresses, they share one budget.
 */
export async function expectPerUserSignUpLimit(url: string, tag: string, [first, second]: [string, string], names: SchemaNames = {}) {
  const operations = journeyOperations(names);
  const one = endUser(url, { address: first });
  const other = endUser(url, { address: second });
  const signUp = (client: EndUser, n: number) => client.post(operations.register, { input: { email: `${tag}.${n}@example.com`, password: PASSWORD } });

  for (let n = 1; n <= 10; n += 1) expect(answered(await signUp(one, n)).__typename).toBe(`${names.typePrefix ?? ''}RegisterSuccess`);
  const eleventh = await signUp(one, 11);
  expect(eleventh.status).toBe(200);
  expect(eleventh.errors).toHaveLength(1);
  const [refusal] = eleventh.errors!;
  expect(refusal.extensions?.code).toBe('RATE_LIMITED');
  expect(refusal.extensions?.retryAfter).toEqual(expect.any(Number));
  expect(refusal.extensions?.retryAfter).toBeGreaterThan(0);
  expect(Number.isInteger(refusal.extensions?.retryAfter)).toBe(true);
  // authql's Retry-After header reaches the end user too.
  expect(eleventh.headers.get('retry-after')).toBe(String(refusal.extensions?.retryAfter));

  expect(answered(await signUp(other, 12)).__typename).toBe(`${names.typePrefix ?? ''}RegisterSuccess`);
}
