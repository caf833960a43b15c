// Rate limits: login per account and per IP, register per IP, the email-sending
// mutations per IP, progressive lockout; configurable, switchable, windows that end, counters
// shared by every instance on one database (two real `authql serve` processes), trustProxy.
// Real HTTP, a real database; time moves through the `clock` option, never by sleeping.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ipGroup } from '../src/accounts/rate-limits';
import { freePort } from '../src/cli/embedded-db';
import { clientIp } from '../src/graphql/context';
import { cliEnv, startCli, stopAllCli, waitFor } from './helpers/cli';
import { connectTestDatabase } from './helpers/database';
import { LOGIN, PASSWORD, REGISTER, register } from './helpers/journeys';
import { withTempDir } from './helpers/resources';
import { queryOf, startTestServer, testDatabaseUri, TEST_SECRET, uniqueDbName, type Document, type GraphQLResponse, type TestServer } from './helpers/server';
import { graphql } from './generated';

jest.setTimeout(120_000);

const WRONG = 'not the password at all';

/** A clock frozen at the start of an hour: every window (1m, 10m, 15m, 1h) starts there, so none ends mid-story. */
function testClock() {
  let now = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 1_000;
  return {
    now: () => new Date(now),
    at: now,
    advance(seconds: number) {
      now += seconds * 1000;
    },
  };
}

const servers: TestServer[] = [];
async function serverWith(options: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
afterAll(async () => {
  await stopAllCli();
});

/** What the user sees of a login: LoginSuccess, an AuthError/ValidationError code, or a top-level error code. */
function outcome(response: GraphQLResponse, field = 'login'): string {
  if (response.errors?.length) return String(response.errors[0].extensions?.code);
  const result = response.data[field];
  return result.__typename.endsWith('Success') ? result.__typename : result.code;
}

/** A RATE_LIMITED answer as a JSON client sees it: HTTP 200 (GraphQL over HTTP), Retry-After, and extensions.retryAfter; returns retryAfter. */
function expectRateLimited(response: GraphQLResponse): number {
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  expect(error.extensions?.code).toBe('RATE_LIMITED');
  const retryAfter = error.extensions?.retryAfter as number;
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(response.status).toBe(200);
  expect(response.headers.get('retry-after')).toBe(String(retryAfter));
  return retryAfter;
}

const loginAs = (server: TestServer, email: string, password: string, headers?: Record<string, string>) =>
  server.gql(LOGIN, { input: { email, password } }, { headers });

const RESEND_ACTIVATION = graphql(`mutation ResendActivationCode($input: ResendActivationInput!) { resendActivation(input: $input) { __typename ... on Error { code } } }`);
const RESET_PASSWORD = graphql(`mutation ResetPasswordCode($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on Error { code } } }`);
const RESET_EMAIL = graphql(`mutation ResetEmailCode($input: ResetEmailInput!) { resetEmail(input: $input) { __typename ... on Error { code } } }`);
/** Read by name: the three answers have different shapes. */
const EMAIL_REQUESTS: [string, Document][] = [
  ['resendActivation', RESEND_ACTIVATION],
  ['resetPassword', RESET_PASSWORD],
  ['resetEmail', RESET_EMAIL],
];

async function userCount(server: TestServer): Promise<number> {
  return server.database.collection('users').countDocuments();
}

describe('the default limits', () => {
  test('an attacker guessing one account\'s password gets 10 tries a minute: the 11th is RATE_LIMITED (Retry-After), while another account from the same IP still gets INVALID_CREDENTIALS', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: {}, clock: clock.now });
    await register(server, { email: 'victim@example.com', password: PASSWORD });
    await register(server, { email: 'bystander@example.com', password: PASSWORD });

    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expect(outcome(await loginAs(server, 'victim@example.com', WRONG))).toBe('INVALID_CREDENTIALS');
    }
    const eleventh = await loginAs(server, 'victim@example.com', WRONG);
    const retryAfter = expectRateLimited(eleventh);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another spelling of the same account is the same account.
    expectRateLimited(await loginAs(server, '  VICTIM@Example.com ', WRONG));

    // The limit is per account: the same IP may still try another account.
    expect(outcome(await loginAs(server, 'bystander@example.com', WRONG))).toBe('INVALID_CREDENTIALS');
    expect(outcome(await loginAs(server, 'bystander@example.com', PASSWORD))).toBe('LoginSuccess');
  });

  test('40 guesses for one account sent at once are counted one by one: exactly 10 are checked, 30 are RATE_LIMITED', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: {}, clock: clock.now });
    await register(server, { email: 'rushed@example.com', password: PASSWORD });

    const answers = await Promise.all(Array.from({ length: 40 }, () => loginAs(server, 'rushed@example.com', WRONG)));
    const outcomes = answers.map((answer) => outcome(answer));
    expect(outcomes.filter((o) => o === 'INVALID_CREDENTIALS')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(30);
  });

  test('an attacker spraying passwords over many accounts from one IP is stopped by the per-IP limit (30 a minute by default)', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: {}, clock: clock.now });
    // 30 attempts spread over three accounts (10 each, under the per-account limit) all get an answer...
    for (const account of ['a', 'b', 'c']) {
      for (let attempt = 1; attempt <= 10; attempt += 1) {
        expect(outcome(await loginAs(server, `${account}@example.com`, WRONG))).toBe('INVALID_CREDENTIALS');
      }
    }
    // ...the 31st from that IP does not, whatever the account.
    expectRateLimited(await loginAs(server, 'd@example.com', WRONG));
    expectRateLimited(await loginAs(server, 'e@example.com', WRONG));
  });

  test('with a per-IP limit of 5/1m, the 6th login from one IP is refused even though every attempt was for a different account', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: { login: { perIp: '5/1m', perAccount: '100/1m' } }, clock: clock.now });
    await register(server, { email: 'real@example.com', password: PASSWORD });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect(outcome(await loginAs(server, `spray${attempt}@example.com`, WRONG))).toBe('INVALID_CREDENTIALS');
    }
    expectRateLimited(await loginAs(server, 'spray6@example.com', WRONG));
    // Even the right password of a real account is refused from that IP now.
    expectRateLimited(await loginAs(server, 'real@example.com', PASSWORD));
  });

  test('one IP may register 10 accounts an hour; the 11th registration is RATE_LIMITED and not written', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: {}, clock: clock.now });
    for (let n = 1; n <= 10; n += 1) {
      expect((await register(server, { email: `farm${n}@example.com`, password: PASSWORD })).__typename).toBe('RegisterSuccess');
    }
    const eleventh = await server.gql(REGISTER, { input: { email: 'farm11@example.com', password: PASSWORD } });
    const retryAfter = expectRateLimited(eleventh);
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await userCount(server)).toBe(10);
    expect(await server.store.users.findUserByLogin('farm11@example.com')).toBeNull();
  });

  test('resendActivation, resetPassword and resetEmail share one budget of 10 requests per 10 minutes per IP', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: {}, sendActivationEmail: true, clock: clock.now });
    // 10 requests, mixed over the three mutations, are answered ok.
    for (let n = 0; n < 10; n += 1) {
      const [name, query] = EMAIL_REQUESTS[n % 3];
      const response = await server.gql(queryOf(query), { input: { email: `someone${n}@example.com` } });
      expect(outcome(response, name)).toBe(`${name[0].toUpperCase()}${name.slice(1)}Success`);
    }
    // The 11th is refused, whichever of the three it is.
    for (const [, query] of EMAIL_REQUESTS) {
      const retryAfter = expectRateLimited(await server.gql(queryOf(query), { input: { email: 'someone-else@example.com' } }));
      expect(retryAfter).toBeLessThanOrEqual(600);
    }
    // Logging in is a different budget.
    expect(outcome(await loginAs(server, 'someone0@example.com', WRONG))).toBe('INVALID_CREDENTIALS');
  });
});

describe('configurable and switchable', () => {
  test('an operator sets every limit to 3/1m: each trips at the 4th request', async () => {
    const clock = testClock();
    const server = await serverWith({
      rateLimits: { login: { perAccount: '3/1m', perIp: '100/1m' }, register: { perIp: '3/1m' }, emailRequests: { perIp: '3/1m' } },
      clock: clock.now,
    });
    for (let n = 1; n <= 3; n += 1) {
      expect((await register(server, { email: `u${n}@example.com`, password: PASSWORD })).__typename).toBe('RegisterSuccess');
    }
    expectRateLimited(await server.gql(REGISTER, { input: { email: 'u4@example.com', password: PASSWORD } }));

    for (let n = 1; n <= 3; n += 1) expect(outcome(await loginAs(server, 'u1@example.com', WRONG))).toBe('INVALID_CREDENTIALS');
    expectRateLimited(await loginAs(server, 'u1@example.com', WRONG));
    expect(outcome(await loginAs(server, 'u2@example.com', PASSWORD))).toBe('LoginSuccess');

    for (let n = 1; n <= 3; n += 1) {
      expect(outcome(await server.gql(RESET_PASSWORD, { input: { email: 'u2@example.com' } }), 'resetPassword')).toBe('ResetPasswordSuccess');
    }
    expectRateLimited(await server.gql(RESET_PASSWORD, { input: { email: 'u2@example.com' } }));
  });

  test('the per-IP login limit is configurable too: 3/1m trips at the 4th attempt over different accounts', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: { login: { perIp: '3/1m' } }, clock: clock.now });
    for (let n = 1; n <= 3; n += 1) expect(outcome(await loginAs(server, `x${n}@example.com`, WRONG))).toBe('INVALID_CREDENTIALS');
    expectRateLimited(await loginAs(server, 'x4@example.com', WRONG));
  });

  test('with rateLimits: false, 50 wrong logins for one account are never RATE_LIMITED, and the right password still works', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: false, clock: clock.now });
    await register(server, { email: 'open@example.com', password: PASSWORD });
    const outcomes = new Set<string>();
    for (let attempt = 1; attempt <= 50; attempt += 1) outcomes.add(outcome(await loginAs(server, 'open@example.com', WRONG)));
    expect([...outcomes]).toEqual(['INVALID_CREDENTIALS']);
    expect(outcome(await loginAs(server, 'open@example.com', PASSWORD))).toBe('LoginSuccess');
    // Registrations are not limited either.
    for (let n = 1; n <= 12; n += 1) {
      expect((await register(server, { email: `many${n}@example.com`, password: PASSWORD })).__typename).toBe('RegisterSuccess');
    }
  });
});

describe('windows end', () => {
  test('a client that waits the retryAfter it was given may log in again', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: { lockout: { failures: 1000 } }, clock: clock.now });
    await register(server, { email: 'patient@example.com', password: PASSWORD });
    for (let n = 1; n <= 10; n += 1) await loginAs(server, 'patient@example.com', WRONG);
    const retryAfter = expectRateLimited(await loginAs(server, 'patient@example.com', PASSWORD));
    expect(retryAfter).toBeLessThanOrEqual(60);

    clock.advance(retryAfter - 1);
    expectRateLimited(await loginAs(server, 'patient@example.com', PASSWORD));
    clock.advance(1);
    expect(outcome(await loginAs(server, 'patient@example.com', PASSWORD))).toBe('LoginSuccess');
  });

  test('an hour after the 10th registration from an IP, that IP may register again', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: {}, clock: clock.now });
    for (let n = 1; n <= 10; n += 1) await register(server, { email: `r${n}@example.com`, password: PASSWORD });
    const retryAfter = expectRateLimited(await server.gql(REGISTER, { input: { email: 'r11@example.com', password: PASSWORD } }));
    clock.advance(retryAfter);
    expect((await register(server, { email: 'r11@example.com', password: PASSWORD })).__typename).toBe('RegisterSuccess');
  });

  test('ten minutes after the email budget ran out, a password reset can be asked for again', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: {}, clock: clock.now });
    for (let n = 1; n <= 10; n += 1) await server.gql(RESET_PASSWORD, { input: { email: `p${n}@example.com` } });
    expectRateLimited(await server.gql(RESET_PASSWORD, { input: { email: 'p11@example.com' } }));
    clock.advance(10 * 60);
    expect(outcome(await server.gql(RESET_PASSWORD, { input: { email: 'p11@example.com' } }), 'resetPassword')).toBe('ResetPasswordSuccess');
  });
});

describe('progressive lockout', () => {
  const LOCKOUT = { login: { perAccount: '1000/1m', perIp: '1000/1m' }, lockout: { failures: 10, duration: '15m' } };

  test('after 10 failed logins the account is locked for 15 minutes, even for the right password; then it opens again', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: LOCKOUT, clock: clock.now });
    await register(server, { email: 'locked@example.com', password: PASSWORD });
    for (let n = 1; n <= 10; n += 1) expect(outcome(await loginAs(server, 'locked@example.com', WRONG))).toBe('INVALID_CREDENTIALS');

    const refused = await loginAs(server, 'locked@example.com', PASSWORD);
    expect(expectRateLimited(refused)).toBe(900);
    // Other accounts are not affected.
    await register(server, { email: 'other@example.com', password: PASSWORD });
    expect(outcome(await loginAs(server, 'other@example.com', PASSWORD))).toBe('LoginSuccess');

    clock.advance(14 * 60);
    expect(expectRateLimited(await loginAs(server, 'locked@example.com', PASSWORD))).toBe(60);
    clock.advance(60);
    expect(outcome(await loginAs(server, 'locked@example.com', PASSWORD))).toBe('LoginSuccess');
  });

  test('the default limits lock too: a minute after the per-account limit tripped, the account is still locked until 15 minutes have passed', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: {}, clock: clock.now });
    await register(server, { email: 'default-lock@example.com', password: PASSWORD });
    for (let n = 1; n <= 10; n += 1) await loginAs(server, 'default-lock@example.com', WRONG);
    clock.advance(61);
    expect(expectRateLimited(await loginAs(server, 'default-lock@example.com', PASSWORD))).toBe(900 - 61);
    clock.advance(900 - 61);
    expect(outcome(await loginAs(server, 'default-lock@example.com', PASSWORD))).toBe('LoginSuccess');
  });

  test('a successful login resets the count: 9 failures, a success, 9 more failures do not lock the account', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: LOCKOUT, clock: clock.now });
    await register(server, { email: 'forgetful@example.com', password: PASSWORD });
    for (let n = 1; n <= 9; n += 1) expect(outcome(await loginAs(server, 'forgetful@example.com', WRONG))).toBe('INVALID_CREDENTIALS');
    expect(outcome(await loginAs(server, 'forgetful@example.com', PASSWORD))).toBe('LoginSuccess');
    for (let n = 1; n <= 9; n += 1) expect(outcome(await loginAs(server, 'forgetful@example.com', WRONG))).toBe('INVALID_CREDENTIALS');
    expect(outcome(await loginAs(server, 'forgetful@example.com', PASSWORD))).toBe('LoginSuccess');
    // Without that success in between, the 10th failure locks it (the control).
    for (let n = 1; n <= 10; n += 1) await loginAs(server, 'forgetful@example.com', WRONG);
    expectRateLimited(await loginAs(server, 'forgetful@example.com', PASSWORD));
  });

  test('an unknown account is locked the same way, with the same answers and retryAfter: the lockout does not tell whether an account exists', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: LOCKOUT, clock: clock.now });
    await register(server, { email: 'exists@example.com', password: PASSWORD });

    async function story(email: string, lastPassword: string) {
      const answers: unknown[] = [];
      for (let n = 1; n <= 10; n += 1) {
        const response = await loginAs(server, email, WRONG);
        answers.push({ status: response.status, data: response.data, errors: response.errors });
      }
      const last = await loginAs(server, email, lastPassword);
      answers.push({ status: last.status, data: last.data, errors: last.errors, retryAfter: last.headers.get('retry-after') });
      return answers;
    }
    const known = await story('exists@example.com', PASSWORD);
    const unknown = await story('nobody@example.com', 'anything at all');
    expect(known.at(-1)).toMatchObject({ status: 200, retryAfter: '900', errors: [{ extensions: { code: 'RATE_LIMITED', retryAfter: 900 } }] });
    expect(unknown).toEqual(known);
  });
});

describe('instances on one database share the counters', () => {
  const configDir = withTempDir('authql-rate-limits-');

  /** The first attempt (1-based) answered RATE_LIMITED, and every answer. */
  async function spray(targets: ((input: object) => Promise<{ status: number; body: any }>)[], attempts: number) {
    const answers: string[] = [];
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const { body } = await targets[attempt % targets.length]({ email: 'shared@example.com', password: WRONG });
      answers.push(body.errors?.length ? body.errors[0].extensions.code : body.data.login.code ?? body.data.login.__typename);
    }
    return { firstLimited: answers.indexOf('RATE_LIMITED') + 1, answers };
  }

  const httpLogin = (url: string) => async (input: object) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: queryOf(LOGIN), variables: { input } }) });
    return { status: response.status, body: (await response.json()) as any };
  };

  test('40 wrong logins for one account, alternating between two `authql serve` processes, are refused from the 11th on, as with one server', async () => {
    const dbName = uniqueDbName('authql_test_shared');
    const clock = testClock();
    // A JS config file, so that both processes run on the same (frozen) clock: no window ends mid-story.
    const configFile = path.join(configDir, 'authql.config.js');
    writeFileSync(
      configFile,
      `module.exports = { mongodb: { dbName: ${JSON.stringify(dbName)} }, rateLimits: {}, clock: () => new Date(${clock.at}) };\n`,
    );
    const shared = await connectTestDatabase(dbName);
    try {
      const ports = [await freePort(), await freePort()];
      const processes = ports.map((port) =>
        startCli(['serve', '--config', configFile], cliEnv({ MONGODB_URI: testDatabaseUri(), AUTH_SECRET: TEST_SECRET, HOST: '127.0.0.1', PORT: String(port) })),
      );
      for (const cli of processes) await waitFor('"serving" in the log', () => /serving/.test(cli.stdout()), 60_000, cli);
      const urls = ports.map((port) => `http://127.0.0.1:${port}/graphql`);

      // The account exists (registered on the first instance), so the story is about a real account.
      const registered = await fetch(urls[0], {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: queryOf(REGISTER), variables: { input: { email: 'shared@example.com', password: PASSWORD } } }),
      }).then((r) => r.json() as Promise<any>);
      expect(registered.data.register.__typename).toBe('RegisterSuccess');

      const two = await spray(urls.map(httpLogin), 40);
      // Both instances refuse once the shared count is reached, each answering RATE_LIMITED itself.
      const limitedOnEach = await Promise.all(urls.map((url) => httpLogin(url)({ email: 'shared@example.com', password: PASSWORD })));
      for (const answer of limitedOnEach) {
        expect(answer.status).toBe(200);
        expect(answer.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      }

      // The same story against one server.
      const single = await serverWith({ rateLimits: {}, clock: clock.now });
      await register(single, { email: 'shared@example.com', password: PASSWORD });
      const one = await spray([httpLogin(single.url)], 40);

      expect(one.firstLimited).toBe(11);
      expect(two.firstLimited).toBe(11);
      expect(two.answers).toEqual(one.answers);
      expect(two.answers.slice(0, 10)).toEqual(Array(10).fill('INVALID_CREDENTIALS'));
      expect(new Set(two.answers.slice(10))).toEqual(new Set(['RATE_LIMITED']));

      // The counters are in the one database both used.
      const counters = await shared.collection('rate_limits').find({ key: /^login:account:/ }).toArray();
      // Each hit took the next numbered slot, up to the first one over the limit; past it nothing is stored.
      expect(counters.map((c) => c.count as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    } finally {
      await stopAllCli();
      await shared.remove();
    }
  });
});

describe('the client address', () => {
  test('without trustProxy, X-Forwarded-For is ignored: a client that invents a new address per request is still counted as one', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: { login: { perIp: '5/1m', perAccount: '100/1m' } }, clock: clock.now });
    for (let n = 1; n <= 5; n += 1) {
      expect(outcome(await loginAs(server, `s${n}@example.com`, WRONG, { 'x-forwarded-for': `198.51.100.${n}` }))).toBe('INVALID_CREDENTIALS');
    }
    expectRateLimited(await loginAs(server, 's6@example.com', WRONG, { 'x-forwarded-for': '198.51.100.6' }));
  });

  test('with trustProxy: true, clients behind the proxy are counted by the address the proxy appended, and a forged earlier entry changes nothing', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: { login: { perIp: '5/1m', perAccount: '100/1m' }, trustProxy: true }, clock: clock.now });
    // Ten different clients, one attempt each: nobody is limited.
    for (let n = 1; n <= 10; n += 1) {
      expect(outcome(await loginAs(server, `c${n}@example.com`, WRONG, { 'x-forwarded-for': `198.51.100.${n}` }))).toBe('INVALID_CREDENTIALS');
    }
    // One client: its 6th attempt is limited, though it forges a different first entry every time.
    for (let n = 1; n <= 5; n += 1) {
      const forged = `10.0.0.${n}, 203.0.113.9`;
      expect(outcome(await loginAs(server, `d${n}@example.com`, WRONG, { 'x-forwarded-for': forged }))).toBe('INVALID_CREDENTIALS');
    }
    expectRateLimited(await loginAs(server, 'd6@example.com', WRONG, { 'x-forwarded-for': '10.0.0.99, 203.0.113.9' }));
    // Others behind the proxy are not affected.
    expect(outcome(await loginAs(server, 'd7@example.com', WRONG, { 'x-forwarded-for': '198.51.100.77' }))).toBe('INVALID_CREDENTIALS');
  });

  test('with trustProxy, IPv6 clients are counted by /64: addresses in one /64 share a counter, the next /64 does not', async () => {
    const clock = testClock();
    const server = await serverWith({ rateLimits: { login: { perIp: '5/1m', perAccount: '100/1m' }, trustProxy: true }, clock: clock.now });
    for (let n = 1; n <= 5; n += 1) {
      expect(outcome(await loginAs(server, `v${n}@example.com`, WRONG, { 'x-forwarded-for': `2001:db8:1:2::${n}` }))).toBe('INVALID_CREDENTIALS');
    }
    expectRateLimited(await loginAs(server, 'v6@example.com', WRONG, { 'x-forwarded-for': '2001:db8:1:2:ffff:ffff:ffff:ffff' }));
    expect(outcome(await loginAs(server, 'v7@example.com', WRONG, { 'x-forwarded-for': '2001:db8:1:3::1' }))).toBe('INVALID_CREDENTIALS');
  });

  test('ipGroup: IPv6 addresses group by /64, IPv4-mapped addresses are IPv4', () => {
    expect(ipGroup('2001:db8:1:2:3:4:5:6')).toBe(ipGroup('2001:db8:1:2:ffff::1'));
    expect(ipGroup('2001:0DB8:0001:0002::9')).toBe(ipGroup('2001:db8:1:2:3:4:5:6'));
    expect(ipGroup('2001:db8:1:3::1')).not.toBe(ipGroup('2001:db8:1:2:3:4:5:6'));
    expect(ipGroup('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(ipGroup('10.0.0.1')).toBe('10.0.0.1');
    expect(ipGroup('10.0.0.2')).not.toBe(ipGroup('10.0.0.1'));
  });

  test('clientIp: the socket address without trustProxy; with n trusted proxies, the n-th entry from the right of X-Forwarded-For', () => {
    const chain = '192.0.2.1, 198.51.100.2, 203.0.113.3';
    expect(clientIp('127.0.0.1', chain, false)).toBe('127.0.0.1');
    expect(clientIp('127.0.0.1', chain, true)).toBe('203.0.113.3');
    expect(clientIp('127.0.0.1', chain, 1)).toBe('203.0.113.3');
    expect(clientIp('127.0.0.1', chain, 2)).toBe('198.51.100.2');
    expect(clientIp('127.0.0.1', null, 2)).toBe('127.0.0.1');
    // Fewer entries than proxies: the leftmost, never the proxy's own address.
    expect(clientIp('127.0.0.1', '192.0.2.1', 2)).toBe('192.0.2.1');
  });
});

test('the counters live in the rate_limits collection, one numbered slot per hit, and hold no password', async () => {
  const clock = testClock();
  const server = await serverWith({ rateLimits: {}, clock: clock.now });
  await register(server, { email: 'stored@example.com', password: PASSWORD });
  for (let n = 1; n <= 3; n += 1) await loginAs(server, 'stored@example.com', WRONG);
  await loginAs(server, 'stored@example.com', PASSWORD);
  await server.gql(RESET_PASSWORD, { input: { email: 'stored@example.com' } });

  const db = server.database.db;
  const collections = (await db.listCollections().toArray()).map((c) => c.name);
  expect(collections).toContain('authql_rate_limits');
  const documents = await server.database.collection('rate_limits').find().toArray();
  expect(documents.length).toBeGreaterThanOrEqual(3);
  for (const document of documents) {
    expect(typeof document.key).toBe('string');
    expect(Number.isInteger(document.count)).toBe(true);
    expect(document.count).toBeGreaterThan(0);
    expect(document.windowEndsAt).toBeInstanceOf(Date);
    const raw = JSON.stringify(document);
    expect(raw).not.toContain(PASSWORD);
    expect(raw).not.toContain(WRONG);
  }
  const keys = documents.map((d) => d.key as string);
  expect(keys).toEqual(expect.arrayContaining(['login:account:stored@example.com|127.0.0.1', 'register:ip:127.0.0.1', 'emailRequests:ip:127.0.0.1']));
  const loginSlots = documents.filter((d) => d.key === 'login:account:stored@example.com|127.0.0.1').map((d) => d.count as number);
  expect(loginSlots.sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
});
