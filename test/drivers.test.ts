// A host hands authql the database it already has: its mongoose 8 or 9 connection, or the
// official driver's MongoClient with a database name. authql serves the sign-up, login and `me`
// journey over HTTP on it, leaves the host's own `User` model and collection alone, and leaves
// the connection or client open when it closes. Anything else fails at once, naming the range.
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { createAuth, type Auth } from '../src/auth';
import type { AuthOptions } from '../src/config';
import { startServer } from '../src/server';
import { withDeadline } from './helpers/cli';
import { PASSWORD, login, meWith, register } from './helpers/journeys';
import { withCleanup } from './helpers/resources';
import { TEST_SECRET, graphqlAt, testDatabaseUri, uniqueDbName } from './helpers/server';

// mongoose 8's own types declare the module 'mongoose' (they cannot be imported under another
// name): its API is read through mongoose 9's types, for the calls a host makes that both share.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mongoose8: typeof mongoose = require('mongoose8');

const quiet = { info: () => undefined, warn: () => undefined, error: (m: string, f?: object) => console.error(m, f) };
const RANGE = '^8.0.0 || ^9.0.0';

const cleanup = withCleanup();

function authOn(mongodb: AuthOptions['mongodb']): Promise<Auth> {
  // A hang (what a mongoose 8 connection met before) fails here with a message, not at jest's timeout.
  return withDeadline(createAuth({ mongodb, secret: TEST_SECRET, rateLimits: false, email: { transport: { jsonTransport: true } }, logger: quiet }), 20_000, 'createAuth');
}

/** authql served over HTTP on this database: a member signs up, logs in and asks who they are. */
async function expectTheJourneyOver(auth: Auth, email: string): Promise<void> {
  const running = await startServer(auth, { port: 0 });
  try {
    const server = { gql: graphqlAt(running.url) };
    expect(await register(server, { email, password: PASSWORD })).toMatchObject({ __typename: 'RegisterSuccess', user: { email } });
    const token = await login(server, { email, password: PASSWORD });
    expect(await meWith(server, token)).toEqual({ me: expect.objectContaining({ email }), code: null });
  } finally {
    await running.close();
  }
}

/** The host's own `User` model, as a host app defines it, with one document of its own. */
async function hostUserModel(connection: mongoose.Connection) {
  const User = connection.model('User', new (connection.base as typeof mongoose).Schema({ nickname: String }), 'users');
  await User.create({ nickname: 'the host’s own' });
  return User;
}

/** The host's model is the one it defined, its collection holds only its own document, and the connection still answers. */
async function expectHostUntouched(connection: mongoose.Connection, User: Awaited<ReturnType<typeof hostUserModel>>): Promise<void> {
  expect(connection.readyState).toBe(1);
  expect(connection.model('User')).toBe(User);
  expect(Object.keys(User.schema.paths).sort()).toEqual(['__v', '_id', 'nickname']);
  expect((await connection.db!.collection('users').find().toArray()).map(({ nickname }) => nickname)).toEqual(['the host’s own']);
}

describe.each([
  ['mongoose 8', mongoose8],
  ['mongoose 9', mongoose],
])("a host's %s connection", (_, hostMongoose) => {
  test("serves sign-up, login and `me` over HTTP, leaves the host's own User model alone, and stays open after auth.close()", async () => {
    const dbName = uniqueDbName('authql_drivers');
    const connection = cleanup.add(await hostMongoose.createConnection(testDatabaseUri(), { dbName }).asPromise(), async (c) => {
      await c.dropDatabase().catch(() => undefined);
      await c.close();
    });
    const User = await hostUserModel(connection);
    // The prefix is spelt out: this story is about the connection, not about the default prefix.
    const auth = await authOn({ connection, collectionPrefix: 'authql_' });
    await expectTheJourneyOver(auth, 'host-connection@example.com');
    await auth.close();
    await expectHostUntouched(connection, User);
    // The host's connection still writes after authql closed.
    await User.create({ nickname: 'after close' });
    expect(await User.countDocuments()).toBe(2);
  });
});

describe.each([
  ['7 (the one mongoose 9 brings)', mongoose.mongo.MongoClient],
  ['6 (the one mongoose 8 brings)', mongoose8.mongo.MongoClient],
  ["7 as a host installs it (`mongodb`, another copy than mongoose's)", MongoClient as unknown as typeof mongoose.mongo.MongoClient],
])("the official driver's { client, dbName }, driver %s", (_, MongoClient) => {
  test('serves the same journey, and the client stays open after auth.close()', async () => {
    const dbName = uniqueDbName('authql_drivers_client');
    const client = cleanup.add(await new MongoClient(testDatabaseUri()).connect(), async (c) => {
      await c.db(dbName).dropDatabase().catch(() => undefined);
      await c.close();
    });
    const listeners = () => client.eventNames().reduce((sum, event) => sum + client.listenerCount(event), 0);
    const listening = listeners();
    const auth = await authOn({ client, dbName });
    await expectTheJourneyOver(auth, 'host-client@example.com');
    await auth.close();
    // Closing authql leaves the client as it found it: open, and without authql's listeners.
    expect(listeners()).toBe(listening);
    // authql's accounts are in the named database, and the host's client still answers.
    const names = (await client.db(dbName).listCollections().toArray()).map(({ name }) => name);
    expect(names.some((name) => name.endsWith('users'))).toBe(true);
    expect(await client.db(dbName).command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});

describe('what authql cannot run on fails at once, naming the supported range', () => {
  // A connection of another mongoose major that never finishes connecting: waiting on it would hang.
  const mongoose7Connection = {
    base: { version: '7.8.2' },
    readyState: 2,
    name: 'app',
    models: {},
    model: () => ({}),
    getClient: () => ({}),
    asPromise: () => new Promise(() => undefined),
  };

  test.each([
    ['a mongoose 7 connection', mongoose7Connection, /mongoose 7\.8\.2; authql supports mongoose \^8\.0\.0 \|\| \^9\.0\.0/],
    ['an object that is no connection', { db: 'app' }, /must be a mongoose Connection \(mongoose \^8\.0\.0 \|\| \^9\.0\.0\)/],
  ])('%s is refused within a second', async (_, connection, message) => {
    const refused = withDeadline(createAuth({ mongodb: { connection }, secret: TEST_SECRET, logger: quiet }), 1000, 'refusing the connection');
    await expect(refused).rejects.toThrow(message);
    await expect(refused).rejects.toThrow(RANGE);
  });

  test('an object that is no MongoClient, given as the client, is refused at once', async () => {
    const refused = withDeadline(createAuth({ mongodb: { client: { db: 'app' }, dbName: 'app' }, secret: TEST_SECRET, logger: quiet }), 1000, 'refusing the client');
    await expect(refused).rejects.toThrow(/mongodb\.client must be a MongoClient of the official driver \(mongodb 6 or 7, those of mongoose \^8\.0\.0 \|\| \^9\.0\.0\)/);
  });

  test("a host's mongoose connection still connecting is waited for, then used", async () => {
    const dbName = uniqueDbName('authql_drivers_connecting');
    const connection = cleanup.add(mongoose8.createConnection(testDatabaseUri(), { dbName }), async (c) => {
      await c.dropDatabase().catch(() => undefined);
      await c.close();
    });
    expect(connection.readyState).toBe(2);
    const auth = await authOn({ connection });
    await expectTheJourneyOver(auth, 'connecting@example.com');
    await auth.close();
  });
});
