// A second factor that a stolen password alone cannot pass: members turn TOTP on by scanning a
// QR code, keep ten recovery codes, and from then on log in in two steps (login or jwtCreate
// answer MfaRequired, verifyMfa takes a code). Codes, mfaTokens and recovery codes work once;
// wrong codes count as failed logins; staff can be required to have a second factor.
// Real HTTP, a real database and SMTP server; time moves with the injected clock.
import { invalidPassword, validationError } from './helpers/answers';
import { LOGIN, ME, NEW_PASSWORD, SITE, nthEmail } from './helpers/journeys';
import { withTestServers, type TestServer } from './helpers/server';
import {
  JWT_CREATE_WITH_MFA, LOGIN_WITH_MFA, REGENERATE_RECOVERY_CODES, TOTP_DISABLE, TOTP_ENABLE, TOTP_SETUP, VERIFY_MFA,
  appCode, enableTotp, invalidMfaToken, invalidOtp, mfaTokenFor, stepClock, verifyMfa,
} from './helpers/two-factor';
import { createStaff, createUser, type TestUser } from './helpers/users';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { graphql } from './generated';

jest.setTimeout(60_000);

const serverWith = withTestServers({ frontend: SITE });

const clock = stepClock();
let server: TestServer;
beforeAll(async () => {
  server = await serverWith({ clock: clock.now });
});

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const topLevel = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.map((e) => e.extensions?.code) ?? [];
const ME_2FA = graphql(`query Me2fa { me { id email twoFactorEnabled lastLogin } }`);
const SESSIONS = graphql(`query Sessions { sessions { id } }`);
const isSecurityNotice = (change: RegExp) => (e: { subject: string; text: string }) => /Security notice/.test(e.subject) && change.test(e.text);

async function userWithTotp(email: string, on: TestServer = server, at: () => Date = clock.now): Promise<TestUser & { secret: string; recoveryCodes: string[] }> {
  const user = await createUser(on, email);
  return { ...user, ...(await enableTotp(on, user, at())) };
}

describe('turning TOTP on', () => {
  test('totpSetup needs the password, answers a secret, an otpauth URI and a QR code, and changes nothing until a code comes back', async () => {
    const user = await createUser(server, 'setup@example.com');
    const anonymous = await server.gql(TOTP_SETUP, { input: { currentPassword: user.password } });
    expect(topLevel(anonymous)).toEqual(['UNAUTHENTICATED']);
    const wrong = await server.gql(TOTP_SETUP, { input: { currentPassword: 'not the password 1' } }, { token: user.token });
    expect(wrong.data.totpSetup).toEqual(validationError(invalidPassword));

    const setup = (await server.gql(TOTP_SETUP, { input: { currentPassword: user.password } }, { token: user.token })).data.totpSetup;
    expect(setup.__typename).toBe('TotpSetupSuccess');
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    // The issuer is the site's name; the account is the login.
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Acme:setup%40example\.com\?/);
    const uri = new URL(setup.uri);
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret: setup.secret, issuer: 'Acme', digits: '6', period: '30', algorithm: 'SHA1' });
    expect(setup.qrCodeSvg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"[^>]*>.*<path [^>]*d="M[^"]{200,}".*<\/svg>\s*$/s);

    // Pending: the account and its logins are as before.
    expect((await server.gql(ME_2FA, {}, { token: user.token })).data.me.twoFactorEnabled).toBe(false);
    expect((await server.gql(LOGIN_WITH_MFA, { input: { email: user.email, password: user.password } })).data.login.__typename).toBe('LoginSuccess');
  });

  test('totpEnable: a wrong code is INVALID_OTP; the right one turns TOTP on and answers ten recovery codes; the owner is told by email', async () => {
    const user = await createUser(server, 'enable@example.com');
    const { secret } = (await server.gql(TOTP_SETUP, { input: { currentPassword: user.password } }, { token: user.token })).data.totpSetup;
    const enable = (code: string) => server.gql(TOTP_ENABLE, { input: { code } }, { token: user.token });

    const code = appCode(secret, clock.now());
    const wrongCode = code === '000000' ? '111111' : '000000';
    expect((await enable(wrongCode)).data.totpEnable).toEqual(invalidOtp);
    expect((await enable(appCode(secret, clock.now(), 3))).data.totpEnable).toEqual(invalidOtp);
    expect((await enable('')).data.totpEnable).toEqual(invalidOtp);
    expect((await server.gql(ME_2FA, {}, { token: user.token })).data.me.twoFactorEnabled).toBe(false);

    const enabled = (await enable(code)).data.totpEnable;
    expect(enabled.__typename).toBe('TotpEnableSuccess');
    expect(enabled.recoveryCodes).toHaveLength(10);
    expect(new Set(enabled.recoveryCodes).size).toBe(10);
    for (const recovery of enabled.recoveryCodes) expect(recovery).toMatch(/^[0-9a-z]{6}-[0-9a-z]{6}-[0-9a-z]{6}-[0-9a-z]{6}$/);
    expect((await server.gql(ME_2FA, {}, { token: user.token })).data.me.twoFactorEnabled).toBe(true);

    const notice = await nthEmail(server, user.email, isSecurityNotice(/authenticator app was turned on/));
    expect(notice.subject).toBe('Acme - Security notice: Two-factor authentication with an authenticator app was turned on');
    expect(notice.text).toContain('on your account enable@example.com at Acme');
    expect(notice.html).toContain('Two-factor authentication with an authenticator app was turned on');

    // Shown once: nothing is pending any more, and setting up another authenticator needs TOTP off first.
    clock.advance(30);
    expect((await enable(appCode(secret, clock.now()))).data.totpEnable).toEqual(invalidOtp);
    const again = await server.gql(TOTP_SETUP, { input: { currentPassword: user.password } }, { token: user.token });
    expect(topLevel(again)).toEqual(['FORBIDDEN']);
  });
});

describe('logging in with TOTP on', () => {
  test('login answers MfaRequired instead of a session; verifyMfa with the code from the app answers the session token; the mfaToken works once', async () => {
    const user = await userWithTotp('twostep@example.com');
    const before = (await server.gql(ME_2FA, {}, { token: user.token })).data.me;
    clock.advance(60);

    const first = (await server.gql(LOGIN_WITH_MFA, { input: { email: user.email, password: user.password } })).data.login;
    expect(first).toEqual({ __typename: 'MfaRequired', mfaToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), methods: ['TOTP', 'RECOVERY_CODE'] });
    // Half a login is no login: no session, lastLogin as it was.
    expect((await server.gql(SESSIONS, {}, { token: user.token })).data.sessions).toHaveLength(1);
    expect((await server.gql(ME_2FA, {}, { token: user.token })).data.me.lastLogin).toBe(before.lastLogin);
    // A client that knows only LoginSuccess sees no token.
    expect((await server.gql(LOGIN, { input: { email: user.email, password: user.password } })).data.login).toEqual({ __typename: 'MfaRequired' });

    const code = appCode(user.secret, clock.now());
    expect(await verifyMfa(server, first.mfaToken, code === '123456' ? '654321' : '123456')).toEqual(invalidOtp);
    const second = await verifyMfa(server, first.mfaToken, code);
    expect(second).toEqual({
      __typename: 'VerifyMfaSuccess',
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      access: null,
      refresh: null,
      user: { id: user.id, email: user.email, twoFactorEnabled: true },
    });
    const me = (await server.gql(ME_2FA, {}, { token: second.token })).data.me;
    expect(me).toMatchObject({ id: user.id, twoFactorEnabled: true });
    expect(new Date(me.lastLogin).getTime()).toBe(clock.now().getTime());
    expect((await server.gql(SESSIONS, {}, { token: user.token })).data.sessions).toHaveLength(2);

    clock.advance(30);
    expect(await verifyMfa(server, first.mfaToken, appCode(user.secret, clock.now()))).toEqual(invalidMfaToken);
  });

  test('a TOTP code works once: the same code again, or an older one, is INVALID_OTP; the next step brings a new one', async () => {
    const user = await userWithTotp('once@example.com');
    clock.advance(30);
    const used = appCode(user.secret, clock.now());
    expect((await verifyMfa(server, await mfaTokenFor(server, user.email, user.password), used)).__typename).toBe('VerifyMfaSuccess');

    const replay = await mfaTokenFor(server, user.email, user.password);
    expect(await verifyMfa(server, replay, used)).toEqual(invalidOtp);
    // The previous step's code is still inside the ±1 window, but older than the one used.
    expect(await verifyMfa(server, replay, appCode(user.secret, clock.now(), -1))).toEqual(invalidOtp);
    // The next step's code (an app running a little fast) is accepted.
    expect((await verifyMfa(server, replay, appCode(user.secret, clock.now(), 1))).__typename).toBe('VerifyMfaSuccess');
  });

  test('an mfaToken lives five minutes', async () => {
    const user = await userWithTotp('expiry@example.com');
    const mfaToken = await mfaTokenFor(server, user.email, user.password);
    clock.advance(4 * 60 + 50);
    const fresh = await mfaTokenFor(server, user.email, user.password);
    clock.advance(15);
    expect(await verifyMfa(server, mfaToken, appCode(user.secret, clock.now()))).toEqual(invalidMfaToken);
    expect((await verifyMfa(server, fresh, appCode(user.secret, clock.now()))).__typename).toBe('VerifyMfaSuccess');
  });

  test('a wrong code leaves the mfaToken usable, up to five wrong codes; after them even the right code is INVALID_MFA_TOKEN', async () => {
    const user = await userWithTotp('fivetries@example.com');
    clock.advance(30);
    const right = appCode(user.secret, clock.now());
    const wrong = (n: number) => String((Number(right) + 1000 * (n + 1)) % 1_000_000).padStart(6, '0');

    const patient = await mfaTokenFor(server, user.email, user.password);
    for (let n = 0; n < 4; n += 1) expect(await verifyMfa(server, patient, wrong(n))).toEqual(invalidOtp);
    expect((await verifyMfa(server, patient, right)).__typename).toBe('VerifyMfaSuccess');

    clock.advance(30);
    const guessed = await mfaTokenFor(server, user.email, user.password);
    for (let n = 0; n < 5; n += 1) expect(await verifyMfa(server, guessed, wrong(n))).toEqual(invalidOtp);
    expect(await verifyMfa(server, guessed, appCode(user.secret, clock.now()))).toEqual(invalidMfaToken);
  });

  test("an mfaToken is its user's: another member's code does not pass with it, and it logs in no one else; a made-up one is refused", async () => {
    const alice = await userWithTotp('alice.mfa@example.com');
    const mallory = await userWithTotp('mallory.mfa@example.com');
    clock.advance(30);
    const stolen = await mfaTokenFor(server, alice.email, alice.password);
    expect(await verifyMfa(server, stolen, appCode(mallory.secret, clock.now()))).toEqual(invalidOtp);
    expect(await verifyMfa(server, stolen, mallory.recoveryCodes[0])).toEqual(invalidOtp);
    const passed = await verifyMfa(server, stolen, appCode(alice.secret, clock.now()));
    expect(passed.user).toMatchObject({ id: alice.id, email: alice.email });
    // Mallory's recovery code was not spent on Alice's login.
    expect((await verifyMfa(server, await mfaTokenFor(server, mallory.email, mallory.password), mallory.recoveryCodes[0])).__typename).toBe('VerifyMfaSuccess');

    expect(await verifyMfa(server, 'A'.repeat(43), appCode(alice.secret, clock.now(), 1))).toEqual(invalidMfaToken);
    expect(await verifyMfa(server, '', appCode(alice.secret, clock.now(), 1))).toEqual(invalidMfaToken);
  });

  test('a recovery code works once, in any spelling; methods lists recovery codes while some are left; new ones end the old ones', async () => {
    const user = await userWithTotp('recovery@example.com');
    const [first, second, third] = user.recoveryCodes;
    expect((await verifyMfa(server, await mfaTokenFor(server, user.email, user.password), first)).__typename).toBe('VerifyMfaSuccess');
    await nthEmail(server, user.email, isSecurityNotice(/A recovery code was used/));
    expect(await verifyMfa(server, await mfaTokenFor(server, user.email, user.password), first)).toEqual(invalidOtp);
    const shouted = second.toUpperCase().replace(/-/g, ' ');
    expect((await verifyMfa(server, await mfaTokenFor(server, user.email, user.password), shouted)).__typename).toBe('VerifyMfaSuccess');

    const regenerate = (currentPassword: string) => server.gql(REGENERATE_RECOVERY_CODES, { input: { currentPassword } }, { token: user.token });
    expect((await regenerate('not my password 42')).data.regenerateRecoveryCodes).toEqual(validationError(invalidPassword));
    const fresh = (await regenerate(user.password)).data.regenerateRecoveryCodes;
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(fresh.recoveryCodes).not.toContain(third);
    await nthEmail(server, user.email, isSecurityNotice(/New recovery codes were made/));
    expect(await verifyMfa(server, await mfaTokenFor(server, user.email, user.password), third)).toEqual(invalidOtp);
    expect((await verifyMfa(server, await mfaTokenFor(server, user.email, user.password), fresh.recoveryCodes[9])).__typename).toBe('VerifyMfaSuccess');

    // Once every recovery code is used, the login offers TOTP alone.
    for (const recovery of fresh.recoveryCodes.slice(0, 9)) {
      const first = (await server.gql(LOGIN_WITH_MFA, { input: { email: user.email, password: user.password } })).data.login;
      expect(first.methods).toEqual(['TOTP', 'RECOVERY_CODE']);
      expect((await verifyMfa(server, first.mfaToken, recovery)).__typename).toBe('VerifyMfaSuccess');
    }
    expect((await server.gql(LOGIN_WITH_MFA, { input: { email: user.email, password: user.password } })).data.login.methods).toEqual(['TOTP']);

    // Without TOTP there is nothing to regenerate.
    const plain = await createUser(server, 'norecovery@example.com');
    expect(topLevel(await server.gql(REGENERATE_RECOVERY_CODES, { input: { currentPassword: plain.password } }, { token: plain.token }))).toEqual(['FORBIDDEN']);
  });

  test('jwtCreate answers MfaRequired too; verifyMfa then answers the JWT pair, which works', async () => {
    const user = await userWithTotp('jwt.mfa@example.com');
    clock.advance(30);
    const first = (await server.gql(JWT_CREATE_WITH_MFA, { input: { email: user.email, password: user.password } })).data.jwtCreate;
    expect(first).toMatchObject({ __typename: 'MfaRequired', methods: ['TOTP', 'RECOVERY_CODE'] });
    const pair = await verifyMfa(server, first.mfaToken, appCode(user.secret, clock.now()));
    expect(pair).toMatchObject({ __typename: 'VerifyMfaSuccess', token: null, access: expect.stringMatching(/^ey/), refresh: expect.stringMatching(/^ey/) });
    const me = await server.gql(ME, {}, { headers: { authorization: `Bearer ${pair.access}` } });
    expect(me.data.me.email).toBe(user.email);
    const refreshed = await server.gql(graphql(`mutation TwoFactorJwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename } }`), { input: { refresh: pair.refresh } });
    expect(refreshed.data.jwtRefresh.__typename).toBe('JwtRefreshSuccess');
  });

  test('housekeeping deletes expired mfaTokens and the marks of used codes (FerretDB has no TTL index)', async () => {
    const keeper = await serverWith({ clock: clock.now });
    const user = await userWithTotp('housekeeping@example.com', keeper);
    await mfaTokenFor(keeper, user.email, user.password);
    const mfaTokens = keeper.database.collection('mfa_tokens');
    // The pending mfaToken and the mark of the step totpEnable used.
    expect(await mfaTokens.countDocuments({ kind: 'mfa' })).toBe(1);
    expect(await mfaTokens.countDocuments({ kind: 'used' })).toBe(1);
    await keeper.store.removeExpired(new Date(clock.now().getTime() + 60_000));
    expect(await mfaTokens.countDocuments({ kind: 'used' })).toBe(0);
    expect(await mfaTokens.countDocuments({ kind: 'mfa' })).toBe(1);
    await keeper.store.removeExpired(new Date(clock.now().getTime() + 301_000));
    expect(await mfaTokens.countDocuments()).toBe(0);
  });

  test('a password changed between the two steps ends the pending login', async () => {
    const user = await userWithTotp('changed.mfa@example.com');
    clock.advance(30);
    const pending = await mfaTokenFor(server, user.email, user.password);
    const changed = await server.gql(graphql(`mutation SetPassword($input: SetPasswordInput!) { setPassword(input: $input) { __typename } }`), { input: { currentPassword: user.password, newPassword: NEW_PASSWORD } }, { token: user.token });
    expect(changed.data.setPassword.__typename).toBe('SetPasswordSuccess');
    expect(await verifyMfa(server, pending, appCode(user.secret, clock.now()))).toEqual(invalidMfaToken);
  });

  test('in cookie mode verifyMfa sets the httpOnly session cookie and answers token null; the first step sets none', async () => {
    const cookieClock = stepClock();
    // The member turned TOTP on with a header token; the cookie-mode server shares the database.
    const tokenServer = await serverWith({ clock: cookieClock.now });
    const cookieServer = await serverWith({ clock: cookieClock.now, cookies: { enabled: true } }, { dbName: tokenServer.dbName, smtp: tokenServer.smtp });
    const user = await userWithTotp('cookie.mfa@example.com', tokenServer, cookieClock.now);
    cookieClock.advance(30);
    const first = await cookieServer.gql(LOGIN_WITH_MFA, { input: { email: user.email, password: user.password } });
    expect(first.data.login.__typename).toBe('MfaRequired');
    expect(first.headers.get('set-cookie')).toBeNull();
    const second = await cookieServer.gql(VERIFY_MFA, { input: { mfaToken: first.data.login.mfaToken, code: appCode(user.secret, cookieClock.now()) } });
    expect(second.data.verifyMfa).toMatchObject({ __typename: 'VerifyMfaSuccess', token: null });
    const cookie = second.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^authql_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const me = await fetch(cookieServer.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(cookieServer.url).origin, cookie: cookie.split(';')[0] },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(((await me.json()) as { data: { me: { email: string } } }).data.me.email).toBe(user.email);
  });
});

describe('turning TOTP off', () => {
  test('totpDisable needs the password and a code (TOTP or recovery); then login is one step again, and the owner is told', async () => {
    const user = await userWithTotp('disable@example.com');
    const disable = (currentPassword: string, code: string) => server.gql(TOTP_DISABLE, { input: { currentPassword, code } }, { token: user.token });
    clock.advance(30);
    expect((await disable('not my password 42', appCode(user.secret, clock.now()))).data.totpDisable).toEqual(validationError(invalidPassword));
    expect((await disable(user.password, '000000' === appCode(user.secret, clock.now()) ? '111111' : '000000')).data.totpDisable).toEqual(invalidOtp);
    expect((await server.gql(ME_2FA, {}, { token: user.token })).data.me.twoFactorEnabled).toBe(true);

    expect((await disable(user.password, user.recoveryCodes[4])).data.totpDisable).toEqual({ __typename: 'TotpDisableSuccess', ok: true });
    expect((await server.gql(ME_2FA, {}, { token: user.token })).data.me.twoFactorEnabled).toBe(false);
    expect((await server.gql(LOGIN_WITH_MFA, { input: { email: user.email, password: user.password } })).data.login.__typename).toBe('LoginSuccess');
    await nthEmail(server, user.email, isSecurityNotice(/Two-factor authentication was turned off/));
    // Off means off: no code is asked for, and none is accepted as a way to turn it off again.
    expect((await disable(user.password, appCode(user.secret, clock.now()))).data.totpDisable).toEqual(invalidOtp);
  });
});

describe('rotating AUTH_SECRET', () => {
  test('the stored TOTP secret no longer opens: codes are refused, a recovery code still logs in, and TOTP can be set up anew', async () => {
    const rotationClock = stepClock();
    const before = await serverWith({ clock: rotationClock.now });
    const user = await userWithTotp('rotated@example.com', before, rotationClock.now);
    const after = await serverWith({ clock: rotationClock.now, secret: 'a-rotated-secret-0123456789-0123456789-xyz' }, { dbName: before.dbName, smtp: before.smtp });
    rotationClock.advance(30);
    expect(await verifyMfa(after, await mfaTokenFor(after, user.email, user.password), appCode(user.secret, rotationClock.now()))).toEqual(invalidOtp);
    const passed = await verifyMfa(after, await mfaTokenFor(after, user.email, user.password), user.recoveryCodes[0]);
    expect(passed.__typename).toBe('VerifyMfaSuccess');
    const disabled = await after.gql(TOTP_DISABLE, { input: { currentPassword: user.password, code: user.recoveryCodes[1] } }, { token: passed.token });
    expect(disabled.data.totpDisable).toEqual({ __typename: 'TotpDisableSuccess', ok: true });
    const again = await enableTotp(after, { token: passed.token, password: user.password }, rotationClock.now());
    expect(again.secret).not.toBe(user.secret);
  });
});

describe('guessing codes', () => {
  const limited = { trustProxy: true, rateLimits: { login: { perAccount: '1000/1m', perIp: '1000/1m' }, confirm: { perIp: '1000/10m' }, lockout: { failures: 3, duration: '15m' } } };

  test('wrong codes count as failed logins: after the limit the account is locked from that network, even for the right code; not from another', async () => {
    const lockClock = stepClock();
    const guarded = await serverWith({ ...limited, clock: lockClock.now });
    const user = await userWithTotp('guessed@example.com', guarded, lockClock.now);
    lockClock.advance(30);
    const attacker = from('198.51.100.66');
    const right = appCode(user.secret, lockClock.now());
    const wrong = right === '999999' ? '999998' : '999999';
    const mfaToken = await mfaTokenFor(guarded, user.email, user.password, attacker);
    for (let n = 0; n < 3; n += 1) expect(await verifyMfa(guarded, mfaToken, wrong, attacker)).toEqual(invalidOtp);
    expect(await verifyMfa(guarded, mfaToken, right, attacker)).toEqual({ errors: ['RATE_LIMITED'] });
    expect(topLevel(await guarded.gql(LOGIN_WITH_MFA, { input: { email: user.email, password: user.password } }, { headers: attacker }))).toEqual(['RATE_LIMITED']);

    const owner = from('203.0.113.77');
    const ownToken = await mfaTokenFor(guarded, user.email, user.password, owner);
    expect((await verifyMfa(guarded, ownToken, right, owner)).__typename).toBe('VerifyMfaSuccess');
  });

  test('verifyMfa is limited per client (rateLimits.confirm.perIp)', async () => {
    const guarded = await serverWith({ trustProxy: true, rateLimits: { confirm: { perIp: '3/10m' } } });
    for (let n = 0; n < 3; n += 1) expect(await verifyMfa(guarded, `made-up-${n}`, '123456', from('198.51.100.80'))).toEqual(invalidMfaToken);
    const refused = await guarded.gql(VERIFY_MFA, { input: { mfaToken: 'made-up', code: '123456' } }, { headers: from('198.51.100.80') });
    expect(refused.status).toBe(200);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect(await verifyMfa(guarded, 'made-up', '123456', from('203.0.113.80'))).toEqual(invalidMfaToken);
  });

  test('one operation checks at most one code: a second aliased verifyMfa is RATE_LIMITED and never runs', async () => {
    const user = await userWithTotp('aliases.mfa@example.com');
    clock.advance(30);
    const [first, second] = [await mfaTokenFor(server, user.email, user.password), await mfaTokenFor(server, user.email, user.password)];
    const both = await server.gql(
      graphql(`mutation TwoFactorVerifyMfa($a: VerifyMfaInput!, $b: VerifyMfaInput!) {
        a: verifyMfa(input: $a) { __typename }
        b: verifyMfa(input: $b) { __typename }
      }`),
      { a: { mfaToken: first, code: appCode(user.secret, clock.now()) }, b: { mfaToken: second, code: user.recoveryCodes[0] } },
    );
    expect(both.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['b', 'RATE_LIMITED']]);
    // The first field ran (its mfaToken is spent); the second never did: its mfaToken and recovery code are both unused.
    expect(await verifyMfa(server, first, appCode(user.secret, clock.now(), 1))).toEqual(invalidMfaToken);
    expect((await verifyMfa(server, second, user.recoveryCodes[0])).__typename).toBe('VerifyMfaSuccess');
  });

  test('across two instances on one database, one code logs in once', async () => {
    const sharedClock = stepClock();
    const one = await serverWith({ clock: sharedClock.now });
    const two = await serverWith({ clock: sharedClock.now }, { dbName: one.dbName, smtp: one.smtp });
    const user = await userWithTotp('twice@example.com', one, sharedClock.now);
    sharedClock.advance(30);
    const code = appCode(user.secret, sharedClock.now());
    const tokens = [await mfaTokenFor(one, user.email, user.password), await mfaTokenFor(two, user.email, user.password)];
    const answers = await Promise.all([verifyMfa(one, tokens[0], code), verifyMfa(two, tokens[1], code)]);
    expect(answers.map((a) => a.__typename).sort()).toEqual(['AuthError', 'VerifyMfaSuccess']);
    expect(answers.find((a) => a.__typename === 'AuthError')).toEqual(invalidOtp);
  });
});

describe('twoFactor.requiredForStaff', () => {
  const USERS = graphql(`query UserIds { users(first: 10) { edges { node { id } } } }`);
  const USER = graphql(`query UserEmail($id: ID!) { user(id: $id) { id email } }`);
  const UPDATE_USER = graphql(`mutation UpdateUserTypename($input: UpdateUserInput!) { updateUser(input: $input) { __typename } }`);
  const DELETE_USER = graphql(`mutation DeleteUserTypename($input: DeleteUserInput!) { deleteUser(input: $input) { __typename } }`);

  test('staff without TOTP log in and use me, but users, user(id) of another, updateUser and deleteUser are FORBIDDEN until they turn it on', async () => {
    const staffClock = stepClock();
    const strict = await serverWith({ clock: staffClock.now, twoFactor: { requiredForStaff: true } });
    const staff = await createStaff(strict, 'staff.mfa@example.com');
    const member = await createUser(strict, 'member.mfa@example.com');
    const victim = await createUser(strict, 'victim.mfa@example.com');
    const as = <Result,>(document: TypedDocumentNode<Result, any>, variables: Record<string, unknown> = {}) => strict.gql(document, variables, { token: staff.token });

    expect((await as(ME_2FA)).data.me).toMatchObject({ email: staff.email, twoFactorEnabled: false });
    expect((await as(USER, { id: staff.id })).data.user.email).toBe(staff.email);
    expect(topLevel(await as(USERS))).toEqual(['FORBIDDEN']);
    expect(topLevel(await as(USER, { id: member.id }))).toEqual(['FORBIDDEN']);
    expect(topLevel(await as(UPDATE_USER, { input: { id: member.id, isActive: false } }))).toEqual(['FORBIDDEN']);
    expect(topLevel(await as(DELETE_USER, { input: { id: victim.id, currentPassword: staff.password } }))).toEqual(['FORBIDDEN']);
    expect((await as(USERS)).errors?.[0].message).toMatch(/two-factor authentication/);
    // A member is not staff: the rule does not touch them.
    expect((await strict.gql(USERS, {}, { token: member.token })).data.users.edges).toEqual([{ node: { id: member.id } }]);

    await enableTotp(strict, staff, staffClock.now());
    expect((await as(USERS)).data.users.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([staff.id, member.id, victim.id]);
    expect((await as(USER, { id: member.id })).data.user.email).toBe(member.email);
    expect((await as(UPDATE_USER, { input: { id: member.id, isActive: false } })).data.updateUser.__typename).toBe('UpdateUserSuccess');
    expect((await as(DELETE_USER, { input: { id: victim.id, currentPassword: staff.password } })).data.deleteUser.__typename).toBe('DeleteUserSuccess');
  });
});
