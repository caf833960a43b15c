// Two instances on one database, each remembering callers for a moment (authCache): whatever
// ends a credential or changes a user is refused at once on the instance that did it, and on
// the other within the cache's TTL; with the TTL at 0 it is refused there at once too.
// Real HTTP, a real database, real time (the cache's bound is wall-clock time).
import { AuthCache, type CachedCaller } from '../src/accounts/auth-cache';
import type { UserRecord } from '../src/store';
import { NEW_PASSWORD, login } from './helpers/journeys';
import { startTestServer, type TestServer, withSmtpServer } from './helpers/server';
import { createStaff, createUser, type TestUser } from './helpers/users';
import { graphql } from './generated';

/** authCache.ttl's default. */
const TTL_SECONDS = 2;
// Polling, scheduling and a loaded machine: how late a refusal may be observed past the TTL.
const MARGIN_MS = 750;

const LOGOUT = graphql(`mutation Logout { logout { __typename } }`);
const LOGOUT_ALL = graphql(`mutation LogoutAll { logoutAll { __typename } }`);
const SESSIONS = graphql(`query AuthCacheSessions { sessions { id current } }`);
const REVOKE = graphql(`mutation Revoke($input: RevokeSessionInput!) { revokeSession(input: $input) { __typename } }`);
const SET_PASSWORD = graphql(`mutation SetPassword($input: SetPasswordInput!) { setPassword(input: $input) { __typename } }`);
const UPDATE_USER = graphql(`mutation AuthCacheUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename } }`);
const DELETE_ME = graphql(`mutation DeleteMeTypename($input: DeleteMeInput!) { deleteMe(input: $input) { __typename } }`);
const JWT_CREATE = graphql(`mutation AuthCacheJwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access } } }`);
const ME = graphql(`query AuthCacheMe { me { id isStaff } }`);
const USERS = graphql(`query Users { users(first: 10) { edges { node { id } } } }`);

const smtp = withSmtpServer();
const servers: TestServer[] = [];
let emails = 0;

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** Instances A and B on one database, with the default cache or the given TTL (seconds). */
async function twoInstances(ttl?: number, options: Parameters<typeof startTestServer>[0] = {}): Promise<[TestServer, TestServer]> {
  const cache = ttl === undefined ? {} : { authCache: { ttl } };
  const a = await startTestServer({ ...options, ...cache }, { smtp });
  servers.push(a);
  const b = await startTestServer({ ...options, ...cache }, { smtp, dbName: a.dbName });
  servers.push(b);
  return [a, b];
}

type Credential = { token: string } | { bearer: string };
const header = (credential: Credential) =>
  'token' in credential ? { token: credential.token } : { headers: { authorization: `Bearer ${credential.bearer}` } };

/** What `me` answers on this server: the user's id, or the error code. */
async function me(server: TestServer, credential: Credential): Promise<string> {
  const response = await server.gql(ME, {}, header(credential));
  return response.data?.me?.id ?? String(response.errors?.[0]?.extensions?.code);
}

/** Polls `me` on the server until the credential is refused; answers how long that took (ms). */
async function msUntilRefused(server: TestServer, credential: Credential, since: number): Promise<number> {
  const deadline = since + (TTL_SECONDS * 1000 + MARGIN_MS) * 3;
  while (performance.now() < deadline) {
    if ((await me(server, credential)) === 'UNAUTHENTICATED') return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the credential was never refused');
}

/** Both instances know the caller (and so have it cached). */
async function warm(user: TestUser, credential: Credential, ...on: TestServer[]): Promise<void> {
  for (const server of on) expect(await me(server, credential)).toBe(user.id);
}

/**
 * Runs `change` on A and checks the credential: refused on A in the very next request, and
 * on B within the TTL (at once when `immediate`).
 */
async function expectRefused(a: TestServer, b: TestServer, credential: Credential, change: () => Promise<void>, immediate = false): Promise<void> {
  await change();
  const changed = performance.now();
  expect(await me(a, credential)).toBe('UNAUTHENTICATED');
  const onB = await msUntilRefused(b, credential, changed);
  expect(onB).toBeLessThan(immediate ? MARGIN_MS : TTL_SECONDS * 1000 + MARGIN_MS);
}

async function user(server: TestServer, options: Parameters<typeof createUser>[2] = {}): Promise<TestUser> {
  emails += 1;
  return createUser(server, `cached${emails}@example.com`, options);
}

/** Another session of the same user (another device). */
function loginAgain(server: TestServer, who: TestUser): Promise<string> {
  return login(server, { email: who.email, password: who.password });
}

async function jwtFor(server: TestServer, who: TestUser): Promise<string> {
  const response = await server.gql(JWT_CREATE, { input: { email: who.email, password: who.password } });
  return response.data.jwtCreate.access;
}

describe(`with the default cache (TTL ${TTL_SECONDS} s)`, () => {
  test('a logout on A ends the session on A at once and on B within the TTL', async () => {
    const [a, b] = await twoInstances();
    const ada = await user(a);
    await warm(ada, { token: ada.token }, a, b);
    await expectRefused(a, b, { token: ada.token }, async () => {
      expect((await a.gql(LOGOUT, {}, { token: ada.token })).data.logout.__typename).toBe('LogoutSuccess');
    });
  });

  test('logging out everywhere on A ends every session of the user, on A at once and on B within the TTL', async () => {
    const [a, b] = await twoInstances();
    const ada = await user(a);
    const phone = { token: await loginAgain(a, ada) };
    await warm(ada, { token: ada.token }, a, b);
    await warm(ada, phone, a, b);
    await expectRefused(a, b, phone, async () => {
      expect((await a.gql(LOGOUT_ALL, {}, { token: ada.token })).data.logoutAll.__typename).toBe('LogoutAllSuccess');
    });
    expect(await me(a, { token: ada.token })).toBe('UNAUTHENTICATED');
    expect(await me(b, { token: ada.token })).toBe('UNAUTHENTICATED');
  });

  test('a session revoked from another device on A is refused on A at once and on B within the TTL', async () => {
    const [a, b] = await twoInstances();
    const ada = await user(a);
    const other = await user(a);
    const second = await loginAgain(a, ada);
    await warm(ada, { token: second }, a, b);
    const listed = await a.gql(SESSIONS, {}, { token: ada.token });
    const target = listed.data.sessions.find((s: { current: boolean }) => !s.current);
    await expectRefused(a, b, { token: second }, async () => {
      expect((await a.gql(REVOKE, { input: { id: target!.id } }, { token: ada.token })).data.revokeSession.__typename).toBe('RevokeSessionSuccess');
    });
    // Someone else's session stays usable everywhere.
    expect(await me(b, { token: other.token })).toBe(other.id);
  });

  test('a password change on A (logoutOnPasswordChange) ends the sessions on A at once and on B within the TTL', async () => {
    const [a, b] = await twoInstances(undefined, { logoutOnPasswordChange: true });
    const ada = await user(a);
    await warm(ada, { token: ada.token }, a, b);
    await expectRefused(a, b, { token: ada.token }, async () => {
      const changed = await a.gql(SET_PASSWORD, { input: { currentPassword: ada.password, newPassword: NEW_PASSWORD } }, { token: ada.token });
      expect(changed.data.setPassword.__typename).toBe('SetPasswordSuccess');
    });
  });

  test('a password change on A refuses the JWT access tokens issued before it, on A at once and on B within the TTL', async () => {
    const [a, b] = await twoInstances();
    const ada = await user(a);
    const jwt = { bearer: await jwtFor(a, ada) };
    await warm(ada, jwt, a, b);
    await expectRefused(a, b, jwt, async () => {
      const changed = await a.gql(SET_PASSWORD, { input: { currentPassword: ada.password, newPassword: NEW_PASSWORD } }, { token: ada.token });
      expect(changed.data.setPassword.__typename).toBe('SetPasswordSuccess');
    });
  });

  test('staff deactivating a user on A refuses the user’s session and JWT on A at once and on B within the TTL', async () => {
    const [a, b] = await twoInstances();
    const staff = await createStaff(a, `staff${(emails += 1)}@example.com`);
    const ada = await user(a);
    const jwt = { bearer: await jwtFor(a, ada) };
    await warm(ada, { token: ada.token }, a, b);
    await warm(ada, jwt, a, b);
    await expectRefused(a, b, jwt, async () => {
      const updated = await a.gql(UPDATE_USER, { input: { id: ada.id, isActive: false } }, { token: staff.token });
      expect(updated.data.updateUser.__typename).toBe('UpdateUserSuccess');
    });
    expect(await me(a, { token: ada.token })).toBe('UNAUTHENTICATED');
    expect(await me(b, { token: ada.token })).toBe('UNAUTHENTICATED');
  });

  test('a staff member demoted on A is refused on A at once and on B within the TTL (a demotion ends the sessions)', async () => {
    const [a, b] = await twoInstances();
    const boss = await createUser(a, `boss${(emails += 1)}@example.com`, { isStaff: true, isSuperuser: true });
    const staff = await createStaff(a, `demoted${(emails += 1)}@example.com`);
    expect((await b.gql(USERS, {}, { token: staff.token })).data.users.edges).toHaveLength(2);
    await expectRefused(a, b, { token: staff.token }, async () => {
      expect((await a.gql(UPDATE_USER, { input: { id: staff.id, isStaff: false } }, { token: boss.token })).data.updateUser.__typename).toBe('UpdateUserSuccess');
    });
  });

  test('an account deleted on A is refused on A at once and on B within the TTL', async () => {
    const [a, b] = await twoInstances();
    const ada = await user(a);
    await warm(ada, { token: ada.token }, a, b);
    await expectRefused(a, b, { token: ada.token }, async () => {
      expect((await a.gql(DELETE_ME, { input: { currentPassword: ada.password } }, { token: ada.token })).data.deleteMe.__typename).toBe('DeleteMeSuccess');
    });
  });
});

describe('with authCache.ttl 0 (no cache)', () => {
  test('a logout on A is refused on B at once', async () => {
    const [a, b] = await twoInstances(0);
    const ada = await user(a);
    await warm(ada, { token: ada.token }, a, b);
    await expectRefused(a, b, { token: ada.token }, async () => {
      await a.gql(LOGOUT, {}, { token: ada.token });
    }, true);
    expect(await me(b, { token: ada.token })).toBe('UNAUTHENTICATED');
  });

  test('a deactivation on A refuses the user’s JWT on B at once', async () => {
    const [a, b] = await twoInstances(0);
    const staff = await createStaff(a, `staff${(emails += 1)}@example.com`);
    const ada = await user(a);
    const jwt = { bearer: await jwtFor(a, ada) };
    await warm(ada, jwt, a, b);
    await expectRefused(a, b, jwt, async () => {
      await a.gql(UPDATE_USER, { input: { id: ada.id, isActive: false } }, { token: staff.token });
    }, true);
  });
});

describe('the cache itself', () => {
  const caller = (id: string, sessionId: string): CachedCaller => ({
    user: { id, profile: {} } as UserRecord,
    session: { id: sessionId, userId: id, createdAt: new Date(), lastUsedAt: new Date(), expiresAt: new Date(), userAgent: null, ip: null, authenticatedAt: null },
    claims: null,
  });

  test('holds at most `max` credentials, dropping the least recently used', async () => {
    const cache = new AuthCache({ ttl: 60, max: 2 });
    let reads = 0;
    const read = (id: string) => () => Promise.resolve((reads += 1, caller(id, `s-${id}`)));
    await cache.remember('a', read('a'));
    await cache.remember('b', read('b'));
    await cache.remember('a', read('a')); // a is now the most recent
    await cache.remember('c', read('c')); // evicts b
    expect(cache.size).toBe(2);
    expect(reads).toBe(3);
    await cache.remember('a', read('a'));
    await cache.remember('b', read('b'));
    expect(reads).toBe(4);
  });

  test('a read that a forget overtook is answered but not remembered', async () => {
    const cache = new AuthCache({ ttl: 60, max: 10 });
    let release!: () => void;
    const slow = cache.remember('a', () => new Promise((resolve) => (release = () => resolve(caller('u1', 's1')))));
    cache.forgetUser('u1');
    release();
    expect((await slow)?.user.id).toBe('u1');
    expect(cache.size).toBe(0);
  });

  /** A read the test finishes when it wants, counting how many were started. */
  function heldReads(value: CachedCaller) {
    const started: (() => void)[] = [];
    return {
      read: () => new Promise<CachedCaller | null>((resolve) => started.push(() => resolve(value))),
      get count() {
        return started.length;
      },
      releaseAll: () => started.forEach((release) => release()),
    };
  }

  test("another user's login during a read does not keep the read from being remembered (a login storm does not empty the cache)", async () => {
    const cache = new AuthCache({ ttl: 60, max: 10 });
    const reads = heldReads(caller('u1', 's1'));
    const slow = cache.remember('a', reads.read);
    cache.forgetUser('u2'); // someone else logs in: lastLogin is written
    cache.forgetSession('s2');
    reads.releaseAll();
    await slow;
    expect(cache.size).toBe(1);
    expect(await cache.remember('a', reads.read)).toMatchObject({ user: { id: 'u1' } });
    expect(reads.count).toBe(1);
  });

  test('requests with the same credential while it is being read wait for that one read', async () => {
    const cache = new AuthCache({ ttl: 60, max: 10 });
    const reads = heldReads(caller('u1', 's1'));
    const answers = Promise.all([1, 2, 3, 4, 5].map(() => cache.remember('a', reads.read)));
    reads.releaseAll();
    expect((await answers).map((found) => found?.session?.id)).toEqual(['s1', 's1', 's1', 's1', 's1']);
    expect(reads.count).toBe(1);
  });

  test('a request after a logout does not wait for a read begun before it, and nothing read before the logout is remembered', async () => {
    const cache = new AuthCache({ ttl: 60, max: 10 });
    const before = heldReads(caller('u1', 's1'));
    const early = cache.remember('a', before.read);
    cache.forgetSession('s1'); // the logout's write has landed
    const after = heldReads(null as unknown as CachedCaller);
    const late = cache.remember('a', after.read);
    expect(after.count).toBe(1);
    before.releaseAll();
    after.releaseAll();
    expect((await early)?.session?.id).toBe('s1');
    expect(await late).toBeNull();
    expect(cache.size).toBe(0);
  });

  test('cached users cannot be changed by the requests that share them', async () => {
    const cache = new AuthCache({ ttl: 60, max: 10 });
    const found = await cache.remember('a', () => Promise.resolve(caller('u1', 's1')));
    expect(() => {
      'use strict';
      (found!.user as { isStaff: boolean }).isStaff = true;
    }).toThrow(TypeError);
  });
});
