// Social login against a real OpenID provider (oidc-provider on 127.0.0.1): the authorization
// code flow over HTTP with PKCE, state and nonce, and every linking rule as the user meets it.
import { randomBytes } from 'node:crypto';
import { signInAtProvider, startOidcProvider, TEST_CLIENT } from './helpers/oauth';
import { ok } from './helpers/answers';
import { ACTIVATE, ME, PASSWORD, RESET_PASSWORD_CONFIRM, linkParts, login, mutate } from './helpers/journeys';
import { withResource } from './helpers/resources';
import { startTestServer, type TestServer, withTestServer } from './helpers/server';
import { appCode, enableTotp, verifyMfa } from './helpers/two-factor';
import { createUser, uniquePassword } from './helpers/users';
import { graphql } from './generated';

jest.setTimeout(60_000);

const REDIRECT_URI = 'http://127.0.0.1:5999/oauth/callback';
const unique = () => randomBytes(4).toString('hex');

const START = graphql(`mutation OAuthStart($input: OAuthStartInput!) {
  oauthStart(input: $input) {
    __typename
    ... on OAuthStartSuccess { authorizationUrl state }
    ... on AuthError { code message }
  }
}`);
const CALLBACK = graphql(`mutation OAuthCallback($input: OAuthCallbackInput!) {
  oauthCallback(input: $input) {
    __typename
    ... on OAuthCallbackSuccess { token created user { id email } }
    ... on MfaRequired { mfaToken methods }
    ... on AuthError { code message }
  }
}`);
const UNLINK = graphql(`mutation OAuthUnlink($input: OAuthUnlinkInput!) {
  oauthUnlink(input: $input) { __typename ... on OAuthUnlinkSuccess { ok } ... on AuthError { code message } }
}`);
const LINKED = graphql(`query Linked { me { email linkedAccounts { provider email linkedAt } } }`);
const PROVEN = graphql(`query Proven { me { email emailVerified linkedAccounts { provider } } }`);

// Accounts at the provider; each story uses its own.
const accounts: Record<string, { email?: string; email_verified?: boolean }> = {};
const person = (verified = true) => {
  const id = `person-${unique()}`;
  accounts[id] = { email: `${id}@example.test`, email_verified: verified };
  return { id, email: accounts[id].email! };
};
const people = Array.from({ length: 13 }, () => person());
const unverified = person(false);
// Accounts are known to the provider from its start: stories that need a fresh person take one of these.
const newcomers = Array.from({ length: 4 }, () => person());
// People whose address someone else registered before they came (pre-account hijacking), or who proved it themselves.
const victims = Array.from({ length: 2 }, () => person());
const noEmail = `person-${unique()}`;
accounts[noEmail] = {};

function serverOptions(extra: Record<string, unknown> = {}) {
  return {
    oauth: {
      providers: { test: { issuer: provider.issuer, clientId: TEST_CLIENT.client_id, clientSecret: TEST_CLIENT.client_secret, label: 'Test ID' } },
      redirectUris: [REDIRECT_URI],
      ...extra,
    },
  };
}

const provider = withResource('the OpenID provider', () => startOidcProvider({ redirectUris: [REDIRECT_URI], accounts }), (started) => started.close());
const server = withTestServer(() => serverOptions());

function start(target: TestServer = server, token?: string, input: Record<string, unknown> = { provider: 'test', redirectUri: REDIRECT_URI }) {
  return mutate(target, START, input, token);
}

function callback(params: { code: string | null; state: string | null; iss: string | null }, target: TestServer = server, token?: string) {
  return mutate(target, CALLBACK, { provider: 'test', code: params.code, state: params.state, iss: params.iss }, token);
}

/** The whole round trip: start, sign in at the provider as `account`, come back. */
async function continueWith(account: string, target: TestServer = server, token?: string) {
  const started = await start(target, token);
  expect(started.__typename).toBe('OAuthStartSuccess');
  const back = await signInAtProvider(started.authorizationUrl, { account }, REDIRECT_URI);
  return { back, result: await callback(back, target, token) };
}

const oauthFailed = expect.objectContaining({ __typename: 'AuthError', code: 'OAUTH_FAILED' });

/** A member who proved their address: they completed a password reset from the link emailed to it (so their password is a new one). */
async function provenMember(email: string) {
  const member = await createUser(server, email);
  expect(await mutate(server, graphql(`mutation ResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } } }`), { email })).toEqual(ok('ResetPasswordSuccess'));
  const { uid, token } = linkParts(await server.smtp.waitForEmail((e) => e.to === email && /password reset/i.test(e.subject)));
  const password = uniquePassword();
  expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: password })).toEqual(ok('ResetPasswordConfirmSuccess'));
  return { ...member, password, token: await login(server, { email, password }) };
}

test('the login page lists the configured providers, without signing in', async () => {
  const response = await server.gql(graphql(`query OauthProviders { oauthProviders { name label } }`));
  expect(response.data.oauthProviders).toEqual([{ name: 'test', label: 'Test ID' }]);
});

test('a newcomer continues with the provider, gets an active account with its verified email, and is signed in', async () => {
  const { id, email } = people[0];
  const started = await start();
  const authorizationUrl = new URL(started.authorizationUrl);
  expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorizationUrl.searchParams.get('nonce')).toBeTruthy();
  expect(authorizationUrl.searchParams.get('state')).toBe(started.state);

  const back = await signInAtProvider(started.authorizationUrl, { account: id }, REDIRECT_URI);
  expect(back.iss).toBe(provider.issuer);
  const result = await callback(back);
  expect(result).toMatchObject({ __typename: 'OAuthCallbackSuccess', created: true, user: { email } });
  const me = await server.gql(LINKED, {}, { token: result.token });
  expect(me.data.me).toEqual({ email, linkedAccounts: [{ provider: 'test', email, linkedAt: expect.any(String) }] });
  // The provider vouched for the address: it is proven.
  expect((await server.gql(PROVEN, {}, { token: result.token })).data.me.emailVerified).toBe(true);

  // The new account has no password anyone could guess, not even an empty one.
  const login = await server.gql(`mutation { login(input: { email: "${email}", password: "!oauth" }) { __typename } }`);
  expect(login.data.login.__typename).toBe('AuthError');
});

test('coming back later logs the same user in, and creates nothing new', async () => {
  const { id } = people[1];
  const first = await continueWith(id);
  const second = await continueWith(id);
  expect(second.result).toMatchObject({ __typename: 'OAuthCallbackSuccess', created: false, user: { id: first.result.user.id } });
  expect(second.result.token).not.toBe(first.result.token);
});

test('a provider-verified email of an existing user whose address is proven links that account, logs in, and tells the owner by email', async () => {
  const { id, email } = people[2];
  const owner = await provenMember(email);
  const { result } = await continueWith(id);
  expect(result).toMatchObject({ __typename: 'OAuthCallbackSuccess', created: false, user: { id: owner.id, email } });
  const notice = await server.smtp.waitForEmail((e) => e.to === email && /security/i.test(e.subject));
  expect(notice.text).toContain('A sign-in provider account was linked (Test ID account)');
  // The password keeps working.
  const login = await server.gql(graphql(`mutation LoginTypename($input: LoginInput!) { login(input: $input) { __typename } }`), { input: { email, password: owner.password } });
  expect(login.data.login.__typename).toBe('LoginSuccess');
});

test("pre-account hijacking: an attacker who registered the victim's address first (never proven) does not get the victim's provider linked into that account", async () => {
  const { id, email } = victims[0];
  // Sign-ups are active at once by default: the attacker registers the victim's address with a password of their own.
  const attacker = await createUser(server, email, { password: 'the attacker chose this 42' });
  expect((await server.gql(PROVEN, {}, { token: attacker.token })).data.me).toEqual({ email, emailVerified: false, linkedAccounts: [] });

  // The victim later continues with the provider, which vouches for the address: refused, nothing linked, no session.
  const { result } = await continueWith(id);
  expect(result).toEqual({
    __typename: 'AuthError',
    code: 'OAUTH_FAILED',
    message: 'Signing in with the provider failed. Sign in with your password and link the provider from your account.',
  });
  expect((await server.gql(PROVEN, {}, { token: attacker.token })).data.me.linkedAccounts).toEqual([]);
  expect(await server.store.oauth.listUserLinks(attacker.id)).toEqual([]);
});

test('an account activated from its emailed link has a proven address: the provider links it and logs in', async () => {
  const { id, email } = victims[1];
  const activating = await startTestServer({ ...serverOptions(), sendActivationEmail: true });
  try {
    await mutate(activating, graphql(`mutation RegisterTypename($input: RegisterInput!) { register(input: $input) { __typename } }`), { email, password: PASSWORD });
    const { uid, token } = linkParts(await activating.smtp.waitForEmail((e) => e.to === email && /activat/i.test(e.subject)));
    expect((await mutate(activating, ACTIVATE, { uid, token })).__typename).toBe('ActivateSuccess');
    const { result } = await continueWith(id, activating);
    expect(result).toMatchObject({ __typename: 'OAuthCallbackSuccess', created: false, user: { email } });
    expect((await activating.gql(PROVEN, {}, { token: result.token })).data.me).toEqual({ email, emailVerified: true, linkedAccounts: [{ provider: 'test' }] });
  } finally {
    await activating.close();
  }
});

test('an email the provider does not vouch for never takes over an account, and creates none', async () => {
  const owner = await createUser(server, unverified.email);
  const { result } = await continueWith(unverified.id);
  expect(result).toEqual(oauthFailed);
  expect(result.message).toMatch(/did not confirm an email/);
  const me = await server.gql(LINKED, {}, { token: owner.token });
  expect(me.data.me.linkedAccounts).toEqual([]);
  const { result: noEmailResult } = await continueWith(noEmail);
  expect(noEmailResult).toEqual(oauthFailed);
});

test('an account registered with the email but never activated is not activated by the provider', async () => {
  const { id, email } = people[3];
  const inactive = await startTestServer({ ...serverOptions(), sendActivationEmail: true });
  try {
    const registered = await inactive.gql(graphql(`mutation RegisterTypename($input: RegisterInput!) { register(input: $input) { __typename } }`), {
      input: { email, password: 'somebody else chose this 42' },
    });
    expect(registered.data.register.__typename).toBe('RegisterSuccess');
    const { result } = await continueWith(id, inactive);
    expect(result).toEqual(oauthFailed);
    expect(result.message).toMatch(/not active/);
  } finally {
    await inactive.close();
  }
});

test('with sign-up closed, an unknown identity is refused', async () => {
  const closed = await startTestServer(serverOptions({ allowSignup: false }));
  try {
    const { result } = await continueWith(people[4].id, closed);
    expect(result).toEqual(oauthFailed);
    expect(result.message).toMatch(/sign-up is closed/);
  } finally {
    await closed.close();
  }
});

test('a state works once: replaying the callback is refused', async () => {
  const { back, result } = await continueWith(people[5].id);
  expect(result.__typename).toBe('OAuthCallbackSuccess');
  expect(await callback(back)).toEqual(oauthFailed);
});

test('a made-up state, or a state for another provider, is refused', async () => {
  const started = await start();
  const back = await signInAtProvider(started.authorizationUrl, { account: people[6].id }, REDIRECT_URI);
  expect(await callback({ ...back, state: 'x'.repeat(43) })).toEqual(oauthFailed);
  const other = await server.gql(CALLBACK, { input: { provider: 'elsewhere', code: back.code, state: back.state } });
  expect(other.data.oauthCallback).toEqual(oauthFailed);
  // Both refusals used up nothing but their own attempt: the state was consumed by the second.
  expect(await callback(back)).toEqual(oauthFailed);
});

test('a wrong code is refused by the provider and reads as OAUTH_FAILED', async () => {
  const started = await start();
  const back = await signInAtProvider(started.authorizationUrl, { account: people[7].id }, REDIRECT_URI);
  const result = await callback({ ...back, code: 'not-the-code' });
  expect(result).toEqual(oauthFailed);
  expect(result.message).toMatch(/grant/i);
});

test('denied consent sends back no code, and the callback is refused', async () => {
  const started = await start();
  const back = await signInAtProvider(started.authorizationUrl, 'deny', REDIRECT_URI);
  expect(back.error).toBe('access_denied');
  expect(await callback({ ...back, code: '' })).toEqual(oauthFailed);
});

test('a callback claiming another issuer (a mix-up) is refused', async () => {
  const started = await start();
  const back = await signInAtProvider(started.authorizationUrl, { account: people[8].id }, REDIRECT_URI);
  expect(await callback({ ...back, iss: 'https://evil.example.test' })).toEqual(oauthFailed);
});

test('an ID token with a tampered payload, or with another request\'s nonce, is refused', async () => {
  await provider.trickNextToken('tamper');
  const tampered = await continueWith(people[9].id);
  expect(tampered.result).toEqual(oauthFailed);
  await provider.trickNextToken('nonce');
  const wrongNonce = await continueWith(people[9].id);
  expect(wrongNonce.result).toEqual(oauthFailed);
  expect(wrongNonce.result.message).toMatch(/nonce/);
  // The same person, without tricks, gets in: the refusals were about the tokens.
  expect((await continueWith(people[9].id)).result.__typename).toBe('OAuthCallbackSuccess');
});

test('a redirect URI that is not on the list gets no authorization URL', async () => {
  const result = await start(server, undefined, { provider: 'test', redirectUri: 'https://evil.example.test/catch' });
  expect(result).toEqual(oauthFailed);
  expect(result.message).toMatch(/redirect URI/);
});

test('a signed-in user links the provider to their account (no new session), and can unlink it while a password remains', async () => {
  const member = await createUser(server, `member-${unique()}@example.test`);
  const { id, email } = people[10];
  const { result } = await continueWith(id, server, member.token);
  expect(result).toMatchObject({ __typename: 'OAuthCallbackSuccess', token: null, created: false, user: { id: member.id } });
  const me = await server.gql(LINKED, {}, { token: member.token });
  expect(me.data.me.linkedAccounts).toEqual([{ provider: 'test', email, linkedAt: expect.any(String) }]);
  // The provider now logs the member in, even though its email is another.
  const again = await continueWith(id);
  expect(again.result.user.id).toBe(member.id);

  const unlinked = await server.gql(UNLINK, { input: { provider: 'test' } }, { token: member.token });
  expect(unlinked.data.oauthUnlink).toEqual({ __typename: 'OAuthUnlinkSuccess', ok: true });
  expect((await server.gql(LINKED, {}, { token: member.token })).data.me.linkedAccounts).toEqual([]);
});

test('a link started by one user cannot be finished in another session', async () => {
  const member = await createUser(server, `linker-${unique()}@example.test`);
  const started = await start(server, member.token);
  const back = await signInAtProvider(started.authorizationUrl, { account: people[11].id }, REDIRECT_URI);
  expect(await callback(back)).toEqual(oauthFailed);
});

test('a user who only has the provider cannot unlink it: it is the last way to log in', async () => {
  const newcomer = newcomers[0];
  const { result } = await continueWith(newcomer.id);
  expect(result.created).toBe(true);
  const refused = await server.gql(UNLINK, { input: { provider: 'test' } }, { token: result.token });
  expect(refused.data.oauthUnlink).toMatchObject({ __typename: 'AuthError', code: 'LAST_LOGIN_METHOD' });
  const me = await server.gql(ME, {}, { token: result.token });
  expect(me.data.me.email).toBe(newcomer.email);
});

test('a provider that cannot be reached answers SERVICE_UNAVAILABLE, not a 500', async () => {
  const down = await startTestServer({
    oauth: { providers: { test: { issuer: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y' } }, redirectUris: [REDIRECT_URI] },
  });
  try {
    const response = await down.gql(START, { input: { provider: 'test', redirectUri: REDIRECT_URI } });
    expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  } finally {
    await down.close();
  }
});

test('provider tokens are not kept unless asked, and then only encrypted', async () => {
  const keeping = await startTestServer(serverOptions({ storeTokens: true }));
  try {
    const { result } = await continueWith(newcomers[1].id, keeping);
    expect(result.__typename).toBe('OAuthCallbackSuccess');
    const [link] = await keeping.store.oauth.listUserLinks(result.user.id);
    expect(link.encryptedTokens).toMatch(/^v1\./);
    expect(link.encryptedTokens).not.toMatch(/eyJ/);
  } finally {
    await keeping.close();
  }
  const [link] = await server.store.oauth.listUserLinks((await continueWith(newcomers[2].id)).result.user.id);
  expect(link.encryptedTokens).toBeNull();
});

test('a state older than 10 minutes is refused, and housekeeping removes it', async () => {
  let offset = 0;
  const later = await startTestServer({ ...serverOptions(), clock: () => new Date(Date.now() + offset) });
  try {
    const started = await start(later);
    const back = await signInAtProvider(started.authorizationUrl, { account: newcomers[3].id }, REDIRECT_URI);
    offset = 11 * 60 * 1000;
    expect(await callback(back, later)).toEqual(oauthFailed);
    const another = await start(later);
    expect(another.__typename).toBe('OAuthStartSuccess');
    await later.store.removeExpired(new Date(Date.now() + offset + 11 * 60 * 1000));
    const back2 = await signInAtProvider(another.authorizationUrl, { account: newcomers[3].id }, REDIRECT_URI);
    offset = 0;
    // Removed by housekeeping: even a clock turned back finds nothing.
    expect(await callback(back2, later)).toEqual(oauthFailed);
  } finally {
    await later.close();
  }
});

test('starting provider logins counts against the per-network login limit', async () => {
  const limitedServer = await startTestServer({ ...serverOptions(), rateLimits: { login: { perIp: '2/1m' } } });
  try {
    expect((await start(limitedServer)).__typename).toBe('OAuthStartSuccess');
    expect((await start(limitedServer)).__typename).toBe('OAuthStartSuccess');
    const third = await limitedServer.gql(START, { input: { provider: 'test', redirectUri: REDIRECT_URI } });
    expect(third.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
  } finally {
    await limitedServer.close();
  }
});

test('a member with two-factor authentication who continues with the provider still owes the code: MfaRequired, then verifyMfa opens the session', async () => {
  const { id, email } = people[12];
  const owner = await provenMember(email);
  const { secret } = await enableTotp(server, owner, new Date());
  const { result } = await continueWith(id);
  expect(result).toEqual({ __typename: 'MfaRequired', mfaToken: expect.any(String), methods: ['TOTP', 'RECOVERY_CODE'] });
  // The enabling code's step is spent: the app's next code (within the accepted ±1 step) completes the login.
  const verified = await verifyMfa(server, result.mfaToken, appCode(secret, new Date(), 1));
  expect(verified).toMatchObject({ __typename: 'VerifyMfaSuccess', user: { id: owner.id, email } });
  expect((await server.gql(ME, {}, { token: verified.token })).data.me.email).toBe(email);
});
