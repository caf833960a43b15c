// The login field: changing it with the password (setEmail /
// setUsername), or by an emailed link (resetEmail / resetUsername and their Confirm), the
// "changed" notices and where they go, and what the emails' HTML does with a user's text.
// Real HTTP, a real database and a real SMTP server; time is moved with the injected clock.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { invalidCredentials, invalidPassword, invalidToken, invalidUid, ok, validationError } from './helpers/answers';
import { NEW_PASSWORD, PASSWORD, RESET_EMAIL_CONFIRM, RESET_PASSWORD_CONFIRM, SITE, deliveredTo, linkParts, loginAnswer, meWith, mutate, nthEmail, register, usernameLoginAnswer } from './helpers/journeys';
import { withTempDir } from './helpers/resources';
import { type TestServer, withTestServer, withSmtpServer } from './helpers/server';
import { type ReceivedEmail } from './helpers/smtp';
import { loggedInMember } from './helpers/users';
import { graphql } from './generated';
import { graphqlUsername } from './generated/username';

const SET_EMAIL = graphql(`mutation LoginFieldSetEmail($input: SetEmailInput!) {
  setEmail(input: $input) {
    __typename
    ... on SetEmailSuccess { user { id email } }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

const RESET_EMAIL = graphql(`mutation LoginFieldResetEmail($input: ResetEmailInput!) {
  resetEmail(input: $input) {
    __typename
    ... on ResetEmailSuccess { ok }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

const RESET_PASSWORD = graphql(`mutation LoginFieldResetPassword($input: ResetPasswordInput!) {
  resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } }
}`);

const SET_PASSWORD = graphql(`mutation LoginFieldSetPassword($input: SetPasswordInput!) {
  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { fieldErrors { field code } } }
}`);

const USERNAME_REGISTER = graphqlUsername(`mutation LoginFieldRegister($input: RegisterInput!) {
  register(input: $input) { __typename ... on RegisterSuccess { user { id username email } } ... on ValidationError { fieldErrors { field code } } }
}`);

const SET_USERNAME = graphqlUsername(`mutation SetUsername($input: SetUsernameInput!) {
  setUsername(input: $input) {
    __typename
    ... on SetUsernameSuccess { user { id username email } }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

const RESET_USERNAME = graphqlUsername(`mutation ResetUsername($input: ResetUsernameInput!) {
  resetUsername(input: $input) { __typename ... on ResetUsernameSuccess { ok } }
}`);

const RESET_USERNAME_CONFIRM = graphqlUsername(`mutation ResetUsernameConfirm($input: ResetUsernameConfirmInput!) {
  resetUsernameConfirm(input: $input) {
    __typename
    ... on ResetUsernameConfirmSuccess { ok }
    ... on AuthError { code message }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

const MUTATION_FIELDS = graphql(`query MutationFields { __schema { mutationType { fields { name } } } }`);
const INPUT_FIELDS = graphql(`query InputFields($name: String!) {
  __type(name: $name) { inputFields { name type { kind name ofType { name } } } }
}`);

const REQUIRED_STRING = { kind: 'NON_NULL', name: null, ofType: { name: 'String' } };

const invalidEmail = (field: string) => ({ field, code: 'INVALID_EMAIL', message: 'Enter a valid email address.' });
const emailTaken = { field: 'newEmail', code: 'ALREADY_EXISTS', message: 'A user with that email already exists.' };
const emailMismatch = { field: 'reNewEmail', code: 'LOGIN_FIELD_MISMATCH', message: "The two email fields didn't match." };
const usernameMismatch = { field: 'reNewUsername', code: 'LOGIN_FIELD_MISMATCH', message: "The two username fields didn't match." };

const isEmailReset = (e: ReceivedEmail) => /^Email reset on /.test(e.subject);
const isUsernameReset = (e: ReceivedEmail) => /^Username reset on /.test(e.subject);
const isPasswordReset = (e: ReceivedEmail) => /^Password reset on /.test(e.subject);
const isEmailChanged = (e: ReceivedEmail) => /Your email has been successfully changed!$/.test(e.subject);
const isUsernameChanged = (e: ReceivedEmail) => /Your username has been successfully changed!$/.test(e.subject);

const isChangeNotice = (e: ReceivedEmail) => /^Your email address was changed on /.test(e.subject);
const smtp = withSmtpServer();

/** A member of a username site, with an email for links and notices. */
async function usernameMember(server: TestServer, username: string, email: string): Promise<{ id: string; token: string }> {
  const registered = await mutate(server, USERNAME_REGISTER, { username, email, password: PASSWORD });
  expect(registered.__typename).toBe('RegisterSuccess');
  const loggedIn = await usernameLoginAnswer(server, username);
  expect(loggedIn.__typename).toBe('LoginSuccess');
  return { id: registered.user.id, token: loggedIn.token };
}

async function requestEmailResetLink(server: TestServer, email: string, nth = 1) {
  expect(await mutate(server, RESET_EMAIL, { email })).toEqual(ok('ResetEmailSuccess'));
  const message = await nthEmail(server, email, isEmailReset, nth);
  return { message, ...linkParts(message) };
}

async function inputFieldsOf(server: TestServer, typeName: string) {
  const response = await server.gql(INPUT_FIELDS, { name: typeName });
  expect(response.errors).toBeUndefined();
  const fields = response.data.__type.inputFields as { name: string; type: unknown }[];
  return Object.fromEntries(fields.map((f) => [f.name, f.type]));
}

async function mutationNames(server: TestServer): Promise<string[]> {
  const response = await server.gql(MUTATION_FIELDS);
  expect(response.errors).toBeUndefined();
  return response.data.__schema.mutationType.fields.map((f: { name: string }) => f.name);
}

// These stories follow djoser's immediate email changes (emailChangeConfirmation: false); the
// confirmed change that is authql's default is told in account-takeover.test.ts.
describe('with djoser\'s immediate email changes: the login field is the email (site "Acme" at https://app.example.test)', () => {
  /** How far the injected clock runs ahead of the real one. */
  let aheadMs = 0;
  const server = withTestServer(() => ({ frontend: SITE, emailChangeConfirmation: false, clock: () => new Date(Date.now() + aheadMs) }), { smtp });
  beforeEach(() => {
    aheadMs = 0;
  });

  describe('changing the email with setEmail', () => {
    test('a member who types their password changes their email: the answer shows it, it logs in, the old one no longer does, and the session goes on', async () => {
      const { id, token } = await loggedInMember(server, 'old.address@example.com');

      expect(await mutate(server, SET_EMAIL, { newEmail: 'New.Address@Example.com', currentPassword: PASSWORD }, token)).toEqual({
        __typename: 'SetEmailSuccess',
        user: { id, email: 'New.Address@Example.com' },
      });

      expect(await loginAnswer(server, 'old.address@example.com')).toEqual(invalidCredentials);
      expect(await loginAnswer(server, 'new.address@example.com')).toMatchObject({ __typename: 'LoginSuccess', user: { id, email: 'New.Address@Example.com' } });
      expect(await meWith(server, token)).toEqual({ me: expect.objectContaining({ id, email: 'New.Address@Example.com' }), code: null });
      // The old address is free again.
      expect((await register(server, { email: 'old.address@example.com', password: PASSWORD })).__typename).toBe('RegisterSuccess');
    });

    test('a member who types a wrong password, or an address that is not one, is told so on that field and keeps their email', async () => {
      const email = 'keeps.email@example.com';
      const { token } = await loggedInMember(server, email);

      expect(await mutate(server, SET_EMAIL, { newEmail: 'fine.new@example.com', currentPassword: 'not my password' }, token)).toEqual(validationError(invalidPassword));
      expect(await mutate(server, SET_EMAIL, { newEmail: 'not an email', currentPassword: PASSWORD }, token)).toEqual(validationError(invalidEmail('newEmail')));
      expect(await mutate(server, SET_EMAIL, { newEmail: 'also@not@an.email', currentPassword: 'not my password' }, token)).toEqual(
        validationError(invalidEmail('newEmail'), invalidPassword),
      );

      expect((await loginAnswer(server, email)).__typename).toBe('LoginSuccess');
      expect(await loginAnswer(server, 'fine.new@example.com')).toEqual(invalidCredentials);
    });

    test("a member cannot take another member's email, in any case, but may change the case of their own", async () => {
      await loggedInMember(server, 'Taken.Tina@Example.com');
      const { id, token } = await loggedInMember(server, 'wants.tinas@example.com');

      expect(await mutate(server, SET_EMAIL, { newEmail: 'TAKEN.TINA@example.COM', currentPassword: PASSWORD }, token)).toEqual(validationError(emailTaken));
      expect(await mutate(server, SET_EMAIL, { newEmail: '  taken.tina@example.com ', currentPassword: PASSWORD }, token)).toEqual(validationError(emailTaken));
      expect((await loginAnswer(server, 'wants.tinas@example.com')).user.id).toBe(id);
      expect((await loginAnswer(server, 'taken.tina@example.com')).user.id).not.toBe(id);

      expect(await mutate(server, SET_EMAIL, { newEmail: 'Wants.Tinas@Example.com', currentPassword: PASSWORD }, token)).toEqual({
        __typename: 'SetEmailSuccess',
        user: { id, email: 'Wants.Tinas@Example.com' },
      });
    });

    test('a visitor without a session cannot change an email: UNAUTHENTICATED', async () => {
      const response = await server.gql(SET_EMAIL, { input: { newEmail: 'someone@example.com', currentPassword: PASSWORD } });
      expect(response.data?.setEmail ?? null).toBeNull();
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });

    test('links the member asked for before changing their email die with the change: password reset and email reset alike', async () => {
      const email = 'links.die@example.com';
      const { token } = await loggedInMember(server, email);
      expect(await mutate(server, RESET_PASSWORD, { email })).toEqual(ok('ResetPasswordSuccess'));
      const passwordLink = linkParts(await nthEmail(server, email, isPasswordReset));
      const emailLink = await requestEmailResetLink(server, email);

      expect((await mutate(server, SET_EMAIL, { newEmail: 'links.died@example.com', currentPassword: PASSWORD }, token)).__typename).toBe('SetEmailSuccess');

      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid: passwordLink.uid, token: passwordLink.token, newPassword: NEW_PASSWORD })).toEqual(invalidToken);
      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid: emailLink.uid, token: emailLink.token, newEmail: 'third.address@example.com' })).toEqual(invalidToken);
      expect((await loginAnswer(server, 'links.died@example.com')).__typename).toBe('LoginSuccess');
      expect(await loginAnswer(server, 'links.died@example.com', NEW_PASSWORD)).toEqual(invalidCredentials);
    });

    test('without usernameChangedEmailConfirmation, changing the email by setEmail or by link sends no "changed" email', async () => {
      const { token } = await loggedInMember(server, 'quiet.one@example.com');
      expect((await mutate(server, SET_EMAIL, { newEmail: 'quiet.two@example.com', currentPassword: PASSWORD }, token)).__typename).toBe('SetEmailSuccess');
      const { uid, token: linkToken } = await requestEmailResetLink(server, 'quiet.two@example.com');
      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token: linkToken, newEmail: 'quiet.three@example.com' })).toEqual(ok('ResetEmailConfirmSuccess'));

      for (const address of ['quiet.one@example.com', 'quiet.two@example.com', 'quiet.three@example.com']) {
        expect(await deliveredTo(server, address, isEmailChanged)).toBe(0);
      }
      // The reset email, and the notice every old address gets when its email changes.
      await nthEmail(server, 'quiet.two@example.com', isChangeNotice);
      expect(smtp.emailsTo('quiet.two@example.com').map((e) => e.subject).sort()).toEqual(['Email reset on Acme', 'Your email address was changed on Acme']);
    });
  });

  describe('changing the email by an emailed link: resetEmail and resetEmailConfirm', () => {
    test('a member asks for an email reset, gets an "Email reset on Acme" link, and sets a new email with it', async () => {
      const email = 'reset.rebecca@example.com';
      const { id, token: session } = await loggedInMember(server, email);
      const { message, url, uid, token } = await requestEmailResetLink(server, email);

      expect(message.subject).toBe('Email reset on Acme');
      expect(url).toBe(`https://app.example.test/#/username/reset/confirm/${uid}/${token}`);
      expect(Buffer.from(uid, 'base64url').toString('utf8')).toBe(id);
      expect(message.text).toContain('choose a new email');
      expect(message.html).toContain(`href="https://app.example.test/#/username/reset/confirm/${uid}/${token}"`);

      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token, newEmail: 'Rebecca.New@Example.com' })).toEqual(ok('ResetEmailConfirmSuccess'));
      expect(await loginAnswer(server, email)).toEqual(invalidCredentials);
      expect(await loginAnswer(server, 'rebecca.new@example.com')).toMatchObject({ __typename: 'LoginSuccess', user: { id, email: 'Rebecca.New@Example.com' } });
      expect((await meWith(server, session)).me).toMatchObject({ id, email: 'Rebecca.New@Example.com' });
    });

    test('a member who uses the same email reset link twice is refused the second time, and keeps the first new email', async () => {
      const email = 'twice.theo@example.com';
      await loggedInMember(server, email);
      const { uid, token } = await requestEmailResetLink(server, email);

      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token, newEmail: 'theo.first@example.com' })).toEqual(ok('ResetEmailConfirmSuccess'));
      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token, newEmail: 'theo.second@example.com' })).toEqual(invalidToken);

      expect((await loginAnswer(server, 'theo.first@example.com')).__typename).toBe('LoginSuccess');
      expect(await loginAnswer(server, 'theo.second@example.com')).toEqual(invalidCredentials);
    });

    test('anyone asking for an email reset is told ok, but an unknown address and a deactivated member get nothing', async () => {
      expect(await mutate(server, RESET_EMAIL, { email: 'never.registered@example.com' })).toEqual(ok('ResetEmailSuccess'));
      const deactivated = 'deactivated.dan@example.com';
      const { id } = await loggedInMember(server, deactivated);
      await server.store.users.updateUser(id, { isActive: false, deactivatedAt: new Date() });
      expect(await mutate(server, RESET_EMAIL, { email: deactivated })).toEqual(ok('ResetEmailSuccess'));

      expect(await deliveredTo(server, 'never.registered@example.com')).toBe(0);
      expect(await deliveredTo(server, deactivated)).toBe(0);
    });

    test('a password reset link cannot change the email, and still resets the password afterwards', async () => {
      const email = 'wrong.link@example.com';
      await loggedInMember(server, email);
      expect(await mutate(server, RESET_PASSWORD, { email })).toEqual(ok('ResetPasswordSuccess'));
      const { uid, token } = linkParts(await nthEmail(server, email, isPasswordReset));

      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token, newEmail: 'hijacked@example.com' })).toEqual(invalidToken);
      expect(await loginAnswer(server, 'hijacked@example.com')).toEqual(invalidCredentials);

      expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: NEW_PASSWORD })).toEqual(ok('ResetPasswordConfirmSuccess'));
      expect((await loginAnswer(server, email, NEW_PASSWORD)).__typename).toBe('LoginSuccess');
    });

    test('an email reset link works 59 minutes after it was sent, and is refused 61 minutes after', async () => {
      expect(server.auth.config.tokenLifetimes.usernameReset).toBe(3600);
      const email = 'slow.sally@example.com';
      await loggedInMember(server, email);

      const late = await requestEmailResetLink(server, email, 1);
      aheadMs = 61 * 60_000;
      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid: late.uid, token: late.token, newEmail: 'sally.late@example.com' })).toEqual(invalidToken);

      aheadMs = 0;
      const inTime = await requestEmailResetLink(server, email, 2);
      aheadMs = 59 * 60_000;
      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid: inTime.uid, token: inTime.token, newEmail: 'sally.in.time@example.com' })).toEqual(
        ok('ResetEmailConfirmSuccess'),
      );
      expect(await loginAnswer(server, 'sally.late@example.com')).toEqual(invalidCredentials);
      expect((await loginAnswer(server, 'sally.in.time@example.com')).__typename).toBe('LoginSuccess');
    });

    test('the typed email\'s shape is checked before the link, whether it is taken only after: a garbage link never learns that an address has an account', async () => {
      const email = 'checked.first@example.com';
      await loggedInMember(server, email);
      await loggedInMember(server, 'already.here@example.com');
      const { uid, token } = await requestEmailResetLink(server, email);

      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid: 'garbage!', token: 'garbage', newEmail: 'not an email' })).toEqual(validationError(invalidEmail('newEmail')));
      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid: 'garbage!', token: 'garbage', newEmail: 'Already.Here@example.com' })).toEqual(invalidUid);
      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token, newEmail: 'ALREADY.HERE@EXAMPLE.COM' })).toEqual(validationError(emailTaken));
      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid: 'garbage!', token, newEmail: 'fresh.one@example.com' })).toEqual(invalidUid);
      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token: 'garbage', newEmail: 'fresh.one@example.com' })).toEqual(invalidToken);

      // None of that used up the real link.
      expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token, newEmail: 'fresh.one@example.com' })).toEqual(ok('ResetEmailConfirmSuccess'));
      expect((await loginAnswer(server, 'fresh.one@example.com')).__typename).toBe('LoginSuccess');
    });
  });
});

describe('with setUsernameRetype and usernameResetConfirmRetype on (login field email)', () => {
  const server = withTestServer({ setUsernameRetype: true, usernameResetConfirmRetype: true, emailChangeConfirmation: false }, { smtp });

  test('a client developer finds reNewEmail required on SetEmailInput and ResetEmailConfirmInput', async () => {
    expect(await inputFieldsOf(server, 'SetEmailInput')).toEqual({ newEmail: REQUIRED_STRING, reNewEmail: REQUIRED_STRING, currentPassword: REQUIRED_STRING });
    expect(await inputFieldsOf(server, 'ResetEmailConfirmInput')).toEqual({
      uid: REQUIRED_STRING,
      token: REQUIRED_STRING,
      newEmail: REQUIRED_STRING,
      reNewEmail: REQUIRED_STRING,
    });
  });

  test('a member who retypes the new email differently is told so on reNewEmail; typed the same, the change goes through', async () => {
    const { id, token } = await loggedInMember(server, 'retype.ruth@example.com');

    expect(await mutate(server, SET_EMAIL, { newEmail: 'ruth.new@example.com', reNewEmail: 'ruth.nwe@example.com', currentPassword: PASSWORD }, token)).toEqual(
      validationError(emailMismatch),
    );
    expect(await mutate(server, SET_EMAIL, { newEmail: 'ruth.new@', reNewEmail: 'ruth.new@example.com', currentPassword: 'wrong password!' }, token)).toEqual(
      validationError(invalidEmail('newEmail'), emailMismatch, invalidPassword),
    );
    expect(await loginAnswer(server, 'ruth.new@example.com')).toEqual(invalidCredentials);

    expect(await mutate(server, SET_EMAIL, { newEmail: 'ruth.new@example.com', reNewEmail: 'ruth.new@example.com', currentPassword: PASSWORD }, token)).toEqual({
      __typename: 'SetEmailSuccess',
      user: { id, email: 'ruth.new@example.com' },
    });
    expect((await loginAnswer(server, 'ruth.new@example.com')).__typename).toBe('LoginSuccess');
  });

  test('a member confirming an email reset with a differing retype is told so, and the link still works when typed right', async () => {
    const email = 'retype.reset@example.com';
    await loggedInMember(server, email);
    const { uid, token } = await requestEmailResetLink(server, email);

    expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token, newEmail: 'retyped@example.com', reNewEmail: 'retypd@example.com' })).toEqual(
      validationError(emailMismatch),
    );
    expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token, newEmail: 'retyped@example.com', reNewEmail: 'retyped@example.com' })).toEqual(
      ok('ResetEmailConfirmSuccess'),
    );
    expect((await loginAnswer(server, 'retyped@example.com')).__typename).toBe('LoginSuccess');
  });
});

describe('with usernameResetShowEmailNotFound on', () => {
  const server = withTestServer({ usernameResetShowEmailNotFound: true }, { smtp });

  test('asking for an email reset for an unknown address, or a deactivated member, is told EMAIL_NOT_FOUND; an active member gets the link', async () => {
    const emailNotFound = { field: 'email', code: 'EMAIL_NOT_FOUND', message: 'User with given email does not exist.' };
    expect(await mutate(server, RESET_EMAIL, { email: 'unknown.shown@example.com' })).toEqual(validationError(emailNotFound));
    const deactivated = 'deactivated.shown@example.com';
    const { id } = await loggedInMember(server, deactivated);
    await server.store.users.updateUser(id, { isActive: false, deactivatedAt: new Date() });
    expect(await mutate(server, RESET_EMAIL, { email: deactivated })).toEqual(validationError(emailNotFound));

    await loggedInMember(server, 'active.shown@example.com');
    const { uid, token } = await requestEmailResetLink(server, 'active.shown@example.com');
    expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token, newEmail: 'active.moved@example.com' })).toEqual(ok('ResetEmailConfirmSuccess'));
    expect(await deliveredTo(server, 'unknown.shown@example.com')).toBe(0);
    expect(await deliveredTo(server, deactivated)).toBe(0);
  });
});

describe('with usernameChangedEmailConfirmation on (login field email, site "Acme")', () => {
  const server = withTestServer({ usernameChangedEmailConfirmation: true, emailChangeConfirmation: false, frontend: SITE }, { smtp });

  test('a member who changes their email with setEmail is told at the old address and at the new one', async () => {
    const { token } = await loggedInMember(server, 'notify.old@example.com');
    expect((await mutate(server, SET_EMAIL, { newEmail: 'Notify.New@Example.com', currentPassword: PASSWORD }, token)).__typename).toBe('SetEmailSuccess');

    const atOld = await nthEmail(server, 'notify.old@example.com', isEmailChanged);
    const atNew = await nthEmail(server, 'notify.new@example.com', isEmailChanged);
    for (const message of [atOld, atNew]) {
      expect(message.subject).toBe('Acme - Your email has been successfully changed!');
      expect(message.text).toContain('Your email has been changed!');
      expect(message.html).toMatch(/<!doctype html>/i);
    }
    // Besides djoser's "changed" email, the old address gets authql's email-change notice.
    await nthEmail(server, 'notify.old@example.com', isChangeNotice);
    expect(smtp.emailsTo('notify.old@example.com').map((e) => e.subject).sort()).toEqual([
      'Acme - Your email has been successfully changed!',
      'Your email address was changed on Acme',
    ]);
    expect(await deliveredTo(server, 'notify.new@example.com')).toBe(1);
  });

  test('a member who changes their email by link is told at the old address and at the new one', async () => {
    const email = 'notify.link.old@example.com';
    await loggedInMember(server, email);
    const { uid, token } = await requestEmailResetLink(server, email);
    expect(await mutate(server, RESET_EMAIL_CONFIRM, { uid, token, newEmail: 'notify.link.new@example.com' })).toEqual(ok('ResetEmailConfirmSuccess'));

    expect((await nthEmail(server, email, isEmailChanged)).subject).toBe('Acme - Your email has been successfully changed!');
    expect((await nthEmail(server, 'notify.link.new@example.com', isEmailChanged)).subject).toBe('Acme - Your email has been successfully changed!');
    await nthEmail(server, email, isChangeNotice);
    expect(smtp.emailsTo(email).map((e) => e.subject).sort()).toEqual([
      'Acme - Your email has been successfully changed!',
      'Email reset on Acme',
      'Your email address was changed on Acme',
    ]);
    expect(await deliveredTo(server, 'notify.link.new@example.com')).toBe(1);
  });

  test('a refused change sends no notice', async () => {
    const { token } = await loggedInMember(server, 'notify.refused@example.com');
    expect((await mutate(server, SET_EMAIL, { newEmail: 'notify.refused.new@example.com', currentPassword: 'wrong password!' }, token)).__typename).toBe(
      'ValidationError',
    );
    expect(await deliveredTo(server, 'notify.refused@example.com')).toBe(0);
    expect(await deliveredTo(server, 'notify.refused.new@example.com')).toBe(0);
  });
});

describe('with loginField "username", both retypes and usernameChangedEmailConfirmation on (site "Acme")', () => {
  const server = withTestServer({ loginField: 'username', setUsernameRetype: true, usernameResetConfirmRetype: true, usernameChangedEmailConfirmation: true, frontend: SITE }, { smtp });

  test('a client developer finds setUsername, resetUsername and resetUsernameConfirm with newUsername and reNewUsername, and no setEmail', async () => {
    const names = await mutationNames(server);
    expect(names).toEqual(expect.arrayContaining(['setUsername', 'resetUsername', 'resetUsernameConfirm', 'setPassword', 'resetPassword']));
    for (const absent of ['setEmail', 'resetEmail', 'resetEmailConfirm']) expect(names).not.toContain(absent);

    expect(await inputFieldsOf(server, 'SetUsernameInput')).toEqual({ newUsername: REQUIRED_STRING, reNewUsername: REQUIRED_STRING, currentPassword: REQUIRED_STRING });
    expect(await inputFieldsOf(server, 'ResetUsernameInput')).toEqual({ email: REQUIRED_STRING });
    expect(await inputFieldsOf(server, 'ResetUsernameConfirmInput')).toEqual({
      uid: REQUIRED_STRING,
      token: REQUIRED_STRING,
      newUsername: REQUIRED_STRING,
      reNewUsername: REQUIRED_STRING,
    });
  });

  test('a member changes their username with setUsername: a differing retype is refused, then it logs in with the new one and is told by email', async () => {
    const { id, token } = await usernameMember(server, 'grace_h', 'grace.h@example.com');

    expect(await mutate(server, SET_USERNAME, { newUsername: 'admiral', reNewUsername: 'admirl', currentPassword: PASSWORD }, token)).toEqual(
      validationError(usernameMismatch),
    );
    expect(await mutate(server, SET_USERNAME, { newUsername: 'admiral', reNewUsername: 'admiral', currentPassword: 'wrong password!' }, token)).toEqual(
      validationError(invalidPassword),
    );
    expect(await deliveredTo(server, 'grace.h@example.com')).toBe(0);

    expect(await mutate(server, SET_USERNAME, { newUsername: 'admiral', reNewUsername: 'admiral', currentPassword: PASSWORD }, token)).toEqual({
      __typename: 'SetUsernameSuccess',
      user: { id, username: 'admiral', email: 'grace.h@example.com' },
    });
    expect(await usernameLoginAnswer(server, 'grace_h')).toEqual(invalidCredentials);
    expect((await usernameLoginAnswer(server, 'Admiral')).user).toEqual({ id, username: 'admiral', email: 'grace.h@example.com' });

    const notice = await nthEmail(server, 'grace.h@example.com', isUsernameChanged);
    expect(notice.subject).toBe('Acme - Your username has been successfully changed!');
    expect(notice.text).toContain('Your username has been changed!');
    expect(await deliveredTo(server, 'grace.h@example.com')).toBe(1);
  });

  test('a member who forgot their username asks with their email, gets a "Username reset on Acme" link, and picks a new username with it', async () => {
    const { id } = await usernameMember(server, 'forgot_me', 'forgot.me@example.com');
    expect(await mutate(server, RESET_USERNAME, { email: 'Forgot.Me@Example.com' })).toEqual(ok('ResetUsernameSuccess'));
    const message = await nthEmail(server, 'forgot.me@example.com', isUsernameReset);
    expect(message.subject).toBe('Username reset on Acme');
    const { url, uid, token } = linkParts(message);
    expect(url).toBe(`https://app.example.test/#/username/reset/confirm/${uid}/${token}`);
    expect(message.text).toContain('choose a new username');

    expect(await mutate(server, RESET_USERNAME_CONFIRM, { uid, token, newUsername: 'remembered', reNewUsername: 'remembred' })).toEqual(validationError(usernameMismatch));
    expect(await mutate(server, RESET_USERNAME_CONFIRM, { uid, token, newUsername: 'remembered', reNewUsername: 'remembered' })).toEqual(
      ok('ResetUsernameConfirmSuccess'),
    );
    expect(await mutate(server, RESET_USERNAME_CONFIRM, { uid, token, newUsername: 'again', reNewUsername: 'again' })).toEqual(invalidToken);

    expect(await usernameLoginAnswer(server, 'forgot_me')).toEqual(invalidCredentials);
    expect((await usernameLoginAnswer(server, 'remembered')).user).toEqual({ id, username: 'remembered', email: 'forgot.me@example.com' });
    expect((await nthEmail(server, 'forgot.me@example.com', isUsernameChanged)).subject).toBe('Acme - Your username has been successfully changed!');
    expect(smtp.emailsTo('forgot.me@example.com').map((e) => e.subject)).toEqual([
      'Username reset on Acme',
      'Acme - Your username has been successfully changed!',
    ]);
  });
});

describe('a user\'s own text in emails (userFields firstName, templates overridden with email.templatesDir)', () => {
  const FIRST_NAME = '<script>alert(1)</script>';
  const dir = withTempDir('authql-templates-');
  beforeAll(async () => {
    const emails = path.resolve(__dirname, '../emails');
    for (const name of ['password-changed', 'username-changed']) {
      const mjml = readFileSync(path.join(emails, `${name}.mjml`), 'utf8');
      const greeting = '<mj-text>Hello {{user.firstName}},</mj-text>';
      const withName = mjml.replace(/(<mj-text font-size="20px"[^>]*>.*?<\/mj-text>)/, `$1\n        ${greeting}`);
      expect(withName).toContain(greeting);
      writeFileSync(path.join(dir, `${name}.mjml`), withName);
      writeFileSync(path.join(dir, `${name}.txt`), `Hello {{user.firstName}},\n\n${readFileSync(path.join(emails, `${name}.txt`), 'utf8')}`);
      copyFileSync(path.join(emails, `${name}.subject`), path.join(dir, `${name}.subject`));
    }
  });
  const server = withTestServer(
    () => ({
      userFields: { firstName: { type: 'string' } },
      passwordChangedEmailConfirmation: true,
      usernameChangedEmailConfirmation: true,
      emailChangeConfirmation: false,
      email: { templatesDir: dir },
    }),
    { smtp },
  );

  test('a member whose first name is markup gets the "changed" emails with it escaped in the HTML and as typed in the text', async () => {
    const { token } = await loggedInMember(server, 'markup.mallory@example.com', { firstName: FIRST_NAME });
    expect((await mutate(server, SET_PASSWORD, { newPassword: NEW_PASSWORD, currentPassword: PASSWORD }, token)).__typename).toBe('SetPasswordSuccess');
    expect((await mutate(server, SET_EMAIL, { newEmail: 'markup.moved@example.com', currentPassword: NEW_PASSWORD }, token)).__typename).toBe('SetEmailSuccess');

    const passwordChanged = await nthEmail(server, 'markup.mallory@example.com', (e) => /Your password has been successfully changed!$/.test(e.subject));
    const emailChangedOld = await nthEmail(server, 'markup.mallory@example.com', isEmailChanged);
    const emailChangedNew = await nthEmail(server, 'markup.moved@example.com', isEmailChanged);
    for (const message of [passwordChanged, emailChangedOld, emailChangedNew]) {
      expect(message.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
      expect(message.html).not.toContain('<script>alert');
      expect(message.text).toContain(`Hello ${FIRST_NAME},`);
    }
  });
});
