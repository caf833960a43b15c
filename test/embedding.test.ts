// The public API (createAuth, auth.schema, auth.context, auth.viewer): a host mounts authql's
// schema inside its own Yoga server and asks `auth.viewer(request)` who is calling; and the
// `authql print-schema` command.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mergeSchemas } from '@graphql-tools/schema';
import { GraphQLSchema, printSchema } from 'graphql';
import { createYoga } from 'graphql-yoga';
import mongoose from 'mongoose';
import { createAuth, printAuthSchema, type Auth } from '../src';
import { closeAndDrop } from './helpers/database';
import { LOGIN, PASSWORD, REGISTER } from './helpers/journeys';
import { withCleanup, withTempDir } from './helpers/resources';
import { queryOf, TEST_SECRET, testDatabaseUri, uniqueDbName, withSmtpServer, type Document } from './helpers/server';

const ROOT = path.resolve(__dirname, '..');
// Each `authql` child process compiles the CLI with tsx: a few seconds each, more on a busy machine.
jest.setTimeout(60_000);

const quiet = { info: () => undefined, warn: () => undefined, error: (m: string, f?: object) => console.error(m, f) };

describe("a host's own Yoga server with authql's schema merged in", () => {
  // Stopped in this order (the clean-ups' afterAll is declared first): the host's HTTP server,
  // authql (its database dropped), then the SMTP server.
  const cleanup = withCleanup();
  const smtp = withSmtpServer();
  let auth: Auth;
  let dbName: string;
  let http: Server;
  let url: string;

  async function post(query: string, token?: string) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, ...((await response.json()) as { data?: any; errors?: any[] }) };
  }
  async function postWith(document: Document, variables: Record<string, unknown>) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: queryOf(document), variables }) });
    return (await response.json()) as { data?: any; errors?: any[] };
  }

  beforeAll(async () => {
    dbName = uniqueDbName('authql_embedding');
    auth = await createAuth({
      mongodb: { uri: testDatabaseUri(), dbName },
      secret: TEST_SECRET,
      email: { transport: smtp.url, from: 'host <no-reply@example.test>' },
      logger: quiet,
    });
    cleanup.push(() => closeAndDrop(auth, dbName));

    const hostSchema = mergeSchemas({
      schemas: [auth.schema],
      typeDefs: /* GraphQL */ `
        type Query {
          hello: String
        }
      `,
      resolvers: {
        Query: {
          hello: async (_root: unknown, _args: unknown, context: { request: Request }) => {
            const viewer = await auth.viewer(context.request);
            return viewer ? `Hello, ${viewer.email}` : 'Hello, stranger';
          },
        },
      },
    });
    const yoga = createYoga({
      schema: hostSchema,
      context: async (initial) => ({ ...(await auth.context(initial)) }),
      logging: false,
    });
    http = createServer(yoga);
    cleanup.push(() => new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeIdleConnections();
    }));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  });

  test("createAuth hands the host a schema, a context factory, a viewer, a Yoga factory and close", () => {
    expect(auth.schema).toBeInstanceOf(GraphQLSchema);
    const sdl = printSchema(auth.schema);
    expect(sdl).toContain('me: User');
    expect(sdl).toContain('register(input: RegisterInput!): RegisterResult!');
    expect(sdl).not.toMatch(/password[hH]ash/);
    expect(typeof auth.context).toBe('function');
    expect(typeof auth.viewer).toBe('function');
    expect(typeof auth.yoga).toBe('function');
    expect(typeof auth.close).toBe('function');
  });

  test("a user signs up and logs in through the host's server, and both the host's hello and authql's me know them", async () => {
    const registered = await postWith(REGISTER, { input: { email: 'Host.User@Example.com', password: PASSWORD } });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.register).toMatchObject({ __typename: 'RegisterSuccess', user: { email: 'Host.User@Example.com' } });

    const loggedIn = await postWith(LOGIN, { input: { email: 'host.user@example.com', password: PASSWORD } });
    expect(loggedIn.data.login.__typename).toBe('LoginSuccess');
    const token: string = loggedIn.data.login.token;

    const both = await post('{ hello me { email } }', token);
    expect(both.errors).toBeUndefined();
    expect(both.data).toEqual({ hello: 'Hello, Host.User@Example.com', me: { email: 'Host.User@Example.com' } });

    // auth.viewer works on a plain Request (and on { request }) outside any GraphQL execution.
    const request = new Request('http://host.example/anything', { headers: { authorization: `Token ${token}` } });
    const viewer = await auth.viewer(request);
    expect(viewer).toMatchObject({ id: registered.data.register.user.id, email: 'Host.User@Example.com', isActive: true });
    expect(JSON.stringify(viewer)).not.toMatch(/argon2|passwordHash/);
    expect((await auth.viewer({ request }))?.id).toBe(viewer!.id);
  });

  test('an anonymous visitor is greeted as a stranger and me is null', async () => {
    const anonymous = await post('{ hello me { email } }');
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data).toEqual({ hello: 'Hello, stranger', me: null });
  });

  test('a garbage token makes the viewer null (the host greets a stranger) while authql\'s me says UNAUTHENTICATED', async () => {
    for (const header of ['Token garbage', 'Bearer ' + 'A'.repeat(43), 'Token ', 'Basic dXNlcjpwYXNz', '']) {
      const request = new Request('http://host.example/', { headers: header ? { authorization: header } : {} });
      expect(await auth.viewer(request)).toBeNull();
    }
    const hello = await post('{ hello }', 'garbage');
    expect(hello.errors).toBeUndefined();
    expect(hello.data).toEqual({ hello: 'Hello, stranger' });
    const me = await post('{ me { email } }', 'garbage');
    expect(me.data.me).toBeNull();
    expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('auth.yoga() is a ready standalone server for the same schema', async () => {
    const yoga = auth.yoga();
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: null } });
  });
});

test("auth.close() leaves a host's own mongoose connection open", async () => {
  const dbName = uniqueDbName('authql_embedding_conn');
  const connection = await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise();
  try {
    const auth = await createAuth({ mongodb: { connection }, secret: TEST_SECRET, email: { transport: { jsonTransport: true } }, logger: quiet });
    const request = new Request('http://host.example/', { headers: { authorization: 'Token nope' } });
    expect(await auth.viewer(request)).toBeNull();
    await auth.close();
    expect(connection.readyState).toBe(mongoose.ConnectionStates.connected);
    // the host can still use it
    await connection.db!.collection('host_things').insertOne({ ok: true });
    expect(await connection.db!.collection('host_things').countDocuments()).toBe(1);
  } finally {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
});

describe('authql print-schema', () => {
  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const env = { ...process.env };
      delete env.MONGODB_URI;
      execFile(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), ...args], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number | string }).code as number | null) : 0;
        resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
      });
    });
  }
  function block(sdl: string, header: string): string {
    const match = new RegExp(`^${header} \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(sdl);
    if (!match) throw new Error(`no "${header}" in:\n${sdl}`);
    return match[1];
  }

  const tmp = withTempDir('authql-print-schema-');

  test('a developer prints the schema without a database and gets the SDL the library serves', async () => {
    const { code, stdout, stderr } = await run(['print-schema']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('type User {');
    expect(block(stdout, 'type User')).toMatch(/^\s+email: String!$/m);
    expect(block(stdout, 'input LoginInput')).toMatch(/^\s+email: String!$/m);
    expect(stdout).toContain('register(input: RegisterInput!): RegisterResult!');

    const auth = await createAuth({
      mongodb: { uri: testDatabaseUri(), dbName: uniqueDbName('authql_print') },
      secret: TEST_SECRET,
      email: { transport: { jsonTransport: true } },
      logger: quiet,
    });
    try {
      expect(stdout).toBe(printAuthSchema(auth.schema));
    } finally {
      await auth.close();
    }
  });

  test('with a config file that makes the username the login field, the SDL has usernames', async () => {
    const config = path.join(tmp, 'authql.json');
    writeFileSync(config, JSON.stringify({ loginField: 'username' }));
    const { code, stdout, stderr } = await run(['print-schema', '--config', config]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const user = block(stdout, 'type User');
    expect(user).toMatch(/^\s+username: String!$/m);
    expect(user).toMatch(/^\s+email: String$/m); // optional with loginField "username"
    const loginInput = block(stdout, 'input LoginInput');
    expect(loginInput).toMatch(/^\s+username: String!$/m);
    expect(loginInput).not.toMatch(/^\s+email:/m);
  });

  test('an unknown command exits with code 2 and says so on stderr', async () => {
    const { code, stdout, stderr } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "frobnicate"/);
    expect(stdout).toBe('');
  });

  test('a config file that does not exist exits with code 2 and names the file', async () => {
    const missing = path.join(tmp, 'missing.json');
    const { code, stderr } = await run(['print-schema', '--config', missing]);
    expect(code).toBe(2);
    expect(stderr).toContain(missing);
  });
});
