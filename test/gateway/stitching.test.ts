// A backend team stitches authql's schema into its own gateway with
// @graphql-tools/stitch and asks who is calling its own resolvers. Shown twice: authql as a
// local subschema in the gateway's process, and authql as a remote service over HTTP.
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { stitchSchemas } from '@graphql-tools/stitch';
import { schemaFromExecutor } from '@graphql-tools/wrap';
import type { SubschemaConfig } from '@graphql-tools/delegate';
import { GraphQLError, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createYoga } from 'graphql-yoga';
import mongoose from 'mongoose';
import { createAuth } from '../../src';
import { LOGIN, PASSWORD, REGISTER } from '../helpers/journeys';
import { startTestServer, TEST_SECRET, testDatabaseUri, uniqueDbName } from '../helpers/server';
import { withCleanup, type CleanupStack } from '../helpers/resources';
import { forwardedHeaders, listen, post } from './http';

jest.setTimeout(60_000);

const quiet = { info: () => undefined, warn: () => undefined, error: (m: string, f?: object) => console.error(m, f) };

interface Post {
  id: string;
  title: string;
  authorId: string;
}
type Viewer = { id: string } | null;
type HostContext = { request: Request };

/**
 * The host's own schema. `Post.author` hands `{ id }` of a User to the gateway, which fetches
 * the rest of the User from authql's `user(id:)` (type merging, configured on authql's subschema).
 */
function hostSchema(postsByAuthor: Map<string, Post[]>, viewer: (context: HostContext) => Promise<Viewer>): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: /* GraphQL */ `
      type Post {
        id: ID!
        title: String!
        authorId: ID!
        author: User
      }
      type User {
        id: ID!
      }
      type Query {
        myPosts: [Post!]!
      }
    `,
    resolvers: {
      Query: {
        myPosts: async (_root: unknown, _args: unknown, context: HostContext) => {
          const caller = await viewer(context);
          if (!caller) throw new GraphQLError('Log in to see your posts.', { extensions: { code: 'UNAUTHENTICATED' } });
          return postsByAuthor.get(caller.id) ?? [];
        },
      },
      Post: { author: (post: Post) => ({ id: post.authorId }) },
    },
  });
}

/** authql's subschema, with User merged through `user(id:)`. */
function authSubschema(schema: GraphQLSchema, executor?: SubschemaConfig['executor']): SubschemaConfig {
  return {
    schema,
    ...(executor ? { executor } : {}),
    merge: { User: { fieldName: 'user', selectionSet: '{ id }', args: (user: { id: string }) => ({ id: user.id }) } },
  };
}

interface Gateway {
  url: string;
  /** The host's in-memory posts, keyed by their author's id. */
  posts: Map<string, Post[]>;
}

type Mode = 'a local subschema in the gateway process' | 'a remote service reached over HTTP';

const modes: [Mode, (cleanup: CleanupStack) => Promise<Gateway>][] = [
  [
    'a local subschema in the gateway process',
    async (cleanup) => {
      const dbName = uniqueDbName('authql_stitch_local');
      cleanup.push(async () => {
        const connection = await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise();
        await connection.dropDatabase().catch(() => undefined);
        await connection.close();
      });
      const auth = await createAuth({
        mongodb: { uri: testDatabaseUri(), dbName },
        secret: TEST_SECRET,
        rateLimits: false,
        email: { transport: { jsonTransport: true } },
        logger: quiet,
      });
      cleanup.push(() => auth.close());

      const posts = new Map<string, Post[]>();
      const schema = stitchSchemas({
        subschemas: [authSubschema(auth.schema), { schema: hostSchema(posts, (context) => auth.viewer(context.request)) }],
      });
      // authql's resolvers find their use cases in `context.authql`: spread auth.context into the host's.
      const yoga = createYoga({ schema, context: async ({ request }) => ({ ...(await auth.context(request)) }), logging: false });
      const gateway = await listen(yoga);
      cleanup.push(() => gateway.close());
      return { url: gateway.url, posts };
    },
  ],
  [
    'a remote service reached over HTTP',
    async (cleanup) => {
      const authql = await startTestServer();
      cleanup.push(() => authql.close());

      // Each subschema request carries the credentials of the request the gateway is answering.
      const executor = buildHTTPExecutor({
        endpoint: authql.url,
        headers: (executorRequest) => forwardedHeaders((executorRequest?.context as HostContext | undefined)?.request),
      });
      const schema = await schemaFromExecutor(executor);

      // The gateway has no database and no secret here: it asks authql `me` with the caller's
      // own headers, so it sees exactly what authql sees (revoked sessions, JWTs, cookie mode).
      // One round trip, once per gateway request.
      const ME = parse('query GatewayViewer { me { id } }');
      const viewers = new WeakMap<object, Promise<Viewer>>();
      const viewer = (context: HostContext): Promise<Viewer> => {
        let found = viewers.get(context);
        if (!found) {
          found = (async () => {
            const result = (await executor({ document: ME, context })) as ExecutionResult<{ me: Viewer }>;
            const error = result.errors?.[0];
            // A bad or expired token: authql's own UNAUTHENTICATED, passed on unchanged.
            if (error) throw new GraphQLError(error.message, { extensions: error.extensions });
            return result.data?.me ?? null;
          })();
          viewers.set(context, found);
        }
        return found;
      };

      const posts = new Map<string, Post[]>();
      const gatewaySchema = stitchSchemas({ subschemas: [authSubschema(schema, executor), { schema: hostSchema(posts, viewer) }] });
      const yoga = createYoga({ schema: gatewaySchema, logging: false });
      const gateway = await listen(yoga);
      cleanup.push(() => gateway.close());
      return { url: gateway.url, posts };
    },
  ],
];

describe.each(modes)("a host's stitched gateway with authql as %s", (_mode, start) => {
  const cleanup = withCleanup();
  let gateway: Gateway;

  beforeAll(async () => {
    gateway = await start(cleanup);
  });

  test("the gateway's schema has authql's operations next to the host's, and Post.author is authql's User", async () => {
    const roots = await post(gateway.url, '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    expect(roots.errors).toBeUndefined();
    const names = (fields: { name: string }[]) => fields.map((f) => f.name);
    expect(names(roots.data.__schema.queryType.fields)).toEqual(expect.arrayContaining(['myPosts', 'me', 'user', 'users', 'sessions']));
    expect(names(roots.data.__schema.mutationType.fields)).toEqual(expect.arrayContaining(['register', 'login', 'logout']));

    const { data, errors } = await post(gateway.url, '{ __type(name: "Post") { fields { name type { name kind ofType { name } } } } }');
    expect(errors).toBeUndefined();
    const author = data.__type.fields.find((f: { name: string }) => f.name === 'author');
    expect(author.type).toMatchObject({ name: 'User', kind: 'OBJECT' });
    const user = await post(gateway.url, '{ __type(name: "User") { fields { name } } }');
    expect(user.data.__type.fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['id', 'email', 'isActive', 'dateJoined']));
  });

  test('a user registers and logs in through the gateway, and me and myPosts { author } know them', async () => {
    const registered = await post(gateway.url, REGISTER, { input: { email: 'Gateway.Writer@Example.com', password: PASSWORD } });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.register).toMatchObject({ __typename: 'RegisterSuccess', user: { email: 'Gateway.Writer@Example.com', isActive: true } });
    const userId: string = registered.data.register.user.id;

    // The host's posts, keyed by their author's id; someone else's must not show up.
    gateway.posts.set(userId, [
      { id: 'p1', title: 'Hello, stitching', authorId: userId },
      { id: 'p2', title: 'Second thoughts', authorId: userId },
    ]);
    gateway.posts.set('000000000000000000000000', [{ id: 'p3', title: 'Not yours', authorId: '000000000000000000000000' }]);

    const loggedIn = await post(gateway.url, LOGIN, { input: { email: 'gateway.writer@example.com', password: PASSWORD } });
    expect(loggedIn.errors).toBeUndefined();
    expect(loggedIn.data.login.__typename).toBe('LoginSuccess');
    const token: string = loggedIn.data.login.token;

    const me = await post(gateway.url, '{ me { id email } }', undefined, token);
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({ me: { id: userId, email: 'Gateway.Writer@Example.com' } });

    const mine = await post(gateway.url, '{ myPosts { id title author { id email } } }', undefined, token);
    expect(mine.errors).toBeUndefined();
    expect(mine.data).toEqual({
      myPosts: [
        { id: 'p1', title: 'Hello, stitching', author: { id: userId, email: 'Gateway.Writer@Example.com' } },
        { id: 'p2', title: 'Second thoughts', author: { id: userId, email: 'Gateway.Writer@Example.com' } },
      ],
    });

    // Both in one request: the host's field and authql's field see the same caller.
    const both = await post(gateway.url, '{ me { email } myPosts { title author { email } } }', undefined, token);
    expect(both.errors).toBeUndefined();
    expect(both.data.me.email).toBe('Gateway.Writer@Example.com');
    expect(both.data.myPosts.map((p: { title: string }) => p.title)).toEqual(['Hello, stitching', 'Second thoughts']);
  });

  test('an anonymous myPosts is a top-level UNAUTHENTICATED error, and so is one with a garbage token', async () => {
    const anonymous = await post(gateway.url, '{ myPosts { title author { email } } }');
    expect(anonymous.status).toBe(200);
    expect(anonymous.data).toBeNull();
    expect(anonymous.errors).toHaveLength(1);
    expect(anonymous.errors![0]).toMatchObject({ path: ['myPosts'], extensions: { code: 'UNAUTHENTICATED' } });

    const garbage = await post(gateway.url, '{ myPosts { title } }', undefined, 'garbage');
    expect(garbage.data).toBeNull();
    expect(garbage.errors?.[0]).toMatchObject({ path: ['myPosts'], extensions: { code: 'UNAUTHENTICATED' } });

    // authql's own answer through the gateway is unchanged: no credentials → me is null.
    const me = await post(gateway.url, '{ me { email } }');
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({ me: null });
  });
});
