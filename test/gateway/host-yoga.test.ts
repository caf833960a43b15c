// The host-yoga recipe (examples/host-yoga): a host's own graphql-yoga server with its own
// `User` type, its own `me` and its own `users` collection (mongoose model `User` on the same
// database), with authql's schema merged in under `schema.typePrefix: 'Auth'` and
// `schema.rootFieldPrefix: 'auth_'`, auth.plugins(), and `context: (initial) => auth.context(initial)`.
// (test/package.test.ts runs the same example from the packed tarball.)
import { start } from '../../examples/host-yoga/server';
import { connectTestDatabase, type TestDatabase } from '../helpers/database';
import { withCleanup } from '../helpers/resources';
import { TEST_SECRET, testDatabaseUri, uniqueDbName } from '../helpers/server';
import { endUser } from './http';
import { expectPerUserSignUpLimit, expectTokenJourney, journeyOperations, PASSWORD, QUIET, type SchemaNames } from './recipes';

jest.setTimeout(60_000);

const NAMES: SchemaNames = { typePrefix: 'Auth', rootFieldPrefix: 'auth_' };

/** The run's database server, with this database's name in the URI's path (as a host configures it). */
function uriOf(dbName: string): string {
  const uri = new URL(testDatabaseUri());
  uri.pathname = `/${dbName}`;
  return uri.toString();
}

describe('a host graphql-yoga server with its own User, me and users collection, authql merged in under prefixes', () => {
  const cleanup = withCleanup();
  const dbName = uniqueDbName('authql_host_yoga');
  let database: TestDatabase;
  let url: string;
  /** The host's own people, before authql started. */
  let hostUsersBefore: unknown[];

  beforeAll(async () => {
    database = cleanup.add(await connectTestDatabase(dbName), (db) => db.remove());
    // The host's users collection: a unique email index and Ada, whom the host already knows.
    const hostUsers = database.db.collection('users');
    await hostUsers.createIndex({ email: 1 }, { unique: true });
    await hostUsers.insertOne({ email: 'ada@example.com', name: 'Ada Lovelace' });
    hostUsersBefore = await hostUsers.find().toArray();

    const host = cleanup.add(await start({ mongodbUri: uriOf(dbName), secret: TEST_SECRET, auth: { ...QUIET, rateLimits: {} } }), (running) => running.close());
    url = host.url;
  });

  test("the merged schema has the host's User and me, and authql's AuthUser and auth_me beside them", async () => {
    const client = endUser(url);
    const schema = await client.post(`{
      host: __type(name: "User") { fields { name } }
      authql: __type(name: "AuthUser") { fields { name } }
      __schema { queryType { fields { name } } mutationType { fields { name } } }
    }`);
    expect(schema.errors).toBeUndefined();
    const names = (fields: { name: string }[]) => fields.map((field) => field.name);
    expect(names(schema.data.host.fields).sort()).toEqual(['email', 'id', 'name']);
    expect(names(schema.data.authql.fields)).toEqual(expect.arrayContaining(['id', 'email', 'isActive', 'dateJoined']));
    expect(names(schema.data.__schema.queryType.fields)).toEqual(expect.arrayContaining(['me', 'auth_me', 'auth_user', 'auth_users']));
    expect(names(schema.data.__schema.mutationType.fields)).toEqual(expect.arrayContaining(['auth_register', 'auth_login', 'auth_logout']));
  });

  test("Ada, whom the host knows, signs up with authql and logs in: the host's me answers its own profile, auth_me authql's user; the host's users collection is untouched", async () => {
    const operations = journeyOperations(NAMES);
    const ada = endUser(url);
    const registered = await ada.post(operations.register, { input: { email: 'ada@example.com', password: PASSWORD } });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.result).toMatchObject({ __typename: 'AuthRegisterSuccess', user: { email: 'ada@example.com' } });
    const loggedIn = await ada.post(operations.login, { input: { email: 'ada@example.com', password: PASSWORD } });
    const token: string = loggedIn.data.result.token;

    const both = await ada.post('{ me { email name } auth_me { id email isActive } }', {}, { token });
    expect(both.errors).toBeUndefined();
    expect(both.data).toEqual({
      me: { email: 'ada@example.com', name: 'Ada Lovelace' },
      auth_me: { id: registered.data.result.user.id, email: 'ada@example.com', isActive: true },
    });
    // Nobody logged in: the host's me is null too.
    expect((await ada.post('{ me { name } }')).data).toEqual({ me: null });

    // authql wrote its account into its own collection; the host's users are as they were.
    expect(await database.db.collection('users').find().toArray()).toEqual(hostUsersBefore);
    expect(await database.db.collection('authql_users').countDocuments({ email: 'ada@example.com' })).toBe(1);
  });

  test('a user registers, logs in, asks auth_me and logs out through the host; the ended session is refused', async () => {
    await expectTokenJourney(url, 'grace@example.com', NAMES);
  });

  test("per-IP limits hold per end user: one user's 11th sign-up is RATE_LIMITED with its retryAfter, another's goes through", async () => {
    await expectPerUserSignUpLimit(url, 'limited.host', ['127.0.0.2', '127.0.0.3'], NAMES);
  });
});
