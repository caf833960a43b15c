// Guessing that spreads out or piles up: many networks against one account meet a ceiling per
// account (NIST SP 800-63B §5.2.2: rateLimits.lockout.accountFailures), which tells the owner
// and ends with a reset by emailed link or a user-verified passkey; and guesses sent all at once
// are counted before they are checked, so no more run than the limits allow.
// Real HTTP, a real database and SMTP server; time moves with the injected clock.
import { PasskeyLoginOptionsDocument } from '../src/client/generated/graphql';
import { invalidPassword } from './helpers/answers';
import { SoftwareAuthenticator } from './helpers/authenticator';
import { LOGIN, NEW_PASSWORD, RESET_EMAIL_CONFIRM, RESET_PASSWORD_CONFIRM, SITE, deliveredTo, linkParts, mutate, nthEmail } from './helpers/journeys';
import { withTestServers, type GraphQLResponse, type TestServer } from './helpers/server';
import { appCode, enableTotp, invalidMfaToken, invalidOtp, mfaTokenFor, stepClock, verifyMfa } from './helpers/two-factor';
import { createUser } from './helpers/users';
import { mailerOf } from '../src/auth';
import { graphql } from './generated';

jest.setTimeout(120_000);

const serverWith = withTestServers({ frontend: SITE });

const ORIGIN = `${SITE.protocol}://${SITE.domain}`;
const WRONG = 'not the password at all';
/** A client behind the trusted proxy, from its own IPv6 /64. */
const fromNetwork = (n: number) => ({ 'x-forwarded-for': `2001:db8:${n.toString(16)}:1::${n.toString(16)}` });
const code = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code ?? null;
const isPauseNotice = (e: { subject: string; text: string }) => /Security notice/.test(e.subject) && /paused after many wrong passwords or codes/.test(e.text);
const isResetEmail = (e: { subject: string }) => /password reset/i.test(e.subject);

const SET_PASSWORD = graphql(`mutation AccountTakeoverSetPassword($input: SetPasswordInput!) {
  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { fieldErrors { field code message } } }
}`);
const RESET_PASSWORD = graphql(`mutation ResetPasswordTypename($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename } }`);
const RESET_EMAIL = graphql(`mutation LockoutCeilingResetEmail($input: ResetEmailInput!) { resetEmail(input: $input) { __typename } }`);
const PASSKEY_LOGIN = graphql(`mutation LockoutCeilingPasskeyLogin($input: PasskeyLoginInput!) { passkeyLogin(input: $input) { __typename ... on AuthError { code } } }`);
const REGISTRATION_OPTIONS = graphql(`mutation RegistrationOptions { passkeyRegistrationOptions { __typename ... on PasskeyRegistrationOptionsSuccess { options } } }`);
const PASSKEY_REGISTER = graphql(`mutation PasskeyRegister($input: PasskeyRegisterInput!) { passkeyRegister(input: $input) { __typename } }`);

/** Failures 3 per network, a ceiling of 12 per account; the request limits out of the way. */
const CEILING = {
  trustProxy: true,
  rateLimits: {
    login: { perAccount: '1000/1m', perIp: '1000/1m' },
    confirm: { perIp: '1000/10m' },
    emailRequests: { perIp: '1000/10m' },
    lockout: { failures: 3, duration: '15m', accountFailures: 12 },
  },
};

const loginFrom = (server: TestServer, email: string, password: string, network: number) =>
  server.gql(LOGIN, { input: { email, password } }, { headers: fromNetwork(network) });

/** 12 wrong passwords, two from each of six networks: no network reaches its own lockout (3). */
async function guessFromSixNetworks(server: TestServer, email: string): Promise<string[]> {
  const answers: string[] = [];
  for (let network = 1; network <= 6; network += 1) {
    for (let n = 0; n < 2; n += 1) {
      const response = await loginFrom(server, email, WRONG, network);
      answers.push(code(response) ?? response.data.login.code);
    }
  }
  return answers;
}

/** The owner resets the password from the emailed link. */
async function resetByEmail(server: TestServer, email: string, network: number) {
  await server.gql(RESET_PASSWORD, { input: { email } }, { headers: fromNetwork(network) });
  const { uid, token } = linkParts(await nthEmail(server, email, isResetEmail));
  expect((await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token, newPassword: NEW_PASSWORD })).__typename).toBe('ResetPasswordConfirmSuccess');
}

describe('a ceiling per account, across networks', () => {
  test('12 wrong passwords from six /64s pause the account everywhere, even for the right password from a new network; the owner is told; a completed reset ends it', async () => {
    const server = await serverWith(CEILING);
    const owner = await createUser(server, 'spread@example.com');
    expect(await guessFromSixNetworks(server, owner.email)).toEqual(Array(12).fill('INVALID_CREDENTIALS'));

    const fresh = await loginFrom(server, owner.email, owner.password, 99);
    expect(code(fresh)).toBe('RATE_LIMITED');
    expect(fresh.status).toBe(200);
    expect(fresh.errors![0].extensions!.retryAfter).toBe(900);
    // Password checks behind a session are paused too.
    const behindSession = await server.gql(SET_PASSWORD, { input: { newPassword: NEW_PASSWORD, currentPassword: owner.password } }, { token: owner.token, headers: fromNetwork(98) });
    expect(code(behindSession)).toBe('RATE_LIMITED');

    const notice = await nthEmail(server, owner.email, isPauseNotice);
    expect(notice.text).toContain('for 15 minutes; a password reset by email or a passkey sign-in ends the pause');
    expect(notice.text).not.toContain(WRONG);
    // The audit log tells the ceiling apart from a lock for one network.
    const locked = await server.database.collection('audit_events').find({ type: 'ACCOUNT_LOCKED' }).toArray();
    expect(locked.map((e) => [e.detail, String(e.subjectId)])).toEqual([['ACCOUNT_CEILING', owner.id]]);

    await resetByEmail(server, owner.email, 99);
    expect((await loginFrom(server, owner.email, NEW_PASSWORD, 99)).data.login.__typename).toBe('LoginSuccess');
    expect((await loginFrom(server, owner.email, NEW_PASSWORD, 1)).data.login.__typename).toBe('LoginSuccess');
    // One notice for the one pause.
    expect(await deliveredTo(server, owner.email, isPauseNotice)).toBe(1);
  });

  test('an unknown account meets the same ceiling with the same answers, and no email goes anywhere', async () => {
    const server = await serverWith(CEILING);
    await createUser(server, 'known@example.com', { password: 'a known passphrase 1234' });
    const known = [...(await guessFromSixNetworks(server, 'known@example.com')), code(await loginFrom(server, 'known@example.com', 'a known passphrase 1234', 99))];
    const unknown = [...(await guessFromSixNetworks(server, 'nobody@example.com')), code(await loginFrom(server, 'nobody@example.com', 'anything at all 1234', 99))];
    expect(unknown).toEqual(known);
    expect(unknown.at(-1)).toBe('RATE_LIMITED');
    await mailerOf(server.auth).flush();
    expect(server.smtp.received.filter(isPauseNotice).map((e) => e.to)).toEqual(['known@example.com']);
  });

  test('when the pause ends, the count goes on: one more wrong guess pauses the account again at once; the right password, once through, starts the count anew', async () => {
    const clock = stepClock();
    const server = await serverWith({ ...CEILING, clock: clock.now });
    const owner = await createUser(server, 'patient@example.com');
    await guessFromSixNetworks(server, owner.email);
    expect(code(await loginFrom(server, owner.email, owner.password, 99))).toBe('RATE_LIMITED');

    clock.advance(15 * 60);
    expect((await loginFrom(server, owner.email, WRONG, 7)).data.login.code).toBe('INVALID_CREDENTIALS');
    expect(code(await loginFrom(server, owner.email, owner.password, 99))).toBe('RATE_LIMITED');
    expect(code(await loginFrom(server, owner.email, WRONG, 8))).toBe('RATE_LIMITED');

    clock.advance(15 * 60);
    expect((await loginFrom(server, owner.email, owner.password, 99)).data.login.__typename).toBe('LoginSuccess');
    // The owner's login reset the count: eleven failures do not pause it again.
    for (let network = 1; network <= 11; network += 1) expect((await loginFrom(server, owner.email, WRONG, 20 + network)).data.login.code).toBe('INVALID_CREDENTIALS');
    expect((await loginFrom(server, owner.email, owner.password, 99)).data.login.__typename).toBe('LoginSuccess');
    // The owner was told once, not at every pause.
    expect(await deliveredTo(server, owner.email, isPauseNotice)).toBe(1);
  });

  test('12 wrong TOTP codes from six /64s, with the right password, pause the account: a new login and the right code are refused from a new network; a completed reset ends it', async () => {
    const clock = stepClock();
    const server = await serverWith({ ...CEILING, clock: clock.now });
    const owner = await createUser(server, 'codes@example.com');
    const { secret } = await enableTotp(server, owner, clock.now());
    clock.advance(30);
    const right = appCode(secret, clock.now());
    const wrong = ['000000', '111111', '222222'].find((c) => ![-1, 0, 1].some((s) => appCode(secret, clock.now(), s) === c))!;
    // The owner's own second step, started before the attack.
    const ownerToken = await mfaTokenFor(server, owner.email, owner.password, fromNetwork(99));

    for (let network = 1; network <= 6; network += 1) {
      const mfaToken = await mfaTokenFor(server, owner.email, owner.password, fromNetwork(network));
      for (let n = 0; n < 2; n += 1) expect(await verifyMfa(server, mfaToken, wrong, fromNetwork(network))).toEqual(invalidOtp);
    }
    expect(await verifyMfa(server, ownerToken, right, fromNetwork(99))).toEqual({ errors: ['RATE_LIMITED'] });
    expect(code(await loginFrom(server, owner.email, owner.password, 97))).toBe('RATE_LIMITED');
    await nthEmail(server, owner.email, isPauseNotice);

    await resetByEmail(server, owner.email, 99);
    const mfaToken = await mfaTokenFor(server, owner.email, NEW_PASSWORD, fromNetwork(99));
    expect((await verifyMfa(server, mfaToken, right, fromNetwork(99))).__typename).toBe('VerifyMfaSuccess');
  });

  test('a completed email reset by emailed link ends the pause too: the old address (the new one still pending) logs in again', async () => {
    const server = await serverWith(CEILING);
    const owner = await createUser(server, 'mover@example.com');
    await guessFromSixNetworks(server, owner.email);
    expect(code(await loginFrom(server, owner.email, owner.password, 99))).toBe('RATE_LIMITED');

    await server.gql(RESET_EMAIL, { input: { email: owner.email } }, { headers: fromNetwork(99) });
    const { uid, token } = linkParts(await nthEmail(server, owner.email, (e) => /email reset/i.test(e.subject)));
    expect((await mutate(server, RESET_EMAIL_CONFIRM, { uid, token, newEmail: 'mover@new.example' })).__typename).toBe('ResetEmailConfirmSuccess');
    expect((await loginFrom(server, owner.email, owner.password, 99)).data.login.__typename).toBe('LoginSuccess');
  });

  test('a sign-in with a user-verified passkey ends the pause: the password works again from everywhere', async () => {
    const server = await serverWith(CEILING);
    const owner = await createUser(server, 'keyholder@example.com');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const registrationOptions = (await server.gql(REGISTRATION_OPTIONS, {}, { token: owner.token })).data.passkeyRegistrationOptions.options;
    const registered = await server.gql(PASSKEY_REGISTER, { input: { response: authenticator.register(registrationOptions), name: 'Phone' } }, { token: owner.token });
    expect(registered.data.passkeyRegister.__typename).toBe('PasskeyRegisterSuccess');

    await guessFromSixNetworks(server, owner.email);
    expect(code(await loginFrom(server, owner.email, owner.password, 99))).toBe('RATE_LIMITED');

    const options = (await server.gql(PasskeyLoginOptionsDocument, {}, { headers: fromNetwork(99) })).data?.passkeyLoginOptions.options;
    const signedIn = await server.gql(PASSKEY_LOGIN, { input: { response: authenticator.assert(options) } }, { headers: fromNetwork(99) });
    expect(signedIn.data.passkeyLogin.__typename).toBe('PasskeyLoginSuccess');
    expect((await loginFrom(server, owner.email, owner.password, 98)).data.login.__typename).toBe('LoginSuccess');
    expect((await loginFrom(server, owner.email, owner.password, 1)).data.login.__typename).toBe('LoginSuccess');
  });
});

describe('counted before checked', () => {
  test('40 wrong currentPasswords sent at once on one account: at most 10 (lockout.failures) are checked, the rest are RATE_LIMITED', async () => {
    const server = await serverWith({ rateLimits: {} });
    const owner = await createUser(server, 'rushed.session@example.com');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        server.gql(SET_PASSWORD, { input: { newPassword: NEW_PASSWORD, currentPassword: `wrong guess ${n} abcdef` } }, { token: owner.token }),
      ),
    );
    const outcomes = answers.map((answer) => code(answer) ?? answer.data.setPassword.fieldErrors[0].code);
    expect(outcomes.filter((o) => o === 'INVALID_PASSWORD')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(30);
    const checked = answers.find((answer) => !answer.errors)!;
    expect(checked.data.setPassword.fieldErrors).toEqual([invalidPassword]);
    // The password never changed; from this network the account is locked now.
    expect(code(await server.gql(LOGIN, { input: { email: owner.email, password: owner.password } }))).toBe('RATE_LIMITED');
  });

  test('12 wrong codes sent at once with one mfaToken: at most 5 are compared (INVALID_OTP); then the token is dead, even for the right code', async () => {
    // Request limits off: the mfaToken's own limit holds however the codes arrive.
    const clock = stepClock();
    const server = await serverWith({ clock: clock.now });
    const owner = await createUser(server, 'rushed.codes@example.com');
    const { secret } = await enableTotp(server, owner, clock.now());
    clock.advance(30);
    const right = appCode(secret, clock.now());
    const wrongCodes = Array.from({ length: 12 }, (_, n) => String(100000 + n * 7919)).filter((c) => ![-1, 0, 1].some((s) => appCode(secret, clock.now(), s) === c));
    const mfaToken = await mfaTokenFor(server, owner.email, owner.password);

    const answers = await Promise.all(wrongCodes.map((c) => verifyMfa(server, mfaToken, c)));
    expect(answers.filter((a) => a.code === 'INVALID_OTP')).toHaveLength(5);
    expect(answers.filter((a) => a.code === 'INVALID_MFA_TOKEN')).toHaveLength(wrongCodes.length - 5);
    expect(await verifyMfa(server, mfaToken, right)).toEqual(invalidMfaToken);
    // A new login starts a new count.
    const again = await mfaTokenFor(server, owner.email, owner.password);
    expect((await verifyMfa(server, again, right)).__typename).toBe('VerifyMfaSuccess');
  });
});
