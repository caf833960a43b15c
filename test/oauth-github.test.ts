// The GitHub preset (plain OAuth 2.0: authorize, token, then the user and emails API) against
// a local stand-in of those endpoints that answers as GitHub documents them.
import { startGitHubStandIn, TEST_CLIENT } from './helpers/oauth';
import { withResource } from './helpers/resources';
import { withTestServer } from './helpers/server';
import { graphql } from './generated';

jest.setTimeout(60_000);

const REDIRECT_URI = 'http://127.0.0.1:5999/oauth/callback';
const githubUser = { id: 583231, login: 'octocat', emails: [{ email: 'octocat@example.test', primary: true, verified: true }] };

const github = withResource('the GitHub stand-in', () => startGitHubStandIn(githubUser), (started) => started.close());
const server = withTestServer(() => ({
  oauth: {
    providers: { github: { clientId: TEST_CLIENT.client_id, clientSecret: TEST_CLIENT.client_secret, endpoints: github.endpoints } },
    redirectUris: [REDIRECT_URI],
  },
}));

/** oauthStart, then the browser's trip to GitHub, which sends it straight back with a code. */
async function continueWithGitHub(tamper: (back: URL) => void = () => undefined) {
  const started = await server.gql(graphql(`mutation OauthStart($input: OAuthStartInput!) { oauthStart(input: $input) { ... on OAuthStartSuccess { authorizationUrl } } }`), {
    input: { provider: 'github', redirectUri: REDIRECT_URI },
  });
  const authorizationUrl = new URL(started.data.oauthStart.authorizationUrl);
  const trip = await fetch(authorizationUrl, { redirect: 'manual' });
  const back = new URL(trip.headers.get('location')!);
  tamper(back);
  const response = await server.gql(
    graphql(`mutation OauthCallback($input: OAuthCallbackInput!) { oauthCallback(input: $input) {
      __typename ... on OAuthCallbackSuccess { token created user { email } } ... on AuthError { code message } } }`),
    { input: { provider: 'github', code: back.searchParams.get('code'), state: back.searchParams.get('state') } },
  );
  expect(response.errors).toBeUndefined();
  return { authorizationUrl, result: response.data.oauthCallback };
}

test('the GitHub button says GitHub, and the authorization asks for the user and email scopes with PKCE', async () => {
  const response = await server.gql(graphql(`query OauthProviders { oauthProviders { name label } }`));
  expect(response.data.oauthProviders).toEqual([{ name: 'github', label: 'GitHub' }]);
  const { authorizationUrl } = await continueWithGitHub();
  expect(authorizationUrl.searchParams.get('scope')).toBe('read:user user:email');
  expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorizationUrl.searchParams.get('nonce')).toBeNull();
});

test('a GitHub user with a verified primary email signs up, and the next time logs in to the same account', async () => {
  githubUser.id = 1001;
  githubUser.emails = [
    { email: 'not-mine@example.test', primary: false, verified: false },
    { email: 'mona@example.test', primary: true, verified: true },
  ];
  const first = await continueWithGitHub();
  expect(first.result).toMatchObject({ __typename: 'OAuthCallbackSuccess', created: true, user: { email: 'mona@example.test' } });
  // The code went to GitHub's token endpoint with the PKCE verifier and the client secret.
  expect(github.lastTokenRequest?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,}$/);
  const again = await continueWithGitHub();
  expect(again.result).toMatchObject({ __typename: 'OAuthCallbackSuccess', created: false, user: { email: 'mona@example.test' } });
});

test('a GitHub user whose primary email is unverified gets no account', async () => {
  githubUser.id = 1002;
  githubUser.emails = [{ email: 'unverified@example.test', primary: true, verified: false }];
  const { result } = await continueWithGitHub();
  expect(result).toMatchObject({ __typename: 'AuthError', code: 'OAUTH_FAILED', message: expect.stringMatching(/did not confirm an email/) });
});

test("a code GitHub refuses (its errors come with status 200) reads as OAUTH_FAILED with GitHub's words", async () => {
  githubUser.id = 1003;
  const { result } = await continueWithGitHub((back) => back.searchParams.set('code', 'stolen-code'));
  expect(result).toMatchObject({ __typename: 'AuthError', code: 'OAUTH_FAILED', message: expect.stringMatching(/incorrect or expired/) });
});
