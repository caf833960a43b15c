// Activation by email: register inactive, follow the link from the
// email, resend it, and every way a link can be refused. Real HTTP, database and SMTP.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeOneTimeToken } from '../src/crypto/one-time-token';
import { userFingerprint } from '../src/accounts/users';
import { invalidCredentials, invalidToken, invalidUid } from './helpers/answers';
import { ACTIVATE, ME, PASSWORD, linkParts, loginAnswer, mutate, register, registerAndActivate } from './helpers/journeys';
import { TEST_SECRET, type TestServer, withTestServer, withSmtpServer } from './helpers/server';
import { type ReceivedEmail } from './helpers/smtp';
import { mailerOf } from '../src/auth';
import { graphql } from './generated';

const RESEND_ACTIVATION = graphql(`mutation ResendActivation($input: ResendActivationInput!) {
  resendActivation(input: $input) {
    __typename
    ... on ResendActivationSuccess { ok }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { field code message } }
  }
}`);

const CONFIRMATION_SUBJECT = /successfully created and activated/;
const isActivationEmail = (e: ReceivedEmail) => /^Account activation on /.test(e.subject);
const isConfirmationEmail = (e: ReceivedEmail) => CONFIRMATION_SUBJECT.test(e.subject);

const smtp = withSmtpServer();

const activate = (server: TestServer, uid: string, token: string) => mutate(server, ACTIVATE, { uid, token });
const resendActivation = (server: TestServer, email: string) => mutate(server, RESEND_ACTIVATION, { email });

function waitForActivationEmail(server: TestServer, email: string, nth = 1): Promise<ReceivedEmail> {
  return server.smtp
    .waitForEmail(() => server.smtp.emailsTo(email).filter(isActivationEmail).length >= nth)
    .then(() => server.smtp.emailsTo(email).filter(isActivationEmail)[nth - 1]);
}

/** Delivers everything the outbox holds right now, so "no email arrived" means none was queued. */
async function deliverEverythingQueued(server: TestServer): Promise<void> {
  await mailerOf(server.auth).flush();
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const base64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const stale = { __typename: 'AuthError', code: 'STALE_TOKEN', message: 'Stale token for given user.' };

describe('with sendActivationEmail on (site "Acme" at https://app.example.test)', () => {
  const server = withTestServer({ sendActivationEmail: true, frontend: { domain: 'app.example.test', protocol: 'https', siteName: 'Acme' } }, { smtp });

  test('a visitor who registers gets an inactive account and an MJML activation email from Acme whose link carries their uid and a token', async () => {
    const email = 'grace@example.com';
    const registered = await register(server, { email, password: PASSWORD });
    expect(registered.__typename).toBe('RegisterSuccess');
    expect(registered.user).toMatchObject({ email, isActive: false, lastLogin: null });
    expect(registered.token).toBeNull();

    const message = await waitForActivationEmail(server, email);
    expect(message.subject).toBe('Account activation on Acme');
    const { uid, token, url } = linkParts(message);
    expect(url).toBe(`https://app.example.test/#/activate/${uid}/${token}`);
    expect(Buffer.from(uid, 'base64url').toString('utf8')).toBe(registered.user.id);
    expect(message.text).toContain(`https://app.example.test/#/activate/${uid}/${token}`);
    expect(message.html).toContain(`https://app.example.test/#/activate/${uid}/${token}`);
    expect(message.html).toContain(`href="https://app.example.test/#/activate/${uid}/${token}"`);
    // The HTML part is MJML's output, not the text body pasted in.
    expect(message.html).toMatch(/<!doctype html>/i);
    expect(message.html).toMatch(/<table[\s>]/i);
    expect(message.html).not.toMatch(/<mj-/);
    expect(message.html).toContain('Acme');
    expect(smtp.emailsTo(email)).toHaveLength(1);
  });

  test('a user who registered cannot log in until they follow the activation link, and then can', async () => {
    const email = 'hopper@example.com';
    const registered = await register(server, { email, password: PASSWORD });
    expect(registered.user.isActive).toBe(false);

    expect(await loginAnswer(server, email)).toEqual(invalidCredentials);
    // The same answer as a wrong password: nothing tells that the account exists.
    expect(await loginAnswer(server, email, 'not the password at all')).toEqual(invalidCredentials);

    const { uid, token } = linkParts(await waitForActivationEmail(server, email));
    expect(await loginAnswer(server, email)).toEqual(invalidCredentials);

    const activated = await activate(server, uid, token);
    expect(activated).toEqual({ __typename: 'ActivateSuccess', token: null, user: { id: registered.user.id, isActive: true } });

    const loggedIn = await loginAnswer(server, email);
    expect(loggedIn.__typename).toBe('LoginSuccess');
    const me = await server.gql(ME, {}, { token: loggedIn.token });
    expect(me.data.me).toMatchObject({ id: registered.user.id, email, isActive: true });
  });

  test('a user who registered can activate once, and the second activation with the same link is refused as stale', async () => {
    const email = 'lovelace@example.com';
    const { activated, uid, token } = await registerAndActivate(server, email);
    expect(activated.__typename).toBe('ActivateSuccess');
    expect(activated.user.isActive).toBe(true);

    expect(await activate(server, uid, token)).toEqual(stale);
    // Still active and able to log in: the refused second click changed nothing.
    expect((await loginAnswer(server, email)).__typename).toBe('LoginSuccess');
  });

  test('a tampered, foreign, expired or wrong-purpose link is refused with INVALID_UID or INVALID_TOKEN, and a correctly made fresh one is accepted', async () => {
    const email = 'turing@example.com';
    const registered = await register(server, { email, password: PASSWORD });
    const userId: string = registered.user.id;
    const { uid, token } = linkParts(await waitForActivationEmail(server, email));

    // The uid part of the link.
    expect(await activate(server, 'not a uid!', token)).toEqual(invalidUid);
    expect(await activate(server, `${uid}x`, token)).toEqual(invalidUid);
    expect(await activate(server, '', token)).toEqual(invalidUid);
    const unknownId = '0123456789abcdef01234567';
    expect(unknownId).not.toBe(userId);
    expect(await activate(server, base64url(unknownId), token)).toEqual(invalidUid);

    // The token part of the link.
    expect(await activate(server, uid, 'garbage')).toEqual(invalidToken);
    expect(await activate(server, uid, '')).toEqual(invalidToken);
    const lastChar = token.slice(-1);
    const tampered = token.slice(0, -1) + (lastChar === 'A' ? 'B' : 'A');
    expect(await activate(server, uid, tampered)).toEqual(invalidToken);

    // Tokens made the way authql makes them: purpose, user id, the user's fingerprint, issue time.
    const user = await server.store.users.findUserById(userId);
    expect(user).not.toBeNull();
    const lifetime = server.auth.config.tokenLifetimes.activation;
    expect(lifetime).toBe(3 * 86400);
    const activationPrint = userFingerprint('activation', user!);
    const expired = makeOneTimeToken(TEST_SECRET, 'activation', userId, activationPrint, nowSeconds() - lifetime - 120);
    expect(await activate(server, uid, expired)).toEqual(invalidToken);

    const forPasswordReset = makeOneTimeToken(TEST_SECRET, 'passwordReset', userId, userFingerprint('passwordReset', user!), nowSeconds());
    expect(await activate(server, uid, forPasswordReset)).toEqual(invalidToken);
    const resetPurposeActivationPrint = makeOneTimeToken(TEST_SECRET, 'passwordReset', userId, activationPrint, nowSeconds());
    expect(await activate(server, uid, resetPurposeActivationPrint)).toEqual(invalidToken);

    const otherSecret = makeOneTimeToken(`${TEST_SECRET}-other`, 'activation', userId, activationPrint, nowSeconds());
    expect(await activate(server, uid, otherSecret)).toEqual(invalidToken);

    // None of that activated the account.
    expect(await loginAnswer(server, email)).toEqual(invalidCredentials);

    // The same construction, issued now and still within its lifetime, is what a real link is: accepted.
    const fresh = makeOneTimeToken(TEST_SECRET, 'activation', userId, activationPrint, nowSeconds() - lifetime + 300);
    expect(await activate(server, uid, fresh)).toEqual({ __typename: 'ActivateSuccess', token: null, user: { id: userId, isActive: true } });
    expect((await loginAnswer(server, email)).__typename).toBe('LoginSuccess');
  });

  test('asking for the activation email again answers ok for anyone, but only a never-activated user receives one, and its link activates them', async () => {
    const unknown = 'nobody-here@example.com';
    const active = 'already-active@example.com';
    const inactive = 'still-inactive@example.com';

    const { activated } = await registerAndActivate(server, active);
    expect(activated.__typename).toBe('ActivateSuccess');
    const registered = await register(server, { email: inactive, password: PASSWORD });
    const first = linkParts(await waitForActivationEmail(server, inactive, 1));
    await deliverEverythingQueued(server);
    expect(smtp.emailsTo(active)).toHaveLength(1);
    expect(smtp.emailsTo(inactive)).toHaveLength(1);

    const ok = { __typename: 'ResendActivationSuccess', ok: true };
    expect(await resendActivation(server, unknown)).toEqual(ok);
    expect(await resendActivation(server, active)).toEqual(ok);
    // Looked up like the login: trimmed and case-insensitive.
    expect(await resendActivation(server, `  ${inactive.toUpperCase()} `)).toEqual(ok);

    const resent = await waitForActivationEmail(server, inactive, 2);
    await deliverEverythingQueued(server);
    expect(smtp.emailsTo(unknown)).toHaveLength(0);
    expect(smtp.emailsTo(active)).toHaveLength(1);
    expect(smtp.emailsTo(inactive)).toHaveLength(2);
    expect(resent.subject).toBe('Account activation on Acme');

    const { uid, token } = linkParts(resent);
    expect(uid).toBe(first.uid);
    expect(await activate(server, uid, token)).toEqual({ __typename: 'ActivateSuccess', token: null, user: { id: registered.user.id, isActive: true } });
    expect((await loginAnswer(server, inactive)).__typename).toBe('LoginSuccess');

    // Now active: a further request sends nothing, and the first link is stale.
    expect(await resendActivation(server, inactive)).toEqual(ok);
    await deliverEverythingQueued(server);
    expect(smtp.emailsTo(inactive)).toHaveLength(2);
    expect(await activate(server, first.uid, first.token)).toEqual(stale);
  });

  test('a user deactivated by staff cannot re-activate with their old link, and asking for a new one sends nothing', async () => {
    const email = 'deactivated@example.com';
    const { registered, activated, uid, token } = await registerAndActivate(server, email);
    expect(activated.__typename).toBe('ActivateSuccess');
    expect((await loginAnswer(server, email)).__typename).toBe('LoginSuccess');

    const deactivated = await server.store.users.updateUser(registered.user.id, { isActive: false, deactivatedAt: new Date() });
    expect(deactivated).toMatchObject({ id: registered.user.id, isActive: false });

    expect(await activate(server, uid, token)).toEqual(invalidToken);
    expect(await loginAnswer(server, email)).toEqual(invalidCredentials);

    expect(await resendActivation(server, email)).toEqual({ __typename: 'ResendActivationSuccess', ok: true });
    await deliverEverythingQueued(server);
    expect(smtp.emailsTo(email)).toHaveLength(1);
    expect(await loginAnswer(server, email)).toEqual(invalidCredentials);
  });

  test('every email carries a Message-ID header, the one the outbox stored for it', async () => {
    const email = 'message-id@example.com';
    await register(server, { email, password: PASSWORD });
    const first = await waitForActivationEmail(server, email, 1);
    expect(await resendActivation(server, email)).toMatchObject({ ok: true });
    const second = await waitForActivationEmail(server, email, 2);

    for (const message of [first, second]) {
      expect(message.messageId).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);
      expect(message.parsed.headers.get('message-id')).toBe(message.messageId);
    }
    expect(second.messageId).not.toBe(first.messageId);

    await deliverEverythingQueued(server); // the worker marks a message sent just after SMTP accepted it
    const stored = await server.database.collection('outbox').find({ toKey: email }).sort({ createdAt: 1 }).toArray();
    expect(stored.map((m) => m.messageId).sort()).toEqual([first.messageId, second.messageId].sort());
    expect(stored.map((m) => m.status)).toEqual(['sent', 'sent']);
  });
});

describe('with sendActivationEmail and passwordResetShowEmailNotFound on', () => {
  const server = withTestServer({ sendActivationEmail: true, passwordResetShowEmailNotFound: true }, { smtp });

  test('asking for an activation email for an address that would receive nothing is told EMAIL_NOT_FOUND, while a never-activated user still gets one', async () => {
    const notFound = {
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      fieldErrors: [{ field: 'email', code: 'EMAIL_NOT_FOUND', message: 'User with given email does not exist.' }],
    };
    expect(await resendActivation(server, 'unknown-show@example.com')).toEqual(notFound);

    const { activated } = await registerAndActivate(server, 'active-show@example.com');
    expect(activated.__typename).toBe('ActivateSuccess');
    expect(await resendActivation(server, 'active-show@example.com')).toEqual(notFound);

    const inactive = 'inactive-show@example.com';
    await register(server, { email: inactive, password: PASSWORD });
    await waitForActivationEmail(server, inactive, 1);
    expect(await resendActivation(server, inactive)).toEqual({ __typename: 'ResendActivationSuccess', ok: true });
    await waitForActivationEmail(server, inactive, 2);
    await deliverEverythingQueued(server);
    expect(smtp.emailsTo('unknown-show@example.com')).toHaveLength(0);
    expect(smtp.emailsTo('active-show@example.com')).toHaveLength(1);
  });
});

describe('with sendActivationEmail off, sendConfirmationEmail and loginAfterRegistration on', () => {
  const server = withTestServer({ sendConfirmationEmail: true, loginAfterRegistration: true }, { smtp });

  test('asking for an activation email is refused with ACTIVATION_DISABLED, for a known or an unknown address alike', async () => {
    const email = 'no-activation@example.com';
    const registered = await register(server, { email, password: PASSWORD });
    expect(registered.user.isActive).toBe(true);
    const disabled = { __typename: 'AuthError', code: 'ACTIVATION_DISABLED', message: 'Account activation is disabled.' };
    expect(await resendActivation(server, email)).toEqual(disabled);
    expect(await resendActivation(server, 'unknown-no-activation@example.com')).toEqual(disabled);
    // Checked first, before the address is even looked at.
    expect(await resendActivation(server, 'not an email')).toEqual(disabled);
    await deliverEverythingQueued(server);
    expect(smtp.emailsTo(email).filter(isActivationEmail)).toHaveLength(0);
    expect(smtp.emailsTo('unknown-no-activation@example.com')).toHaveLength(0);
  });

  test('a visitor who registers is active at once, gets the confirmation email and no activation email', async () => {
    const email = 'confirm-now@example.com';
    const registered = await register(server, { email, password: PASSWORD });
    expect(registered.user.isActive).toBe(true);

    const confirmation = await smtp.waitForEmail((e) => e.to === email && isConfirmationEmail(e));
    expect(confirmation.subject).toBe('authql - Your account has been successfully created and activated!');
    expect(confirmation.text).toContain('Your account has been created and is active!');
    expect(confirmation.html).toMatch(/<!doctype html>/i);
    await deliverEverythingQueued(server);
    expect(smtp.emailsTo(email)).toHaveLength(1);
  });

  test('with loginAfterRegistration, registering answers a session token that works for me', async () => {
    const email = 'login-after-register@example.com';
    const registered = await register(server, { email, password: PASSWORD });
    expect(registered.__typename).toBe('RegisterSuccess');
    expect(registered.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const me = await server.gql(ME, {}, { token: registered.token });
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toMatchObject({ id: registered.user.id, email, isActive: true });
  });
});

describe('with sendActivationEmail, sendConfirmationEmail and loginAfterActivation on', () => {
  const server = withTestServer({ sendActivationEmail: true, sendConfirmationEmail: true, loginAfterActivation: true }, { smtp });

  test('the confirmation email arrives only once the user has activated, not when they registered', async () => {
    const email = 'confirm-later@example.com';
    const registered = await register(server, { email, password: PASSWORD });
    expect(registered.user.isActive).toBe(false);
    expect(registered.token).toBeNull();

    const { uid, token } = linkParts(await waitForActivationEmail(server, email));
    await deliverEverythingQueued(server);
    expect(smtp.emailsTo(email).filter(isConfirmationEmail)).toHaveLength(0);
    expect(smtp.emailsTo(email)).toHaveLength(1);

    expect((await activate(server, uid, token)).__typename).toBe('ActivateSuccess');
    const confirmation = await smtp.waitForEmail((e) => e.to === email && isConfirmationEmail(e));
    expect(confirmation.subject).toBe(
      readFileSync(path.join(__dirname, '../emails/confirmation.subject'), 'utf8').trim().replace('{{siteName}}', 'authql'),
    );

    // A refused second activation sends no second confirmation.
    expect(await activate(server, uid, token)).toEqual(stale);
    await deliverEverythingQueued(server);
    expect(smtp.emailsTo(email).filter(isConfirmationEmail)).toHaveLength(1);
  });

  test('with loginAfterActivation, activating answers a session token that works for me, and the same link used again is still stale', async () => {
    const email = 'login-after-activation@example.com';
    const registered = await register(server, { email, password: PASSWORD });
    const { uid, token } = linkParts(await waitForActivationEmail(server, email));

    const activated = await activate(server, uid, token);
    expect(activated.__typename).toBe('ActivateSuccess');
    expect(activated.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const me = await server.gql(ME, {}, { token: activated.token });
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toMatchObject({ id: registered.user.id, email, isActive: true });

    // Logging in by activation stamps lastLogin (as a login does); the link must still be
    // recognised as used (stale), not as invalid.
    expect(me.data.me.lastLogin).not.toBeNull();
    const stored = await server.store.users.findUserById(registered.user.id);
    expect(stored?.isActive).toBe(true);
    expect(stored?.lastLogin).toBeInstanceOf(Date);
    expect(await activate(server, uid, token)).toEqual(stale);
  });
});
