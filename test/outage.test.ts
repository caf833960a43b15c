// A database outage: answered quickly with SERVICE_UNAVAILABLE, and the server
// recovers by itself when the database comes back. Uses its own FerretDB so that stopping
// it does not disturb the other test files, and a proxy that makes the shared one hang
// (connections open, nothing answered) in the middle of a request.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { LOGIN, ME, PASSWORD, REGISTER, login, register } from './helpers/journeys';
import { serverOnOwnDatabase } from './helpers/own-database';
import { startTestServer, testDatabaseUri, type GraphQLResponse } from './helpers/server';
import { graphql } from './generated';

jest.setTimeout(90_000);

const OUTAGE_BOUND_MS = 3000;

const own = serverOnOwnDatabase();

async function timed(operation: () => Promise<GraphQLResponse>): Promise<{ response: GraphQLResponse; elapsed: number }> {
  const started = Date.now();
  const response = await operation();
  return { response, elapsed: Date.now() - started };
}

function expectServiceUnavailable({ response, elapsed }: { response: GraphQLResponse; elapsed: number }) {
  expect(elapsed).toBeLessThan(OUTAGE_BOUND_MS);
  expect(response.status).toBe(200); // a JSON client: the code is in the body (GraphQL over HTTP)
  expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(response.errors![0].message).not.toMatch(/mongo|ECONNREFUSED|127\.0\.0\.1/i);
}

test('while the database is down, users are told at once that the service is unavailable, and once it is back everything works again with nothing lost', async () => {
  const app = own.server;
  // Before the outage: Ada signs up and logs in.
  const registered = await register(app, { email: 'ada@example.com', password: PASSWORD });
  expect(registered.__typename).toBe('RegisterSuccess');
  const token = await login(app, { email: 'ada@example.com', password: PASSWORD });
  const before = await app.gql(ME, {}, { token });
  expect(before.data.me).toMatchObject({ id: registered.user.id, email: 'ada@example.com' });

  // The database goes away (its files stay).
  await own.database.stop();

  // Ada's next request, a stranger's sign-up and a login: quick SERVICE_UNAVAILABLE answers, not a hang.
  expectServiceUnavailable(await timed(() => app.gql(ME, {}, { token })));
  expectServiceUnavailable(await timed(() => app.gql(REGISTER, { input: { email: 'grace@example.com', password: PASSWORD } })));
  expectServiceUnavailable(await timed(() => app.gql(LOGIN, { input: { email: 'ada@example.com', password: PASSWORD } })));
  // Asked again, still quick (the driver does not queue up behind the first failures).
  expectServiceUnavailable(await timed(() => app.gql(ME, {}, { token })));

  // The server itself is still up: what needs no database still answers.
  const alive = await app.gql(graphql(`query Typename { __typename }`));
  expect(alive.status).toBe(200);
  expect(alive.data).toEqual({ __typename: 'Query' });
  const anonymous = await app.gql(ME);
  expect(anonymous.errors).toBeUndefined();
  expect(anonymous.data.me).toBeNull();

  // The database comes back on the same port with the same files.
  await own.database.start();

  // Within a while, Ada's token works again: her session survived the outage.
  const deadline = Date.now() + 20_000;
  let me: GraphQLResponse | null = null;
  for (;;) {
    me = await app.gql(ME, {}, { token });
    if (me.data?.me || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(me.errors).toBeUndefined();
  expect(me.data.me).toMatchObject({ id: registered.user.id, email: 'ada@example.com' });

  // And a new sign-up succeeds, while Ada's email is still taken.
  const grace = await register(app, { email: 'grace@example.com', password: PASSWORD });
  expect(grace.__typename).toBe('RegisterSuccess');
  const again = await register(app, { email: 'ada@example.com', password: PASSWORD });
  expect(again.__typename).toBe('ValidationError');
  expect(again.fieldErrors).toEqual([expect.objectContaining({ field: 'email', code: 'ALREADY_EXISTS' })]);
  expect(await login(app, { email: 'grace@example.com', password: PASSWORD })).toMatch(/^[A-Za-z0-9_-]{43}$/);
});

/**
 * A TCP proxy to the database that can hang the way a frozen or partitioned server does:
 * `hangAfterSessionWrites(n)` swallows each write to the sessions collection, and once n
 * are in flight stops answering anything on any connection, until `resume()`.
 */
async function startHangingProxy(databaseUri: string) {
  const target = new URL(databaseUri);
  let swallowAfter: number | null = null;
  let swallowed = 0;
  const pairs = new Set<[Socket, Socket]>();
  const hung = () => swallowAfter !== null && swallowed >= swallowAfter;
  const server: Server = createServer((client) => {
    const database = connect(Number(target.port), target.hostname);
    const pair: [Socket, Socket] = [client, database];
    pairs.add(pair);
    client.on('data', (chunk: Buffer) => {
      // An OP_MSG `{ update: "sessions", … }`: the command name, then the collection name.
      if (swallowAfter !== null && chunk.includes('update\0') && chunk.includes('sessions\0')) swallowed++;
      else if (!hung()) database.write(chunk);
    });
    database.on('data', (chunk: Buffer) => {
      if (!hung()) client.write(chunk);
    });
    for (const socket of pair) {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        pairs.delete(pair);
        pair.forEach((s) => s.destroy());
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    hangAfterSessionWrites(n: number) {
      swallowAfter = n;
      swallowed = 0;
    },
    resume() {
      swallowAfter = null;
      // Those connections lost bytes both ways: the driver must open new ones.
      for (const pair of pairs) pair.forEach((s) => s.destroy());
    },
    close: () => new Promise<void>((resolve) => {
      for (const pair of pairs) pair.forEach((s) => s.destroy());
      server.close(() => resolve());
    }),
  };
}

// Noticing a server that stops answering takes a heartbeat and a connect timeout (1 s + 2 s).
const HANG_BOUND_MS = 6000;

test('when the database stops answering while `me` records the session\'s use, every caller is told SERVICE_UNAVAILABLE (40 tries), and the server recovers', async () => {
  const proxy = await startHangingProxy(testDatabaseUri());
  // The clock moves 2 minutes a round: each `me` then writes the session's last use.
  let clockOffsetMs = 0;
  const app = await startTestServer({ clock: () => new Date(Date.now() + clockOffsetMs) }, { mongodbUri: proxy.uri });
  try {
    const USERS = 10;
    const tokens: string[] = [];
    for (let i = 0; i < USERS; i++) {
      const email = `hang${i}@example.com`;
      expect((await register(app, { email, password: PASSWORD })).__typename).toBe('RegisterSuccess');
      tokens.push(await login(app, { email, password: PASSWORD }));
    }
    const answers: string[] = [];
    for (let round = 0; round < 4; round++) {
      clockOffsetMs += 120_000;
      proxy.hangAfterSessionWrites(USERS);
      const results = await Promise.all(tokens.map((token) => timed(() => app.gql(ME, {}, { token }))));
      for (const { response, elapsed } of results) {
        answers.push(`${response.status} ${response.errors?.map((e) => e.extensions?.code).join(',')}${elapsed < HANG_BOUND_MS ? '' : ` after ${elapsed} ms`}`);
      }
      proxy.resume();
      // Back to normal: every session still works.
      const deadline = Date.now() + 20_000;
      for (const token of tokens) {
        let me = await app.gql(ME, {}, { token });
        while (!me.data?.me && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 250));
          me = await app.gql(ME, {}, { token });
        }
        expect(me.data?.me?.email).toMatch(/^hang\d@example\.com$/);
      }
    }
    expect(answers).toEqual(Array(40).fill('200 SERVICE_UNAVAILABLE'));
  } finally {
    await app.close();
    await proxy.close();
  }
});
