// `npm start` on a fresh machine: `authql serve` without MONGODB_URI finds a
// database by itself, serves GraphiQL with example operations, answers the API, and stops
// cleanly on SIGTERM; with no database to be found it says what to set.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canConnect, freePort, NO_DATABASE_MESSAGE } from '../src/cli/embedded-db';
import { cliEnv, startCli, stopAllCli, waitFor, withDeadline } from './helpers/cli';

jest.setTimeout(120_000);

/** The string values of a JSON property as it is embedded in the GraphiQL page (the bundle has look-alikes). */
function embeddedStrings(html: string, property: string): string[] {
  const found = [...html.matchAll(new RegExp(`"${property}":("(?:[^"\\\\]|\\\\.)*")`, 'g'))].flatMap((m) => {
    try {
      return [JSON.parse(m[1]) as string];
    } catch {
      return []; // a JavaScript string in the bundle, not JSON
    }
  });
  if (!found.length) throw new Error(`GraphiQL page has no ${property}`);
  return found;
}

afterAll(async () => {
  // Only if a test failed half-way: stop what it started (the server and its FerretDB), politely first.
  await stopAllCli();
});

test('a developer runs `npm start` with no database configured: it starts FerretDB, serves GraphiQL with examples that work, and stops cleanly on SIGTERM', async () => {
  const port = await freePort();
  const serve = startCli(['serve'], cliEnv({ PORT: String(port), HOST: '127.0.0.1' }));
  await waitFor('"serving" in the log', () => /serving/.test(serve.stdout()), 30_000, serve);
  const url = `http://127.0.0.1:${port}/graphql`;

  // The log says, on one line, which database is in use.
  const lines = serve.stdout().split('\n');
  const databaseLines = lines.filter((line) => /database/i.test(line));
  expect(databaseLines).toHaveLength(1);
  expect(databaseLines[0]).toMatch(/FerretDB/);
  const ferretPort = Number(/127\.0\.0\.1:(\d+)/.exec(databaseLines[0])?.[1]);
  const dataDir = /SQLite directory (\S+?);/.exec(databaseLines[0])?.[1];
  expect(ferretPort).toBeGreaterThan(0);
  expect(dataDir && existsSync(dataDir)).toBe(true);
  expect(lines.find((line) => /serving/.test(line))).toContain(url);
  // No secret set: it says tokens will not survive a restart.
  expect(serve.stdout() + serve.stderr()).toMatch(/AUTH_SECRET is not set/);

  // A browser opening /graphql gets GraphiQL with the example operations and the header hint.
  const page = await fetch(url, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  const html = await page.text();
  expect(html).toMatch(/graphiql/i);
  const examples = embeddedStrings(html, 'defaultQuery').find((q) => q.includes('mutation Register')) ?? '';
  for (const operation of ['mutation Register', 'mutation Login', 'query Me', 'mutation Logout']) expect(examples).toContain(operation);
  expect(examples).toMatch(/"Authorization": "Token </);
  const headerHints = embeddedStrings(html, 'headers').filter((h) => h.trimStart().startsWith('{'));
  expect(headerHints).toHaveLength(1);
  expect(JSON.parse(headerHints[0])).toEqual({ Authorization: expect.stringMatching(/^Token </) });

  // Running the examples in order, as the page suggests, works.
  async function run(operationName: string, token?: string) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
      body: JSON.stringify({ query: examples, operationName }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data;
  }
  const registered = await run('Register');
  expect(registered.register).toMatchObject({ __typename: 'RegisterSuccess', user: { email: 'ada@example.com', isActive: true } });
  const loggedIn = await run('Login');
  expect(loggedIn.login.__typename).toBe('LoginSuccess');
  const token: string = loggedIn.login.token;
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const me = await run('Me', token);
  expect(me.me).toMatchObject({ id: registered.register.user.id, email: 'ada@example.com', isActive: true });
  expect(me.me.lastLogin).not.toBeNull();
  expect((await run('Me')).me).toBeNull();

  // SIGTERM: a clean exit, and the embedded database goes with it.
  serve.process.kill('SIGTERM');
  const exit = await withDeadline(serve.exited, 10_000, 'shutting down after SIGTERM');
  expect(exit).toEqual({ code: 0, signal: null });
  expect(serve.stdout()).toMatch(/SIGTERM: shutting down/);
  expect(await canConnect(port)).toBe(false);
  expect(await canConnect(ferretPort)).toBe(false);
  expect(existsSync(dataDir!)).toBe(false);
});

test('on a machine with no MONGODB_URI, no ferretdb and no way to download mongod, `npm start` fails quickly with one paragraph saying what to set', async () => {
  const port = await freePort();
  const env = cliEnv({
    PORT: String(port),
    HOST: '127.0.0.1',
    // no ferretdb here; only node itself
    PATH: ['/usr/bin', '/bin', path.dirname(process.execPath)].join(path.delimiter),
    // mongodb-memory-server cannot download mongod (offline)
    MONGOMS_DOWNLOAD_URL: 'http://127.0.0.1:9/none',
    // and nothing was built into authql's cache before
    AUTHQL_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'authql-empty-cache-')),
  });
  expect(env.PATH!.split(path.delimiter).some((dir) => existsSync(path.join(dir, 'ferretdb')))).toBe(false);
  const serve = startCli(['serve'], env);
  const exit = await withDeadline(serve.exited, 60_000, 'failing without a database');
  expect(exit.code).not.toBe(0);
  expect(exit.code).not.toBeNull();
  expect(serve.stdout()).not.toMatch(/serving/);
  expect(await canConnect(port)).toBe(false);

  // stderr is only the message: one paragraph (one line) naming what to set, no stack traces.
  const stderr = serve.stderr().trimEnd();
  expect(stderr.split('\n')).toHaveLength(1);
  const lastLine = stderr;
  expect(lastLine).toContain(NO_DATABASE_MESSAGE);
  expect(lastLine).toMatch(/MONGODB_URI/);
  expect(lastLine).toMatch(/ferretdb/);
  expect(lastLine).toMatch(/mongodb-memory-server/);
});
