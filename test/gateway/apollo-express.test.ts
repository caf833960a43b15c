// The recipe of examples/apollo-express: a host's Express 5 app with Apollo Server 5 mounting
// authql beside its own schema. Started here as its README starts it (startHost, on port 0,
// against the test database), and used over HTTP as an end user would: the journey in token
// mode and in cookie mode, the per-IP limits per end user behind a trusted proxy, RATE_LIMITED
// with retryAfter and Retry-After for a client that accepts only application/json, the request
// limits, and /health, /ready and the JWKS document.
import { generateKeyPairSync } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { mergeSchemas } from '@graphql-tools/schema';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { createAuth, type AuthOptions } from 'authql';
import { startHost, type RunningHost } from '../../examples/apollo-express/server';
import { dropTestDatabase } from '../helpers/database';
import { PASSWORD } from '../helpers/journeys';
import { withCleanup } from '../helpers/resources';
import { TEST_SECRET, testDatabaseUri, uniqueDbName } from '../helpers/server';

jest.setTimeout(60_000);

const cleanup = withCleanup();
const quiet = { info: () => undefined, warn: () => undefined, error: (message: string, fields?: object) => console.error(message, fields) };

/** The example's host on port 0, on a database of its own (dropped after the file). */
async function host(options: Partial<AuthOptions>): Promise<RunningHost> {
  const dbName = uniqueDbName('authql_apollo');
  cleanup.push(() => dropTestDatabase(dbName));
  const running = await startHost({
    auth: { mongodb: { uri: testDatabaseUri(), dbName }, secret: TEST_SECRET, email: { transport: { jsonTransport: true } }, logger: quiet, ...options },
    port: 0,
  });
  return cleanup.add(running, (started) => started.close());
}

interface Answer {
  status: number;
  headers: Headers;
  data?: any;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

interface Call {
  token?: string;
  headers?: Record<string, string>;
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, { token, headers = {} }: Call = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Token ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return { status: response.status, headers: response.headers, ...JSON.parse(text) };
  } catch {
    throw new Error(`HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
}

// The journey under the names the example gives authql (typePrefix 'Auth', rootFieldPrefix 'auth_').
const REGISTER = `mutation Register($input: AuthRegisterInput!) {
  auth_register(input: $input) { __typename ... on AuthRegisterSuccess { user { id email isActive } } ... on AuthError { code message } }
}`;
const LOGIN = `mutation Login($input: AuthLoginInput!) {
  auth_login(input: $input) { __typename ... on AuthLoginSuccess { token user { id email } } ... on AuthError { code message } }
}`;
const ME = '{ auth_me { id email } }';
const LOGOUT = 'mutation Logout { auth_logout { __typename ... on AuthLogoutSuccess { ok } } }';
const JWT_CREATE = 'mutation J($input: AuthJwtCreateInput!) { auth_jwtCreate(input: $input) { ... on AuthJwtCreateSuccess { access } } }';
// The host's own User and me, beside authql's.
const MY_NOTES = '{ me { id notes { id text } } }';
const ADD_NOTE = 'mutation AddNote($text: String!) { addNote(text: $text) { id text } }';

describe('token mode', () => {
  const privateKey = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
  let running: RunningHost;
  beforeAll(async () => {
    // A proxy on this machine in front: its X-Forwarded-For names the end user.
    running = await host({ trustProxy: 'loopback', jwt: { keys: [{ alg: 'EdDSA', privateKey }] } });
  });

  test('register → login → me (and the host\'s own resolvers know the caller) → logout, after which the token is refused', async () => {
    const registered = await post(running.url, REGISTER, { input: { email: 'ada@example.com', password: PASSWORD } });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.auth_register).toMatchObject({ __typename: 'AuthRegisterSuccess', user: { email: 'ada@example.com', isActive: true } });

    const login = await post(running.url, LOGIN, { input: { email: 'ada@example.com', password: PASSWORD } });
    expect(login.data.auth_login).toMatchObject({ __typename: 'AuthLoginSuccess', token: expect.any(String), user: { email: 'ada@example.com' } });
    const { token } = login.data.auth_login;

    expect((await post(running.url, ME, {}, { token })).data.auth_me).toEqual({ id: registered.data.auth_register.user.id, email: 'ada@example.com' });
    expect((await post(running.url, ADD_NOTE, { text: 'buy milk' }, { token })).data.addNote).toEqual({ id: '1', text: 'buy milk' });
    expect((await post(running.url, MY_NOTES, {}, { token })).data.me).toEqual({ id: registered.data.auth_register.user.id, notes: [{ id: '1', text: 'buy milk' }] });

    expect((await post(running.url, LOGOUT, {}, { token })).data.auth_logout).toEqual({ __typename: 'AuthLogoutSuccess', ok: true });
    const after = await post(running.url, ME, {}, { token });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The host's own resolvers see nobody for the ended session either.
    expect((await post(running.url, MY_NOTES, {}, { token })).data.me).toBeNull();
  });

  test('the per-IP sign-up limit holds per end user: the 11th from one client is RATE_LIMITED (HTTP 200, retryAfter, Retry-After), another client still signs up', async () => {
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    const signUp = (n: number, address: string) => post(running.url, REGISTER, { input: { email: `limit.${n}@example.com`, password: PASSWORD } }, from(address));
    for (let n = 1; n <= 10; n += 1) expect((await signUp(n, '203.0.113.7')).data?.auth_register?.__typename).toBe('AuthRegisterSuccess');

    const eleventh = await signUp(11, '203.0.113.7');
    expect(eleventh.status).toBe(200);
    expect(eleventh.errors).toHaveLength(1);
    const [refusal] = eleventh.errors!;
    expect(refusal.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect(refusal.extensions!.retryAfter).toBeGreaterThan(0);
    expect(eleventh.headers.get('retry-after')).toBe(String(refusal.extensions!.retryAfter));

    // A client that accepts application/graphql-response+json is told by the status as well.
    const asked = await post(running.url, REGISTER, { input: { email: 'limit.12@example.com', password: PASSWORD } }, {
      headers: { 'x-forwarded-for': '203.0.113.7', accept: 'application/graphql-response+json, application/json;q=0.9' },
    });
    expect(asked.status).toBe(429);
    expect(asked.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(asked.headers.get('retry-after')).toEqual(expect.stringMatching(/^\d+$/));
    expect(asked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // As in Yoga, the first of the two media types the client lists decides.
    const jsonFirst = await post(running.url, REGISTER, { input: { email: 'limit.12@example.com', password: PASSWORD } }, {
      headers: { 'x-forwarded-for': '203.0.113.7', accept: 'application/json, application/graphql-response+json' },
    });
    expect(jsonFirst.status).toBe(200);
    expect(jsonFirst.headers.get('content-type')).toMatch(/^application\/json/);
    expect(jsonFirst.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');

    expect((await signUp(13, '203.0.113.8')).data?.auth_register?.__typename).toBe('AuthRegisterSuccess');
  });

  test('authql\'s request limits hold in Apollo: too many aliases, an oversized body, a second password check in one operation', async () => {
    const aliases = `{ ${Array.from({ length: 16 }, (_, n) => `a${n}: auth_me { id }`).join(' ')} }`;
    const tooMany = await post(running.url, aliases);
    expect(tooMany.status).toBe(400);
    expect(tooMany.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    const huge = await post(running.url, `{ __typename } # ${'x'.repeat(300_000)}`);
    expect(huge.status).toBe(413);
    expect(huge.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');

    const twoLogins = await post(
      running.url,
      'mutation { a: auth_login(input: { email: "ada@example.com", password: "x" }) { __typename } b: auth_login(input: { email: "ada@example.com", password: "y" }) { __typename } }',
    );
    expect(twoLogins.errors?.map((error) => error.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(twoLogins.errors?.[0]?.extensions).not.toHaveProperty('http');
  });

  test('hostile requests are 4xx with a JSON error, never a 500 or an HTML page with a stack: bad JSON, a text/plain POST, a document nested 5,000 deep', async () => {
    const send = async (body: string, contentType: string) => {
      const response = await fetch(running.url, { method: 'POST', headers: { 'content-type': contentType, accept: 'application/json' }, body });
      const text = await response.text();
      return { status: response.status, text, json: JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] } };
    };
    const badJson = await send('{"query": "{ me { id } }"', 'application/json');
    expect(badJson.status).toBe(400);
    expect(badJson.json.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    const plain = await send('{"query":"{ me { id } }"}', 'text/plain');
    expect(plain.status).toBe(400);
    const deep = await send(JSON.stringify({ query: `{ auth_me ${'{ id '.repeat(5000)}${'}'.repeat(5000)} }` }), 'application/json');
    expect(deep.status).toBe(400);
    expect(deep.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    for (const answer of [badJson, plain, deep]) expect(answer.text).not.toMatch(/<html|stacktrace|at .*\.js:\d+/i);
  });

  test('/health, /ready and the JWKS document answer on the host\'s app; the published key verifies authql\'s access tokens', async () => {
    const base = new URL(running.url).origin;
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'alive' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'up' } });

    await post(running.url, REGISTER, { input: { email: 'jwks@example.com', password: PASSWORD } });
    const created = await post(running.url, JWT_CREATE, { input: { email: 'jwks@example.com', password: PASSWORD } });
    const { payload } = await jwtVerify(created.data.auth_jwtCreate.access, createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`)), { issuer: 'authql' });
    expect(payload.sub).toEqual(expect.any(String));
  });
});

describe('cookie mode', () => {
  let running: RunningHost;
  let origin: string;
  beforeAll(async () => {
    running = await host({ cookies: { enabled: true, secure: true } });
    origin = new URL(running.url).origin;
  });

  test('login sets an httpOnly __Host- cookie through Express\'s response and answers token: null; the cookie authenticates me; logout clears it', async () => {
    await post(running.url, REGISTER, { input: { email: 'grace@example.com', password: PASSWORD } });
    const login = await post(running.url, LOGIN, { input: { email: 'grace@example.com', password: PASSWORD } }, { headers: { origin } });
    expect(login.data.auth_login).toMatchObject({ __typename: 'AuthLoginSuccess', token: null, user: { email: 'grace@example.com' } });
    const [setCookie, ...others] = login.headers.getSetCookie();
    expect(others).toEqual([]);
    expect(setCookie).toMatch(/^__Host-authql_session=[A-Za-z0-9_-]{20,}; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Lax$/);
    const cookie = setCookie.split(';')[0];

    expect((await post(running.url, ME, {}, { headers: { origin, cookie } })).data.auth_me).toMatchObject({ email: 'grace@example.com' });
    expect((await post(running.url, MY_NOTES, {}, { headers: { origin, cookie } })).data.me.notes).toEqual([]);

    const logout = await post(running.url, LOGOUT, {}, { headers: { origin, cookie } });
    expect(logout.data.auth_logout).toEqual({ __typename: 'AuthLogoutSuccess', ok: true });
    expect(logout.headers.getSetCookie()).toEqual([expect.stringMatching(/^__Host-authql_session=; Path=\/; Max-Age=0; HttpOnly; Secure; SameSite=Lax$/)]);
    // Replayed after logout, the old cookie is refused: the session ended at authql, not only in the browser.
    expect((await post(running.url, ME, {}, { headers: { origin, cookie } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('cookie mode\'s CSRF rules hold in Apollo: a foreign Origin is refused, and so is the cookie without an Origin', async () => {
    await post(running.url, REGISTER, { input: { email: 'mallory-target@example.com', password: PASSWORD } });
    const login = await post(running.url, LOGIN, { input: { email: 'mallory-target@example.com', password: PASSWORD } }, { headers: { origin } });
    const cookie = login.headers.getSetCookie()[0].split(';')[0];

    const foreign = await post(running.url, ME, {}, { headers: { origin: 'https://evil.example', cookie } });
    expect(foreign.status).toBe(403);
    expect(foreign.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(foreign.data?.auth_me).toBeUndefined();

    const noOrigin = await post(running.url, ME, {}, { headers: { cookie } });
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe("errors in a host's Apollo Server with auth.apolloOptions()", () => {
  test('an unexpected error is masked for the client and logged for the operator, with no stack trace', async () => {
    const logged: string[] = [];
    const dbName = uniqueDbName('authql_apollo');
    cleanup.push(() => dropTestDatabase(dbName));
    const auth = cleanup.add(
      await createAuth({ mongodb: { uri: testDatabaseUri(), dbName }, secret: TEST_SECRET, logger: { ...quiet, error: (message, fields) => logged.push(`${message} ${JSON.stringify(fields)}`) } }),
      (started) => started.close(),
    );
    const schema = mergeSchemas({
      schemas: [auth.schema],
      typeDefs: 'type Query { report: String }',
      resolvers: { Query: { report: () => { throw new Error('connect ECONNREFUSED 10.0.0.5:5432 (user reporting, password hunter2)'); } } },
    });
    // In development Apollo would send stack traces: authql's options turn them off.
    const apollo = new ApolloServer({ schema, nodeEnv: 'development', ...auth.apolloOptions() });
    const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' }, context: async ({ req, res }) => auth.context({ req, res }) });
    cleanup.push(() => apollo.stop());

    const answer = await post(url, '{ report }');
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ report: null });
    expect(answer.errors).toEqual([{ message: 'Unexpected error.', locations: [{ line: 1, column: 3 }], path: ['report'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(JSON.stringify(answer)).not.toMatch(/ECONNREFUSED|hunter2|stacktrace/);
    expect(logged.join('\n')).toMatch(/unexpected error \(masked for the client\).*ECONNREFUSED/);
  });

  test("a host schema that takes authql's names (its own User, without prefixes) stops Apollo Server from starting, naming the options", async () => {
    const dbName = uniqueDbName('authql_apollo');
    cleanup.push(() => dropTestDatabase(dbName));
    const auth = cleanup.add(await createAuth({ mongodb: { uri: testDatabaseUri(), dbName }, secret: TEST_SECRET, logger: quiet }), (started) => started.close());
    const schema = mergeSchemas({ schemas: [auth.schema], typeDefs: 'type User { id: ID! nickname: String }' });
    const apollo = new ApolloServer({ schema, ...auth.apolloOptions() });
    await expect(apollo.start()).rejects.toThrow(/authql's type "User" was merged with the host's "User" \(nickname\).*schema\.typePrefix/);
  });
});
