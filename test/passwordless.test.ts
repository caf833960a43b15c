// Passwordless email sign-in (SPEC §16): a user asks for a code by email, and signs in with the
// code or with the emailed link's "Sign in" page. Real HTTP, a real database, a real SMTP server.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PASSWORD, SITE, deliveredTo, linkParts, login, nthEmail, register } from './helpers/journeys';
import { startTestServer, type GraphQLResponse, type TestServer } from './helpers/server';
import { startSmtpServer, type ReceivedEmail, type TestSmtpServer } from './helpers/smtp';
import { appCode, enableTotp, stepClock, verifyMfa } from './helpers/two-factor';
import { createUser } from './helpers/users';
import { graphql } from './generated';

jest.setTimeout(120_000);

const REQUEST_LOGIN_CODE = graphql(`mutation RequestLoginCode($input: RequestLoginCodeInput!) {
  requestLoginCode(input: $input) { __typename ... on RequestLoginCodeSuccess { ok } ... on Error { code message } }
}`);
/** loginWithCode or loginWithLink, with every answer they can give. */
const signInWith = (field: 'loginWithCode' | 'loginWithLink', type: 'LoginWithCode' | 'LoginWithLink') => `mutation ($input: ${type}Input!) {
  ${field}(input: $input) {
    __typename
    ... on ${type}Success { token access refresh user { id email emailVerified } }
    ... on MfaRequired { mfaToken methods }
    ... on Error { code message }
  }
}`;
const LOGIN_WITH_CODE = signInWith('loginWithCode', 'LoginWithCode');
const LOGIN_WITH_LINK = signInWith('loginWithLink', 'LoginWithLink');
const ME = graphql(`query PasswordlessMe { me { email emailVerified } }`);

const invalidCode = { __typename: 'AuthError', code: 'INVALID_LOGIN_CODE', message: 'Invalid, expired or already used sign-in code.' };
const isCodeEmail = (e: ReceivedEmail) => /^Your sign-in code for /.test(e.subject);
const codeIn = (email: ReceivedEmail) => /^\s{4}(\d{6})$/m.exec(email.text)![1];
const code = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code ?? null;
/** A client behind the trusted proxy, from its own IPv6 /64. */
const fromNetwork = (n: number) => ({ 'x-forwarded-for': `2001:db8:${n.toString(16)}:1::${n.toString(16)}` });

let smtp: TestSmtpServer;
const servers: TestServer[] = [];
async function serverWith(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer({ frontend: SITE, passwordless: { enabled: true }, ...options }, { smtp });
  servers.push(server);
  return server;
}
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await smtp.close();
});

/** Asks for a code and answers the email it brought (the nth login-code email to the address). */
async function requestCode(server: TestServer, email: string, nth = 1, headers?: Record<string, string>): Promise<ReceivedEmail> {
  const answer = await server.gql(REQUEST_LOGIN_CODE, { input: { email } }, { headers });
  expect(answer.data?.requestLoginCode).toEqual({ __typename: 'RequestLoginCodeSuccess', ok: true });
  return nthEmail(server, email, isCodeEmail, nth);
}

const loginWithCode = (server: TestServer, input: Record<string, unknown>, headers?: Record<string, string>) =>
  server.gql(LOGIN_WITH_CODE, { input }, { headers }).then((r) => r.data?.loginWithCode ?? { errors: r.errors!.map((e) => e.extensions?.code) });

const loginWithLink = (server: TestServer, input: Record<string, unknown>) =>
  server.gql(LOGIN_WITH_LINK, { input }).then((r) => r.data?.loginWithLink ?? { errors: r.errors!.map((e) => e.extensions?.code) });
const invalidLink = { __typename: 'AuthError', code: 'INVALID_TOKEN', message: 'Invalid token for given user.' };

describe('sign-in by a code sent by email', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWith();
  });

  test('a known user asks for a code, gets it by email (MJML and text, with a link to the SPA), and signs in with it; the address is now proven', async () => {
    await register(server, { email: 'ada@example.com', password: PASSWORD });
    const email = await requestCode(server, 'ada@example.com');
    expect(email.subject).toMatch(/^Your sign-in code for Acme: \d{6}$/);
    const sixDigits = codeIn(email);
    expect(email.subject).toContain(sixDigits);
    expect(email.html).toContain(sixDigits);
    expect(email.html).not.toContain('<mjml');
    const link = linkParts(email);
    expect(link.url.startsWith(`https://${SITE.domain}/#/login/link/`)).toBe(true);
    expect(email.html).toContain(link.url);
    expect(email.text).toContain('work once, for 10 minutes');

    const signedIn = await loginWithCode(server, { email: 'ADA@example.com ', code: sixDigits });
    expect(signedIn).toMatchObject({ __typename: 'LoginWithCodeSuccess', access: null, refresh: null, user: { email: 'ada@example.com', emailVerified: true } });
    const me = await server.gql(ME, {}, { token: signedIn.token });
    expect(me.data.me).toEqual({ email: 'ada@example.com', emailVerified: true });
  });

  test('an unknown address is answered the same, and nothing is sent; nor to an inactive account', async () => {
    const answer = await server.gql(REQUEST_LOGIN_CODE, { input: { email: 'nobody@example.com' } });
    expect(answer.data.requestLoginCode).toEqual({ __typename: 'RequestLoginCodeSuccess', ok: true });
    const inactiveServer = await serverWith({ sendActivationEmail: true });
    await register(inactiveServer, { email: 'sleepy@example.com', password: PASSWORD });
    expect((await inactiveServer.gql(REQUEST_LOGIN_CODE, { input: { email: 'sleepy@example.com' } })).data.requestLoginCode.ok).toBe(true);
    expect(await deliveredTo(server, 'nobody@example.com')).toBe(0);
    expect(await deliveredTo(inactiveServer, 'sleepy@example.com', isCodeEmail)).toBe(0);
    // A code for an address that has none is just wrong.
    expect(await loginWithCode(server, { email: 'nobody@example.com', code: '123456' })).toEqual(invalidCode);
  });

  // The timing itself is measured in no test (SPEC §11: speed lives in bench/): here, that no answer comes before the floor both wait for.
  test('neither a known nor an unknown address is answered before the 60 ms floor that hides the email being queued', async () => {
    await register(server, { email: 'timed@example.com', password: PASSWORD });
    const timed = async (email: string) => {
      const started = performance.now();
      const answer = await server.gql(REQUEST_LOGIN_CODE, { input: { email } });
      expect(answer.data.requestLoginCode).toEqual({ __typename: 'RequestLoginCodeSuccess', ok: true });
      return performance.now() - started;
    };
    expect(await timed('timed@example.com')).toBeGreaterThanOrEqual(60);
    expect(await timed('ghost@example.com')).toBeGreaterThanOrEqual(60);
  });

  test('a wrong code is INVALID_LOGIN_CODE; five wrong codes kill it, and then the right one fails too', async () => {
    await register(server, { email: 'guess@example.com', password: PASSWORD });
    const right = codeIn(await requestCode(server, 'guess@example.com'));
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i += 1) expect(await loginWithCode(server, { email: 'guess@example.com', code: wrong })).toEqual(invalidCode);
    // Four wrong codes leave it usable...
    const second = codeIn(await requestCode(server, 'guess@example.com', 2));
    for (let i = 0; i < 5; i += 1) expect(await loginWithCode(server, { email: 'guess@example.com', code: wrong })).toEqual(invalidCode);
    // ...the fifth kills it.
    expect(await loginWithCode(server, { email: 'guess@example.com', code: second })).toEqual(invalidCode);
  });

  test('a code works once, only for its address, and dies when a newer one is asked for', async () => {
    await register(server, { email: 'once@example.com', password: PASSWORD });
    await register(server, { email: 'other@example.com', password: PASSWORD });
    const first = codeIn(await requestCode(server, 'once@example.com'));
    const second = codeIn(await requestCode(server, 'once@example.com', 2));
    if (first !== second) expect(await loginWithCode(server, { email: 'once@example.com', code: first })).toEqual(invalidCode);
    expect(await loginWithCode(server, { email: 'other@example.com', code: second })).toEqual(invalidCode);
    expect((await loginWithCode(server, { email: 'once@example.com', code: second })).__typename).toBe('LoginWithCodeSuccess');
    expect(await loginWithCode(server, { email: 'once@example.com', code: second })).toEqual(invalidCode);
  });

  test('the emailed link signs in only through loginWithLink, once; a wrong token or a used code is INVALID_TOKEN', async () => {
    await register(server, { email: 'link@example.com', password: PASSWORD });
    const email = await requestCode(server, 'link@example.com');
    const { uid, token } = linkParts(email);
    expect(await loginWithLink(server, { uid, token: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A') })).toEqual(invalidLink);
    const signedIn = await loginWithLink(server, { uid, token });
    expect(signedIn).toMatchObject({ __typename: 'LoginWithLinkSuccess', token: expect.any(String), user: { email: 'link@example.com', emailVerified: true } });
    expect(await loginWithLink(server, { uid, token })).toEqual(invalidLink);
    // The link and the code are one: using either spends both.
    expect(await loginWithCode(server, { email: 'link@example.com', code: codeIn(email) })).toEqual(invalidCode);
    const next = await requestCode(server, 'link@example.com', 2);
    expect((await loginWithCode(server, { email: 'link@example.com', code: codeIn(next) })).__typename).toBe('LoginWithCodeSuccess');
    const { uid: nextUid, token: nextToken } = linkParts(next);
    expect(await loginWithLink(server, { uid: nextUid, token: nextToken })).toEqual(invalidLink);
  });

  test('codes and link tokens are stored as digests only, and the outbox holds neither', async () => {
    await register(server, { email: 'stored@example.com', password: PASSWORD });
    const email = await requestCode(server, 'stored@example.com');
    const { token } = linkParts(email);
    const [stored] = await server.database.collection('login_codes').find({ emailKey: 'stored@example.com' }).toArray();
    const everything = JSON.stringify(stored) + JSON.stringify(await server.database.collection('outbox').find({}).toArray());
    expect(everything).not.toContain(codeIn(email));
    expect(everything).not.toContain(token);
    expect(stored.codeDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.linkDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  test('with purpose JWT the code answers a JWT pair', async () => {
    await register(server, { email: 'jwt@example.com', password: PASSWORD });
    const answer = await loginWithCode(server, { email: 'jwt@example.com', code: codeIn(await requestCode(server, 'jwt@example.com')), purpose: 'JWT' });
    expect(answer).toMatchObject({ __typename: 'LoginWithCodeSuccess', token: null, access: expect.any(String), refresh: expect.any(String) });
    const me = await server.gql(ME, {}, { headers: { authorization: `Bearer ${answer.access}` } });
    expect(me.data.me.email).toBe('jwt@example.com');
  });

  test('the per-recipient cap holds: past it nothing is sent, the answer stays ok, and the last code sent still works', async () => {
    await register(server, { email: 'capped@example.com', password: PASSWORD });
    for (let n = 1; n <= 5; n += 1) await requestCode(server, 'capped@example.com', n);
    const fifth = codeIn(await nthEmail(server, 'capped@example.com', isCodeEmail, 5));
    expect((await server.gql(REQUEST_LOGIN_CODE, { input: { email: 'capped@example.com' } })).data.requestLoginCode.ok).toBe(true);
    expect(await deliveredTo(server, 'capped@example.com', isCodeEmail)).toBe(5);
    expect((await loginWithCode(server, { email: 'capped@example.com', code: fifth })).__typename).toBe('LoginWithCodeSuccess');
  });
});

test('a user with TOTP signs in with the code and still owes the second factor (MfaRequired)', async () => {
  const clock = stepClock();
  const server = await serverWith({ clock: clock.now });
  const user = await createUser(server, 'totp@example.com', { password: PASSWORD });
  const { secret } = await enableTotp(server, user, clock.now());
  clock.advance(30);
  const answer = await loginWithCode(server, { email: 'totp@example.com', code: codeIn(await requestCode(server, 'totp@example.com')) });
  expect(answer).toEqual({ __typename: 'MfaRequired', mfaToken: expect.any(String), methods: ['TOTP', 'RECOVERY_CODE'] });
  const verified = await verifyMfa(server, answer.mfaToken, appCode(secret, clock.now()));
  expect(verified.token).toEqual(expect.any(String));
});

test('wrong codes count as failed logins: the lockout per network, and the ceiling per account across networks', async () => {
  const server = await serverWith({
    trustProxy: true,
    rateLimits: {
      login: { perAccount: '1000/1m', perIp: '1000/1m' },
      emailRequests: { perIp: '1000/10m' },
      lockout: { failures: 3, duration: '15m', accountFailures: 6 },
    },
  });
  await register(server, { email: 'locked@example.com', password: PASSWORD });
  const wrongFrom = async (network: number) => {
    const right = codeIn(await requestCode(server, 'locked@example.com', smtp.emailsTo('locked@example.com').filter(isCodeEmail).length + 1, fromNetwork(network)));
    return { right, answer: await loginWithCode(server, { email: 'locked@example.com', code: right === '999999' ? '000000' : '999999' }, fromNetwork(network)) };
  };
  // Three wrong codes from one network lock the account there, for codes and passwords alike.
  for (let i = 0; i < 3; i += 1) expect((await wrongFrom(1)).answer).toEqual(invalidCode);
  const { right } = await wrongFrom(1);
  expect((await loginWithCode(server, { email: 'locked@example.com', code: right }, fromNetwork(1))).errors).toEqual(['RATE_LIMITED']);
  expect(code(await server.gql(graphql(`mutation LoginTypename($input: LoginInput!) { login(input: $input) { __typename } }`), { input: { email: 'locked@example.com', password: PASSWORD } }, { headers: fromNetwork(1) }))).toBe('RATE_LIMITED');
  // Two networks more, three each... the sixth failure reaches the ceiling: every network is paused.
  for (let i = 0; i < 2; i += 1) expect((await wrongFrom(2)).answer).toEqual(invalidCode);
  expect((await wrongFrom(3)).answer).toEqual(invalidCode);
  const fromElsewhere = await wrongFrom(4);
  expect(fromElsewhere.answer.errors).toEqual(['RATE_LIMITED']);
  expect((await loginWithCode(server, { email: 'locked@example.com', code: fromElsewhere.right }, fromNetwork(5))).errors).toEqual(['RATE_LIMITED']);
});

test('requestLoginCode counts against the email-request limit, loginWithLink against the confirm limit', async () => {
  const server = await serverWith({ rateLimits: { emailRequests: { perIp: '2/10m' }, confirm: { perIp: '2/10m' } } });
  await register(server, { email: 'limited@example.com', password: PASSWORD });
  const { uid, token } = linkParts(await requestCode(server, 'limited@example.com'));
  expect((await server.gql(REQUEST_LOGIN_CODE, { input: { email: 'nobody-limited@example.com' } })).data.requestLoginCode.ok).toBe(true);
  const third = await server.gql(REQUEST_LOGIN_CODE, { input: { email: 'limited@example.com' } });
  expect(code(third)).toBe('RATE_LIMITED');
  expect(third.status).toBe(200);
  for (let i = 0; i < 2; i += 1) expect(await loginWithLink(server, { uid, token: `${token}x` })).toEqual(invalidLink);
  expect((await loginWithLink(server, { uid, token })).errors).toEqual(['RATE_LIMITED']);
});

test('in cookie mode the code sign-in sets the httpOnly session cookie and answers no token', async () => {
  const server = await serverWith({ cookies: { enabled: true } });
  await register(server, { email: 'cookie@example.com', password: PASSWORD });
  const sixDigits = codeIn(await requestCode(server, 'cookie@example.com'));
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN_WITH_CODE, variables: { input: { email: 'cookie@example.com', code: sixDigits } } }),
  });
  const answer = (await response.json()).data.loginWithCode;
  expect(answer).toMatchObject({ __typename: 'LoginWithCodeSuccess', token: null });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('authql_session='))!;
  expect(cookie).toMatch(/HttpOnly/i);
  const me = await server.gql(ME, {}, { headers: { cookie: cookie.split(';')[0], origin: new URL(server.url).origin } });
  expect(me.data.me.email).toBe('cookie@example.com');
});

test('with passwordless off the mutations answer PASSWORDLESS_DISABLED and send nothing', async () => {
  const server = await serverWith({ passwordless: { enabled: false } });
  await register(server, { email: 'off@example.com', password: PASSWORD });
  const answer = await server.gql(REQUEST_LOGIN_CODE, { input: { email: 'off@example.com' } });
  expect(answer.data.requestLoginCode).toEqual({ __typename: 'AuthError', code: 'PASSWORDLESS_DISABLED', message: 'Sign-in by email code is turned off.' });
  expect(await deliveredTo(server, 'off@example.com', isCodeEmail)).toBe(0);
  expect(await login(server, { email: 'off@example.com', password: PASSWORD })).toEqual(expect.any(String));
});

describe('passwordless.allowSignup', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWith({ passwordless: { enabled: true, allowSignup: true }, sendActivationEmail: true });
  });
  const usersWith = (email: string) => server.database.collection('users').countDocuments({ loginKey: email });

  test('an unknown address gets a code too; the account is created only when the code is used: active, proven, without a password', async () => {
    const email = await requestCode(server, 'newcomer@example.com');
    expect(await usersWith('newcomer@example.com')).toBe(0);
    const answer = await loginWithCode(server, { email: 'newcomer@example.com', code: codeIn(email) });
    expect(answer).toMatchObject({ __typename: 'LoginWithCodeSuccess', user: { email: 'newcomer@example.com', emailVerified: true } });
    expect((await server.gql(ME, {}, { token: answer.token })).data.me).toEqual({ email: 'newcomer@example.com', emailVerified: true });
    expect(await usersWith('newcomer@example.com')).toBe(1);
    const [registered] = await server.database.collection('audit_events').find({ type: 'REGISTERED', detail: 'PASSWORDLESS' }).toArray();
    expect(String(registered.subjectId)).toBe(answer.user.id);
    // No password opens it; the next code signs in to the same account.
    const byPassword = await server.gql(graphql(`mutation PasswordlessLogin2($input: LoginInput!) { login(input: $input) { __typename ... on AuthError { code } } }`), { input: { email: 'newcomer@example.com', password: '!passwordless' } });
    expect(byPassword.data.login).toEqual({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS' });
    const again = await loginWithCode(server, { email: 'newcomer@example.com', code: codeIn(await requestCode(server, 'newcomer@example.com', 2)) });
    expect(again.user.id).toBe(answer.user.id);
  });

  test('a link used for sign-up creates the account as the code would', async () => {
    const { uid, token } = linkParts(await requestCode(server, 'linked-newcomer@example.com'));
    expect(await usersWith('linked-newcomer@example.com')).toBe(0);
    const answer = await server.gql(LOGIN_WITH_LINK, { input: { uid, token } });
    expect(answer.data.loginWithLink).toMatchObject({ __typename: 'LoginWithLinkSuccess', user: { email: 'linked-newcomer@example.com', emailVerified: true } });
  });

  test('an address registered after its sign-up code was sent is not taken over by the code; an unactivated account gets no code', async () => {
    const email = await requestCode(server, 'race@example.com');
    await register(server, { email: 'race@example.com', password: PASSWORD });
    expect(await loginWithCode(server, { email: 'race@example.com', code: codeIn(email) })).toEqual(invalidCode);
    expect(await usersWith('race@example.com')).toBe(1);
    // That account waits for its activation: asking for a code sends nothing.
    await server.gql(REQUEST_LOGIN_CODE, { input: { email: 'race@example.com' } });
    expect(await deliveredTo(server, 'race@example.com', isCodeEmail)).toBe(1);
  });
});

test('the login-code email is overridable like the others (email.templatesDir)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'authql-login-code-'));
  try {
    writeFileSync(path.join(dir, 'login-code.subject'), '{{siteName}} code {{code}}');
    writeFileSync(path.join(dir, 'login-code.txt'), 'Code: {{code}}\nLink: {{url}}\n');
    const server = await serverWith({ email: { templatesDir: dir } });
    await register(server, { email: 'custom@example.com', password: PASSWORD });
    await server.gql(REQUEST_LOGIN_CODE, { input: { email: 'custom@example.com' } });
    const email = await nthEmail(server, 'custom@example.com', (e) => /^Acme code \d{6}$/.test(e.subject));
    const typed = /^Code: (\d{6})$/m.exec(email.text)![1];
    expect(email.subject).toBe(`Acme code ${typed}`);
    expect(email.html).toContain(typed);
    expect((await loginWithCode(server, { email: 'custom@example.com', code: typed })).__typename).toBe('LoginWithCodeSuccess');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
