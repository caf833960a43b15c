// Production mode: startup refuses what is only fine on a developer's
// machine, with a message that says what to fix; unexpected errors reach the client masked;
// CORS answers only the allow-list. createAuth with `production: true`, real SMTP, real
// HTTP, a real database, and `authql serve` as a child process.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAuth, type Auth } from '../src/auth';
import type { AuthOptions } from '../src/config';
import { freePort } from '../src/cli/embedded-db';
import { cliEnv, runCli, stopAllCli } from './helpers/cli';
import { closeAndDrop } from './helpers/database';
import { PASSWORD, register } from './helpers/journeys';
import { withTempDir } from './helpers/resources';
import { startTestServer, TEST_SECRET, testDatabaseUri, uniqueDbName, type TestServer, withSmtpServer } from './helpers/server';
import { graphql } from './generated';

jest.setTimeout(90_000);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const FRONTEND = { domain: 'app.example.test', siteName: 'Example' };
/** For startTestServer, which brings the secret (40 bytes) and a real SMTP transport. */
const PRODUCTION = { production: true, frontend: FRONTEND };

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers.splice(0)) await server.close();
  await stopAllCli();
});
// Their afterAll hooks come after the one above: closed once the servers and processes are stopped.
const smtp = withSmtpServer();
const configDir = withTempDir('authql-production-');

/** Production options that start: a long secret, a real SMTP transport, a frontend. */
function productionOptions(dbName: string): AuthOptions {
  return {
    production: true,
    mongodb: { uri: testDatabaseUri(), dbName },
    secret: TEST_SECRET,
    frontend: FRONTEND,
    email: { transport: smtp.url },
    logger: silent,
  };
}

/** Starts authql in production with a change to the working options: the error, or the running Auth (closed at once). */
async function startProduction(change: (options: AuthOptions) => AuthOptions): Promise<Error | 'started'> {
  const dbName = uniqueDbName('authql_production');
  let auth: Auth;
  try {
    auth = await createAuth(change(productionOptions(dbName)));
  } catch (error) {
    return error as Error;
  }
  await closeAndDrop(auth, dbName);
  return 'started';
}

function expectStartupError(result: Error | 'started', message: RegExp) {
  expect(result).toBeInstanceOf(Error);
  const error = result as Error;
  expect(error.name).toBe('ConfigError');
  expect(error.message).toMatch(/production/);
  expect(error.message).toMatch(message);
}

describe('startup checks', () => {
  test('the working production options start (the baseline every refusal below changes one thing of)', async () => {
    expect(await startProduction((o) => o)).toBe('started');
  });

  test('a secret shorter than 32 bytes is refused, naming the secret and the 32 bytes; 32 bytes start', async () => {
    expectStartupError(await startProduction((o) => ({ ...o, secret: 'x'.repeat(31) })), /secret.*32 bytes|32 bytes.*secret/i);
    expectStartupError(await startProduction((o) => ({ ...o, secret: 'short' })), /AUTH_SECRET/);
    expect(await startProduction((o) => ({ ...o, secret: 'x'.repeat(32) }))).toBe('started');
  });

  test('the console mailer (no email.transport) is refused, saying an email transport is needed', async () => {
    const result = await startProduction((o) => ({ ...o, email: {} }));
    expectStartupError(result, /email transport/i);
    expect((result as Error).message).toMatch(/SMTP_URL|email\.transport/);
  });

  test('hideUsers: false is refused unless allowUserListing: true confirms it', async () => {
    const refused = await startProduction((o) => ({ ...o, hideUsers: false }));
    expectStartupError(refused, /hideUsers/);
    expect((refused as Error).message).toMatch(/allowUserListing/);
    expect(await startProduction((o) => ({ ...o, hideUsers: false, allowUserListing: true }))).toBe('started');
  });

  test('a missing frontend.domain is refused, naming it', async () => {
    expectStartupError(await startProduction((o) => ({ ...o, frontend: { siteName: 'Example' } })), /frontend\.domain/);
  });

  test('`authql serve` with NODE_ENV=production and no AUTH_SECRET exits 2 with a sentence naming AUTH_SECRET, serving nothing', async () => {
    const port = await freePort();
    const result = await runCli(['serve'], cliEnv({ NODE_ENV: 'production', MONGODB_URI: testDatabaseUri(), SMTP_URL: smtp.url, HOST: '127.0.0.1', PORT: String(port) }));
    expect(result.code).toBe(2);
    expect(result.stdout).not.toMatch(/serving/);
    const lastLine = result.stderr.trimEnd().split('\n').at(-1)!;
    expect(lastLine).toMatch(/AUTH_SECRET/);
    expect(lastLine).toMatch(/production/);
    expect(lastLine).not.toMatch(/^\s+at /); // a sentence, not a stack trace
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('`authql serve` in production with a short AUTH_SECRET, or without SMTP_URL, exits 2 and says which', async () => {
    const configFile = path.join(configDir, 'production.json');
    writeFileSync(configFile, JSON.stringify({ frontend: FRONTEND, mongodb: { dbName: uniqueDbName('authql_production') } }));
    const env = { NODE_ENV: 'production', MONGODB_URI: testDatabaseUri(), HOST: '127.0.0.1', PORT: String(await freePort()) };

    const shortSecret = await runCli(['serve', '--config', configFile], cliEnv({ ...env, AUTH_SECRET: 'too short', SMTP_URL: smtp.url }));
    expect(shortSecret.code).toBe(2);
    expect(shortSecret.stderr).toMatch(/AUTH_SECRET.*32 bytes/);

    const noSmtp = await runCli(['serve', '--config', configFile], cliEnv({ ...env, AUTH_SECRET: TEST_SECRET }));
    expect(noSmtp.code).toBe(2);
    expect(noSmtp.stderr).toMatch(/SMTP_URL/);
    expect(noSmtp.stdout).not.toMatch(/serving/);
  });
});

describe('a running production server', () => {
  test('an unexpected error reaches the client as INTERNAL_SERVER_ERROR, without its message or a stack trace, and nothing is written', async () => {
    const server = await startTestServer({
      ...PRODUCTION,
      userFields: {
        nickname: {
          type: 'string',
          validate: () => {
            throw new Error('secret internals');
          },
        },
      },
    });
    servers.push(server);
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($input: RegisterInput!) { register(input: $input) { __typename } }',
        variables: { input: { email: 'masked@example.com', password: PASSWORD, nickname: 'Ada' } },
      }),
    });
    const text = await response.text();
    expect(text).not.toContain('secret internals');
    expect(text).not.toMatch(/stack|\bat .*\.ts:\d+|validation\.ts/i);
    const body = JSON.parse(text);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(Object.keys(body.errors[0].extensions)).toEqual(['code']);
    expect(body.errors[0].message).toBe('Unexpected error.');
    expect(await server.database.collection('users').countDocuments()).toBe(0);

    // The server is still healthy.
    const me = await server.gql(graphql(`query MeId { me { id } }`));
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({ me: null });
  });

  describe('CORS', () => {
    const APP = 'http://app.example.test';
    const preflight = (url: string, origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const crossOriginPost = (url: string, origin: string) =>
      fetch(url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }' }) });

    test('with an allow-list, a preflight from a listed origin is allowed with credentials; any other origin gets no CORS headers at all', async () => {
      const server = await startTestServer({ ...PRODUCTION, cors: { origins: [APP] } });
      servers.push(server);

      const allowed = await preflight(server.url, APP);
      expect(allowed.status).toBeLessThan(300);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
      expect(allowed.headers.get('access-control-allow-methods')).toMatch(/POST/);
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
      const allowedPost = await crossOriginPost(server.url, APP);
      expect(allowedPost.headers.get('access-control-allow-origin')).toBe(APP);
      expect(allowedPost.headers.get('access-control-allow-credentials')).toBe('true');

      for (const stranger of ['http://evil.example.test', 'http://app.example.test.evil.test', 'https://app.example.test', 'null']) {
        for (const answer of [await preflight(server.url, stranger), await crossOriginPost(server.url, stranger)]) {
          expect(answer.headers.get('access-control-allow-origin')).toBeNull();
          expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
        }
      }
    });

    test('with several allowed origins, each gets its own (Vary: Origin), and a sandboxed page (Origin: null) is not let in', async () => {
      const ADMIN = 'http://admin.example.test';
      const server = await startTestServer({ ...PRODUCTION, cors: { origins: [APP, ADMIN] } });
      servers.push(server);
      for (const origin of [APP, ADMIN]) {
        const answer = await preflight(server.url, origin);
        expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
        expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
        expect(answer.headers.get('vary')).toMatch(/origin/i);
      }
      // A sandboxed iframe or a data: page sends `Origin: null`; "Access-Control-Allow-Origin: null" with credentials would let it in.
      for (const stranger of ['null', 'http://evil.example.test']) {
        for (const answer of [await preflight(server.url, stranger), await crossOriginPost(server.url, stranger)]) {
          expect(answer.headers.get('access-control-allow-origin')).toBeNull();
          expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
        }
      }
    });

    test('in production with no origins configured, no cross-origin request is allowed at all', async () => {
      const server = await startTestServer({ ...PRODUCTION });
      servers.push(server);
      for (const origin of [APP, 'http://evil.example.test', 'null']) {
        const answer = await preflight(server.url, origin);
        expect(answer.headers.get('access-control-allow-origin')).toBeNull();
        expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
        const post = await crossOriginPost(server.url, origin);
        expect(post.headers.get('access-control-allow-origin')).toBeNull();
      }
      // Same-origin and server-to-server calls (no Origin) still work.
      await register(server, { email: 'same-origin@example.com', password: PASSWORD });
      const me = await server.gql(graphql(`query MeId { me { id } }`));
      expect(me.data).toEqual({ me: null });
    });
  });
});
