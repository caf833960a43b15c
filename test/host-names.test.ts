// authql inside a host that has its own names: a `User` type, a `me` and a `users` query, a
// `users` collection with its own unique email index. Under schema.typePrefix and
// schema.rootFieldPrefix both schemas merge and both answer; without them the host's Yoga
// refuses to start rather than merge silently; and authql's collections are authql_* by default.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mergeSchemas } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { createYoga } from 'graphql-yoga';
import mongoose from 'mongoose';
import { createAuth, type Auth } from '../src';
import { startServer } from '../src/server';
import { PASSWORD } from './helpers/journeys';
import { withCleanup } from './helpers/resources';
import { TEST_SECRET, graphqlAt, testDatabaseUri, uniqueDbName, withTestServer, type GraphQLCall } from './helpers/server';

jest.setTimeout(60_000);

const cleanup = withCleanup();

/** The host's own schema: its users have a name, and `me` is the host's idea of the caller. */
const hostSchemaParts = {
  typeDefs: /* GraphQL */ `
    type User { id: ID! name: String! }
    type Query { me: User  users: [User!]! }
  `,
  resolvers: {
    Query: {
      me: () => ({ id: 'h1', name: 'Grace Hopper' }),
      users: () => [{ id: 'h1', name: 'Grace Hopper' }, { id: 'h2', name: 'Alan Turing' }],
    },
  },
};

/** A host's Yoga server on a merged schema, with authql's plugins and context; its gql call. */
async function hostYoga(auth: Auth, schema: GraphQLSchema): Promise<GraphQLCall> {
  const yoga = createYoga({ schema, plugins: auth.plugins(), context: async ({ request }) => auth.context(request), logging: false });
  const http = cleanup.add(createServer(yoga), (server) => new Promise<void>((resolve) => server.close(() => resolve())));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  return graphqlAt(`http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`);
}

describe('with schema.typePrefix "Auth" and schema.rootFieldPrefix "auth_"', () => {
  const server = withTestServer({ schema: { typePrefix: 'Auth', rootFieldPrefix: 'auth_' } });

  test("a host with its own User, me and users merges authql's schema: each answers its own, and the register/login/logout journey runs through auth_*", async () => {
    const gql = await hostYoga(server.auth, mergeSchemas({ schemas: [server.auth.schema], ...hostSchemaParts }));

    const host = await gql('{ me { id name } users { name } }');
    expect(host.errors).toBeUndefined();
    expect(host.data).toEqual({ me: { id: 'h1', name: 'Grace Hopper' }, users: [{ name: 'Grace Hopper' }, { name: 'Alan Turing' }] });

    const registered = await gql(
      'mutation ($input: AuthRegisterInput!) { auth_register(input: $input) { __typename ... on AuthRegisterSuccess { user { email } } } }',
      { input: { email: 'ada@example.com', password: PASSWORD } },
    );
    expect(registered.data.auth_register).toEqual({ __typename: 'AuthRegisterSuccess', user: { email: 'ada@example.com' } });
    const login = await gql(
      'mutation ($input: AuthLoginInput!) { auth_login(input: $input) { __typename ... on AuthLoginSuccess { token } ... on AuthError { code } } }',
      { input: { email: 'ada@example.com', password: PASSWORD } },
    );
    expect(login.data.auth_login.__typename).toBe('AuthLoginSuccess');
    const token: string = login.data.auth_login.token;

    const both = await gql('{ auth_me { __typename email } me { __typename name } }', {}, { token });
    expect(both.data).toEqual({ auth_me: { __typename: 'AuthUser', email: 'ada@example.com' }, me: { __typename: 'User', name: 'Grace Hopper' } });

    const logout = await gql('mutation { auth_logout { __typename } }', {}, { token });
    expect(logout.data.auth_logout.__typename).toBe('AuthLogoutSuccess');
    const after = await gql('{ auth_me { email } }', {}, { token });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

test('a prefix that cannot start a GraphQL name fails createAuth with a message naming the option', async () => {
  const options = { mongodb: { uri: testDatabaseUri(), dbName: uniqueDbName() }, secret: TEST_SECRET };
  await expect(createAuth({ ...options, schema: { typePrefix: '1st' } })).rejects.toThrow(/"schema\.typePrefix": expected the start of a GraphQL name/);
  await expect(createAuth({ ...options, schema: { rootFieldPrefix: 'auth-' } })).rejects.toThrow(/"schema\.rootFieldPrefix": expected the start of a GraphQL name/);
});

describe('without prefixes, a host schema that takes one of authql\'s names is never merged silently', () => {
  const server = withTestServer();

  test("a host's own User type merged into authql's: the host's Yoga refuses to start, naming User and schema.typePrefix", async () => {
    const merged = mergeSchemas({
      schemas: [server.auth.schema],
      typeDefs: 'type User { id: ID! name: String! }  type Query { people: [User!]! }',
      resolvers: { Query: { people: () => [{ id: 'h1', name: 'Grace Hopper' }] } },
    });
    await expect(hostYoga(server.auth, merged)).rejects.toThrow(/authql's type "User" was merged with the host's "User" \(name\).*schema\.typePrefix/);
  });

  test("a host resolver for authql's Query.me: the host's Yoga refuses to start, naming Query.me and schema.rootFieldPrefix", async () => {
    const merged = mergeSchemas({
      schemas: [server.auth.schema],
      typeDefs: 'type Query { me: User }',
      resolvers: { Query: { me: () => ({ id: 'h1', email: 'host@example.com' }) } },
    });
    await expect(hostYoga(server.auth, merged)).rejects.toThrow(/authql's root field Query\.me is answered by a resolver of the host's.*schema\.rootFieldPrefix/);
  });

  test("authql's schema merged with a host's schema of other names starts and answers both", async () => {
    const merged = mergeSchemas({ schemas: [server.auth.schema], typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'hi' } } });
    const gql = await hostYoga(server.auth, merged);
    expect((await gql('{ hello me { id } }')).data).toEqual({ hello: 'hi', me: null });
  });
});

describe("a host database with its own users collection (a unique email index, ada@example.com in it)", () => {
  test("authql, on the host's connection with default options, registers ada@example.com into authql_users and leaves the host's users as they were", async () => {
    const dbName = uniqueDbName();
    const connection = cleanup.add(await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise(), async (c) => {
      await c.dropDatabase().catch(() => undefined);
      await c.close();
    });
    const hostUsers = connection.db!.collection('users');
    await hostUsers.createIndex({ email: 1 }, { unique: true });
    await hostUsers.insertOne({ email: 'ada@example.com', plan: 'pro' });
    const before = await hostUsers.find().toArray();

    const auth = cleanup.add(
      await createAuth({ mongodb: { connection }, secret: TEST_SECRET, email: { transport: { jsonTransport: true } }, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } }),
      (a) => a.close(),
    );
    const running = cleanup.add(await startServer(auth, { port: 0 }), (r) => r.close());
    const gql = graphqlAt(running.url);

    const registered = await gql('mutation ($input: RegisterInput!) { register(input: $input) { __typename ... on ValidationError { fieldErrors { code } } } }', {
      input: { email: 'ada@example.com', password: PASSWORD },
    });
    expect(registered.data.register).toEqual({ __typename: 'RegisterSuccess' });
    const login = await gql('mutation ($input: LoginInput!) { login(input: $input) { __typename } }', { input: { email: 'ada@example.com', password: PASSWORD } });
    expect(login.data.login.__typename).toBe('LoginSuccess');

    expect(await hostUsers.find().toArray()).toEqual(before);
    expect(await connection.db!.collection('authql_users').countDocuments({ email: 'ada@example.com' })).toBe(1);
  });
});

describe('a federation subgraph with schema.typePrefix "Auth" and schema.rootFieldPrefix "auth_"', () => {
  const server = withTestServer({ federation: true, schema: { typePrefix: 'Auth', rootFieldPrefix: 'auth_' } });

  test("its _service.sdl tells a gateway AuthUser @key(fields: \"id\") and auth_me, and an AuthUser reference resolves to the user", async () => {
    const { sdl } = (await server.gql('{ _service { sdl } }')).data._service;
    expect(sdl).toMatch(/type AuthUser\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/\bauth_me: AuthUser\b/);
    expect(sdl).not.toMatch(/\btype User\b|\bme: /);

    await server.gql('mutation ($input: AuthRegisterInput!) { auth_register(input: $input) { __typename } }', { input: { email: 'fed@example.com', password: PASSWORD } });
    const login = await server.gql('mutation ($input: AuthLoginInput!) { auth_login(input: $input) { ... on AuthLoginSuccess { token user { id } } } }', {
      input: { email: 'fed@example.com', password: PASSWORD },
    });
    const { token, user } = login.data.auth_login;
    const entities = await server.gql('query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on AuthUser { email } } }', { r: [{ __typename: 'AuthUser', id: user.id }] }, { token });
    expect(entities.errors).toBeUndefined();
    expect(entities.data._entities).toEqual([{ __typename: 'AuthUser', email: 'fed@example.com' }]);
  });
});
