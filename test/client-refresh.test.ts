// JWT refresh in authql/client against a real authql over HTTP, with access tokens that live
// 2 s: the bug users of other systems report most (parallel refreshes of one token sign users
// out, or loop) cannot happen here. The server's refresh_tokens rows count the refreshes it
// saw: one row per jwtCreate, one more per rotation.
import mongoose from 'mongoose';
import { MeDocument, createAuthClient, memoryStorage, type AuthClient, type AuthClientOptions, type UserFieldsFragment } from '../src/client';
import { PASSWORD } from './helpers/journeys';
import { startTestServer, type TestServer } from './helpers/server';
import { member } from './helpers/users';
import { graphql } from './generated';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ jwt: { accessLifetime: '2s' } });
});
afterAll(async () => {
  await server?.close();
});

const clients: AuthClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

function jwtClient(options: Partial<AuthClientOptions<UserFieldsFragment>> = {}): AuthClient {
  const client = createAuthClient({ url: server.url, mode: 'jwt', autoRefresh: false, ...options });
  clients.push(client);
  return client;
}

/** Signs a new member in; their id and what the server counts of their refreshes. */
async function signedIn(client: AuthClient, email: string, on = server) {
  const { id } = await member(on, email);
  expect((await client.signIn({ email, password: PASSWORD })).__typename).toBe('JwtCreateSuccess');
  const rows = on.database.collection('refresh_tokens');
  return {
    id,
    /** Rotations the server made for this user (refresh tokens issued after the first). */
    refreshes: async () => (await rows.countDocuments({ userId: new mongoose.Types.ObjectId(id) })) - 1,
  };
}

/** Every time a client announced it was signed out. */
function signOuts(client: AuthClient): { count: number } {
  const seen = { count: 0 };
  client.subscribe((session) => {
    if (!session) seen.count += 1;
  });
  return seen;
}

/** Waits until the current access token has expired (by its own exp claim). */
async function untilExpired(client: AuthClient): Promise<void> {
  const access = client.getSession()!.token!;
  const { exp } = JSON.parse(Buffer.from(access.split('.')[1], 'base64url').toString('utf8')) as { exp: number };
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 50));
}

test('a burst of 20 parallel requests at the moment of expiry: one refresh, every request answered as the user, nobody signed out', async () => {
  const client = jwtClient();
  const { id, refreshes } = await signedIn(client, 'burst@example.com');
  const outs = signOuts(client);
  const first = client.getSession()!.token;
  await untilExpired(client);

  const answers = await Promise.all(Array.from({ length: 20 }, () => client.request(MeDocument)));
  expect(answers.map((a) => a.me?.id)).toEqual(Array(20).fill(id));
  expect(await refreshes()).toBe(1);
  expect(client.getSession()!.token).not.toBe(first);
  expect(outs.count).toBe(0);

  // The next expiry: again exactly one refresh for another burst.
  await untilExpired(client);
  await Promise.all(Array.from({ length: 20 }, () => client.request(MeDocument)));
  expect(await refreshes()).toBe(2);
  expect(outs.count).toBe(0);
});

test('a burst the server answers UNAUTHENTICATED (its clock runs 1.5 s ahead of the browser’s): one refresh, each request retried once', async () => {
  const ahead = await startTestServer({ jwt: { accessLifetime: '2s' }, clock: () => new Date(Date.now() + 1500) });
  try {
    // With no margin the client believes the token valid until its exp, 1.5 s after the server stops accepting it.
    const client = createAuthClient({ url: ahead.url, mode: 'jwt', autoRefresh: false, refreshMargin: 0 });
    clients.push(client);
    const { id, refreshes } = await signedIn(client, 'skew@example.com', ahead);
    const outs = signOuts(client);
    await new Promise((resolve) => setTimeout(resolve, 2300));
    const unauthenticated = await ahead.gql(graphql(`query MeId { me { id } }`), {}, { headers: { authorization: `Bearer ${client.getSession()!.token}` } });
    expect(unauthenticated.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const answers = await Promise.all(Array.from({ length: 20 }, () => client.request(MeDocument)));
    expect(answers.map((a) => a.me?.id)).toEqual(Array(20).fill(id));
    expect(await refreshes()).toBe(1);
    expect(outs.count).toBe(0);
  } finally {
    await ahead.close();
  }
});

test('two tabs refreshing at once (one storage, one BroadcastChannel): one refresh, both tabs on the new pair', async () => {
  const storage = memoryStorage();
  const tabA = jwtClient({ storage, storageKey: 'two-tabs' });
  const { id, refreshes } = await signedIn(tabA, 'tabs@example.com');
  const tabB = jwtClient({ storage, storageKey: 'two-tabs' });
  expect(tabB.getSession()?.user.id).toBe(id);
  const outs = [signOuts(tabA), signOuts(tabB)];
  await untilExpired(tabA);

  const answers = await Promise.all([...Array.from({ length: 5 }, () => tabA.request(MeDocument)), ...Array.from({ length: 5 }, () => tabB.request(MeDocument))]);
  expect(answers.map((a) => a.me?.id)).toEqual(Array(10).fill(id));
  expect(await refreshes()).toBe(1);
  expect(tabA.getSession()!.token).toBe(tabB.getSession()!.token);
  expect(outs.map((o) => o.count)).toEqual([0, 0]);
});

test('two tabs with their own memory (no shared storage): the BroadcastChannel alone keeps it to one refresh', async () => {
  const tabA = jwtClient({ storageKey: 'two-memories' });
  const tabB = jwtClient({ storageKey: 'two-memories' });
  const { id, refreshes } = await signedIn(tabA, 'memories@example.com');
  // The sign-in reached the other tab over the channel.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(tabB.getSession()?.user.id).toBe(id);
  await untilExpired(tabA);

  const answers = await Promise.all([tabA.request(MeDocument), tabB.request(MeDocument)]);
  expect(answers.map((a) => a.me?.id)).toEqual([id, id]);
  expect(await refreshes()).toBe(1);

  // A sign-out in one tab is seen by the other.
  const outs = signOuts(tabB);
  await tabA.signOut();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(tabB.getSession()).toBeNull();
  expect(outs.count).toBe(1);
});

describe('a refresh that fails on the network, then recovers', () => {
  /** A fetch that fails the first `failures` jwtRefresh calls: before sending, or after the server answered (the answer lost). */
  function flakyFetch(failures: number, when: 'before' | 'after') {
    const calls = { refreshes: 0 };
    const flaky: typeof fetch = async (url, init) => {
      const isRefresh = String(init?.body).includes('jwtRefresh');
      if (isRefresh) calls.refreshes += 1;
      const failing = isRefresh && calls.refreshes <= failures;
      if (failing && when === 'before') throw new TypeError('fetch failed');
      const response = await fetch(url, init);
      if (failing) throw new TypeError('network connection lost');
      return response;
    };
    return { flaky, calls };
  }

  test.each(['before', 'after'] as const)('a refresh lost %s the server saw it: the client tries again, stays signed in, and the server rotated once', async (when) => {
    const { flaky, calls } = flakyFetch(1, when);
    const client = jwtClient({ fetch: flaky });
    const { id, refreshes } = await signedIn(client, `flaky.${when}@example.com`);
    const outs = signOuts(client);
    await untilExpired(client);

    const answers = await Promise.all(Array.from({ length: 5 }, () => client.request(MeDocument)));
    expect(answers.map((a) => a.me?.id)).toEqual(Array(5).fill(id));
    expect(calls.refreshes).toBe(2);
    expect(await refreshes()).toBe(1);
    expect(outs.count).toBe(0);
  });

  test('a network down for every try fails the requests with NETWORK_ERROR but keeps the session; the next request after it is back refreshes', async () => {
    const { flaky, calls } = flakyFetch(4, 'before');
    const client = jwtClient({ fetch: flaky });
    const { id, refreshes } = await signedIn(client, 'flaky.down@example.com');
    const outs = signOuts(client);
    await untilExpired(client);

    await expect(client.request(MeDocument)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(client.getSession()?.user.id).toBe(id);
    expect(calls.refreshes).toBe(4);
    expect((await client.request(MeDocument)).me?.id).toBe(id);
    expect(await refreshes()).toBe(1);
    expect(outs.count).toBe(0);
  });
});

test('with autoRefresh the token is renewed before it expires, on a timer, with no request waiting', async () => {
  const client = createAuthClient({ url: server.url, mode: 'jwt' });
  clients.push(client);
  const { refreshes } = await signedIn(client, 'timer@example.com');
  const outs = signOuts(client);
  await new Promise((resolve) => setTimeout(resolve, 1800));
  expect(await refreshes()).toBe(1);
  expect(outs.count).toBe(0);
});

test('a refresh token the server revoked signs the client out (the one case that does)', async () => {
  const client = jwtClient();
  const { refreshes } = await signedIn(client, 'revoked@example.com');
  await server.gql(graphql(`mutation LogoutAll { logoutAll { __typename } }`), {}, { headers: { authorization: `Bearer ${client.getSession()!.token}` } });
  const outs = signOuts(client);
  await untilExpired(client);
  await expect(client.request(MeDocument)).rejects.toMatchObject({ name: 'AuthqlError', code: 'INVALID_REFRESH_TOKEN' });
  expect(client.getSession()).toBeNull();
  expect(outs.count).toBe(1);
  // logoutAll removed the family, and the client's refresh brought no new token.
  expect(await refreshes()).toBe(-1);
});
