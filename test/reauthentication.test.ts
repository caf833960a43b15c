// Re-authentication before changing how one signs in (SPEC §6), as a thief with a stolen,
// old session meets it: the session token alone no longer adds a passkey, links or unlinks a
// provider, turns TOTP on or makes new recovery codes. The owner's `reauthenticate` (password,
// and the code when TOTP is on; or a user-verified passkey) makes the session fresh again; a
// TOTP user's password alone does not. The server's clock moves past session.freshAge ['10m'].
import { randomBytes } from 'node:crypto';
import { PasskeyLoginOptionsDocument } from '../src/client/generated/graphql';
import { SoftwareAuthenticator } from './helpers/authenticator';
import { RESET_PASSWORD_CONFIRM, SITE, linkParts, login, mutate, nthEmail, register } from './helpers/journeys';
import { signInAtProvider, startOidcProvider, TEST_CLIENT } from './helpers/oauth';
import { withResource } from './helpers/resources';
import { startTestServer, type TestServer, withTestServer } from './helpers/server';
import { LOGIN_WITH_MFA, REGENERATE_RECOVERY_CODES, TOTP_DISABLE, TOTP_ENABLE, TOTP_SETUP, appCode, enableTotp, stepClock } from './helpers/two-factor';
import { createUser, type TestUser } from './helpers/users';
import { graphql } from './generated';

jest.setTimeout(60_000);

const ORIGIN = `${SITE.protocol}://${SITE.domain}`;
const REDIRECT_URI = 'http://127.0.0.1:5998/oauth/callback';
const unique = () => randomBytes(4).toString('hex');
const clock = stepClock();
/** Past session.freshAge (10 minutes by default): every session signed in before is old. */
const timePasses = () => clock.advance(11 * 60);

const accounts: Record<string, { email?: string; email_verified?: boolean }> = {};
const providerPerson = () => {
  const id = `person-${unique()}`;
  accounts[id] = { email: `${id}@example.test`, email_verified: true };
  return id;
};
const people = Array.from({ length: 4 }, providerPerson);

// Closed in reverse order: lenient (on server's SMTP server), server, then the provider.
const provider = withResource('the OpenID provider', () => startOidcProvider({ redirectUris: [REDIRECT_URI], accounts }), (started) => started.close());
const server = withTestServer(() => ({
  frontend: SITE,
  clock: clock.now,
  oauth: {
    providers: { test: { issuer: provider.issuer, clientId: TEST_CLIENT.client_id, clientSecret: TEST_CLIENT.client_secret, label: 'Test ID' } },
    redirectUris: [REDIRECT_URI],
  },
}));
/** Where passkeys may sign in without user verification (webauthn.userVerification 'preferred'). */
const lenient = withTestServer({ frontend: SITE, clock: clock.now, webauthn: { userVerification: 'preferred' } }, () => ({ smtp: server.smtp }));

const REAUTHENTICATE = graphql(`mutation Reauthenticate($input: ReauthenticateInput!) {
  reauthenticate(input: $input) {
    __typename
    ... on ReauthenticateSuccess { ok access }
    ... on AuthError { code message }
    ... on ValidationError { code fieldErrors { field code } }
  }
}`);
const REGISTRATION_OPTIONS = graphql(`mutation ReauthenticationRegistrationOptions { passkeyRegistrationOptions {
  __typename ... on PasskeyRegistrationOptionsSuccess { options } ... on AuthError { code message } } }`);
const REGISTER = graphql(`mutation ReauthenticationRegister($input: PasskeyRegisterInput!) {
  passkeyRegister(input: $input) { __typename ... on PasskeyRegisterSuccess { passkey { id name } } ... on AuthError { code } ... on ValidationError { code } }
}`);
const REMOVE = graphql(`mutation ReauthenticationRemove($input: PasskeyRemoveInput!) {
  passkeyRemove(input: $input) { __typename ... on PasskeyRemoveSuccess { ok } ... on AuthError { code } ... on ValidationError { code } }
}`);
const PASSKEY_LOGIN = graphql(`mutation ReauthenticationPasskeyLogin($input: PasskeyLoginInput!) {
  passkeyLogin(input: $input) {
    __typename
    ... on PasskeyLoginSuccess { token user { id } }
    ... on MfaRequired { mfaToken methods }
    ... on AuthError { code }
  }
}`);
const OAUTH_START = graphql(`mutation ReauthenticationOauthStart($input: OAuthStartInput!) {
  oauthStart(input: $input) { __typename ... on OAuthStartSuccess { authorizationUrl state } ... on AuthError { code message } }
}`);
const OAUTH_CALLBACK = graphql(`mutation ReauthenticationOauthCallback($input: OAuthCallbackInput!) {
  oauthCallback(input: $input) { __typename ... on OAuthCallbackSuccess { token user { id } } ... on AuthError { code message } }
}`);
const UNLINK = graphql(`mutation Unlink($input: OAuthUnlinkInput!) {
  oauthUnlink(input: $input) { __typename ... on OAuthUnlinkSuccess { ok } ... on AuthError { code } }
}`);
const SET_PASSWORD = graphql(`mutation ReauthenticationSetPassword($input: SetPasswordInput!) {
  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on AuthError { code } ... on ValidationError { code } }
}`);
const JWT_CREATE = graphql(`mutation ReauthenticationJwtCreate($input: JwtCreateInput!) {
  jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } }
}`);
const JWT_REFRESH = graphql(`mutation ReauthenticationJwtRefresh($input: JwtRefreshInput!) {
  jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } }
}`);
const ME_WAYS_IN = graphql(`query MeWaysIn { me { passkeys { name } linkedAccounts { provider } twoFactorEnabled } }`);

const reauthenticationRequired = expect.objectContaining({ __typename: 'AuthError', code: 'REAUTHENTICATION_REQUIRED' });
const reauthenticated = { __typename: 'ReauthenticateSuccess', ok: true, access: null };

const as = (user: { token: string }) => ({ token: user.token });
const bearer = (access: string) => ({ headers: { authorization: `Bearer ${access}` } });
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as { auth_time?: number; iat: number };
const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

async function registrationOptions(target: TestServer, options: { token?: string; headers?: Record<string, string> }) {
  return (await target.gql(REGISTRATION_OPTIONS, {}, options)).data.passkeyRegistrationOptions;
}

/** Adds a passkey from a fresh session; answers what passkeyRegister said. */
async function addPasskey(target: TestServer, user: TestUser, authenticator: SoftwareAuthenticator, name = 'Laptop') {
  const options = await registrationOptions(target, as(user));
  if (!options.options) return options;
  const response = authenticator.register(options.options);
  return (await target.gql(REGISTER, { input: { response, name } }, as(user))).data.passkeyRegister;
}

async function reauthenticate(user: { token: string }, input: Record<string, unknown>, target: TestServer = server) {
  return (await target.gql(REAUTHENTICATE, { input }, as(user))).data.reauthenticate;
}

/** The options are JSON (read loosely); the document is checked by tsc. */
async function loginOptions(target: TestServer): Promise<any> {
  return (await target.gql(PasskeyLoginOptionsDocument)).data?.passkeyLoginOptions.options;
}

/** Starts a provider link as the signed-in user, signs in at the provider as `person`, and comes back. */
async function linkProvider(user: TestUser, person: string) {
  const started = await mutate(server, OAUTH_START, { provider: 'test', redirectUri: REDIRECT_URI }, user.token);
  if (started.__typename !== 'OAuthStartSuccess') return started;
  const back = await signInAtProvider(started.authorizationUrl, { account: person }, REDIRECT_URI);
  return mutate(server, OAUTH_CALLBACK, { provider: 'test', code: back.code, state: back.state, iss: back.iss }, user.token);
}

async function totpUser(email: string) {
  const user = await createUser(server, email);
  const { secret, recoveryCodes } = await enableTotp(server, user, clock.now());
  return { ...user, secret, recoveryCodes };
}

describe('a stolen session older than session.freshAge', () => {
  test('cannot register a passkey; after the owner re-authenticates with the password, it can', async () => {
    const owner = await createUser(server, `passkey-${unique()}@example.test`);
    timePasses();
    // The thief holds the owner's session token, and nothing else.
    expect(await registrationOptions(server, as(owner))).toEqual(reauthenticationRequired);
    const attempt = new SoftwareAuthenticator(ORIGIN).register({ rp: { id: SITE.domain }, user: { id: 'x' }, challenge: 'made-up' });
    expect((await server.gql(REGISTER, { input: { response: attempt, name: 'Thief' } }, as(owner))).data.passkeyRegister).toEqual(reauthenticationRequired);
    expect((await server.gql(ME_WAYS_IN, {}, as(owner))).data.me.passkeys).toEqual([]);

    expect(await reauthenticate(owner, { password: 'not the password' })).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      fieldErrors: [{ field: 'password', code: 'INVALID_PASSWORD' }],
    });
    expect(await reauthenticate(owner, { password: owner.password })).toEqual(reauthenticated);
    expect(await addPasskey(server, owner, new SoftwareAuthenticator(ORIGIN))).toMatchObject({ __typename: 'PasskeyRegisterSuccess', passkey: { name: 'Laptop' } });
  });

  test('cannot link the thief\'s provider account; after re-authentication the owner links theirs', async () => {
    const owner = await createUser(server, `link-${unique()}@example.test`);
    timePasses();
    expect(await mutate(server, OAUTH_START, { provider: 'test', redirectUri: REDIRECT_URI }, owner.token)).toEqual(reauthenticationRequired);
    expect((await server.gql(ME_WAYS_IN, {}, as(owner))).data.me.linkedAccounts).toEqual([]);

    expect(await reauthenticate(owner, { password: owner.password })).toEqual(reauthenticated);
    expect(await linkProvider(owner, people[0])).toMatchObject({ __typename: 'OAuthCallbackSuccess', token: null, user: { id: owner.id } });
    expect((await server.gql(ME_WAYS_IN, {}, as(owner))).data.me.linkedAccounts).toEqual([{ provider: 'test' }]);
  });

  test('cannot unlink a provider', async () => {
    const owner = await createUser(server, `unlink-${unique()}@example.test`);
    expect(await linkProvider(owner, people[1])).toMatchObject({ __typename: 'OAuthCallbackSuccess' });
    timePasses();
    expect(await mutate(server, UNLINK, { provider: 'test' }, owner.token)).toEqual(reauthenticationRequired);
    expect((await server.gql(ME_WAYS_IN, {}, as(owner))).data.me.linkedAccounts).toEqual([{ provider: 'test' }]);
    expect(await reauthenticate(owner, { password: owner.password })).toEqual(reauthenticated);
    expect(await mutate(server, UNLINK, { provider: 'test' }, owner.token)).toEqual({ __typename: 'OAuthUnlinkSuccess', ok: true });
  });

  test('cannot turn on TOTP from a pending setup; a right currentPassword in totpSetup re-authenticates a user without a second factor', async () => {
    const owner = await createUser(server, `totp-${unique()}@example.test`);
    const setup = await mutate(server, TOTP_SETUP, { currentPassword: owner.password }, owner.token);
    timePasses();
    // The thief scans nothing: they would turn on their own authenticator's secret, had they one pending.
    expect(await mutate(server, TOTP_ENABLE, { code: appCode(setup.secret, clock.now()) }, owner.token)).toEqual(reauthenticationRequired);
    expect((await server.gql(ME_WAYS_IN, {}, as(owner))).data.me.twoFactorEnabled).toBe(false);

    // The owner, on the same old session, types the password into totpSetup: enough without a second factor.
    const again = await mutate(server, TOTP_SETUP, { currentPassword: owner.password }, owner.token);
    expect(again.__typename).toBe('TotpSetupSuccess');
    expect(await mutate(server, TOTP_ENABLE, { code: appCode(again.secret, clock.now()) }, owner.token)).toMatchObject({ __typename: 'TotpEnableSuccess' });
  });

  test('of a user with TOTP cannot regenerate recovery codes even with the password, and the password alone does not re-authenticate', async () => {
    const owner = await totpUser(`codes-${unique()}@example.test`);
    timePasses();
    // The thief learnt the password too: without the second factor it changes nothing.
    expect(await mutate(server, REGENERATE_RECOVERY_CODES, { currentPassword: owner.password }, owner.token)).toEqual(reauthenticationRequired);
    expect(await mutate(server, TOTP_DISABLE, { currentPassword: owner.password, code: owner.recoveryCodes[0] }, owner.token)).toEqual(reauthenticationRequired);
    expect(await mutate(server, SET_PASSWORD, { currentPassword: owner.password, newPassword: 'a thief chose this passphrase' }, owner.token)).toEqual(
      reauthenticationRequired,
    );
    expect(await reauthenticate(owner, { password: owner.password })).toEqual({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', fieldErrors: [{ field: 'code', code: 'REQUIRED' }] });
    expect(await reauthenticate(owner, { password: owner.password, code: '000000' })).toMatchObject({ __typename: 'AuthError', code: 'INVALID_OTP' });
    expect(await mutate(server, REGENERATE_RECOVERY_CODES, { currentPassword: owner.password }, owner.token)).toEqual(reauthenticationRequired);

    // The owner has the app: password and code.
    expect(await reauthenticate(owner, { password: owner.password, code: appCode(owner.secret, clock.now()) })).toEqual(reauthenticated);
    const renewed = await mutate(server, REGENERATE_RECOVERY_CODES, { currentPassword: owner.password }, owner.token);
    expect(renewed.recoveryCodes).toHaveLength(10);
  });

  test('is fresh again after a user-verified passkey of its own user, not after someone else\'s', async () => {
    const owner = await createUser(server, `reauth-passkey-${unique()}@example.test`);
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    expect(await addPasskey(server, owner, authenticator)).toMatchObject({ __typename: 'PasskeyRegisterSuccess' });
    const stranger = await createUser(server, `stranger-${unique()}@example.test`);
    const strangers = new SoftwareAuthenticator(ORIGIN);
    expect(await addPasskey(server, stranger, strangers)).toMatchObject({ __typename: 'PasskeyRegisterSuccess' });
    timePasses();

    expect(await reauthenticate(owner, { passkeyResponse: strangers.assert(await loginOptions(server)) })).toMatchObject({ __typename: 'AuthError', code: 'INVALID_PASSKEY' });
    expect(await reauthenticate(owner, { passkeyResponse: authenticator.assert(await loginOptions(server), undefined, { userVerified: false }) })).toMatchObject({
      __typename: 'AuthError',
      code: 'INVALID_PASSKEY',
    });
    expect(await registrationOptions(server, as(owner))).toEqual(reauthenticationRequired);
    expect(await reauthenticate(owner, { passkeyResponse: authenticator.assert(await loginOptions(server)) })).toEqual(reauthenticated);
    expect(await addPasskey(server, owner, new SoftwareAuthenticator(ORIGIN), 'Phone')).toMatchObject({ __typename: 'PasskeyRegisterSuccess' });
  });
});

describe('passkey login and user verification', () => {
  test('without user verification (allowed by "preferred"), a user with TOTP is asked for the code; with it, signed in', async () => {
    const owner = await createUser(lenient, `uv-${unique()}@example.test`);
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    expect(await addPasskey(lenient, owner, authenticator)).toMatchObject({ __typename: 'PasskeyRegisterSuccess' });
    await enableTotp(lenient, owner, clock.now());

    const unverified = authenticator.assert(await loginOptions(lenient), undefined, { userVerified: false });
    const asked = (await lenient.gql(PASSKEY_LOGIN, { input: { response: unverified } })).data.passkeyLogin;
    expect(asked).toEqual({ __typename: 'MfaRequired', mfaToken: expect.any(String), methods: ['TOTP', 'RECOVERY_CODE'] });

    const verified = authenticator.assert(await loginOptions(lenient));
    expect((await lenient.gql(PASSKEY_LOGIN, { input: { response: verified } })).data.passkeyLogin).toMatchObject({ __typename: 'PasskeyLoginSuccess', user: { id: owner.id } });
  });

  test('without user verification, a user without TOTP is signed in, but the session is not fresh', async () => {
    const owner = await createUser(lenient, `uv-plain-${unique()}@example.test`);
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    expect(await addPasskey(lenient, owner, authenticator)).toMatchObject({ __typename: 'PasskeyRegisterSuccess' });
    const unverified = authenticator.assert(await loginOptions(lenient), undefined, { userVerified: false });
    const signedIn = (await lenient.gql(PASSKEY_LOGIN, { input: { response: unverified } })).data.passkeyLogin;
    expect(signedIn).toMatchObject({ __typename: 'PasskeyLoginSuccess', user: { id: owner.id } });
    expect(await registrationOptions(lenient, as(signedIn))).toEqual(reauthenticationRequired);
  });

  test('with the default ("required"), an assertion without user verification signs nobody in', async () => {
    const owner = await createUser(server, `uv-required-${unique()}@example.test`);
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    expect(await addPasskey(server, owner, authenticator)).toMatchObject({ __typename: 'PasskeyRegisterSuccess' });
    const options = await loginOptions(server);
    expect(options.userVerification).toBe('required');
    const unverified = authenticator.assert(options, undefined, { userVerified: false });
    expect((await server.gql(PASSKEY_LOGIN, { input: { response: unverified } })).data.passkeyLogin).toMatchObject({ __typename: 'AuthError', code: 'INVALID_PASSKEY' });
  });
});

describe('JWT: auth_time', () => {
  test('jwtCreate stamps auth_time, jwtRefresh carries it on without refreshing it, and reauthenticate answers a fresh access token', async () => {
    const owner = await createUser(server, `jwt-${unique()}@example.test`);
    const signedInAt = nowSeconds();
    const pair = await mutate(server, JWT_CREATE, { email: owner.email, password: owner.password });
    expect(claimsOf(pair.access).auth_time).toBe(signedInAt);
    expect(await registrationOptions(server, bearer(pair.access))).toMatchObject({ __typename: 'PasskeyRegistrationOptionsSuccess' });

    timePasses();
    const refreshed = await mutate(server, JWT_REFRESH, { refresh: pair.refresh });
    expect(claimsOf(refreshed.access)).toMatchObject({ auth_time: signedInAt, iat: nowSeconds() });
    expect(await registrationOptions(server, bearer(refreshed.access))).toEqual(reauthenticationRequired);

    const answer = (await server.gql(REAUTHENTICATE, { input: { password: owner.password } }, bearer(refreshed.access))).data.reauthenticate;
    expect(answer).toEqual({ __typename: 'ReauthenticateSuccess', ok: true, access: expect.any(String) });
    expect(claimsOf(answer.access).auth_time).toBe(nowSeconds());
    expect(await registrationOptions(server, bearer(answer.access))).toMatchObject({ __typename: 'PasskeyRegistrationOptionsSuccess' });
    // The family is fresh: its next refresh carries the new auth_time.
    const next = await mutate(server, JWT_REFRESH, { refresh: refreshed.refresh });
    expect(claimsOf(next.access).auth_time).toBe(nowSeconds());
  });
});

describe('after a reset', () => {
  test('the password-changed email lists the passkeys and linked providers, whatever passwordChangedEmailConfirmation says', async () => {
    const owner = await createUser(server, `reset-${unique()}@example.test`);
    expect(await addPasskey(server, owner, new SoftwareAuthenticator(ORIGIN), "Thief's key")).toMatchObject({ __typename: 'PasskeyRegisterSuccess' });
    expect(await linkProvider(owner, people[2])).toMatchObject({ __typename: 'OAuthCallbackSuccess' });

    expect(await mutate(server, graphql(`mutation ResetPasswordTypename($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename } }`), { email: owner.email })).toEqual({
      __typename: 'ResetPasswordSuccess',
    });
    const { uid, token } = linkParts(await nthEmail(server, owner.email, (e) => /Password reset/.test(e.subject)));
    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: 'the owner took it back 2026' })).toEqual({ __typename: 'ResetPasswordConfirmSuccess', ok: true });

    const changed = await nthEmail(server, owner.email, (e) => /password has been successfully changed/.test(e.subject));
    const today = clock.now().toISOString().slice(0, 10);
    expect(changed.text).toContain(`Passkey "Thief's key", added ${today}`);
    expect(changed.text).toContain(`Test ID account ${accounts[people[2]].email}, linked ${today}`);
    expect(changed.html).toContain('Passkey "Thief&#x27;s key"');
    expect(changed.html).toContain('Test ID account');
  });
});

describe('a user with TOTP', () => {
  test('signs in with password and code: that session is fresh, and stays so for freshAge only', async () => {
    const owner = await totpUser(`fresh-${unique()}@example.test`);
    const mfa = await mutate(server, LOGIN_WITH_MFA, { email: owner.email, password: owner.password });
    clock.advance(30);
    const verified = await mutate(server, graphql(`mutation ReauthenticationVerifyMfa($input: VerifyMfaInput!) { verifyMfa(input: $input) { __typename ... on VerifyMfaSuccess { token } } }`), {
      mfaToken: mfa.mfaToken,
      code: appCode(owner.secret, clock.now()),
    });
    const session = { token: verified.token };
    expect(await registrationOptions(server, session)).toMatchObject({ __typename: 'PasskeyRegistrationOptionsSuccess' });
    const added = await addPasskey(server, { ...owner, token: verified.token }, new SoftwareAuthenticator(ORIGIN));
    if (!('passkey' in added)) throw new Error(`the passkey was not added: ${JSON.stringify(added)}`);
    timePasses();
    expect(await mutate(server, REMOVE, { id: added.passkey.id, currentPassword: owner.password }, verified.token)).toEqual(reauthenticationRequired);
    expect((await server.gql(ME_WAYS_IN, {}, session)).data.me.passkeys).toEqual([{ name: 'Laptop' }]);
  });
});

describe('a user with TOTP on username login', () => {
  test("cannot move their own email through updateUser on an old session, even with the password; after reauthenticate the change is asked for", async () => {
    const usernames = await startTestServer({ frontend: SITE, clock: clock.now, loginField: 'username' }, { smtp: server.smtp });
    try {
      const name = `tess${unique()}`;
      const registered = await register(usernames, { username: name, email: `${name}@example.test`, password: 'correct horse battery tess' });
      const owner = { id: registered.user.id as string, password: 'correct horse battery tess', token: await login(usernames, { username: name, password: 'correct horse battery tess' }) };
      const { secret } = await enableTotp(usernames, owner, clock.now());
      timePasses();
      const UPDATE_SELF = graphql(`mutation ReauthenticationUpdateSelf($input: UpdateUserInput!) {
        updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { email pendingEmail } } ... on AuthError { code } ... on ValidationError { code } }
      }`);
      const moved = await mutate(usernames, UPDATE_SELF, { id: owner.id, email: 'thief@evil.example', currentPassword: owner.password }, owner.token);
      expect(moved).toEqual(reauthenticationRequired);
      expect((await usernames.gql(graphql(`query MeEmails { me { email pendingEmail } }`), {}, as(owner))).data.me).toEqual({ email: `${name}@example.test`, pendingEmail: null });

      expect(await reauthenticate(owner, { password: owner.password, code: appCode(secret, clock.now()) }, usernames)).toEqual(reauthenticated);
      const asked = await mutate(usernames, UPDATE_SELF, { id: owner.id, email: `${name}@new.example`, currentPassword: owner.password }, owner.token);
      expect(asked).toEqual({ __typename: 'UpdateUserSuccess', user: { email: `${name}@example.test`, pendingEmail: `${name}@new.example` } });
    } finally {
      await usernames.close();
    }
  });
});

describe('reauthenticate counts like a login', () => {
  const limited = withTestServer({ frontend: SITE, clock: clock.now, rateLimits: {} }, () => ({ smtp: server.smtp }));

  test('a stolen session guessing the password through reauthenticate is locked out like a login, and cannot guess twice in one request', async () => {
    const owner = await createUser(limited, `guess-${unique()}@example.test`);
    const twice = await limited.gql(
      graphql(`mutation ReauthenticationReauthenticate { a: reauthenticate(input: { password: "guess one" }) { __typename } b: reauthenticate(input: { password: "guess two" }) { __typename } }`),
      {},
      as(owner),
    );
    expect(twice.errors?.map((e) => e.extensions?.code)).toContain('RATE_LIMITED');
    for (let guess = 1; guess < 10; guess++) {
      expect(await reauthenticate(owner, { password: `guess ${guess}` }, limited)).toMatchObject({ __typename: 'ValidationError' });
    }
    // Ten failures (the first request's one check counted too): the account is locked for this network, even for the right password.
    const locked = await limited.gql(REAUTHENTICATE, { input: { password: owner.password } }, as(owner));
    expect(locked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});
