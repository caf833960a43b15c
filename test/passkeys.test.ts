// Passkeys over real HTTP, driven by a software authenticator (ES256, attestation "none"): a
// signed-in member registers one, signs in with it without typing a login (which also passes
// TOTP), and removes it with the password. Replayed, expired, forged, foreign-origin, cloned
// and someone else's assertions are all INVALID_PASSKEY. The SPA story does the same in
// Chromium with its virtual authenticator (spa-security.test.ts).
import { PasskeyLoginOptionsDocument, PasskeysDocument } from '../src/client/generated/graphql';
import { invalidPassword, validationError } from './helpers/answers';
import { SITE, nthEmail } from './helpers/journeys';
import { foreignKey, SoftwareAuthenticator } from './helpers/authenticator';
import { withTestServer } from './helpers/server';
import { LOGIN_WITH_MFA, enableTotp, stepClock } from './helpers/two-factor';
import { createStaff, createUser, type TestUser } from './helpers/users';
import { graphql } from './generated';

jest.setTimeout(60_000);

const ORIGIN = `${SITE.protocol}://${SITE.domain}`;
const clock = stepClock();
const server = withTestServer({ frontend: SITE, clock: clock.now });

const REGISTRATION_OPTIONS = graphql(`mutation RegistrationOptions { passkeyRegistrationOptions { __typename ... on PasskeyRegistrationOptionsSuccess { options } } }`);
const REGISTER = graphql(`mutation PasskeysRegister($input: PasskeyRegisterInput!) {
  passkeyRegister(input: $input) {
    __typename
    ... on PasskeyRegisterSuccess { passkey { id name createdAt lastUsedAt } }
    ... on AuthError { code message }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);
const PASSKEY_LOGIN = graphql(`mutation PasskeysPasskeyLogin($input: PasskeyLoginInput!) {
  passkeyLogin(input: $input) {
    __typename
    ... on PasskeyLoginSuccess { token user { id email twoFactorEnabled } }
    ... on AuthError { code message }
  }
}`);
const REMOVE = graphql(`mutation Remove($input: PasskeyRemoveInput!) {
  passkeyRemove(input: $input) {
    __typename
    ... on PasskeyRemoveSuccess { ok }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

const invalidPasskey = { __typename: 'AuthError', code: 'INVALID_PASSKEY', message: 'This passkey could not be verified.' };
const topLevel = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.map((e) => e.extensions?.code) ?? [];

async function registrationOptions(user: TestUser): Promise<any> {
  return (await server.gql(REGISTRATION_OPTIONS, {}, { token: user.token })).data.passkeyRegistrationOptions.options;
}

async function registerPasskey(user: TestUser, authenticator: SoftwareAuthenticator, name = 'Laptop') {
  const response = authenticator.register(await registrationOptions(user));
  return (await server.gql(REGISTER, { input: { response, name } }, { token: user.token })).data.passkeyRegister;
}

async function loginOptions(): Promise<any> {
  return (await server.gql(PasskeyLoginOptionsDocument)).data?.passkeyLoginOptions.options;
}

async function passkeyLogin(response: unknown) {
  return (await server.gql(PASSKEY_LOGIN, { input: { response } })).data.passkeyLogin;
}

/** A member with a passkey on their own software authenticator. */
async function memberWithPasskey(email: string) {
  const user = await createUser(server, email);
  const authenticator = new SoftwareAuthenticator(ORIGIN);
  const registered = await registerPasskey(user, authenticator);
  expect(registered.__typename).toBe('PasskeyRegisterSuccess');
  return { user, authenticator, passkey: registered.passkey };
}

describe('registering a passkey', () => {
  test("a signed-in member registers a passkey: the options name the site and the account, me lists it, and the owner is told", async () => {
    expect(topLevel(await server.gql(REGISTRATION_OPTIONS))).toEqual(['UNAUTHENTICATED']);
    const user = await createUser(server, 'keyholder@example.com');
    const options = await registrationOptions(user);
    expect(options).toMatchObject({
      rp: { id: 'app.example.test', name: 'Acme' },
      user: { id: Buffer.from(user.id, 'hex').toString('base64url'), name: user.email },
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      attestation: 'none',
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true },
      excludeCredentials: [],
    });

    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const response = authenticator.register(options);
    const registered = (await server.gql(REGISTER, { input: { response, name: 'Laptop' } }, { token: user.token })).data.passkeyRegister;
    expect(registered).toEqual({
      __typename: 'PasskeyRegisterSuccess',
      passkey: { id: expect.stringMatching(/^[0-9a-f]{24}$/), name: 'Laptop', createdAt: clock.now().toISOString(), lastUsedAt: null },
    });
    expect((await server.gql(PasskeysDocument, {}, { token: user.token })).data?.me?.passkeys).toEqual([registered.passkey]);
    const notice = await nthEmail(server, user.email, (e) => /Security notice: A passkey was added/.test(e.subject));
    expect(notice.text).toContain('A passkey was added (Laptop) on your account keyholder@example.com at Acme.');

    // The next options exclude it, so the browser will not register the same authenticator twice.
    expect((await registrationOptions(user)).excludeCredentials).toEqual([{ id: response.id, type: 'public-key', transports: ['internal'] }]);
    // Passkeys are the caller's business only: staff see null for someone else.
    const staff = await createStaff(server, 'keystaff@example.com');
    const seen = await server.gql(graphql(`query User($id: ID!) { user(id: $id) { email passkeys { id } } }`), { id: user.id }, { token: staff.token });
    expect(seen.data.user).toEqual({ email: user.email, passkeys: null });
  });

  test("a registration answers only its own member's challenge, from the site's origin, once; a name is at most 100 characters", async () => {
    const alice = await createUser(server, 'alice.key@example.com');
    const mallory = await createUser(server, 'mallory.key@example.com');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const register = (user: TestUser, response: unknown, name?: string) => server.gql(REGISTER, { input: { response, name } }, { token: user.token });

    // Mallory cannot answer Alice's challenge (to slip her authenticator into Alice's account).
    const alicesOptions = await registrationOptions(alice);
    expect((await register(mallory, authenticator.register(alicesOptions))).data.passkeyRegister).toEqual(invalidPasskey);
    // ... and the attempt used it up.
    expect((await register(alice, authenticator.register(alicesOptions))).data.passkeyRegister).toEqual(invalidPasskey);

    const phished = new SoftwareAuthenticator('https://app.example.test.evil.example');
    expect((await register(alice, phished.register(await registrationOptions(alice)))).data.passkeyRegister).toEqual(invalidPasskey);
    expect((await register(alice, authenticator.register(await registrationOptions(alice), { challenge: 'A'.repeat(43) }))).data.passkeyRegister).toEqual(invalidPasskey);
    expect((await register(alice, { response: { clientDataJSON: 'not json' } })).data.passkeyRegister).toEqual(invalidPasskey);

    const tooLong = await register(alice, authenticator.register(await registrationOptions(alice)), 'x'.repeat(101));
    expect(tooLong.data.passkeyRegister).toEqual(validationError({ field: 'name', code: 'TOO_LONG', message: 'Ensure this field has no more than 100 characters.' }));

    const response = authenticator.register(await registrationOptions(alice));
    expect((await register(alice, response)).data.passkeyRegister.passkey.name).toBe('Passkey');
    expect((await register(alice, response)).data.passkeyRegister).toEqual(invalidPasskey);
    expect((await server.gql(PasskeysDocument, {}, { token: alice.token })).data?.me?.passkeys).toHaveLength(1);
    expect((await server.gql(PasskeysDocument, {}, { token: mallory.token })).data?.me?.passkeys).toEqual([]);
  });
});

describe('signing in with a passkey', () => {
  test('no login is typed; the passkey signs its owner in, and stands for the second factor too', async () => {
    const { user, authenticator, passkey } = await memberWithPasskey('signin.key@example.com');
    // With passkeys but no TOTP, a password login is not asked for more.
    expect((await server.gql(LOGIN_WITH_MFA, { input: { email: user.email, password: user.password } })).data.login.__typename).toBe('LoginSuccess');
    await enableTotp(server, user, clock.now());
    expect((await server.gql(LOGIN_WITH_MFA, { input: { email: user.email, password: user.password } })).data.login.__typename).toBe('MfaRequired');

    const options = await loginOptions();
    expect(options).toMatchObject({ rpId: 'app.example.test', userVerification: 'required', challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(options.allowCredentials ?? []).toEqual([]);
    clock.advance(60);
    const signedIn = await passkeyLogin(authenticator.assert(options));
    expect(signedIn).toEqual({
      __typename: 'PasskeyLoginSuccess',
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      user: { id: user.id, email: user.email, twoFactorEnabled: true },
    });
    const mine = (await server.gql(PasskeysDocument, {}, { token: signedIn.token })).data?.me;
    expect(mine).toEqual({ id: user.id, passkeys: [{ ...passkey, lastUsedAt: clock.now().toISOString() }] });
  });

  test('a replayed assertion is refused: its challenge worked once', async () => {
    const { authenticator } = await memberWithPasskey('replay.key@example.com');
    const assertion = authenticator.assert(await loginOptions());
    expect((await passkeyLogin(assertion)).__typename).toBe('PasskeyLoginSuccess');
    expect(await passkeyLogin(assertion)).toEqual(invalidPasskey);
  });

  test('a challenge lives five minutes', async () => {
    const { authenticator } = await memberWithPasskey('slow.key@example.com');
    const stale = await loginOptions();
    clock.advance(4 * 60 + 50);
    const fresh = await loginOptions();
    clock.advance(15);
    expect(await passkeyLogin(authenticator.assert(stale))).toEqual(invalidPasskey);
    expect((await passkeyLogin(authenticator.assert(fresh))).__typename).toBe('PasskeyLoginSuccess');
  });

  test("foreign assertions are refused: another key, an unregistered credential, another origin or RP, no user verification, someone else's user handle, a made-up challenge", async () => {
    const { authenticator, user } = await memberWithPasskey('target.key@example.com');
    const other = await memberWithPasskey('other.key@example.com');
    const credential = authenticator.credentials[0];
    expect(await passkeyLogin(authenticator.assert(await loginOptions(), credential, { signWith: foreignKey() }))).toEqual(invalidPasskey);
    const stranger = new SoftwareAuthenticator(ORIGIN);
    stranger.register({ rp: { id: 'app.example.test' }, user: { id: credential.userHandle }, challenge: 'unused' });
    expect(await passkeyLogin(stranger.assert(await loginOptions()))).toEqual(invalidPasskey);
    expect(await passkeyLogin(authenticator.assert(await loginOptions(), credential, { origin: 'https://evil.example' }))).toEqual(invalidPasskey);
    expect(await passkeyLogin(authenticator.assert(await loginOptions(), credential, { rpId: 'evil.example' }))).toEqual(invalidPasskey);
    expect(await passkeyLogin(authenticator.assert(await loginOptions(), credential, { userVerified: false }))).toEqual(invalidPasskey);
    expect(await passkeyLogin(authenticator.assert(await loginOptions(), credential, { userHandle: other.authenticator.credentials[0].userHandle }))).toEqual(invalidPasskey);
    expect(await passkeyLogin(authenticator.assert({ challenge: 'B'.repeat(43) }, credential))).toEqual(invalidPasskey);
    expect(await passkeyLogin({ id: 'x' })).toEqual(invalidPasskey);
    // The genuine authenticator still works.
    expect((await passkeyLogin(authenticator.assert(await loginOptions()))).user.id).toBe(user.id);
  });

  test('the signature counter: an assertion from a cloned authenticator, whose counter is not above the last one seen, is refused', async () => {
    const { authenticator } = await memberWithPasskey('cloned.key@example.com');
    const credential = authenticator.credentials[0];
    expect((await passkeyLogin(authenticator.assert(await loginOptions()))).__typename).toBe('PasskeyLoginSuccess');
    expect((await passkeyLogin(authenticator.assert(await loginOptions()))).__typename).toBe('PasskeyLoginSuccess');
    expect(credential.counter).toBe(2);
    expect(await passkeyLogin(authenticator.assert(await loginOptions(), credential, { counter: 2 }))).toEqual(invalidPasskey);
    expect(await passkeyLogin(authenticator.assert(await loginOptions(), credential, { counter: 1 }))).toEqual(invalidPasskey);
    expect((await passkeyLogin(authenticator.assert(await loginOptions(), credential, { counter: 7 }))).__typename).toBe('PasskeyLoginSuccess');
  });
});

describe('removing a passkey', () => {
  test("passkeyRemove needs the password; the passkey then signs no one in; another member's passkey is NOT_FOUND; the owner is told", async () => {
    const { user, authenticator, passkey } = await memberWithPasskey('remove.key@example.com');
    const other = await memberWithPasskey('keeper.key@example.com');
    const remove = (id: string, currentPassword: string, token = user.token) => server.gql(REMOVE, { input: { id, currentPassword } }, { token });

    expect((await remove(passkey.id, 'not my password 42')).data.passkeyRemove).toEqual(validationError(invalidPassword));
    expect(topLevel(await remove(other.passkey.id, user.password))).toEqual(['NOT_FOUND']);
    expect((await remove(passkey.id, user.password)).data.passkeyRemove).toEqual({ __typename: 'PasskeyRemoveSuccess', ok: true });
    expect((await server.gql(PasskeysDocument, {}, { token: user.token })).data?.me?.passkeys).toEqual([]);
    expect(await passkeyLogin(authenticator.assert(await loginOptions()))).toEqual(invalidPasskey);
    await nthEmail(server, user.email, (e) => /Security notice: A passkey was removed/.test(e.subject) && e.text.includes('(Laptop)'));
    // The other member's passkey is untouched.
    expect((await passkeyLogin(other.authenticator.assert(await loginOptions()))).user.id).toBe(other.user.id);
  });

  test("deleting the account removes its passkeys", async () => {
    const { user, authenticator } = await memberWithPasskey('leaving.key@example.com');
    const deleted = await server.gql(graphql(`mutation DeleteMeTypename($input: DeleteMeInput!) { deleteMe(input: $input) { __typename } }`), { input: { currentPassword: user.password } }, { token: user.token });
    expect(deleted.data.deleteMe.__typename).toBe('DeleteMeSuccess');
    expect(await passkeyLogin(authenticator.assert(await loginOptions()))).toEqual(invalidPasskey);
    expect(await server.store.passkeys.listUserPasskeys(user.id)).toEqual([]);
  });
});
