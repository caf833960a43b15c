// The request log: one entry per GraphQL
// request with its operation and outcome, readable lines in development and structured
// fields (JSON lines on stdout for `authql serve`) in production; never a password, a token or a hash.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../src/cli/embedded-db';
import { cliEnv, startCli, stopAllCli, waitFor } from './helpers/cli';
import { dropTestDatabase } from './helpers/database';
import { LOGIN, ME, NEW_PASSWORD, PASSWORD, REGISTER } from './helpers/journeys';
import { recordingLogger } from './helpers/logger';
import { withTempDir } from './helpers/resources';
import { queryOf, TEST_SECRET, testDatabaseUri, uniqueDbName, withSmtpServer, withTestServer, type Document } from './helpers/server';
import { graphql } from './generated';

jest.setTimeout(120_000);

const WRONG_PASSWORD = 'definitely not my password';
const SET_PASSWORD = graphql(`mutation SetPassword($input: SetPasswordInput!) { setPassword(input: $input) { __typename } }`);
const JWT_CREATE = graphql(`mutation JwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } } }`);

/** Every secret a story handled must be absent from everything logged. */
function expectNoSecrets(logged: string, secrets: string[]) {
  for (const secret of secrets) expect(logged).not.toContain(secret);
  expect(logged).not.toContain('$argon2');
  expect(logged).not.toContain('passwordHash');
}

describe('in development: one readable line per request', () => {
  const log = recordingLogger();
  /** Request lines look like "POST Login → INVALID_CREDENTIALS 3.1 ms". */
  const requestLines = (from: number) => log.lines.slice(from).filter((l) => l.level === 'info' && /^(GET|POST) /.test(l.message));

  const server = withTestServer({ logger: log.logger });

  test('a login with a wrong password is logged once, as Login → INVALID_CREDENTIALS, and a `me` with a token names the user', async () => {
    const registered = await server.gql(REGISTER, { input: { email: 'ada@example.com', password: PASSWORD } });
    const id: string = registered.data.register.user.id;

    let before = log.lines.length;
    const wrong = await server.gql(LOGIN, { input: { email: 'ada@example.com', password: WRONG_PASSWORD } });
    expect(wrong.data.login.code).toBe('INVALID_CREDENTIALS');
    let lines = requestLines(before);
    expect(lines).toHaveLength(1);
    expect(lines[0].message).toMatch(/^POST Login → INVALID_CREDENTIALS [\d.]+ ms$/);

    const token: string = (await server.gql(LOGIN, { input: { email: 'ada@example.com', password: PASSWORD } })).data.login.token;
    before = log.lines.length;
    expect((await server.gql(ME, {}, { token })).data.me.id).toBe(id);
    lines = requestLines(before);
    expect(lines).toHaveLength(1);
    expect(lines[0].message).toMatch(/^POST Me → OK [\d.]+ ms/);
    expect(lines[0].message).toContain(`user ${id}`);

    expectNoSecrets(JSON.stringify(log.lines), [PASSWORD, WRONG_PASSWORD, token]);
  });
});

describe('in production: structured fields for the host logger', () => {
  const log = recordingLogger();
  const requests = (from = 0) => log.lines.slice(from).filter((l) => l.message === 'request');

  const server = withTestServer({ production: true, frontend: { domain: 'app.example.com', siteName: 'Acme' }, logger: log.logger });

  test('each request gives one entry with method, operation, status, outcome, userId and durationMs, and no secret anywhere', async () => {
    const registered = await server.gql(REGISTER, { input: { email: 'grace@example.com', password: PASSWORD } });
    expect(registered.data.register.__typename).toBe('RegisterSuccess');
    const id: string = registered.data.register.user.id;
    expect(requests()).toHaveLength(1);
    expect(requests()[0].fields).toEqual({ method: 'POST', operation: 'Register', status: 200, outcome: 'OK', userId: null, durationMs: expect.any(Number) });

    let before = log.lines.length;
    await server.gql(LOGIN, { input: { email: 'grace@example.com', password: WRONG_PASSWORD } });
    expect(requests(before).map((l) => l.fields)).toEqual([
      { method: 'POST', operation: 'Login', status: 200, outcome: 'INVALID_CREDENTIALS', userId: null, durationMs: expect.any(Number) },
    ]);

    const token: string = (await server.gql(LOGIN, { input: { email: 'grace@example.com', password: PASSWORD } })).data.login.token;
    before = log.lines.length;
    expect((await server.gql(ME, {}, { token })).data.me.id).toBe(id);
    const [me] = requests(before);
    expect(requests(before)).toHaveLength(1);
    expect(me.fields).toEqual({ method: 'POST', operation: 'Me', status: 200, outcome: 'OK', userId: id, durationMs: expect.any(Number) });
    expect(me.fields!.durationMs as number).toBeGreaterThanOrEqual(0);

    before = log.lines.length;
    const bad = await server.gql(ME, {}, { token: `${token.slice(0, -4)}AAAA` });
    expect(bad.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(requests(before).map((l) => l.fields)).toEqual([
      { method: 'POST', operation: 'Me', status: 200, outcome: 'UNAUTHENTICATED', userId: null, durationMs: expect.any(Number) },
    ]);

    // Secrets in variables and in answers: a password change and a pair of JWTs.
    before = log.lines.length;
    const changed = await server.gql(SET_PASSWORD, { input: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } }, { token });
    expect(changed.data.setPassword.__typename).toBe('SetPasswordSuccess');
    const jwt = (await server.gql(JWT_CREATE, { input: { email: 'grace@example.com', password: NEW_PASSWORD } })).data.jwtCreate;
    expect(jwt.__typename).toBe('JwtCreateSuccess');
    expect(requests(before).map((l) => [l.fields!.operation, l.fields!.outcome, l.fields!.userId])).toEqual([
      ['SetPassword', 'OK', id],
      ['JwtCreate', 'OK', null],
    ]);

    expectNoSecrets(JSON.stringify(log.lines), [PASSWORD, WRONG_PASSWORD, NEW_PASSWORD, token, jwt.access, jwt.refresh]);
  });
});


describe('`authql serve` with NODE_ENV=production', () => {
  const dbName = uniqueDbName('authql_reqlog');
  afterAll(async () => {
    await stopAllCli();
    await dropTestDatabase(dbName);
  });
  // Their afterAll hooks come after the one above: closed once `authql serve` is stopped.
  const smtp = withSmtpServer();
  const tmp = withTempDir('authql-request-log-');

  test('every stdout line is a JSON object, with one "request" line per request and no secret in it', async () => {
    const config = path.join(tmp, 'authql.json');
    writeFileSync(config, JSON.stringify({ frontend: { domain: 'app.example.com', siteName: 'Acme' }, mongodb: { dbName } }));
    const port = await freePort();
    const env = cliEnv({ NODE_ENV: 'production', AUTH_SECRET: TEST_SECRET, SMTP_URL: smtp.url, MONGODB_URI: testDatabaseUri(), HOST: '127.0.0.1', PORT: String(port) });
    // Its own process group, so that afterAll can stop tsx and node together whatever happens.
    const serve = startCli(['serve', '--config', config], env);

    const lines = () => serve.stdout().split('\n').filter((line) => line.trim() !== '');
    const parsed = () => lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLines = () => parsed().filter((entry) => entry.msg === 'request');
    await waitFor('"serving" line', () => /serving/.test(serve.stdout()), 30_000, serve);

    const url = `http://127.0.0.1:${port}/graphql`;
    const post = async (document: Document, variables: Record<string, unknown> = {}, token?: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
        body: JSON.stringify({ query: queryOf(document), variables }),
      });
      return (await response.json()) as { data?: any; errors?: any[] };
    };
    const registered = await post(REGISTER, { input: { email: 'ops@example.com', password: PASSWORD } });
    expect(registered.data.register.__typename).toBe('RegisterSuccess');
    const wrong = await post(LOGIN, { input: { email: 'ops@example.com', password: WRONG_PASSWORD } });
    expect(wrong.data.login.code).toBe('INVALID_CREDENTIALS');
    const token: string = (await post(LOGIN, { input: { email: 'ops@example.com', password: PASSWORD } })).data.login.token;
    expect((await post(ME, {}, token)).data.me.email).toBe('ops@example.com');

    await waitFor('four request lines', () => requestLines().length >= 4, 10_000, serve);
    await new Promise((r) => setTimeout(r, 300)); // nothing more is coming

    for (const line of lines()) {
      const entry = JSON.parse(line);
      expect(typeof entry).toBe('object');
      expect(entry).toEqual(expect.objectContaining({ level: expect.any(String), msg: expect.any(String) }));
    }
    expect(requestLines().map((entry) => [entry.operation, entry.outcome, entry.status, entry.method])).toEqual([
      ['Register', 'OK', 200, 'POST'],
      ['Login', 'INVALID_CREDENTIALS', 200, 'POST'],
      ['Login', 'OK', 200, 'POST'],
      ['Me', 'OK', 200, 'POST'],
    ]);
    expect(requestLines()[3].userId).toBe(registered.data.register.user.id);
    expectNoSecrets(serve.stdout() + serve.stderr(), [PASSWORD, WRONG_PASSWORD, token]);

    // SIGTERM to the server's process, as a supervisor would send it (node runs the CLI itself).
    process.kill(serve.process.pid!, 'SIGTERM');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(parsed().some((entry) => /SIGTERM/.test(String(entry.msg)))).toBe(true);
    for (const line of lines()) expect(() => JSON.parse(line)).not.toThrow();
  });
});
