// A proven address (User.emailVerified): it turns true only when the user shows they control
// the address (an activation link, an email-change link, a reset link came back) and false
// whenever the address changes without such proof (staff edits, immediate changes).
import mongoose from 'mongoose';
import { ok } from './helpers/answers';
import { ACTIVATE, CONFIRM_EMAIL_CHANGE, NEW_PASSWORD, PASSWORD, RESET_EMAIL_CONFIRM, RESET_PASSWORD_CONFIRM, linkParts, login, mutate, nthEmail, register } from './helpers/journeys';
import { withTestServers, type TestServer } from './helpers/server';
import { graphql } from './generated';

jest.setTimeout(60_000);

const PROVEN = graphql(`query ProvenAddressProven { me { email pendingEmail emailVerified } }`);
const UPDATE_ME = graphql(`mutation ProvenAddressUpdateMe($input: UpdateMeInput!) { updateMe(input: $input) { __typename ... on UpdateMeSuccess { user { email pendingEmail emailVerified } } } }`);
const UPDATE_USER = graphql(`mutation ProvenAddressUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { email emailVerified } } } }`);
const SET_EMAIL = graphql(`mutation ProvenAddressSetEmail($input: SetEmailInput!) { setEmail(input: $input) { __typename ... on SetEmailSuccess { user { email emailVerified } } } }`);
const RESET_PASSWORD = graphql(`mutation ResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } } }`);
const RESET_EMAIL = graphql(`mutation ResetEmail($input: ResetEmailInput!) { resetEmail(input: $input) { __typename ... on ResetEmailSuccess { ok } } }`);
const REGISTERED_USER = graphql(`mutation RegisteredUser($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id emailVerified } } } }`);

const serverWith = withTestServers();

const proven = async (server: TestServer, token: string) => (await server.gql(PROVEN, {}, { token })).data.me;

/** Follows the link of the nth email to `to` whose subject matches. */
async function linkTo(server: TestServer, to: string, subject: RegExp, nth = 1) {
  const { uid, token } = linkParts(await nthEmail(server, to, (e) => subject.test(e.subject), nth));
  return { uid, token };
}

test('username site with activation: unproven at sign-up, proven by the activation link, kept while a change is pending, proven again by the change link, lost by a staff edit, proven again by a reset link', async () => {
  const server = await serverWith({ loginField: 'username', sendActivationEmail: true });
  const registered = await mutate(server, REGISTERED_USER, { username: 'ada', email: 'ada@example.com', password: PASSWORD });
  expect(registered.user.emailVerified).toBe(false);
  const id: string = registered.user.id;

  expect((await mutate(server, ACTIVATE, await linkTo(server, 'ada@example.com', /activat/i))).__typename).toBe('ActivateSuccess');
  let token = await login(server, { username: 'ada', password: PASSWORD });
  expect(await proven(server, token)).toEqual({ email: 'ada@example.com', pendingEmail: null, emailVerified: true });

  // A new address waits for its link; the current one stays proven.
  const asked = await mutate(server, UPDATE_ME, { email: 'ada@new.example', currentPassword: PASSWORD }, token);
  expect(asked.user).toEqual({ email: 'ada@example.com', pendingEmail: 'ada@new.example', emailVerified: true });
  const confirmed = await mutate(server, CONFIRM_EMAIL_CHANGE, await linkTo(server, 'ada@new.example', /confirm your new email/i));
  expect(confirmed.__typename).toBe('ConfirmEmailChangeSuccess');
  expect(await proven(server, token)).toEqual({ email: 'ada@new.example', pendingEmail: null, emailVerified: true });

  // Staff typing an address proves nothing.
  const staff = await register(server, { username: 'stan', email: 'stan@example.com', password: PASSWORD });
  await server.database.collection('users').updateOne({ _id: new mongoose.Types.ObjectId(staff.user.id) }, { $set: { isStaff: true, isActive: true, activatedAt: new Date() } });
  const staffToken = await login(server, { username: 'stan', password: PASSWORD });
  expect((await mutate(server, UPDATE_USER, { id, email: 'ada@typed-by-staff.example' }, staffToken)).user).toEqual({ email: 'ada@typed-by-staff.example', emailVerified: false });

  // A completed reset from the link emailed to the address proves it.
  expect(await mutate(server, RESET_PASSWORD, { email: 'ada@typed-by-staff.example' })).toEqual(ok('ResetPasswordSuccess'));
  const reset = await linkTo(server, 'ada@typed-by-staff.example', /password reset/i);
  expect(await mutate(server, RESET_PASSWORD_CONFIRM, { ...reset, newPassword: NEW_PASSWORD })).toEqual(ok('ResetPasswordConfirmSuccess'));
  token = await login(server, { username: 'ada', password: NEW_PASSWORD });
  expect(await proven(server, token)).toEqual({ email: 'ada@typed-by-staff.example', pendingEmail: null, emailVerified: true });

  // An account stored before addresses were proven reads as unproven.
  await server.database.collection('users').updateOne({ _id: new mongoose.Types.ObjectId(id) }, { $unset: { emailVerified: '' } });
  expect((await proven(server, await login(server, { username: 'ada', password: NEW_PASSWORD }))).emailVerified).toBe(false);
});

test('email site without activation or confirmation: a sign-up is unproven, a reset link proves it, an immediate change (setEmail, resetEmailConfirm) is unproven again', async () => {
  const server = await serverWith({ emailChangeConfirmation: false });
  const registered = await mutate(server, REGISTERED_USER, { email: 'bea@example.com', password: PASSWORD });
  expect(registered.user.emailVerified).toBe(false);
  let token = await login(server, { email: 'bea@example.com', password: PASSWORD });
  expect((await proven(server, token)).emailVerified).toBe(false);

  expect(await mutate(server, RESET_PASSWORD, { email: 'bea@example.com' })).toEqual(ok('ResetPasswordSuccess'));
  const reset = await linkTo(server, 'bea@example.com', /password reset/i);
  expect(await mutate(server, RESET_PASSWORD_CONFIRM, { ...reset, newPassword: NEW_PASSWORD })).toEqual(ok('ResetPasswordConfirmSuccess'));
  token = await login(server, { email: 'bea@example.com', password: NEW_PASSWORD });
  expect((await proven(server, token)).emailVerified).toBe(true);

  const changed = await mutate(server, SET_EMAIL, { newEmail: 'bea@other.example', currentPassword: NEW_PASSWORD }, token);
  expect(changed.user).toEqual({ email: 'bea@other.example', emailVerified: false });

  // The reset link proves the address it went to, but the new login email it sets at once is not.
  expect(await mutate(server, RESET_EMAIL, { email: 'bea@other.example' })).toEqual(ok('ResetEmailSuccess'));
  const resetEmail = await linkTo(server, 'bea@other.example', /email reset/i);
  expect(await mutate(server, RESET_EMAIL_CONFIRM, { ...resetEmail, newEmail: 'bea@third.example' })).toEqual(ok('ResetEmailConfirmSuccess'));
  token = await login(server, { email: 'bea@third.example', password: NEW_PASSWORD });
  expect((await proven(server, token)).emailVerified).toBe(false);
});
