// A host's own Yoga server that mounts authql's schema with auth.plugins() gets the same
// plugins as authql's own server, from one list: malformed requests answer 4xx, the request
// limits hold (unless the host opts out with { limits: false }), and in cookie mode login
// sets the httpOnly cookie and answers token: null, logout clears it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { Auth } from '../src';
import { LOGIN, PASSWORD } from './helpers/journeys';
import { withCleanup } from './helpers/resources';
import { queryOf, startTestServer, type TestOptions, type TestServer } from './helpers/server';
import { member } from './helpers/users';

jest.setTimeout(60_000);

// Servers and hosts, closed after the file newest first: a host before the server whose auth it serves.
const cleanup = withCleanup();
const serverWith = async (options: TestOptions) => cleanup.add(await startTestServer(options), (server) => server.close());

/** A host's Yoga server with authql's schema, context and these plugins; its GraphQL URL. */
async function hostWith(auth: Auth, plugins: Plugin[]): Promise<string> {
  const yoga = createYoga({ schema: auth.schema, plugins, context: (initial) => auth.context(initial), logging: false });
  const http = createServer(yoga);
  cleanup.add(http, (host) => new Promise<void>((resolve) => host.close(() => resolve())));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: any[] } };
}

// A string on purpose: the host's alias limit is what refuses it.
const THREE_ALIASES = '{ a0: me { id } a1: me { id } a2: me { id } }';

describe("a host's Yoga server with auth.plugins()", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWith({ limits: { maxAliases: 2 } });
  });

  test('refuses a query over limits.maxAliases, as authql itself does; with { limits: false } the host answers it', async () => {
    const limited = await post(await hostWith(server.auth, server.auth.plugins()), { query: THREE_ALIASES });
    expect(limited.status).toBe(400);
    expect(limited.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    const unlimited = await post(await hostWith(server.auth, server.auth.plugins({ limits: false })), { query: THREE_ALIASES });
    expect(unlimited.status).toBe(200);
    expect(unlimited.body).toEqual({ data: { a0: null, a1: null, a2: null } });
  });

  test('answers a GraphQL parameter sent twice with 400 BAD_REQUEST, as authql itself does', async () => {
    const url = await hostWith(server.auth, server.auth.plugins());
    const response = await fetch(`${url}?query=${encodeURIComponent('{ me { id } }')}&query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: any[] }).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe("a host's Yoga server with auth.plugins() and the default limits (issue #22, point 8)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWith({});
  });

  test('20 aliases are refused (the default allows 15), as authql itself refuses them', async () => {
    const twenty = `{ ${Array.from({ length: 20 }, (_, n) => `a${n}: me { id }`).join(' ')} }`;
    const host = await post(await hostWith(server.auth, server.auth.plugins()), { query: twenty });
    const own = await post(server.url, { query: twenty });
    for (const answer of [host, own]) {
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
  });

  test('a 300 KB body is refused with 413 PAYLOAD_TOO_LARGE (the default allows 100 KB), as authql itself refuses it', async () => {
    const body = { query: '{ me { id } }', variables: { padding: 'x'.repeat(300_000) } };
    for (const url of [await hostWith(server.auth, server.auth.plugins()), server.url]) {
      const answer = await post(url, body);
      expect(answer.status).toBe(413);
      expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['PAYLOAD_TOO_LARGE']);
    }
  });
});

describe("a host's Yoga server with auth.plugins() in cookie mode", () => {
  test('login sets the httpOnly session cookie and answers token: null; the cookie signs the member in; logout clears it', async () => {
    const server = await serverWith({ cookies: { enabled: true } });
    await member(server, 'ada@example.test');
    const url = await hostWith(server.auth, server.auth.plugins());
    const origin = new URL(url).origin;

    const login = await post(url, { query: queryOf(LOGIN), variables: { input: { email: 'ada@example.test', password: PASSWORD } } }, { origin });
    expect(login.body.data.login).toMatchObject({ __typename: 'LoginSuccess', token: null, user: { email: 'ada@example.test' } });
    const cookie = login.headers.getSetCookie().find((line) => line.startsWith('authql_session='));
    expect(cookie).toMatch(/HttpOnly/);
    const pair = cookie!.split(';')[0];

    const me = await post(url, { query: '{ me { email } }' }, { origin, cookie: pair });
    expect(me.body).toEqual({ data: { me: { email: 'ada@example.test' } } });

    const logout = await post(url, { query: 'mutation { logout { __typename } }' }, { origin, cookie: pair });
    expect(logout.body).toEqual({ data: { logout: { __typename: 'LogoutSuccess' } } });
    expect(logout.headers.getSetCookie().find((line) => line.startsWith('authql_session='))).toMatch(/Max-Age=0/);
  });
});
