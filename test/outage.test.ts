// A database outage (SPEC §10): answered quickly with SERVICE_UNAVAILABLE, and the server
// recovers by itself when the database comes back. Uses its own FerretDB so that stopping
// it does not disturb the other test files.
import { rmSync } from 'node:fs';
import { findFerretDB, freePort, startFerretDB, type FerretDBProcess } from '../src/embedded-db';
import { LOGIN, ME, PASSWORD, REGISTER, login, register } from './helpers/journeys';
import { startTestServer, type GraphQLResponse, type TestServer } from './helpers/server';

jest.setTimeout(90_000);

const OUTAGE_BOUND_MS = 3000;

let ferretdbBinary: string;
let port: number;
let dataDir: string;
let ferretdb: FerretDBProcess | null = null;
let server: TestServer | null = null;

beforeAll(async () => {
  // The one the test run's database came from, else built into the cache as `npm start` would.
  const found = await findFerretDB(process.env, { build: true });
  if (!found) throw new Error('this test needs FerretDB 1.24: a ferretdb binary on PATH, or go on PATH to build one');
  ferretdbBinary = found;
  port = await freePort();
  ferretdb = await startFerretDB(ferretdbBinary, { port, keepData: true });
  dataDir = ferretdb.dataDir;
  server = await startTestServer({}, { mongodbUri: ferretdb.uri });
});

afterAll(async () => {
  // Bring the database back if a failed test left it down, so close() can drop the database.
  if (!ferretdb && dataDir) ferretdb = await startFerretDB(ferretdbBinary, { port, dataDir, keepData: true }).catch(() => null);
  await server?.close().catch(() => undefined);
  await ferretdb?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function timed(operation: () => Promise<GraphQLResponse>): Promise<{ response: GraphQLResponse; elapsed: number }> {
  const started = Date.now();
  const response = await operation();
  return { response, elapsed: Date.now() - started };
}

function expectServiceUnavailable({ response, elapsed }: { response: GraphQLResponse; elapsed: number }) {
  expect(elapsed).toBeLessThan(OUTAGE_BOUND_MS);
  expect(response.status).toBe(503);
  expect(response.errors).toBeDefined();
  expect(response.errors!.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(response.errors![0].message).not.toMatch(/mongo|ECONNREFUSED|127\.0\.0\.1/i);
}

test('while the database is down, users are told at once that the service is unavailable, and once it is back everything works again with nothing lost', async () => {
  const app = server!;
  // Before the outage: Ada signs up and logs in.
  const registered = await register(app, { email: 'ada@example.com', password: PASSWORD });
  expect(registered.__typename).toBe('RegisterSuccess');
  const token = await login(app, { email: 'ada@example.com', password: PASSWORD });
  const before = await app.gql(ME, {}, { token });
  expect(before.data.me).toMatchObject({ id: registered.user.id, email: 'ada@example.com' });

  // The database goes away (its files stay).
  await ferretdb!.stop();
  ferretdb = null;

  // Ada's next request, a stranger's sign-up and a login: quick 503s, not a hang.
  expectServiceUnavailable(await timed(() => app.gql(ME, {}, { token })));
  expectServiceUnavailable(await timed(() => app.gql(REGISTER, { input: { email: 'grace@example.com', password: PASSWORD } })));
  expectServiceUnavailable(await timed(() => app.gql(LOGIN, { input: { email: 'ada@example.com', password: PASSWORD } })));
  // Asked again, still quick (the driver does not queue up behind the first failures).
  expectServiceUnavailable(await timed(() => app.gql(ME, {}, { token })));

  // The server itself is still up: what needs no database still answers.
  const alive = await app.gql('{ __typename }');
  expect(alive.status).toBe(200);
  expect(alive.data).toEqual({ __typename: 'Query' });
  const anonymous = await app.gql(ME);
  expect(anonymous.errors).toBeUndefined();
  expect(anonymous.data.me).toBeNull();

  // The database comes back on the same port with the same files.
  ferretdb = await startFerretDB(ferretdbBinary, { port, dataDir, keepData: true });

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
