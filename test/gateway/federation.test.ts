// The federation recipe (examples/federation): authql as an Apollo Federation 2 subgraph
// (`federation: true`) next to a team's reviews subgraph, composed into one supergraph and
// served by Apollo Gateway 2 and by Hive Gateway, each forwarding the end user's credentials,
// cookies and address to the subgraphs.
import { start, type Review } from '../../examples/federation/server';
import { LOGIN, PASSWORD, REGISTER } from '../helpers/journeys';
import { withCleanup } from '../helpers/resources';
import { post, type Answer } from './http';
import { expectCookieJourney, expectPerUserSignUpLimit, expectTokenJourney, recipeAuthOptions } from './recipes';

jest.setTimeout(60_000);

/**
 * The gateway could not fill a field it asked a subgraph for, and says so: with an error (Hive
 * Gateway), or with data null and a `valueCompletion` note (Apollo Gateway).
 */
function expectNotFilled(answer: Answer): void {
  expect([...(answer.errors ?? []), ...(answer.extensions?.valueCompletion ?? [])].length).toBeGreaterThan(0);
}

describe.each([
  ['Apollo Gateway 2', 'apollo'],
  ['Hive Gateway', 'hive'],
] as const)('authql as a federation subgraph behind %s', (_name, gateway) => {
  const cleanup = withCleanup();
  const reviews: Review[] = [];
  let gatewayUrl: string;
  let authqlSdl: string;

  beforeAll(async () => {
    // authql's default rate limits, as in production.
    const running = await start({ gateway, auth: recipeAuthOptions(cleanup, `fed_${gateway}`, { rateLimits: {} }), reviews });
    cleanup.push(() => running.close());
    gatewayUrl = running.url;
    // authql's subgraph SDL, as a schema registry or `rover subgraph introspect` would fetch it.
    const service = await post(running.authqlUrl, '{ _service { sdl } }');
    if (service.errors) throw new Error(`_service: ${JSON.stringify(service.errors)}`);
    authqlSdl = service.data._service.sdl;
  });

  test('authql answers { _service { sdl } } with User as an entity keyed by id', async () => {
    expect(authqlSdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2');
    expect(authqlSdl).toMatch(/type User\b[^{]*@key\(fields: "id"\)/);
    expect(authqlSdl).not.toMatch(/password[hH]ash/);
  });

  test('a user registers, logs in, asks me and logs out through the gateway; the ended session is refused', async () => {
    await expectTokenJourney(gatewayUrl, `journey.${gateway}@example.com`);
  });

  test("a logged-in user's me is joined with their reviews, and a review's author is resolved by authql", async () => {
    const registered = await post(gatewayUrl, REGISTER, { input: { email: 'Fed.Reviewer@Example.com', password: PASSWORD } });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.register.__typename).toBe('RegisterSuccess');
    const userId: string = registered.data.register.user.id;
    reviews.push({ id: 'r1', body: 'Five stars', authorId: userId }, { id: 'r2', body: 'Would log in again', authorId: userId });

    const loggedIn = await post(gatewayUrl, LOGIN, { input: { email: 'fed.reviewer@example.com', password: PASSWORD } });
    expect(loggedIn.data?.login.__typename).toBe('LoginSuccess');
    const token: string = loggedIn.data.login.token;

    // authql → reviews subgraph (User.reviews through the reviews subgraph's reference resolver).
    const me = await post(gatewayUrl, '{ me { id email reviews { body } } }', undefined, token);
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({ me: { id: userId, email: 'Fed.Reviewer@Example.com', reviews: [{ body: 'Five stars' }, { body: 'Would log in again' }] } });

    // reviews subgraph → authql (User.email through authql's resolveReference, which sees the caller).
    const list = await post(gatewayUrl, '{ reviews { body author { id email } } }', undefined, token);
    expect(list.errors).toBeUndefined();
    expect(list.data).toEqual({
      reviews: [
        { body: 'Five stars', author: { id: userId, email: 'Fed.Reviewer@Example.com' } },
        { body: 'Would log in again', author: { id: userId, email: 'Fed.Reviewer@Example.com' } },
      ],
    });
  });

  test("without credentials, or as another (non-staff) user, authql's resolveReference does not reveal a review's author", async () => {
    expect(reviews.length).toBeGreaterThan(0); // written by the previous story's user
    // authql resolves a reference it may not show to null (hideUsers): the gateway cannot fill the author's email.
    const anonymous = await post(gatewayUrl, '{ reviews { body author { email } } }');
    expect(JSON.stringify(anonymous)).not.toContain('Fed.Reviewer@Example.com');
    expectNotFilled(anonymous);

    const stranger = await post(gatewayUrl, REGISTER, { input: { email: 'fed.stranger@example.com', password: PASSWORD } });
    expect(stranger.data?.register.__typename).toBe('RegisterSuccess');
    const loggedIn = await post(gatewayUrl, LOGIN, { input: { email: 'fed.stranger@example.com', password: PASSWORD } });
    const token: string = loggedIn.data.login.token;
    const seenByStranger = await post(gatewayUrl, '{ reviews { body author { email } } }', undefined, token);
    expect(JSON.stringify(seenByStranger)).not.toContain('Fed.Reviewer@Example.com');
    expectNotFilled(seenByStranger);
    // …while the stranger's own me still resolves through the gateway.
    const strangerMe = await post(gatewayUrl, '{ me { email reviews { body } } }', undefined, token);
    expect(strangerMe.errors).toBeUndefined();
    expect(strangerMe.data).toEqual({ me: { email: 'fed.stranger@example.com', reviews: [] } });

    const me = await post(gatewayUrl, '{ me { email } }');
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({ me: null });
  });

  test("the gateway forwards each end user's address: one user's 11th sign-up is RATE_LIMITED with its retryAfter, another's goes through", async () => {
    await expectPerUserSignUpLimit(gatewayUrl, `limited.${gateway}`, ['127.0.0.2', '127.0.0.3']);
  });
});

describe.each([
  ['Apollo Gateway 2', 'apollo'],
  ['Hive Gateway', 'hive'],
] as const)('cookie mode through %s', (_name, gateway) => {
  const cleanup = withCleanup();
  const appOrigin = 'http://app.example.test';
  let gatewayUrl: string;

  beforeAll(async () => {
    const auth = recipeAuthOptions(cleanup, `fed_cookie_${gateway}`, { cookies: { enabled: true }, cors: { origins: [appOrigin] } });
    const running = await start({ gateway, auth });
    cleanup.push(() => running.close());
    gatewayUrl = running.url;
  });

  test("authql's session cookie reaches the browser through the gateway, authenticates me when sent back, and logout's clearing cookie arrives", async () => {
    await expectCookieJourney(gatewayUrl, `cookie.${gateway}@example.com`, appOrigin);
  });
});
