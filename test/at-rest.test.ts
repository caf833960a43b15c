// Secrets at rest: after a full journey — register with activation,
// activate from the emailed link, log in, JWT create and refresh, reset the password from the
// emailed link, set a new password, turn TOTP on, log in with a recovery code and a TOTP code,
// register a passkey and sign in with it — no document in any collection holds a password, a
// session token, a JWT or its jti, a one-time token from an email, the TOTP secret, a recovery
// code, an mfaToken or a WebAuthn challenge, in plain text.
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { SoftwareAuthenticator } from './helpers/authenticator';
import { ACTIVATE, LOGIN, linkParts, registerAndActivate } from './helpers/journeys';
import { withTestServer } from './helpers/server';
import { appCode, enableTotp, mfaTokenFor, verifyMfa } from './helpers/two-factor';
import { graphql } from './generated';

jest.setTimeout(60_000);

const EMAIL = 'Rest.Easy@Example.com';
const FIRST_PASSWORD = 'first correct horse battery';
const RESET_PASSWORD = 'second staple of the reset';
const FINAL_PASSWORD = 'third time lucky passphrase';

// Rate limits on, so that their counters are in the database too.
const server = withTestServer({ sendActivationEmail: true, rateLimits: {} });

/** The claims of a JWT (its payload, decoded without verifying). */
function claimsOf(jwt: string): { jti: string; [claim: string]: unknown } {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

test('after a full journey, no document of any collection holds a password, a session token, a JWT, a jti, an emailed token or a second-factor secret', async () => {
  const secrets: Record<string, string> = {};

  // Register with activation on and follow the link from the email.
  const { activated, token: activationToken } = await registerAndActivate(server, EMAIL, { password: FIRST_PASSWORD });
  expect(activated).toMatchObject({ __typename: 'ActivateSuccess', user: { isActive: true } });
  Object.assign(secrets, { FIRST_PASSWORD, activationToken });

  // A session (a password reset later ends it).
  const login = async (password: string) => {
    const response = await server.gql(LOGIN, { input: { email: EMAIL, password } });
    expect(response.data.login.__typename).toBe('LoginSuccess');
    return response.data.login.token as string;
  };
  secrets.firstSession = await login(FIRST_PASSWORD);

  // Reset the password from the emailed link.
  const asked = await server.gql(graphql(`mutation ResetPasswordTypename($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename } }`), { input: { email: EMAIL } });
  expect(asked.data.resetPassword.__typename).toBe('ResetPasswordSuccess');
  const resetEmail = await server.smtp.waitForEmail((e) => e.to === EMAIL.toLowerCase() && /password reset/i.test(e.subject));
  const reset = linkParts(resetEmail);
  const confirmed = await server.gql(
    graphql(`mutation AtRestResetPasswordConfirm($input: ResetPasswordConfirmInput!) { resetPasswordConfirm(input: $input) { __typename ... on Error { code } } }`),
    { input: { uid: reset.uid, token: reset.token, newPassword: RESET_PASSWORD } },
  );
  expect(confirmed.data.resetPasswordConfirm.__typename).toBe('ResetPasswordConfirmSuccess');
  Object.assign(secrets, { RESET_PASSWORD, resetToken: reset.token });

  // Set a new one, knowing the current one.
  secrets.secondSession = await login(RESET_PASSWORD);
  const set = await server.gql(
    graphql(`mutation SetPasswordChecked($input: SetPasswordInput!) { setPassword(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } } }`),
    { input: { currentPassword: RESET_PASSWORD, newPassword: FINAL_PASSWORD } },
    { token: secrets.secondSession },
  );
  expect(set.data.setPassword.__typename).toBe('SetPasswordSuccess');
  secrets.FINAL_PASSWORD = FINAL_PASSWORD;
  secrets.thirdSession = await login(FINAL_PASSWORD);

  // JWTs after the password changes (a reset revokes every family before it): create, then refresh (rotation).
  const created = await server.gql(
    graphql(`mutation JwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } } }`),
    { input: { email: EMAIL, password: FINAL_PASSWORD } },
  );
  expect(created.data.jwtCreate.__typename).toBe('JwtCreateSuccess');
  const refreshed = await server.gql(
    graphql(`mutation AtRestJwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } } }`),
    { input: { refresh: created.data.jwtCreate.refresh } },
  );
  expect(refreshed.data.jwtRefresh.__typename).toBe('JwtRefreshSuccess');
  const jwts = {
    firstAccess: created.data.jwtCreate.access,
    firstRefresh: created.data.jwtCreate.refresh,
    secondAccess: refreshed.data.jwtRefresh.access,
    secondRefresh: refreshed.data.jwtRefresh.refresh,
  };
  for (const [name, jwt] of Object.entries(jwts)) {
    secrets[name] = jwt;
    secrets[`${name} signature`] = jwt.split('.')[2];
    secrets[`${name} jti`] = claimsOf(jwt).jti;
    expect(claimsOf(jwt).jti.length).toBeGreaterThanOrEqual(16);
  }
  // The access token works: the journey is real.
  const me = await server.gql(graphql(`query MeEmail { me { email } }`), {}, { headers: { authorization: `Bearer ${jwts.secondAccess}` } });
  expect(me.data.me.email).toBe(EMAIL);


  // The one-time tokens' signatures alone (the part after the timestamp) must not be stored either.
  secrets['activationToken signature'] = activationToken.split('-').slice(1).join('-');
  secrets['resetToken signature'] = reset.token.split('-').slice(1).join('-');
  // The journey went through the real flows: the used activation link died with the password it was made for.
  const again = await server.gql(ACTIVATE, { input: { uid: reset.uid, token: activationToken } });
  expect(again.data.activate.code).toBe('INVALID_TOKEN');

  // The second factor: TOTP on, a login with a recovery code, another with a TOTP code.
  const { secret: totpSecret, recoveryCodes } = await enableTotp(server, { token: secrets.thirdSession, password: FINAL_PASSWORD }, new Date());
  const rawSecret = Buffer.from(decodeBase32IgnorePadding(totpSecret));
  Object.assign(secrets, { totpSecret, 'totpSecret hex': rawSecret.toString('hex'), 'totpSecret base64': rawSecret.toString('base64').replace(/=+$/, '') });
  recoveryCodes.forEach((code, n) => Object.assign(secrets, { [`recoveryCode ${n}`]: code, [`recoveryCode ${n} bare`]: code.replace(/-/g, '') }));
  secrets.firstMfaToken = await mfaTokenFor(server, EMAIL, FINAL_PASSWORD);
  expect((await verifyMfa(server, secrets.firstMfaToken, recoveryCodes[0])).__typename).toBe('VerifyMfaSuccess');
  // A login left at its first step keeps its mfaToken in the database.
  secrets.pendingMfaToken = await mfaTokenFor(server, EMAIL, FINAL_PASSWORD);
  const secondStep = await verifyMfa(server, await mfaTokenFor(server, EMAIL, FINAL_PASSWORD), appCode(totpSecret, new Date(), 1));
  expect(secondStep.__typename).toBe('VerifyMfaSuccess');
  secrets.mfaSession = secondStep.token;

  // A passkey: registered, then signed in with; and a challenge asked for and never answered.
  const authenticator = new SoftwareAuthenticator(server.auth.config.webauthn.origins[0]);
  const registration = (await server.gql(graphql(`mutation PasskeyRegistrationOptions { passkeyRegistrationOptions { ... on PasskeyRegistrationOptionsSuccess { options } } }`), {}, { token: secrets.mfaSession })).data
    .passkeyRegistrationOptions.options;
  const registered = await server.gql(graphql(`mutation PasskeyRegister($input: PasskeyRegisterInput!) { passkeyRegister(input: $input) { __typename } }`), { input: { response: authenticator.register(registration) } }, { token: secrets.mfaSession });
  expect(registered.data.passkeyRegister.__typename).toBe('PasskeyRegisterSuccess');
  const loginOptions = async () => (await server.gql(graphql(`mutation PasskeyLoginOptions { passkeyLoginOptions { ... on PasskeyLoginOptionsSuccess { options } } }`))).data.passkeyLoginOptions.options;
  const signIn = await server.gql(graphql(`mutation PasskeyLogin($input: PasskeyLoginInput!) { passkeyLogin(input: $input) { __typename ... on PasskeyLoginSuccess { token } } }`), {
    input: { response: authenticator.assert(await loginOptions()) },
  });
  expect(signIn.data.passkeyLogin.__typename).toBe('PasskeyLoginSuccess');
  Object.assign(secrets, { registrationChallenge: registration.challenge, passkeySession: signIn.data.passkeyLogin.token, pendingChallenge: (await loginOptions()).challenge });

  // Every document of every collection, raw.
  const db = server.database.db;
  const collections = (await db.listCollections().toArray()).map((c) => c.name).sort();
  expect(collections).toEqual(expect.arrayContaining(['mfa_tokens', 'outbox', 'passkeys', 'rate_limits', 'refresh_tokens', 'sessions', 'users'].map((name) => `authql_${name}`)));
  const found: string[] = [];
  let documents = 0;
  for (const name of collections) {
    for (const document of await db.collection(name).find().toArray()) {
      documents += 1;
      const raw = JSON.stringify(document);
      for (const [secret, value] of Object.entries(secrets)) {
        expect(value.length).toBeGreaterThanOrEqual(8);
        if (raw.includes(value)) found.push(`${secret} in ${name}: ${raw.slice(0, 200)}`);
      }
    }
  }
  // The journey left its traces: the user, sessions, refresh tokens, emails, counters.
  expect(documents).toBeGreaterThanOrEqual(10);
  // Two password sessions (a reset ended the first), two after verifyMfa, one from the passkey.
  expect(await server.database.collection('sessions').countDocuments()).toBe(5);
  // The pending mfaToken and challenge are there (hashed), next to the marks of used codes and tokens.
  expect(await server.database.collection('mfa_tokens').countDocuments({ kind: 'mfa' })).toBe(1);
  expect(await server.database.collection('mfa_tokens').countDocuments({ kind: 'passkey-login' })).toBe(1);
  expect(await server.database.collection('passkeys').countDocuments()).toBe(1);
  const stored = await server.database.collection('users').findOne({});
  expect(stored).toMatchObject({ totpSecret: expect.stringMatching(/^v1\./), totpPendingSecret: null });
  expect(stored!.recoveryCodeHashes).toHaveLength(9);
  expect(await server.database.collection('refresh_tokens').countDocuments()).toBe(2);
  expect(await server.database.collection('outbox').countDocuments()).toBeGreaterThanOrEqual(2);
  expect(found).toEqual([]);
});
