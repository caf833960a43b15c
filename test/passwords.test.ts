// Passwords: changing one with the current one, resetting a
// forgotten one by an emailed link, being logged out everywhere after a change, the
// "password changed" email, hashes upgraded at login, and users moved over from Django.
// Real HTTP, a real database and a real SMTP server; time is moved with the injected clock.
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import * as argon2 from 'argon2';
import { invalidCredentials, invalidPassword, invalidToken, invalidUid, ok, validationError } from './helpers/answers';
import { ACTIVATE, CONFIRM_EMAIL_CHANGE, NEW_PASSWORD, PASSWORD, RESET_EMAIL_CONFIRM, RESET_PASSWORD_CONFIRM, SITE, deliveredTo, linkParts, login, loginAnswer, meWith, mutate, nthEmail, register } from './helpers/journeys';
import { withTempDir } from './helpers/resources';
import { startTestServer, testDatabaseUri, TEST_SECRET, uniqueDbName, type GraphQLResponse, type TestServer, withTestServer, withSmtpServer } from './helpers/server';
import { type ReceivedEmail } from './helpers/smtp';
import { loggedInMember } from './helpers/users';
import { graphql } from './generated';
import { graphqlUserFields } from './generated/user-fields';

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');

const SET_PASSWORD = graphql(`mutation PasswordsSetPassword($input: SetPasswordInput!) {
  setPassword(input: $input) {
    __typename
    ... on SetPasswordSuccess { ok }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

const RESET_PASSWORD = graphql(`mutation PasswordsResetPassword($input: ResetPasswordInput!) {
  resetPassword(input: $input) {
    __typename
    ... on ResetPasswordSuccess { ok }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

const RESET_EMAIL = graphql(`mutation PasswordsResetEmail($input: ResetEmailInput!) {
  resetEmail(input: $input) { __typename ... on ResetEmailSuccess { ok } }
}`);

const TYPE_FIELDS = graphql(`query TypeFields($name: String!) {
  __type(name: $name) {
    fields { name }
    inputFields { name type { kind name ofType { name } } }
  }
}`);

const OTHER_PASSWORD = 'yet another long passphrase';

const tooShort = (field: string) => ({ field, code: 'PASSWORD_TOO_SHORT', message: 'This password is too short. It must contain at least 8 characters.' });
const mismatch = { field: 'reNewPassword', code: 'PASSWORD_MISMATCH', message: "The two password fields didn't match." };
const emailNotFound = { field: 'email', code: 'EMAIL_NOT_FOUND', message: 'User with given email does not exist.' };

const isResetEmail = (e: ReceivedEmail) => /^Password reset on /.test(e.subject);
const isChangedEmail = (e: ReceivedEmail) => /Your password has been successfully changed!$/.test(e.subject);
const isActivationEmail = (e: ReceivedEmail) => /^Account activation on /.test(e.subject);
const isEmailResetEmail = (e: ReceivedEmail) => /^Email reset on /.test(e.subject);

const smtp = withSmtpServer();

/** Asks for a password reset (typed as `typed`) and answers the link of the nth reset email that arrives. */
async function requestResetLink(server: TestServer, email: string, nth = 1, typed = email) {
  expect(await mutate(server, RESET_PASSWORD, { email: typed })).toEqual(ok('ResetPasswordSuccess'));
  const message = await nthEmail(server, email, isResetEmail, nth);
  return { message, ...linkParts(message) };
}

async function inputFieldsOf(server: TestServer, typeName: string) {
  const response = await server.gql(TYPE_FIELDS, { name: typeName });
  expect(response.errors).toBeUndefined();
  const fields = response.data.__type.inputFields as { name: string; type: { kind: string; name: string | null; ofType: { name: string } | null } }[];
  return Object.fromEntries(fields.map((f) => [f.name, f.type]));
}

function expectUnauthenticated(response: GraphQLResponse) {
  expect(response.data?.setPassword ?? null).toBeNull();
  expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
}

/** A request the schema refuses before anything runs (an unknown or missing input field). */
function expectGraphQLValidationError(response: GraphQLResponse, text: string) {
  expect(response.data?.setPassword ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].message).toContain(text);
}

describe('with the default options (site "Acme" at https://app.example.test)', () => {
  /** How far the injected clock runs ahead of the real one. */
  let aheadMs = 0;
  const server = withTestServer(() => ({ frontend: SITE, clock: () => new Date(Date.now() + aheadMs) }), { smtp });
  beforeEach(() => {
    aheadMs = 0;
  });

  describe('changing the password with setPassword', () => {
    test('a member who types their current password changes it: the old password stops working and the new one logs in', async () => {
      const email = 'ada.changes@example.com';
      const { id, token } = await loggedInMember(server, email);

      expect(await mutate(server, SET_PASSWORD, { newPassword: NEW_PASSWORD, currentPassword: PASSWORD }, token)).toEqual(ok('SetPasswordSuccess'));

      expect(await loginAnswer(server, email, PASSWORD)).toEqual(invalidCredentials);
      const loggedIn = await loginAnswer(server, email, NEW_PASSWORD);
      expect(loggedIn).toMatchObject({ __typename: 'LoginSuccess', user: { id, email } });
      expect((await meWith(server, loggedIn.token)).me).toMatchObject({ id, email });
    });

    test('a member who types a wrong current password is told "Invalid password." on currentPassword, and keeps the old password', async () => {
      const email = 'wrong.current@example.com';
      const { token } = await loggedInMember(server, email);

      expect(await mutate(server, SET_PASSWORD, { newPassword: NEW_PASSWORD, currentPassword: 'not my password at all' }, token)).toEqual(
        validationError(invalidPassword),
      );
      // A bad new password and a wrong current one are reported together.
      expect(await mutate(server, SET_PASSWORD, { newPassword: 'Xy7#q', currentPassword: 'not my password at all' }, token)).toEqual(
        validationError(tooShort('newPassword'), invalidPassword),
      );

      expect((await loginAnswer(server, email, PASSWORD)).__typename).toBe('LoginSuccess');
      expect(await loginAnswer(server, email, NEW_PASSWORD)).toEqual(invalidCredentials);
    });

    test('a member whose new password is too short, too common, entirely numeric or like their own email is told why on newPassword, and keeps the old one', async () => {
      const email = 'marguerite.hamilton@example.com';
      const { token } = await loggedInMember(server, email);
      const attempt = (newPassword: string) => mutate(server, SET_PASSWORD, { newPassword, currentPassword: PASSWORD }, token);

      expect(await attempt('Xy7#q')).toEqual(validationError(tooShort('newPassword')));
      expect(await attempt('password')).toEqual(validationError({ field: 'newPassword', code: 'PASSWORD_TOO_COMMON', message: 'This password is too common.' }));
      expect(await attempt('73915268404')).toEqual(
        validationError({ field: 'newPassword', code: 'PASSWORD_ENTIRELY_NUMERIC', message: 'This password is entirely numeric.' }),
      );
      expect(await attempt('MargueriteHamilton')).toEqual(
        validationError({ field: 'newPassword', code: 'PASSWORD_TOO_SIMILAR', message: 'The password is too similar to the email.' }),
      );

      expect((await loginAnswer(server, email, PASSWORD)).__typename).toBe('LoginSuccess');
      for (const refused of ['Xy7#q', 'password', '73915268404', 'MargueriteHamilton']) {
        expect(await loginAnswer(server, email, refused)).toEqual(invalidCredentials);
      }
    });

    test('a visitor without a session, or with a made-up token, cannot change a password: UNAUTHENTICATED', async () => {
      const email = 'no.session@example.com';
      await loggedInMember(server, email);

      expectUnauthenticated(await server.gql(SET_PASSWORD, { input: { newPassword: NEW_PASSWORD, currentPassword: PASSWORD } }));
      expectUnauthenticated(
        await server.gql(SET_PASSWORD, { input: { newPassword: NEW_PASSWORD, currentPassword: PASSWORD } }, { token: 'A'.repeat(43) }),
      );
      expect((await loginAnswer(server, email, PASSWORD)).__typename).toBe('LoginSuccess');
    });

    test('without setPasswordRetype there is no reNewPassword: the schema does not list it and sending one is refused before anything runs', async () => {
      expect(Object.keys(await inputFieldsOf(server, 'SetPasswordInput')).sort()).toEqual(['currentPassword', 'newPassword']);
      expect(Object.keys(await inputFieldsOf(server, 'ResetPasswordConfirmInput')).sort()).toEqual(['newPassword', 'token', 'uid']);

      const email = 'no.retype@example.com';
      const { token } = await loggedInMember(server, email);
      const inline = await server.gql(
        `mutation { setPassword(input: { newPassword: "${NEW_PASSWORD}", reNewPassword: "${NEW_PASSWORD}", currentPassword: "${PASSWORD}" }) { __typename } }`,
        {},
        { token },
      );
      expectGraphQLValidationError(inline, 'Field "reNewPassword" is not defined by type "SetPasswordInput".');
      expect(inline.errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

      const asVariable = await server.gql(SET_PASSWORD, { input: { newPassword: NEW_PASSWORD, reNewPassword: NEW_PASSWORD, currentPassword: PASSWORD } }, { token });
      expect(asVariable.status).toBe(400);
      expectGraphQLValidationError(asVariable, 'Field "reNewPassword" is not defined by type "SetPasswordInput".');

      // Nothing was changed.
      expect((await loginAnswer(server, email, PASSWORD)).__typename).toBe('LoginSuccess');
    });

    test('without logoutOnPasswordChange, a member logged in on two devices who changes the password stays logged in on the calling one only', async () => {
      const email = 'two.devices.stay@example.com';
      const { id, token: laptop } = await loggedInMember(server, email);
      const phone = await login(server, { email, password: PASSWORD });

      expect(await mutate(server, SET_PASSWORD, { newPassword: NEW_PASSWORD, currentPassword: PASSWORD }, laptop)).toEqual(ok('SetPasswordSuccess'));

      expect(await meWith(server, laptop)).toEqual({ me: expect.objectContaining({ id }), code: null });
      // A new password ends every other session: a thief's copy of the phone's session dies with it.
      expect(await meWith(server, phone)).toEqual({ me: null, code: 'UNAUTHENTICATED' });
    });

    test('without passwordChangedEmailConfirmation, changing a password sends no "password changed" email; a completed reset always does', async () => {
      const email = 'quiet.change@example.com';
      const { token } = await loggedInMember(server, email);
      expect(await mutate(server, SET_PASSWORD, { newPassword: NEW_PASSWORD, currentPassword: PASSWORD }, token)).toEqual(ok('SetPasswordSuccess'));
      expect(await deliveredTo(server, email, isChangedEmail)).toBe(0);

      const { uid, token: linkToken } = await requestResetLink(server, email);
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token: linkToken, newPassword: OTHER_PASSWORD })).toEqual(ok('ResetPasswordConfirmSuccess'));
      // After a reset the owner is told, with the ways in the reset left (SPEC §6 "After a reset").
      expect(await deliveredTo(server, email, isChangedEmail)).toBe(1);
      expect((await nthEmail(server, email, isChangedEmail)).text).toContain('No passkey and no sign-in provider account is attached to your account.');
      expect(await deliveredTo(server, email)).toBe(2); // the reset email and the notice
    });
  });

  describe('asking for a password reset with resetPassword', () => {
    test('a member who forgot their password gets an Acme email whose link carries their uid and a token, and reminds them of their email', async () => {
      const email = 'Forgetful.Fred@Example.com';
      const { id } = await loggedInMember(server, email);

      // Looked up like the login: trimmed and case-insensitive.
      const { message, url, uid, token } = await requestResetLink(server, email, 1, `  ${email.toLowerCase()} `);
      expect(message.to).toBe(email.toLowerCase());
      expect(message.subject).toBe('Password reset on Acme');
      expect(url).toBe(`https://app.example.test/#/password/reset/confirm/${uid}/${token}`);
      expect(Buffer.from(uid, 'base64url').toString('utf8')).toBe(id);
      expect(message.text).toContain(`Your email, in case you have forgotten: ${email}`);
      expect(message.html).toContain(`href="https://app.example.test/#/password/reset/confirm/${uid}/${token}"`);
      expect(message.html).toMatch(/in case you have forgotten: <strong>Forgetful\.Fred@Example\.com<\/strong>/);
      expect(message.html).toMatch(/<!doctype html>/i);
      expect(await deliveredTo(server, email)).toBe(1);
    });

    test('anyone asking for a reset is told ok, but an unknown address gets nothing and neither does a member deactivated by staff', async () => {
      const unknown = 'nobody.at.all@example.com';
      expect(await mutate(server, RESET_PASSWORD, { email: unknown })).toEqual(ok('ResetPasswordSuccess'));

      const deactivated = 'deactivated.dora@example.com';
      const { id } = await loggedInMember(server, deactivated);
      expect(await server.store.users.updateUser(id, { isActive: false, deactivatedAt: new Date() })).toMatchObject({ isActive: false });
      expect(await mutate(server, RESET_PASSWORD, { email: deactivated })).toEqual(ok('ResetPasswordSuccess'));

      expect(await deliveredTo(server, unknown)).toBe(0);
      expect(await deliveredTo(server, deactivated)).toBe(0);
    });
  });

  describe('setting a new password from the emailed link with resetPasswordConfirm', () => {
    test('a member who follows the link sets a new password, which logs in while the old one no longer does; the reset itself does not log them in', async () => {
      const email = 'reset.rita@example.com';
      const { token: session } = await loggedInMember(server, email);
      const { uid, token } = await requestResetLink(server, email);

      const confirmed = await server.gql(RESET_PASSWORD_CONFIRM, { input: { uid, token, newPassword: NEW_PASSWORD } });
      expect(confirmed.errors).toBeUndefined();
      expect(confirmed.data.resetPasswordConfirm).toEqual(ok('ResetPasswordConfirmSuccess'));
      // The success carries nothing to log in with.
      const success = await server.gql(TYPE_FIELDS, { name: 'ResetPasswordConfirmSuccess' });
      expect(success.data.__type.fields.map((f: { name: string }) => f.name)).toEqual(['ok']);

      expect(await loginAnswer(server, email, PASSWORD)).toEqual(invalidCredentials);
      expect((await loginAnswer(server, email, NEW_PASSWORD)).__typename).toBe('LoginSuccess');
      // A reset ends every session from before it, whatever logoutOnPasswordChange says.
      expect(await meWith(server, session)).toEqual({ me: null, code: 'UNAUTHENTICATED' });
    });

    test('a member who clicks the same reset link twice is refused the second time, and the first new password stays', async () => {
      const email = 'twice.tom@example.com';
      await loggedInMember(server, email);
      const { uid, token } = await requestResetLink(server, email);

      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: NEW_PASSWORD })).toEqual(ok('ResetPasswordConfirmSuccess'));
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: OTHER_PASSWORD })).toEqual(invalidToken);

      expect((await loginAnswer(server, email, NEW_PASSWORD)).__typename).toBe('LoginSuccess');
      expect(await loginAnswer(server, email, OTHER_PASSWORD)).toEqual(invalidCredentials);
    });

    test('a reset link works 59 minutes after it was sent, and is refused 61 minutes after (the default one-hour lifetime)', async () => {
      expect(server.auth.config.tokenLifetimes.passwordReset).toBe(3600);
      const email = 'slow.sam@example.com';
      await loggedInMember(server, email);

      const late = await requestResetLink(server, email, 1);
      aheadMs = 61 * 60_000;
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid: late.uid, token: late.token, newPassword: NEW_PASSWORD })).toEqual(invalidToken);
      expect(await loginAnswer(server, email, NEW_PASSWORD)).toEqual(invalidCredentials);

      aheadMs = 0;
      const inTime = await requestResetLink(server, email, 2);
      aheadMs = 59 * 60_000;
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid: inTime.uid, token: inTime.token, newPassword: NEW_PASSWORD })).toEqual(
        ok('ResetPasswordConfirmSuccess'),
      );
      expect((await loginAnswer(server, email, NEW_PASSWORD)).__typename).toBe('LoginSuccess');
      expect(await loginAnswer(server, email, PASSWORD)).toEqual(invalidCredentials);
    });

    test('a new password that breaks the policy, or resembles the member\'s email, is refused on newPassword and the link still works afterwards', async () => {
      const email = 'katherine.johnson@example.com';
      await loggedInMember(server, email);
      const { uid, token } = await requestResetLink(server, email);

      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: 'Xy7#q' })).toEqual(validationError(tooShort('newPassword')));
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: 'KatherineJohnson' })).toEqual(
        validationError({ field: 'newPassword', code: 'PASSWORD_TOO_SIMILAR', message: 'The password is too similar to the email.' }),
      );
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: NEW_PASSWORD })).toEqual(ok('ResetPasswordConfirmSuccess'));
      expect((await loginAnswer(server, email, NEW_PASSWORD)).__typename).toBe('LoginSuccess');
    });

    test('the typed password is checked before the link: a garbage uid with a short password is a ValidationError, with a good password INVALID_UID', async () => {
      const email = 'garbage.gus@example.com';
      await loggedInMember(server, email);
      const { uid, token } = await requestResetLink(server, email);

      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid: 'not a uid!', token: 'garbage', newPassword: 'Xy7#q' })).toEqual(
        validationError(tooShort('newPassword')),
      );
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid: 'not a uid!', token, newPassword: NEW_PASSWORD })).toEqual(invalidUid);
      const unknownId = Buffer.from('0123456789abcdef01234567', 'utf8').toString('base64url');
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid: unknownId, token, newPassword: NEW_PASSWORD })).toEqual(invalidUid);
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token: 'garbage', newPassword: NEW_PASSWORD })).toEqual(invalidToken);
      const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token: tampered, newPassword: NEW_PASSWORD })).toEqual(invalidToken);

      // None of that changed anything: the real link still works (it would have died with any change to the password).
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: NEW_PASSWORD })).toEqual(ok('ResetPasswordConfirmSuccess'));
      expect((await loginAnswer(server, email, NEW_PASSWORD)).__typename).toBe('LoginSuccess');
    });

    test('a member who asks for a reset and then remembers their password and logs in has made the emailed link useless (djoser: last login ends reset links)', async () => {
      const email = 'remembered.after.all@example.com';
      await loggedInMember(server, email);
      const { uid, token } = await requestResetLink(server, email);

      expect((await loginAnswer(server, email, PASSWORD)).__typename).toBe('LoginSuccess');
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: NEW_PASSWORD })).toEqual(invalidToken);
      expect((await loginAnswer(server, email, PASSWORD)).__typename).toBe('LoginSuccess');
      // A failed login attempt does not end it: a new link survives one.
      const fresh = await requestResetLink(server, email, 2);
      expect(await loginAnswer(server, email, 'a wrong password typed')).toEqual(invalidCredentials);
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid: fresh.uid, token: fresh.token, newPassword: NEW_PASSWORD })).toEqual(
        ok('ResetPasswordConfirmSuccess'),
      );
    });

    test('a reset link dies when the member changes their password with setPassword in the meantime', async () => {
      const email = 'changed.meanwhile@example.com';
      const { token: session } = await loggedInMember(server, email);
      const { uid, token } = await requestResetLink(server, email);

      expect(await mutate(server, SET_PASSWORD, { newPassword: NEW_PASSWORD, currentPassword: PASSWORD }, session)).toEqual(ok('SetPasswordSuccess'));
      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: OTHER_PASSWORD })).toEqual(invalidToken);

      expect((await loginAnswer(server, email, NEW_PASSWORD)).__typename).toBe('LoginSuccess');
      expect(await loginAnswer(server, email, OTHER_PASSWORD)).toEqual(invalidCredentials);
    });

    test('the link from an email reset (resetEmail) does not reset the password, and still changes the email afterwards', async () => {
      const email = 'mixed.links@example.com';
      await loggedInMember(server, email);
      expect(await mutate(server, RESET_EMAIL, { email })).toEqual(ok('ResetEmailSuccess'));
      const { uid, token } = linkParts(await nthEmail(server, email, isEmailResetEmail));

      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: NEW_PASSWORD })).toEqual(invalidToken);
      expect(await loginAnswer(server, email, NEW_PASSWORD)).toEqual(invalidCredentials);

      // The link was genuine: it does what it was made for (the new address confirms from its own link).
      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token, newEmail: 'mixed.links.new@example.com' })).toEqual(ok('ResetEmailConfirmSuccess'));
      const { uid: newUid, token: newToken } = linkParts(await nthEmail(server, 'mixed.links.new@example.com', (e) => /confirm your new email/i.test(e.subject)));
      const confirmed = await server.gql(CONFIRM_EMAIL_CHANGE, { input: { uid: newUid, token: newToken } });
      expect(confirmed.data.confirmEmailChange.__typename).toBe('ConfirmEmailChangeSuccess');
      expect((await loginAnswer(server, 'mixed.links.new@example.com', PASSWORD)).__typename).toBe('LoginSuccess');
    });
  });
});

describe('with setPasswordRetype and passwordResetConfirmRetype on', () => {
  const server = withTestServer({ setPasswordRetype: true, passwordResetConfirmRetype: true }, { smtp });

  test('a client developer finds reNewPassword required on SetPasswordInput and ResetPasswordConfirmInput, and leaving it out is refused before anything runs', async () => {
    const required = { kind: 'NON_NULL', name: null, ofType: { name: 'String' } };
    expect((await inputFieldsOf(server, 'SetPasswordInput')).reNewPassword).toEqual(required);
    expect((await inputFieldsOf(server, 'ResetPasswordConfirmInput')).reNewPassword).toEqual(required);

    const email = 'forgot.retype@example.com';
    const { token } = await loggedInMember(server, email);
    const inline = await server.gql(`mutation { setPassword(input: { newPassword: "${NEW_PASSWORD}", currentPassword: "${PASSWORD}" }) { __typename } }`, {}, { token });
    expectGraphQLValidationError(inline, 'reNewPassword');
    expect(inline.errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const asVariable = await server.gql(SET_PASSWORD, { input: { newPassword: NEW_PASSWORD, currentPassword: PASSWORD } }, { token });
    expect(asVariable.status).toBe(400);
    expectGraphQLValidationError(asVariable, 'Field "reNewPassword" of required type "String!" was not provided.');
    expect((await loginAnswer(server, email, PASSWORD)).__typename).toBe('LoginSuccess');
  });

  test('a member who retypes the new password differently is told so on reNewPassword; typed the same, the change goes through', async () => {
    const email = 'retype.rosa@example.com';
    const { token } = await loggedInMember(server, email);

    expect(await mutate(server, SET_PASSWORD, { newPassword: NEW_PASSWORD, reNewPassword: OTHER_PASSWORD, currentPassword: PASSWORD }, token)).toEqual(
      validationError(mismatch),
    );
    // Every problem at once: the policy, the retype and the current password.
    expect(await mutate(server, SET_PASSWORD, { newPassword: 'Xy7#q', reNewPassword: 'Xy7#r', currentPassword: 'wrong password here' }, token)).toEqual(
      validationError(tooShort('newPassword'), mismatch, invalidPassword),
    );
    expect(await loginAnswer(server, email, NEW_PASSWORD)).toEqual(invalidCredentials);

    expect(await mutate(server, SET_PASSWORD, { newPassword: NEW_PASSWORD, reNewPassword: NEW_PASSWORD, currentPassword: PASSWORD }, token)).toEqual(
      ok('SetPasswordSuccess'),
    );
    expect((await loginAnswer(server, email, NEW_PASSWORD)).__typename).toBe('LoginSuccess');
    expect(await loginAnswer(server, email, PASSWORD)).toEqual(invalidCredentials);
  });

  test('a member resetting with a short password retyped differently is told both at once, and the link still works when typed right', async () => {
    const email = 'retype.reset@example.com';
    await loggedInMember(server, email);
    const { uid, token } = await requestResetLink(server, email);

    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: 'Xy7#q', reNewPassword: 'something else' })).toEqual(
      validationError(tooShort('newPassword'), mismatch),
    );
    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: NEW_PASSWORD, reNewPassword: OTHER_PASSWORD })).toEqual(
      validationError(mismatch),
    );
    // Retype checks come before the link, too.
    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid: 'garbage', token: 'garbage', newPassword: NEW_PASSWORD, reNewPassword: OTHER_PASSWORD })).toEqual(
      validationError(mismatch),
    );

    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: NEW_PASSWORD, reNewPassword: NEW_PASSWORD })).toEqual(
      ok('ResetPasswordConfirmSuccess'),
    );
    expect((await loginAnswer(server, email, NEW_PASSWORD)).__typename).toBe('LoginSuccess');
  });
});

describe('with logoutOnPasswordChange and passwordChangedEmailConfirmation on', () => {
  const server = withTestServer({ logoutOnPasswordChange: true, passwordChangedEmailConfirmation: true, frontend: SITE }, { smtp });

  test('a member logged in on two devices who changes the password is logged out on both, the calling one included, and logs in again with the new one', async () => {
    const email = 'two.devices.out@example.com';
    const { id, token: laptop } = await loggedInMember(server, email);
    const phone = await login(server, { email, password: PASSWORD });
    expect((await meWith(server, phone)).me).toMatchObject({ id });

    expect(await mutate(server, SET_PASSWORD, { newPassword: NEW_PASSWORD, currentPassword: PASSWORD }, laptop)).toEqual(ok('SetPasswordSuccess'));

    expect(await meWith(server, laptop)).toEqual({ me: null, code: 'UNAUTHENTICATED' });
    expect(await meWith(server, phone)).toEqual({ me: null, code: 'UNAUTHENTICATED' });
    const fresh = await login(server, { email, password: NEW_PASSWORD });
    expect(await meWith(server, fresh)).toEqual({ me: expect.objectContaining({ id }), code: null });
  });

  test('a refused password change logs nobody out', async () => {
    const email = 'refused.stays@example.com';
    const { id, token } = await loggedInMember(server, email);
    expect(await mutate(server, SET_PASSWORD, { newPassword: NEW_PASSWORD, currentPassword: 'not my password' }, token)).toEqual(validationError(invalidPassword));
    expect(await meWith(server, token)).toEqual({ me: expect.objectContaining({ id }), code: null });
    expect(await deliveredTo(server, email, isChangedEmail)).toBe(0);
  });

  test('a member who resets their password by email is logged out of every session they had', async () => {
    const email = 'reset.logs.out@example.com';
    const { token: laptop } = await loggedInMember(server, email);
    const phone = await login(server, { email, password: PASSWORD });
    const { uid, token } = await requestResetLink(server, email);

    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: NEW_PASSWORD })).toEqual(ok('ResetPasswordConfirmSuccess'));

    expect(await meWith(server, laptop)).toEqual({ me: null, code: 'UNAUTHENTICATED' });
    expect(await meWith(server, phone)).toEqual({ me: null, code: 'UNAUTHENTICATED' });
    expect((await loginAnswer(server, email, NEW_PASSWORD)).__typename).toBe('LoginSuccess');
  });

  test('a member who changes their password gets the Acme "password changed" email', async () => {
    const email = 'told.of.change@example.com';
    const { token } = await loggedInMember(server, email);
    expect(await mutate(server, SET_PASSWORD, { newPassword: NEW_PASSWORD, currentPassword: PASSWORD }, token)).toEqual(ok('SetPasswordSuccess'));

    const message = await nthEmail(server, email, isChangedEmail);
    expect(message.subject).toBe('Acme - Your password has been successfully changed!');
    expect(message.text).toContain('Your password has been changed!');
    expect(message.html).toContain('Your password has been changed!');
    expect(message.html).toMatch(/<!doctype html>/i);
    expect(await deliveredTo(server, email)).toBe(1);
  });

  test('a member who resets their password by email gets the reset email and then the "password changed" email', async () => {
    const email = 'told.of.reset@example.com';
    await loggedInMember(server, email);
    const { uid, token } = await requestResetLink(server, email);
    expect(await deliveredTo(server, email, isChangedEmail)).toBe(0);

    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: NEW_PASSWORD })).toEqual(ok('ResetPasswordConfirmSuccess'));
    const message = await nthEmail(server, email, isChangedEmail);
    expect(message.subject).toBe('Acme - Your password has been successfully changed!');
    expect(smtp.emailsTo(email).map((e) => e.subject)).toEqual(['Password reset on Acme', 'Acme - Your password has been successfully changed!']);

    // A refused second use of the link sends nothing more.
    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: OTHER_PASSWORD })).toEqual(invalidToken);
    expect(await deliveredTo(server, email)).toBe(2);
  });
});

describe('with sendActivationEmail on', () => {
  const server = withTestServer({ sendActivationEmail: true }, { smtp });

  test('a visitor who has not activated yet gets no reset email, and their activation link cannot set a password', async () => {
    const email = 'not.yet.active@example.com';
    const registered = await register(server, { email, password: PASSWORD });
    expect(registered.user.isActive).toBe(false);
    const activation = linkParts(await nthEmail(server, email, isActivationEmail));

    expect(await mutate(server, RESET_PASSWORD, { email })).toEqual(ok('ResetPasswordSuccess'));
    expect(await deliveredTo(server, email, isResetEmail)).toBe(0);
    expect(await deliveredTo(server, email)).toBe(1);

    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid: activation.uid, token: activation.token, newPassword: NEW_PASSWORD })).toEqual(invalidToken);

    // The activation link is genuine, and once active the member's password is still the one they chose.
    const activated = await server.gql(ACTIVATE, { input: { uid: activation.uid, token: activation.token } });
    expect(activated.data.activate.__typename).toBe('ActivateSuccess');
    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid: activation.uid, token: activation.token, newPassword: NEW_PASSWORD })).toEqual(invalidToken);
    expect(await loginAnswer(server, email, NEW_PASSWORD)).toEqual(invalidCredentials);
    expect((await loginAnswer(server, email, PASSWORD)).__typename).toBe('LoginSuccess');
  });
});

describe.each([['passwordResetShowEmailNotFound'], ['usernameResetShowEmailNotFound']] as const)('with %s on', (option) => {
  const server = withTestServer({ [option]: true }, { smtp });

  test('asking for a reset for an unknown address, or for a deactivated member, is told EMAIL_NOT_FOUND; an active member gets the email', async () => {
    const unknown = `unknown.${option}@example.com`;
    expect(await mutate(server, RESET_PASSWORD, { email: unknown })).toEqual(validationError(emailNotFound));

    const deactivated = `deactivated.${option}@example.com`;
    const { id } = await loggedInMember(server, deactivated);
    await server.store.users.updateUser(id, { isActive: false, deactivatedAt: new Date() });
    expect(await mutate(server, RESET_PASSWORD, { email: deactivated })).toEqual(validationError(emailNotFound));

    const active = `active.${option}@example.com`;
    await loggedInMember(server, active);
    expect(await mutate(server, RESET_PASSWORD, { email: active })).toEqual(ok('ResetPasswordSuccess'));
    await nthEmail(server, active, isResetEmail);

    expect(await deliveredTo(server, unknown)).toBe(0);
    expect(await deliveredTo(server, deactivated)).toBe(0);
  });
});

describe('hashes are upgraded at login', () => {
  test('a member registered under weaker hashing parameters logs in after the upgrade, and their stored hash is now argon2id with m=19456,t=2,p=1', async () => {
    const email = 'old.params@example.com';
    const weak = await startTestServer({ passwordHashing: { memoryCost: 8192, timeCost: 1 } }, { smtp });
    let current: TestServer | null = null;
    try {
      await loggedInMember(weak, email);
      const before = await weak.store.users.findUserByLogin(email);
      expect(before?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);

      current = await startTestServer({}, { smtp, dbName: weak.dbName });
      const first = await loginAnswer(current, email, PASSWORD);
      expect(first.__typename).toBe('LoginSuccess');
      const upgraded = await current.store.users.findUserByLogin(email);
      expect(upgraded?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

      // The upgraded hash is the member's password: it logs in again, is left as it is, and a wrong password still fails.
      expect((await loginAnswer(current, email, PASSWORD)).__typename).toBe('LoginSuccess');
      expect((await current.store.users.findUserByLogin(email))?.passwordHash).toBe(upgraded?.passwordHash);
      expect(await loginAnswer(current, email, NEW_PASSWORD)).toEqual(invalidCredentials);
      expect((await meWith(current, first.token)).me).toMatchObject({ email });
    } finally {
      await current?.close();
      await weak.close();
    }
  });
});

describe('users moved over from Django with authql import-users', () => {
  const DJANGO_PASSWORD = 'Django password 4 Katherine';
  const ARGON_PASSWORD = 'Django argon2 pass for Dorothy';
  const dir = withTempDir('authql-import-');

  /** Django's PBKDF2PasswordHasher, computed by Python's hashlib. */
  function djangoPbkdf2Hash(password: string, salt: string, iterations: number): string {
    const script = [
      'import base64, hashlib, sys',
      'password, salt, iterations = sys.argv[1], sys.argv[2], int(sys.argv[3])',
      "key = hashlib.pbkdf2_hmac('sha256', password.encode(), salt.encode(), iterations)",
      "print('pbkdf2_sha256$%d$%s$%s' % (iterations, salt, base64.b64encode(key).decode('ascii').strip()))",
    ].join('\n');
    return execFileSync('python3', ['-c', script, password, salt, String(iterations)], { encoding: 'utf8' }).trim();
  }

  /** Django's Argon2PasswordHasher: 'argon2' + argon2-cffi's encoded hash (Django's defaults t=2, m=102400, p=8). */
  async function djangoArgon2Hash(password: string): Promise<string> {
    return `argon2${await argon2.hash(password, { type: argon2.argon2id, timeCost: 2, memoryCost: 102400, parallelism: 8 })}`;
  }

  function djangoUser(pk: number, fields: Record<string, unknown>) {
    return {
      model: 'auth.user',
      pk,
      fields: {
        password: '',
        last_login: null,
        is_superuser: false,
        username: `user${pk}`,
        first_name: '',
        last_name: '',
        email: '',
        is_staff: false,
        is_active: true,
        date_joined: '2019-03-04T10:11:12.123Z',
        groups: [],
        user_permissions: [],
        ...fields,
      },
    };
  }

  async function importUsers(args: string[], env: Record<string, string>) {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, AUTH_SECRET: TEST_SECRET, ...env };
    if (!env.MONGODB_URI) delete childEnv.MONGODB_URI;
    delete childEnv.SMTP_URL;
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), 'import-users', ...args], {
      cwd: ROOT,
      env: childEnv,
      timeout: 60_000,
    });
    return stdout;
  }

  test('a site owner imports Django users; they log in with their Django passwords, which are upgraded to argon2id, and a second import skips them', async () => {
    const pbkdf2Hash = djangoPbkdf2Hash(DJANGO_PASSWORD, 'Xr9kQ2vLm8sT', 260000);
    expect(pbkdf2Hash).toMatch(/^pbkdf2_sha256\$260000\$Xr9kQ2vLm8sT\$[A-Za-z0-9+/]{43}=$/);
    const argonHash = await djangoArgon2Hash(ARGON_PASSWORD);
    expect(argonHash).toMatch(/^argon2\$argon2id\$v=19\$m=102400,t=2,p=8\$/);

    const users = [
      djangoUser(1, { email: 'katherine@example.com', username: 'katherine', password: pbkdf2Hash, last_login: '2023-05-06T07:08:09Z' }),
      djangoUser(2, { email: 'Dorothy@Example.com', username: 'dorothy', password: argonHash, first_name: 'Dorothy', last_name: 'Vaughan', is_staff: true }),
      djangoUser(3, { email: '', username: 'no-email' }),
    ];
    const dumpFile = path.join(dir, 'users.json');
    writeFileSync(dumpFile, JSON.stringify(users));
    const dbName = uniqueDbName('authql_import');
    const userFields = { firstName: { type: 'string' }, lastName: { type: 'string' } } as const;
    const configFile = path.join(dir, 'authql.json');
    writeFileSync(configFile, JSON.stringify({ mongodb: { uri: testDatabaseUri(), dbName }, userFields }));

    // First run: the database named in the config file.
    expect(await importUsers([dumpFile, '--config', configFile], {})).toBe('imported 2 user(s); skipped 0 already present; skipped 1 without an email\n');

    const server = await startTestServer({ userFields }, { smtp, dbName });
    try {
      const stored = await server.store.users.findUserByLogin('katherine@example.com');
      expect(stored?.passwordHash).toBe(pbkdf2Hash); // kept as Django stored it, until the next login

      const katherine = await loginAnswer(server, 'katherine@example.com', DJANGO_PASSWORD);
      expect(katherine).toMatchObject({ __typename: 'LoginSuccess', user: { email: 'katherine@example.com' } });
      const katherineHash = (await server.store.users.findUserByLogin('katherine@example.com'))?.passwordHash;
      expect(katherineHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect((await loginAnswer(server, 'katherine@example.com', DJANGO_PASSWORD)).__typename).toBe('LoginSuccess');
      expect(await loginAnswer(server, 'katherine@example.com', 'not the django password')).toEqual(invalidCredentials);

      expect(await loginAnswer(server, 'dorothy@example.com', 'not the django password')).toEqual(invalidCredentials);
      expect((await server.store.users.findUserByLogin('dorothy@example.com'))?.passwordHash).toBe(argonHash);
      const dorothy = await loginAnswer(server, 'dorothy@example.com', ARGON_PASSWORD);
      expect(dorothy.__typename).toBe('LoginSuccess');
      expect((await server.store.users.findUserByLogin('dorothy@example.com'))?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect((await loginAnswer(server, 'dorothy@example.com', ARGON_PASSWORD)).__typename).toBe('LoginSuccess');
      const me = await server.gql(graphqlUserFields(`query MigratedMe { me { email firstName lastName isStaff isSuperuser isActive dateJoined } }`), {}, { token: dorothy.token });
      expect(me.data.me).toEqual({
        email: 'Dorothy@Example.com',
        firstName: 'Dorothy',
        lastName: 'Vaughan',
        isStaff: true,
        isSuperuser: false,
        isActive: true,
        dateJoined: '2019-03-04T10:11:12.123Z',
      });

      // Second run, with one new user, through MONGODB_URI naming the database in its path.
      const again = [...users, djangoUser(4, { email: 'mary@example.com', username: 'mary', password: djangoPbkdf2Hash(DJANGO_PASSWORD, 'aB3dE5fG7hJ9', 260000) })];
      writeFileSync(dumpFile, JSON.stringify(again));
      writeFileSync(configFile, JSON.stringify({ userFields }));
      const uri = new URL(testDatabaseUri());
      uri.pathname = `/${dbName}`;
      expect(await importUsers([dumpFile, '--config', configFile], { MONGODB_URI: uri.toString() })).toBe(
        'imported 1 user(s); skipped 2 already present (katherine@example.com, Dorothy@Example.com); skipped 1 without an email\n',
      );
      // The skipped users were left alone: Katherine keeps her upgraded hash and her password.
      expect((await server.store.users.findUserByLogin('katherine@example.com'))?.passwordHash).toBe(katherineHash);
      expect((await loginAnswer(server, 'katherine@example.com', DJANGO_PASSWORD)).__typename).toBe('LoginSuccess');
      expect((await loginAnswer(server, 'mary@example.com', DJANGO_PASSWORD)).__typename).toBe('LoginSuccess');
    } finally {
      await server.close();
    }
  }, 120_000);
});
