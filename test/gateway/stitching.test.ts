// The stitching recipe (examples/stitching): a host's gateway stitches authql's schema with its
// own posts (@graphql-tools/stitch) and asks who is calling its own resolvers. Shown twice:
// authql as a remote service over HTTP (the end user's credentials, cookies and address
// forwarded, Set-Cookie relayed back), and authql as a local subschema in the gateway's process.
import { createAuth } from 'authql';
import { start } from '../../examples/stitching/gateway';
import { LOGIN, PASSWORD, REGISTER } from '../helpers/journeys';
import { startTestServer } from '../helpers/server';
import { withCleanup, type Cleanup } from '../helpers/resources';
import { post } from './http';
import { expectCookieJourney, expectPerUserSignUpLimit, expectTokenJourney, recipeAuthOptions } from './recipes';

jest.setTimeout(60_000);

type Gateway = Awaited<ReturnType<typeof start>>;

/** The browser page's origin in cookie mode, which authql lists in cors.origins. */
const APP_ORIGIN = 'http://app.example.test';

/** authql as its own service: it believes the X-Forwarded-For of the gateway (on this host) only. */
async function remoteAuthql(cleanup: Cleanup, options: Parameters<typeof startTestServer>[0] = {}) {
  return cleanup.add(await startTestServer({ rateLimits: {}, trustProxy: 'loopback', ...options }), (server) => server.close());
}

const modes: [string, (cleanup: Cleanup) => Promise<Gateway>][] = [
  ['a remote service reached over HTTP', async (cleanup) => cleanup.add(await start({ authql: (await remoteAuthql(cleanup)).url }), (gateway) => gateway.close())],
  [
    'a local subschema in the gateway process',
    async (cleanup) => {
      const auth = cleanup.add(await createAuth(recipeAuthOptions(cleanup, 'stitch_local', { rateLimits: {} })), (local) => local.close());
      return cleanup.add(await start({ authql: auth }), (gateway) => gateway.close());
    },
  ],
];

describe.each(modes)("a host's stitched gateway with authql as %s", (mode, startGateway) => {
  const cleanup = withCleanup();
  let gateway: Gateway;

  beforeAll(async () => {
    gateway = await startGateway(cleanup);
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

  test('a user registers, logs in, asks me and logs out through the gateway; the ended session is refused', async () => {
    await expectTokenJourney(gateway.url, `journey.${mode.split(' ')[1]}@example.com`);
  });

  test("per-IP limits hold per end user: one user's 11th sign-up is RATE_LIMITED with its retryAfter, another's goes through", async () => {
    await expectPerUserSignUpLimit(gateway.url, `limited.${mode.split(' ')[1]}`, ['127.0.0.2', '127.0.0.3']);
  });
});

describe('cookie mode through a gateway stitching a remote authql', () => {
  const cleanup = withCleanup();
  let gateway: Gateway;

  beforeAll(async () => {
    const authql = await remoteAuthql(cleanup, { cookies: { enabled: true }, cors: { origins: [APP_ORIGIN] } });
    gateway = cleanup.add(await start({ authql: authql.url }), (running) => running.close());
  });

  test("authql's session cookie reaches the browser through the gateway, authenticates me when sent back, and logout's clearing cookie arrives", async () => {
    await expectCookieJourney(gateway.url, 'cookie.stitched@example.com', APP_ORIGIN);
  });
});
