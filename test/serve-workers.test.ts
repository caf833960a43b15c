// `authql serve --workers 2`: two server processes share the port; a session opened through
// one is good on the other (same database, same secret), a logout through one reaches the
// other within authCache.ttl, and SIGTERM stops the primary and both workers.
import mongoose from 'mongoose';
import { freePort } from '../src/cli/embedded-db';
import { cliEnv, groupAlive, startCli, stopAllCli, waitFor } from './helpers/cli';
import { LOGIN, PASSWORD, REGISTER } from './helpers/journeys';
import { queryOf, TEST_SECRET, testDatabaseUri, uniqueDbName, type Document } from './helpers/server';
import { graphql } from './generated';

jest.setTimeout(120_000);

const dbName = uniqueDbName('authql_workers');

afterAll(async () => {
  await stopAllCli();
  const connection = await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise();
  await connection.dropDatabase().catch(() => undefined);
  await connection.close();
});

test('an operator runs `authql serve --workers 2`: both workers answer, share sessions, and stop on SIGTERM', async () => {
  const port = await freePort();
  const env = cliEnv({ PORT: String(port), HOST: '127.0.0.1', MONGODB_URI: `${testDatabaseUri().replace(/\/?$/, '/')}${dbName}`, AUTH_SECRET: TEST_SECRET });
  const serve = startCli(['serve', '--workers', '2'], env);
  await waitFor('"serving … with 2 workers" in the log', () => /serving \S+ with 2 workers/.test(serve.stdout()), 60_000, serve);
  const url = `http://127.0.0.1:${port}/graphql`;

  // A new connection per request: the primary hands connections to the workers in turn.
  const gql = async (document: Document, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close', ...(token ? { authorization: `Token ${token}` } : {}) },
      body: JSON.stringify({ query: queryOf(document), variables }),
    });
    return response.json();
  };
  const registered = await gql(REGISTER, { input: { email: 'ada@example.com', password: PASSWORD } });
  const id = registered.data.register.user.id;
  const token = (await gql(LOGIN, { input: { email: 'ada@example.com', password: PASSWORD } })).data.login.token;
  for (let i = 0; i < 4; i += 1) expect((await gql(graphql(`query MeId { me { id } }`), {}, token)).data.me.id).toBe(id);

  expect((await gql(graphql(`mutation Logout { logout { __typename } }`), {}, token)).data.logout.__typename).toBe('LogoutSuccess');
  // Refused everywhere within the cache's 2 s (at once on the worker that logged out).
  await waitFor('the token refused by both workers', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => gql(graphql(`query MeId { me { id } }`), {}, token)));
    return answers.every((answer) => answer.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED');
  }, 3_000);

  serve.process.kill('SIGTERM');
  expect(await serve.exited).toEqual({ code: 0, signal: null });
  await waitFor('the workers to be gone', () => !groupAlive(serve.process.pid!), 10_000);
  expect(serve.stdout()).toMatch(/SIGTERM: shutting down 2 workers/);
});
