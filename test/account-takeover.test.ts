// Stories of an attacker going for someone else's account, each the way they would try it:
// staff reaching above themselves, a stolen session moving the email, lockouts turned on the
// owner, guessing behind a session, *Confirm calls that enumerate, sessions that never end.
import mongoose from 'mongoose';
import { createAuth, mailerOf } from '../src/auth';
import { verifyPassword, hashPassword, makeDummyHash } from '../src/crypto/password';
import { startServer } from '../src/server';
import { invalidPassword, invalidToken, ok, validationError } from './helpers/answers';
import {
  CONFIRM_EMAIL_CHANGE, LOGIN, ME, NEW_PASSWORD, PASSWORD, RESET_EMAIL_CONFIRM, RESET_PASSWORD_CONFIRM, SITE, deliveredTo, linkParts, login, meWith, mutate, nthEmail, register,
} from './helpers/journeys';
import { connectTestDatabase } from './helpers/database';
import { graphqlAt, queryOf, withTestServers, testDatabaseUri, TEST_SECRET, uniqueDbName, type Document, type TestServer } from './helpers/server';
import { startSmtpServer } from './helpers/smtp';
import { graphql } from './generated';

jest.setTimeout(60_000);

const serverWith = withTestServers({ frontend: SITE });

/** A test clock: starts now, moves when told. */
function testClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (seconds: number) => (offset += seconds * 1000) };
}

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const code = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.[0]?.extensions?.code ?? null;

const UPDATE_USER = graphql(`mutation UpdateUser($input: UpdateUserInput!) {
  updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id email isActive isStaff } } ... on Error { code message } }
}`);
const DELETE_USER = graphql(`mutation DeleteUser($input: DeleteUserInput!) { deleteUser(input: $input) { __typename ... on Error { code } } }`);
const UPDATE_ME = graphql(`mutation UpdateMe($input: UpdateMeInput!) {
  updateMe(input: $input) {
    __typename
    ... on UpdateMeSuccess { user { id email pendingEmail } }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);
/** updateUser as a user on their own id, answering like UPDATE_ME. */
const UPDATE_SELF = graphql(`mutation UpdateSelf($input: UpdateUserInput!) {
  updateUser(input: $input) {
    __typename
    ... on UpdateUserSuccess { user { id email pendingEmail } }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);
const SET_EMAIL = graphql(`mutation SetEmail($input: SetEmailInput!) {
  setEmail(input: $input) {
    __typename
    ... on SetEmailSuccess { user { id email pendingEmail } }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);
const SET_PASSWORD = graphql(`mutation AccountTakeoverSetPassword($input: SetPasswordInput!) {
  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { fieldErrors { field code message } } }
}`);
const RESET_PASSWORD = graphql(`mutation ResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } } }`);
const RESET_EMAIL = graphql(`mutation ResetEmail($input: ResetEmailInput!) { resetEmail(input: $input) { __typename ... on ResetEmailSuccess { ok } } }`);
const JWT_CREATE = graphql(`mutation AccountTakeoverJwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } ... on Error { code } } }`);
const JWT_REFRESH = graphql(`mutation JwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } ... on Error { code } } }`);

const isResetEmail = (e: { subject: string }) => /password reset/i.test(e.subject);
/** The uid and token of the link in the nth email to `to` that `predicate` picks. */
async function linkIn(server: TestServer, to: string, predicate: (e: { subject: string }) => boolean, nth = 1) {
  const { uid, token } = linkParts(await nthEmail(server, to, predicate, nth));
  return { uid, token };
}
const isConfirmEmail = (e: { subject: string }) => /confirm your new email/i.test(e.subject);

describe('staff cannot reach above themselves', () => {
  test('a staff member who is not a superuser cannot change, deactivate or delete a superuser or another staff member; a superuser can', async () => {
    const server = await serverWith({ loginField: 'username' });
    // Username login: the superuser's email is only where their password resets go.
    const accounts: Record<string, { id: string; token: string }> = {};
    for (const [name, flags] of [['root', { isStaff: true, isSuperuser: true }], ['mallory', { isStaff: true }], ['sam', { isStaff: true }], ['ursula', {}]] as const) {
      const registered = await register(server, { username: name, email: `${name}@example.com`, password: PASSWORD });
      await server.database.collection('users').updateOne({ _id: new mongoose.Types.ObjectId(registered.user.id) }, { $set: flags });
      accounts[name] = { id: registered.user.id, token: await login(server, { username: name, password: PASSWORD }) };
    }
    const mallory = accounts.mallory.token;

    // The takeover path: point the superuser's email at the attacker, then reset the password.
    const hijack = await server.gql(UPDATE_USER, { input: { id: accounts.root.id, email: 'mallory@evil.example' } }, { token: mallory });
    expect(code(hijack)).toBe('FORBIDDEN');
    for (const input of [{ id: accounts.root.id, isActive: false }, { id: accounts.sam.id, isActive: false }, { id: accounts.sam.id, email: 'x@evil.example' }]) {
      expect(code(await server.gql(UPDATE_USER, { input }, { token: mallory }))).toBe('FORBIDDEN');
    }
    expect(code(await server.gql(DELETE_USER, { input: { id: accounts.root.id, currentPassword: PASSWORD } }, { token: mallory }))).toBe('FORBIDDEN');
    expect(code(await server.gql(DELETE_USER, { input: { id: accounts.sam.id, currentPassword: PASSWORD } }, { token: mallory }))).toBe('FORBIDDEN');
    const root = await server.gql(graphql(`query MeActive { me { email isActive } }`), {}, { token: accounts.root.token });
    expect(root.data.me).toEqual({ email: 'root@example.com', isActive: true });

    // Staff still manage plain users, and the superuser manages staff.
    const plain = await mutate(server, UPDATE_USER, { id: accounts.ursula.id, email: 'ursula@new.example' }, mallory);
    expect(plain.user.email).toBe('ursula@new.example');
    const notice = await nthEmail(server, 'ursula@example.com', (e) => /email address/i.test(e.subject));
    expect(notice.text).toContain('has been changed to ursula@new.example');
    const demoted = await mutate(server, UPDATE_USER, { id: accounts.mallory.id, isStaff: false }, accounts.root.token);
    expect(demoted.user.isStaff).toBe(false);
    // Losing staff ends the sessions that held it.
    expect((await meWith(server, mallory)).code).toBe('UNAUTHENTICATED');
  });
});

describe('a stolen session cannot move the email address', () => {
  test('updateMe(email) needs the current password; the new address is only pending until its link is used, and the old one is told', async () => {
    const server = await serverWith({ loginField: 'username' });
    await register(server, { username: 'olivia', email: 'olivia@example.com', password: PASSWORD });
    const stolen = await login(server, { username: 'olivia', password: PASSWORD });

    const noPassword = await mutate(server, UPDATE_ME, { email: 'thief@evil.example' }, stolen);
    expect(noPassword).toEqual(validationError({ field: 'currentPassword', code: 'REQUIRED', message: 'This field is required.' }));
    const guessed = await mutate(server, UPDATE_ME, { email: 'thief@evil.example', currentPassword: 'a wrong guess 123' }, stolen);
    expect(guessed).toEqual(validationError(invalidPassword));

    // Even with the password, the address only becomes pending; resets still go to the owner.
    const asked = await mutate(server, UPDATE_ME, { email: 'thief@evil.example', currentPassword: PASSWORD }, stolen);
    expect(asked.user).toMatchObject({ email: 'olivia@example.com', pendingEmail: 'thief@evil.example' });
    const notice = await nthEmail(server, 'olivia@example.com', (e) => /email address/i.test(e.subject));
    expect(notice.text).toContain('thief@evil.example');
    expect(await mutate(server, RESET_PASSWORD, { email: 'thief@evil.example' })).toEqual(ok('ResetPasswordSuccess'));
    expect(await deliveredTo(server, 'thief@evil.example', isResetEmail)).toBe(0);

    // The link sent to the new address applies it, once.
    const confirmation = await nthEmail(server, 'thief@evil.example', isConfirmEmail);
    const { uid, token } = linkParts(confirmation);
    expect(confirmation.text).toContain('/#/email/change/confirm/');
    const confirmed = await mutate(server, CONFIRM_EMAIL_CHANGE, { uid, token });
    expect(confirmed.user).toEqual({ id: asked.user.id, email: 'thief@evil.example', pendingEmail: null });
    expect(await mutate(server, CONFIRM_EMAIL_CHANGE, { uid, token })).toEqual({ __typename: 'AuthError', code: 'STALE_TOKEN', message: 'Stale token for given user.' });
  });

  test("updateUser on one's own id follows updateMe: a stolen session of a member, a staff member or a superuser cannot move the email, and a reset to the thief's address sends nothing", async () => {
    const server = await serverWith({ loginField: 'username' });
    for (const [name, flags] of [['quinn', {}], ['stella', { isStaff: true }], ['sue', { isStaff: true, isSuperuser: true }]] as const) {
      const registered = await register(server, { username: name, email: `${name}@example.com`, password: PASSWORD });
      const id: string = registered.user.id;
      await server.database.collection('users').updateOne({ _id: new mongoose.Types.ObjectId(id) }, { $set: flags });
      const stolen = await login(server, { username: name, password: PASSWORD });
      const thief = `thief.${name}@evil.example`;

      // The takeover path: point one's own email at the thief, then reset the password there.
      const noPassword = await mutate(server, UPDATE_SELF, { id, email: thief }, stolen);
      expect(noPassword).toEqual(validationError({ field: 'currentPassword', code: 'REQUIRED', message: 'This field is required.' }));
      const guessed = await mutate(server, UPDATE_SELF, { id, email: thief, currentPassword: 'a wrong guess 123' }, stolen);
      expect(guessed).toEqual(validationError(invalidPassword));
      expect(await mutate(server, RESET_PASSWORD, { email: thief })).toEqual(ok('ResetPasswordSuccess'));
      expect(await deliveredTo(server, thief, isResetEmail)).toBe(0);

      // With the password the new address is only pending, as with updateMe: resets still go to the owner.
      const asked = await mutate(server, UPDATE_SELF, { id, email: thief, currentPassword: PASSWORD }, stolen);
      expect(asked.user).toEqual({ id, email: `${name}@example.com`, pendingEmail: thief });
      const notice = await nthEmail(server, `${name}@example.com`, (e) => /email address/i.test(e.subject));
      expect(notice.text).toContain(thief);
      expect(await mutate(server, RESET_PASSWORD, { email: thief })).toEqual(ok('ResetPasswordSuccess'));
      expect(await deliveredTo(server, thief, isResetEmail)).toBe(0);
      expect((await meWith(server, stolen)).me.email).toBe(`${name}@example.com`);
    }
  });

  test('setEmail and resetEmailConfirm (email login) leave the login as it was until the new address confirms; a reset link is spent', async () => {
    const server = await serverWith();
    await register(server, { email: 'paula@example.com', password: PASSWORD });
    const stolen = await login(server, { email: 'paula@example.com', password: PASSWORD });
    const asked = await mutate(server, SET_EMAIL, { newEmail: 'evil@evil.example', currentPassword: PASSWORD }, stolen);
    expect(asked.user).toMatchObject({ email: 'paula@example.com', pendingEmail: 'evil@evil.example' });
    // The login is still the old address; the pending one logs nobody in.
    expect((await server.gql(LOGIN, { input: { email: 'evil@evil.example', password: PASSWORD } })).data.login.code).toBe('INVALID_CREDENTIALS');
    await login(server, { email: 'paula@example.com', password: PASSWORD });

    // resetEmailConfirm: the reset link records a pending address and works once.
    await mutate(server, RESET_EMAIL, { email: 'paula@example.com' });
    const reset = await linkIn(server, 'paula@example.com', (e) => /email reset/i.test(e.subject));
    expect(await mutate(server, RESET_EMAIL_CONFIRM, { ...reset, newEmail: 'paula@new.example' })).toEqual(ok('ResetEmailConfirmSuccess'));
    expect(await mutate(server, RESET_EMAIL_CONFIRM, { ...reset, newEmail: 'other@evil.example' })).toEqual(invalidToken);
    const me = await server.gql(graphql(`query MeEmails { me { email pendingEmail } }`), {}, { token: stolen });
    expect(me.data.me).toEqual({ email: 'paula@example.com', pendingEmail: 'paula@new.example' });

    // The earlier link (to evil@) no longer confirms anything: a newer request replaced it.
    const evilLink = await linkIn(server, 'evil@evil.example', isConfirmEmail);
    expect(await mutate(server, CONFIRM_EMAIL_CHANGE, evilLink)).toEqual(invalidToken);
    const newLink = await linkIn(server, 'paula@new.example', isConfirmEmail);
    expect((await mutate(server, CONFIRM_EMAIL_CHANGE, newLink)).user.email).toBe('paula@new.example');
    await login(server, { email: 'paula@new.example', password: PASSWORD });
  });

  test('an address taken between the request and the confirmation is stale; one taken already is refused at once', async () => {
    const server = await serverWith();
    await register(server, { email: 'quinn@example.com', password: PASSWORD });
    await register(server, { email: 'taken@example.com', password: PASSWORD });
    const token = await login(server, { email: 'quinn@example.com', password: PASSWORD });
    const taken = await mutate(server, SET_EMAIL, { newEmail: 'taken@example.com', currentPassword: PASSWORD }, token);
    expect(taken.fieldErrors).toEqual([{ field: 'newEmail', code: 'ALREADY_EXISTS', message: 'A user with that email already exists.' }]);

    await mutate(server, SET_EMAIL, { newEmail: 'later@example.com', currentPassword: PASSWORD }, token);
    const link = await linkIn(server, 'later@example.com', isConfirmEmail);
    await register(server, { email: 'later@example.com', password: PASSWORD });
    expect((await mutate(server, CONFIRM_EMAIL_CHANGE, link)).code).toBe('STALE_TOKEN');
    expect((await server.gql(graphql(`query MeEmail { me { email } }`), {}, { token })).data.me.email).toBe('quinn@example.com');
  });

  test("with emailChangeConfirmation: false the change is immediate (djoser's behaviour) and the old address is told", async () => {
    const server = await serverWith({ emailChangeConfirmation: false });
    await register(server, { email: 'rita@example.com', password: PASSWORD });
    const token = await login(server, { email: 'rita@example.com', password: PASSWORD });
    const changed = await mutate(server, SET_EMAIL, { newEmail: 'rita@new.example', currentPassword: PASSWORD }, token);
    expect(changed.user).toMatchObject({ email: 'rita@new.example', pendingEmail: null });
    const notice = await nthEmail(server, 'rita@example.com', (e) => /email address was changed/i.test(e.subject));
    expect(notice.text).toContain('has been changed to rita@new.example');
  });
});

describe('lockouts and email caps cannot be turned against the owner', () => {
  const limits = { trustProxy: true, rateLimits: { login: { perAccount: '1000/1m', perIp: '1000/1m' }, lockout: { failures: 3, duration: '15m' } } };

  test("failures from the attacker's network lock only that network; the owner logs in from theirs; a completed reset ends the lock", async () => {
    const server = await serverWith(limits);
    await register(server, { email: 'owner@example.com', password: PASSWORD });
    const attempt = (ip: string, password: string) => server.gql(LOGIN, { input: { email: 'owner@example.com', password } }, { headers: from(ip) });
    for (let n = 0; n < 3; n += 1) expect((await attempt('198.51.100.7', 'wrong guess 123')).data.login.code).toBe('INVALID_CREDENTIALS');
    expect(code(await attempt('198.51.100.7', PASSWORD))).toBe('RATE_LIMITED');
    // Another IPv6 address in the attacker's /64 is the same network.
    for (let n = 0; n < 3; n += 1) await attempt('2001:db8:7:7::1', 'wrong guess 123');
    expect(code(await attempt('2001:db8:7:7::ffff', PASSWORD))).toBe('RATE_LIMITED');
    expect((await attempt('203.0.113.5', PASSWORD)).data.login.__typename).toBe('LoginSuccess');

    await server.gql(RESET_PASSWORD, { input: { email: 'owner@example.com' } }, { headers: from('203.0.113.5') });
    const link = await linkIn(server, 'owner@example.com', isResetEmail);
    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { ...link, newPassword: NEW_PASSWORD })).toEqual(ok('ResetPasswordConfirmSuccess'));
    expect((await attempt('198.51.100.7', NEW_PASSWORD)).data.login.__typename).toBe('LoginSuccess');
  });

  test("a stranger's reset requests do not use up the owner's own reset emails", async () => {
    const server = await serverWith({ trustProxy: true, email: { perRecipientPerHour: 2 } });
    await register(server, { email: 'victim@example.com', password: PASSWORD });
    for (let n = 0; n < 5; n += 1) {
      expect((await server.gql(RESET_PASSWORD, { input: { email: 'victim@example.com' } }, { headers: from('198.51.100.9') })).data.resetPassword.ok).toBe(true);
    }
    expect(await deliveredTo(server, 'victim@example.com', isResetEmail)).toBe(2);
    await server.gql(RESET_PASSWORD, { input: { email: 'victim@example.com' } }, { headers: from('203.0.113.20') });
    expect(await deliveredTo(server, 'victim@example.com', isResetEmail)).toBe(3);
  });
  test("a stranger's reset requests cannot silence the owner's security notices: they have their own budget of 20 an hour per account", async () => {
    const server = await serverWith({ trustProxy: true, passwordChangedEmailConfirmation: true });
    const email = 'noticed@example.com';
    await register(server, { email, password: PASSWORD });
    const thiefNetwork = from('198.51.100.70');
    // The thief fills the address's cap (email.perRecipientPerHour, 5) from their network…
    for (let n = 0; n < 5; n += 1) {
      expect((await server.gql(RESET_PASSWORD, { input: { email } }, { headers: thiefNetwork })).data.resetPassword.ok).toBe(true);
    }
    expect(await deliveredTo(server, email, isResetEmail)).toBe(5);
    // …then, from the same network, changes the password with a stolen session: the owner is still told.
    const stolen = (await server.gql(LOGIN, { input: { email, password: PASSWORD } }, { headers: thiefNetwork })).data.login.token;
    const changed = await server.gql(SET_PASSWORD, { input: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } }, { token: stolen, headers: thiefNetwork });
    expect(changed.data.setPassword).toEqual(ok('SetPasswordSuccess'));
    const isPasswordChanged = (e: { subject: string }) => /password has been successfully changed/i.test(e.subject);
    expect(await deliveredTo(server, email, isPasswordChanged)).toBe(1);
    // The reset cap is untouched by notices, and still holds for the thief.
    await server.gql(RESET_PASSWORD, { input: { email } }, { headers: thiefNetwork });
    expect(await deliveredTo(server, email, isResetEmail)).toBe(5);

    // The notices' own budget: at most 20 an hour for one account, whoever asks.
    const passwords = [PASSWORD, NEW_PASSWORD];
    for (let n = 1; n <= 20; n += 1) {
      const next = await server.gql(SET_PASSWORD, { input: { currentPassword: passwords[n % 2], newPassword: passwords[(n + 1) % 2] } }, { token: stolen, headers: thiefNetwork });
      expect(next.data.setPassword).toEqual(ok('SetPasswordSuccess'));
    }
    expect(await deliveredTo(server, email, isPasswordChanged)).toBe(20);
  });
});

describe('no unlimited password guessing behind a session', () => {
  test('wrong currentPassword answers count as failed logins: after the limit setPassword and login are locked from that network', async () => {
    const server = await serverWith({ trustProxy: true, rateLimits: { login: { perAccount: '1000/1m', perIp: '1000/1m' }, lockout: { failures: 3, duration: '15m' } } });
    await register(server, { email: 'sid@example.com', password: PASSWORD });
    const stolen = await login(server, { email: 'sid@example.com', password: PASSWORD });
    const guess = (password: string) =>
      server.gql(SET_PASSWORD, { input: { newPassword: NEW_PASSWORD, currentPassword: password } }, { token: stolen, headers: from('198.51.100.50') });
    for (let n = 0; n < 3; n += 1) expect((await guess(`wrong guess ${n} abc`)).data.setPassword.fieldErrors).toEqual([invalidPassword]);
    expect(code(await guess(PASSWORD))).toBe('RATE_LIMITED');
    expect(code(await server.gql(LOGIN, { input: { email: 'sid@example.com', password: PASSWORD } }, { headers: from('198.51.100.50') }))).toBe('RATE_LIMITED');
    const deleteMe = await server.gql(`mutation { deleteMe(input: { currentPassword: "${PASSWORD}" }) { __typename } }`, {}, { token: stolen, headers: from('198.51.100.50') });
    expect(code(deleteMe)).toBe('RATE_LIMITED');
    expect((await meWith(server, stolen)).me.email).toBe('sid@example.com');
  });

  test('aliases cannot run two password checks in one request: the second field is RATE_LIMITED and never runs', async () => {
    const server = await serverWith();
    await register(server, { email: 'alias@example.com', password: PASSWORD });
    const token = await login(server, { email: 'alias@example.com', password: PASSWORD });
    const THIRD = 'a third long passphrase 77';
    const both = await server.gql(
      `mutation { a: setPassword(input: { newPassword: "${NEW_PASSWORD}", currentPassword: "${PASSWORD}" }) { __typename }
                  b: setPassword(input: { newPassword: "${THIRD}", currentPassword: "${NEW_PASSWORD}" }) { __typename } }`,
      {},
      { token },
    );
    expect(both.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    // The first field ran, the second never did.
    await login(server, { email: 'alias@example.com', password: NEW_PASSWORD });
    expect((await server.gql(LOGIN, { input: { email: 'alias@example.com', password: THIRD } })).data.login.code).toBe('INVALID_CREDENTIALS');

    const guesses = Array.from({ length: 8 }, (_, n) => `g${n}: login(input: { email: "alias@example.com", password: "guess ${n} abcdef" }) { __typename }`);
    const sixteen = await server.gql(`mutation { ${guesses.join(' ')} }`);
    expect(sixteen.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
  });
});

describe('*Confirm calls learn nothing about accounts without a valid link', () => {
  test('resetEmailConfirm with a forged token says INVALID_TOKEN even for a taken address; resetPasswordConfirm does not check similarity first', async () => {
    const server = await serverWith();
    const victim = await register(server, { email: 'victoria.smithson@example.com', password: PASSWORD });
    await register(server, { email: 'taken2@example.com', password: PASSWORD });
    const uid = Buffer.from(victim.user.id).toString('base64url');
    const forged = `${Math.floor(Date.now() / 1000).toString(36)}-${'A'.repeat(43)}`;
    expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token: forged, newEmail: 'taken2@example.com' })).toEqual(invalidToken);
    // A password made of the victim's email would be PASSWORD_TOO_SIMILAR — but only after a valid link.
    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token: forged, newPassword: 'victoria.smithson@example' })).toEqual(invalidToken);
  });

  test('*Confirm and confirmEmailChange are limited per client network', async () => {
    const server = await serverWith({ trustProxy: true, rateLimits: { confirm: { perIp: '3/10m' } } });
    const forged = { uid: 'NjVmMWMwZmZlZTAxMjM0NTY3ODlhYmNk', token: `${Math.floor(Date.now() / 1000).toString(36)}-${'A'.repeat(43)}` };
    const tries = [
      () => server.gql(RESET_PASSWORD_CONFIRM, { input: { ...forged, newPassword: NEW_PASSWORD } }, { headers: from('198.51.100.60') }),
      () => server.gql(RESET_EMAIL_CONFIRM, { input: { ...forged, newEmail: 'a@example.com' } }, { headers: from('198.51.100.60') }),
      () => server.gql(CONFIRM_EMAIL_CHANGE, { input: forged }, { headers: from('198.51.100.60') }),
    ];
    for (const attempt of tries) expect(code(await attempt())).toBeNull();
    for (const attempt of tries) expect(code(await attempt())).toBe('RATE_LIMITED');
    const elsewhere = await server.gql(CONFIRM_EMAIL_CHANGE, { input: forged }, { headers: from('203.0.113.61') });
    expect(elsewhere.data.confirmEmailChange.code).toBe('INVALID_UID');
  });
  test('activate is limited per client network like every *Confirm (rateLimits.confirm.perIp, 30 in 10 minutes): the 31st guess is RATE_LIMITED', async () => {
    const server = await serverWith({ trustProxy: true, sendActivationEmail: true, rateLimits: {} });
    const forged = { uid: 'NjVmMWMwZmZlZTAxMjM0NTY3ODlhYmNk', token: `${Math.floor(Date.now() / 1000).toString(36)}-${'A'.repeat(43)}` };
    const ACTIVATE = graphql(`mutation AccountTakeoverActivate($input: ActivateInput!) { activate(input: $input) { __typename ... on Error { code } } }`);
    const guess = (ip: string) => server.gql(ACTIVATE, { input: forged }, { headers: from(ip) });
    for (let n = 0; n < 30; n += 1) expect((await guess('198.51.100.63')).data.activate.code).toBe('INVALID_UID');
    const refused = await guess('198.51.100.63');
    expect(code(refused)).toBe('RATE_LIMITED');
    expect(refused.errors?.[0].extensions?.retryAfter).toEqual(expect.any(Number));
    expect((await guess('203.0.113.64')).data.activate.code).toBe('INVALID_UID');
  });
});

describe('sessions end', () => {
  test('a sliding session is never renewed past session.absoluteLifetime', async () => {
    const clock = testClock();
    const server = await serverWith({ clock: clock.now, session: { lifetime: '10d', absoluteLifetime: '15d' } });
    await register(server, { email: 'slide@example.com', password: PASSWORD });
    const token = await login(server, { email: 'slide@example.com', password: PASSWORD });
    for (const days of [6, 6, 2.9]) {
      clock.advance(days * 86400);
      expect((await meWith(server, token)).me.email).toBe('slide@example.com');
    }
    clock.advance(0.2 * 86400); // day 15.1
    expect((await meWith(server, token)).code).toBe('UNAUTHENTICATED');
  });

  test('a refresh-token family stops rotating at jwt.familyLifetime', async () => {
    const clock = testClock();
    const server = await serverWith({ clock: clock.now, jwt: { refreshLifetime: '1d', familyLifetime: '2d' } });
    await register(server, { email: 'family@example.com', password: PASSWORD });
    let { refresh } = await mutate(server, JWT_CREATE, { email: 'family@example.com', password: PASSWORD });
    for (const days of [0.9, 0.9]) {
      clock.advance(days * 86400);
      const rotated = await mutate(server, JWT_REFRESH, { refresh });
      expect(rotated.__typename).toBe('JwtRefreshSuccess');
      refresh = rotated.refresh;
    }
    clock.advance(0.3 * 86400); // day 2.1
    expect((await mutate(server, JWT_REFRESH, { refresh })).code).toBe('INVALID_REFRESH_TOKEN');
  });

  test('a password reset ends every session and refresh family; setPassword ends all but the caller; older access tokens are refused', async () => {
    const server = await serverWith();
    await register(server, { email: 'ends@example.com', password: PASSWORD });
    const phone = await login(server, { email: 'ends@example.com', password: PASSWORD });
    const laptop = await login(server, { email: 'ends@example.com', password: PASSWORD });
    const jwt = await mutate(server, JWT_CREATE, { email: 'ends@example.com', password: PASSWORD });

    expect(await mutate(server, SET_PASSWORD, { newPassword: NEW_PASSWORD, currentPassword: PASSWORD }, laptop)).toEqual(ok('SetPasswordSuccess'));
    expect((await meWith(server, laptop)).me.email).toBe('ends@example.com');
    expect((await meWith(server, phone)).code).toBe('UNAUTHENTICATED');
    const access = await server.gql(ME, {}, { headers: { authorization: `Bearer ${jwt.access}` } });
    expect(code(access)).toBe('UNAUTHENTICATED');
    expect((await mutate(server, JWT_REFRESH, { refresh: jwt.refresh })).code).toBe('INVALID_REFRESH_TOKEN');

    const jwt2 = await mutate(server, JWT_CREATE, { email: 'ends@example.com', password: NEW_PASSWORD });
    await mutate(server, RESET_PASSWORD, { email: 'ends@example.com' });
    const link = await linkIn(server, 'ends@example.com', isResetEmail);
    await mutate(server, RESET_PASSWORD_CONFIRM, { ...link, newPassword: 'the third passphrase 99' });
    expect((await meWith(server, laptop)).code).toBe('UNAUTHENTICATED');
    expect(code(await server.gql(ME, {}, { headers: { authorization: `Bearer ${jwt2.access}` } }))).toBe('UNAUTHENTICATED');
    expect((await mutate(server, JWT_REFRESH, { refresh: jwt2.refresh })).code).toBe('INVALID_REFRESH_TOKEN');
  });

  test('sessions lists at most the 100 newest; housekeeping deletes expired sessions', async () => {
    const clock = testClock();
    const server = await serverWith({ clock: clock.now, session: { lifetime: '1d', sliding: false } });
    await register(server, { email: 'many@example.com', password: PASSWORD });
    const tokens = await Promise.all(Array.from({ length: 103 }, () => login(server, { email: 'many@example.com', password: PASSWORD })));
    const listed = await server.gql(graphql(`query Sessions { sessions { id } }`), {}, { token: tokens[102] });
    expect(listed.data.sessions).toHaveLength(100);
    const sessions = server.database.collection('sessions');
    expect(await sessions.countDocuments()).toBe(103);
    clock.advance(2 * 86400);
    await server.store.removeExpired(clock.now());
    expect(await sessions.countDocuments()).toBe(0);
  });
});

describe('smaller holes', () => {
  test('a 10,000-character login value is refused before any work and never becomes a rate-limit key', async () => {
    const server = await serverWith({ rateLimits: {} });
    const huge = `${'a'.repeat(10_000)}@example.com`;
    const answer = await server.gql(LOGIN, { input: { email: huge, password: PASSWORD } });
    expect(answer.data.login.fieldErrors).toEqual([{ field: 'email', code: 'TOO_LONG', message: 'Ensure this field has no more than 254 characters.' }]);
    const keys = await server.database.collection('rate_limits').find({}).toArray();
    expect(keys.filter((k) => String(k.key).includes('aaaaaaaaaa'))).toEqual([]);
  });

  test('a hash that can never match costs as much as a real wrong-password verification', async () => {
    // Costly parameters, so that one verification dwarfs the machine's noise.
    const params = { memoryCost: 19456, timeCost: 16, parallelism: 1 };
    const dummy = await makeDummyHash(params);
    const real = await hashPassword('the real password 1', params);
    const median = async (hash: string) => {
      const times: number[] = [];
      for (let n = 0; n < 3; n += 1) {
        const started = performance.now();
        expect(await verifyPassword(hash, 'a wrong guess 12345', dummy)).toBe(false);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[1];
    };
    const wrong = await median(real);
    for (const unusable of ['!unusable-django-password', 'pbkdf2_sha256$1$salt$AAAA', 'garbage']) {
      expect(await median(unusable)).toBeGreaterThan(wrong * 0.4);
    }
  });
});

describe("a host's models and collections stay the host's", () => {
  test("with a host connection that has its own User model and users collection, authql uses neither; collectionPrefix renames authql's collections", async () => {
    const dbName = uniqueDbName();
    const connection = await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise();
    const HostUser = connection.model('User', new mongoose.Schema({ nickname: String }), 'users');
    await HostUser.create({ nickname: 'host-only' });
    const auth = await createAuth({
      mongodb: { connection, collectionPrefix: 'authql_' },
      secret: TEST_SECRET,
      rateLimits: false,
      email: { transport: { jsonTransport: true } },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const running = await startServer(auth, { port: 0 });
    try {
      const call = (document: Document, variables: object, token?: string) =>
        fetch(running.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
          body: JSON.stringify({ query: queryOf(document), variables }),
        }).then((r) => r.json() as Promise<any>);
      const registered = await call(`mutation { register(input: { email: "guest@example.com", password: "${PASSWORD}" }) { __typename } }`, {});
      expect(registered.data.register.__typename).toBe('RegisterSuccess');
      const token = (await call(LOGIN, { input: { email: 'guest@example.com', password: PASSWORD } })).data.login.token;
      expect((await call(`{ me { email } }`, {}, token)).data.me.email).toBe('guest@example.com');

      expect(connection.models.User).toBe(HostUser);
      expect((await HostUser.find({}).lean()).map((u) => u.nickname)).toEqual(['host-only']);
      const names = (await connection.db!.listCollections().toArray()).map((c) => c.name).sort();
      expect(names).toEqual(expect.arrayContaining(['authql_users', 'authql_sessions', 'authql_outbox', 'authql_rate_limits', 'authql_refresh_tokens', 'users']));
      expect(names.filter((n) => !n.startsWith('authql_') && !n.startsWith('system.'))).toEqual(['users']);
    } finally {
      await running.close();
      await auth.close();
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    }
  });

  test('with a collectionPrefix, every collection authql writes takes it: the outbox delivery claims and the rate limits too', async () => {
    const dbName = uniqueDbName();
    const smtp = await startSmtpServer();
    const auth = await createAuth({
      mongodb: { uri: testDatabaseUri(), dbName, collectionPrefix: 'acme_' },
      secret: TEST_SECRET,
      rateLimits: {},
      email: { transport: smtp.url, from: 'authql tests <no-reply@example.test>' },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const running = await startServer(auth, { port: 0 });
    const database = await connectTestDatabase(dbName);
    try {
      const gql = graphqlAt(running.url);
      expect((await gql(`mutation { register(input: { email: "prefixed@example.com", password: "${PASSWORD}" }) { __typename } }`)).data.register.__typename).toBe('RegisterSuccess');
      expect((await gql(graphql(`mutation AccountTakeoverResetPassword { resetPassword(input: { email: "prefixed@example.com" }) { __typename } }`))).data.resetPassword.__typename).toBe('ResetPasswordSuccess');
      await mailerOf(auth).flush();
      await smtp.waitForEmail((e) => e.to === 'prefixed@example.com' && isResetEmail(e));

      const names = (await database.db.listCollections().toArray()).map((c) => c.name).filter((n) => !n.startsWith('system.'));
      expect(names).toEqual(expect.arrayContaining(['acme_users', 'acme_outbox', 'acme_rate_limits']));
      expect(names.filter((n) => !n.startsWith('acme_'))).toEqual([]);
    } finally {
      await running.close();
      await auth.close();
      await database.remove();
      await smtp.close();
    }
  });
});
