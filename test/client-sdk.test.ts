// authql/client's createAuthClient against a real authql over HTTP: a member signs in and out
// in header-token mode, the session is held (getSession, subscribe) in memory or in a storage
// the app passes, cookie mode sends the CSRF header and never sees a token, and errors arrive
// typed (AuthqlError's code and retryAfter from both the 200 and the 429 rate-limit answers of a real server).
import { AuthqlError, MeDocument, SessionsDocument, createAuthClient, memoryStorage, type Session, type UserFieldsFragment } from '../src/client';
import { PASSWORD } from './helpers/journeys';
import { startTestServer, type TestServer } from './helpers/server';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp';
import { member } from './helpers/users';
import { graphql } from './generated';

let smtp: TestSmtpServer;
let server: TestServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({}, { smtp });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

/** Every session a client announced, in order. */
function watch(client: { subscribe(listener: (s: Session<UserFieldsFragment> | null) => void): () => void }) {
  const seen: (string | null)[] = [];
  client.subscribe((session) => seen.push(session ? session.user.email : null));
  return seen;
}

describe('header-token mode', () => {
  test('a member signs in, the client holds the session and sends its token, and signing out ends it on the server', async () => {
    const { id } = await member(server, 'sdk.token@example.com');
    const client = createAuthClient({ url: server.url, mode: 'token' });
    const seen = watch(client);
    expect(client.getSession()).toBeNull();

    const result = await client.signIn({ email: 'sdk.token@example.com', password: PASSWORD });
    expect(result.__typename).toBe('LoginSuccess');
    const session = client.getSession()!;
    expect(session.user).toMatchObject({ id, email: 'sdk.token@example.com' });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await client.request(MeDocument)).me?.id).toBe(id);
    expect((await client.request(SessionsDocument)).sessions).toEqual([expect.objectContaining({ current: true })]);

    await client.signOut();
    expect(client.getSession()).toBeNull();
    expect(seen).toEqual(['sdk.token@example.com', null]);
    // The token it held no longer works.
    expect((await server.gql(graphql(`query MeId { me { id } }`), {}, { token: session.token })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    client.close();
  });

  test('wrong credentials answer the AuthError and leave the client signed out', async () => {
    await member(server, 'sdk.wrong@example.com');
    const client = createAuthClient({ url: server.url, mode: 'token' });
    const result = await client.signIn({ email: 'sdk.wrong@example.com', password: 'not my password' });
    expect(result).toMatchObject({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS' });
    expect(client.getSession()).toBeNull();
    client.close();
  });

  test('a session kept in a storage the app passes is there for the next client on that storage; one revoked elsewhere signs the client out', async () => {
    const { id } = await member(server, 'sdk.stored@example.com');
    const storage = memoryStorage();
    const first = createAuthClient({ url: server.url, mode: 'token', storage, storageKey: 'stored-story' });
    await first.signIn({ email: 'sdk.stored@example.com', password: PASSWORD });
    first.close();

    const reopened = createAuthClient({ url: server.url, mode: 'token', storage, storageKey: 'stored-story' });
    expect(reopened.getSession()?.user.id).toBe(id);
    expect((await reopened.load())?.user.id).toBe(id);

    await server.gql(graphql(`mutation LogoutAll { logoutAll { __typename } }`), {}, { token: reopened.getSession()!.token });
    const seen = watch(reopened);
    await expect(reopened.request(MeDocument)).rejects.toMatchObject({ name: 'AuthqlError', code: 'UNAUTHENTICATED' });
    expect(reopened.getSession()).toBeNull();
    expect(seen).toEqual([null]);
    expect(storage.getItem('stored-story')).toBeNull();
    reopened.close();
  });

  test('clients on one storage key share the session across tabs, unless shareTabs is off (as it is by default with sessionStorage)', async () => {
    await member(server, 'sdk.tabs@example.com');
    const [shared, sharing] = [1, 2].map(() => createAuthClient({ url: server.url, mode: 'token', storageKey: 'tabs-story' }));
    const alone = createAuthClient({ url: server.url, mode: 'token', storageKey: 'tabs-story', shareTabs: false });
    await shared.signIn({ email: 'sdk.tabs@example.com', password: PASSWORD });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sharing.getSession()?.token).toBe(shared.getSession()!.token);
    expect(alone.getSession()).toBeNull();
    for (const client of [shared, sharing, alone]) client.close();
  });

  test("storage: 'localStorage' where there is none is refused at once", () => {
    expect(() => createAuthClient({ url: server.url, mode: 'token', storage: 'localStorage' })).toThrow(/localStorage/);
  });
});

describe('typed errors', () => {
  test('RATE_LIMITED carries code and retryAfter from the real server\'s 429 (graphql-response+json) and its 200 form (a client or gateway that accepts only application/json)', async () => {
    const limited = await startTestServer({ rateLimits: { login: { perAccount: '1/1m', perIp: '100/1m' } } }, { smtp });
    try {
      await member(limited, 'sdk.limited@example.com');
      const input = { email: 'sdk.limited@example.com', password: 'not my password' };
      const client = createAuthClient({ url: limited.url, mode: 'token' });
      expect((await client.signIn(input)).__typename).toBe('AuthError');
      const as429 = await client.signIn(input).catch((e: unknown) => e);
      // The same request accepting only application/json, as a gateway in front sends it.
      const jsonOnly: typeof fetch = async (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), accept: 'application/json' } });
      const plainJson = createAuthClient({ url: limited.url, mode: 'token', fetch: jsonOnly });
      const as200 = await plainJson.signIn(input).catch((e: unknown) => e);
      for (const [error, status] of [[as429, 429], [as200, 200]] as const) {
        expect(error).toBeInstanceOf(AuthqlError);
        expect(error).toMatchObject({ code: 'RATE_LIMITED', status });
        expect((error as AuthqlError).retryAfter).toBeGreaterThan(0);
        expect((error as AuthqlError).retryAfter).toBeLessThanOrEqual(60);
      }
      client.close();
      plainJson.close();
    } finally {
      await limited.close();
    }
  });

  test('a server that cannot be reached is a NETWORK_ERROR with status 0', async () => {
    const client = createAuthClient({ url: 'http://127.0.0.1:9/graphql', mode: 'token' });
    await expect(client.signIn({ email: 'a@example.com', password: PASSWORD })).rejects.toMatchObject({ name: 'AuthqlError', code: 'NETWORK_ERROR', status: 0 });
    client.close();
  });
});

describe('cookie mode', () => {
  test('the client sends the CSRF header, keeps the user but never a token, and signing out clears the cookie', async () => {
    const app = 'http://app.example.test';
    const cookieServer = await startTestServer({ cookies: { enabled: true }, cors: { origins: [app] } }, { smtp });
    try {
      const { id } = await member(cookieServer, 'sdk.cookie@example.com');
      // What a browser does for the page: keep the cookie and send the page's Origin.
      let cookie = '';
      const sent: Headers[] = [];
      const browserFetch: typeof fetch = async (url, init) => {
        const headers = new Headers(init?.headers);
        sent.push(headers);
        headers.set('origin', app);
        if (cookie) headers.set('cookie', cookie);
        const response = await fetch(url, { ...init, headers });
        const set = response.headers.get('set-cookie');
        if (set) cookie = /max-age=0/i.test(set) ? '' : set.split(';')[0];
        return response;
      };
      const client = createAuthClient({ url: cookieServer.url, mode: 'cookie', fetch: browserFetch });
      expect(await client.load()).toBeNull();
      const result = await client.signIn({ email: 'sdk.cookie@example.com', password: PASSWORD });
      expect(result).toMatchObject({ __typename: 'LoginSuccess', token: null });
      expect(client.getSession()).toEqual({ user: expect.objectContaining({ id }) });
      expect(cookie).toMatch(/^authql_session=/);
      expect((await client.request(MeDocument)).me?.id).toBe(id);

      const another = createAuthClient({ url: cookieServer.url, mode: 'cookie', fetch: browserFetch });
      expect((await another.load())?.user.id).toBe(id);

      await client.signOut();
      expect(client.getSession()).toBeNull();
      expect(cookie).toBe('');
      expect(sent.every((headers) => headers.get('x-graphql-yoga-csrf') === '1' && !headers.has('authorization'))).toBe(true);
      client.close();
      another.close();
    } finally {
      await cookieServer.close();
    }
  });
});
