// Beyond one machine (issue #25): three `authql serve` processes on one FerretDB with its
// PostgreSQL handler, on a PostgreSQL cluster of the test's own, behind a round-robin proxy that
// forwards X-Forwarded-For (the instances trust one proxy). What users and attackers see when
// their requests land on different instances at the same moment: limits and the lockout stay
// exact, parallel refreshes of one token never sign anyone out, a password reset on one instance
// ends the sessions the others saw within the auth cache's bound, and every email is delivered
// once while an instance is killed mid-delivery. Real processes, HTTP, SMTP and databases.
import { connectTestDatabase, type TestDatabase } from '../helpers/database';
import { linkParts, LOGIN, ME, NEW_PASSWORD, PASSWORD, REGISTER, RESET_PASSWORD_CONFIRM, SITE } from '../helpers/journeys';
import { withResource } from '../helpers/resources';
import { TEST_SECRET, type GraphQLResponse } from '../helpers/server';
import { startSmtpServer } from '../helpers/smtp';
import { clientAddresses, clientAt, startTopology, type ClientCall } from '../helpers/topology';
import { waitFor } from '../helpers/cli';

jest.setTimeout(120_000);

/** Known small limits, the same on every instance. */
const LOCKOUT_FAILURES = 5;
const REGISTER_PER_IP = 10;
/** Seconds an instance may keep answering from what it read of a credential (authCache.ttl). */
const AUTH_CACHE_TTL = 2;
/** Seconds before another instance retries an email whose sender died (email.lease). */
const EMAIL_LEASE = 3;
/** The SMTP server takes this long to accept each message: deliveries overlap the kill. */
const SMTP_DELAY_MS = 400;

const CONFIG = {
  frontend: SITE,
  trustProxy: 1,
  rateLimits: {
    login: { perAccount: '20/1m', perIp: '30/1m' },
    register: { perIp: `${REGISTER_PER_IP}/1h` },
    emailRequests: { perIp: '10/10m' },
    lockout: { failures: LOCKOUT_FAILURES, duration: '15m', accountFailures: 100 },
  },
  authCache: { ttl: AUTH_CACHE_TTL },
  email: { lease: EMAIL_LEASE, pollInterval: 1, from: 'Acme <no-reply@example.test>' },
};

const smtp = withResource('the SMTP server', () => startSmtpServer(0, { replyDelayMs: SMTP_DELAY_MS }), (server) => server.close());
const topology = withResource('the topology', () => startTopology({ config: CONFIG, smtp, secret: TEST_SECRET }), (started) => started.stop(), 180_000);
const database = withResource('a driver connection to the shared database', () => connectTestDatabase(topology.dbName, { uri: topology.uri }), (db: TestDatabase) => db.close());
const nextAddress = clientAddresses();

/** A new end client (its own 127.0.0.x) talking to the proxy. */
const newClient = (): ClientCall => clientAt(nextAddress(), topology.proxy.url);

/** What the user sees: a `…Success` typename, the result's error code, or a top-level error code. */
function outcome(response: GraphQLResponse, field: string): string {
  if (response.errors?.length) return String(response.errors[0].extensions?.code);
  const result = response.data[field];
  return result.__typename.endsWith('Success') ? result.__typename : result.code;
}

function tally(outcomes: string[]): Record<string, number> {
  return outcomes.reduce<Record<string, number>>((counts, name) => ({ ...counts, [name]: (counts[name] ?? 0) + 1 }), {});
}

/** How many requests each instance answered while `run` ran. */
async function spreadOf<T>(run: () => Promise<T>): Promise<{ result: T; spread: number[] }> {
  const before = [...topology.proxy.served.values()];
  const result = await run();
  return { result, spread: [...topology.proxy.served.values()].map((count, i) => count - before[i]) };
}

async function registerFrom(client: ClientCall, email: string): Promise<{ id: string; token: string }> {
  const response = await client(REGISTER, { input: { email, password: PASSWORD } });
  expect(outcome(response, 'register')).toBe('RegisterSuccess');
  return { id: response.data.register.user.id, token: response.data.register.token };
}

const login = (client: ClientCall, email: string, password: string) => client(LOGIN, { input: { email, password } });
const JWT_CREATE = `mutation ($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } ... on Error { code } } }`;
const JWT_REFRESH = `mutation ($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } ... on Error { code } } }`;
const RESET_PASSWORD = `mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on Error { code } } }`;

test('the proxy sends each request to the next instance in turn', async () => {
  const client = newClient();
  const { spread } = await spreadOf(() => Promise.all(Array.from({ length: 6 }, () => client('{ __typename }'))));
  expect(spread).toEqual([2, 2, 2]);
});

describe('limits and the lockout across instances', () => {
  test(`40 simultaneous wrong passwords for one account, spread over 3 instances: exactly ${LOCKOUT_FAILURES} are checked, the rest are RATE_LIMITED; another client network still signs in`, async () => {
    const email = 'lockout.target@example.com';
    await registerFrom(newClient(), email);
    const attacker = newClient();
    const { result: answers, spread } = await spreadOf(() => Promise.all(Array.from({ length: 40 }, () => login(attacker, email, 'not the password at all'))));
    expect(spread.every((count) => count >= 13)).toBe(true);
    expect(tally(answers.map((answer) => outcome(answer, 'login')))).toEqual({ INVALID_CREDENTIALS: LOCKOUT_FAILURES, RATE_LIMITED: 40 - LOCKOUT_FAILURES });
    for (const answer of answers.filter((a) => a.errors)) {
      expect(answer.status).toBe(200); // a JSON client: GraphQL over HTTP (429 only for application/graphql-response+json)
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }

    // The account is locked for that client on every instance, even with the right password…
    const { result: locked, spread: lockedSpread } = await spreadOf(() => Promise.all([1, 2, 3].map(() => login(attacker, email, PASSWORD))));
    expect(lockedSpread).toEqual([1, 1, 1]);
    expect(locked.map((answer) => outcome(answer, 'login'))).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    // …and only for that client: the owner elsewhere signs in (the proxy forwarded who is who).
    expect(outcome(await login(newClient(), email, PASSWORD), 'login')).toBe('LoginSuccess');
  });

  test(`15 simultaneous registrations from one client with register.perIp ${REGISTER_PER_IP}, each claiming another address in X-Forwarded-For: exactly ${REGISTER_PER_IP} accounts are created; another client still registers`, async () => {
    const client = newClient();
    const emails = Array.from({ length: 15 }, (_, i) => `crowd.${i}@example.com`);
    // The proxy appends the address it saw; the instances believe only that last hop.
    const forged = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i + 1}` });
    const { result: answers, spread } = await spreadOf(() =>
      Promise.all(emails.map((email, i) => client(REGISTER, { input: { email, password: PASSWORD } }, { headers: forged(i) }))),
    );
    expect(spread).toEqual([5, 5, 5]);
    expect(tally(answers.map((answer) => outcome(answer, 'register')))).toEqual({ RegisterSuccess: REGISTER_PER_IP, RATE_LIMITED: 15 - REGISTER_PER_IP });
    const created = answers.flatMap((answer, i) => (answer.data?.register?.__typename === 'RegisterSuccess' ? [emails[i]] : []));
    expect(await database.collection('users').countDocuments({ email: { $in: emails } })).toBe(REGISTER_PER_IP);
    expect((await database.collection('users').find({ email: { $in: emails } }).toArray()).map((user) => user.email).sort()).toEqual(created.sort());

    expect(outcome(await newClient()(REGISTER, { input: { email: 'crowd.elsewhere@example.com', password: PASSWORD } }), 'register')).toBe('RegisterSuccess');
  });
});

test('20 simultaneous refreshes of one refresh token, spread over the instances, all answer the same new pair of the family, which keeps working', async () => {
  const client = newClient();
  const email = 'tabs@example.com';
  const { id } = await registerFrom(client, email);
  const created = await client(JWT_CREATE, { input: { email, password: PASSWORD } });
  expect(created.data.jwtCreate.__typename).toBe('JwtCreateSuccess');
  const { refresh } = created.data.jwtCreate;

  const { result: answers, spread } = await spreadOf(() => Promise.all(Array.from({ length: 20 }, () => client(JWT_REFRESH, { input: { refresh } }))));
  expect(spread.every((count) => count >= 6)).toBe(true);
  expect(tally(answers.map((answer) => outcome(answer, 'jwtRefresh')))).toEqual({ JwtRefreshSuccess: 20 });
  // One successor for the family, whichever instance answered.
  expect(new Set(answers.map((answer) => answer.data.jwtRefresh.refresh)).size).toBe(1);
  for (const answer of answers.slice(0, 3)) {
    expect((await client(ME, {}, { authorization: `Bearer ${answer.data.jwtRefresh.access}` })).data.me).toMatchObject({ id, email });
  }

  // The family still works: the successor refreshes on every instance in turn, and signs the user in.
  let current: string = answers[0].data.jwtRefresh.refresh;
  for (let turn = 0; turn < 3; turn += 1) {
    const next = await client(JWT_REFRESH, { input: { refresh: current } });
    expect(outcome(next, 'jwtRefresh')).toBe('JwtRefreshSuccess');
    expect((await client(ME, {}, { authorization: `Bearer ${next.data.jwtRefresh.access}` })).data.me).toMatchObject({ id, email });
    current = next.data.jwtRefresh.refresh;
  }
});

test(`a password reset completed on one instance ends the session on the others within the auth cache's bound (${AUTH_CACHE_TTL} s)`, async () => {
  const owner = newClient();
  const email = 'reset.everywhere@example.com';
  const { id } = await registerFrom(owner, email);
  const signedIn = await login(owner, email, PASSWORD);
  const token: string = signedIn.data.login.token;
  const [first, ...others] = topology.instances;
  const direct = (instance: (typeof topology.instances)[number]) => clientAt('127.0.0.1', instance.url);
  const meOn = async (instance: (typeof topology.instances)[number]) => {
    const answer = await direct(instance)(ME, {}, { authorization: `Token ${token}` });
    return answer.data?.me?.id ?? answer.errors?.[0]?.extensions?.code;
  };
  // Every instance has read (and cached) the session.
  for (const instance of topology.instances) expect(await meOn(instance)).toBe(id);

  expect(outcome(await owner(RESET_PASSWORD, { input: { email } }), 'resetPassword')).toBe('ResetPasswordSuccess');
  const message = await smtp.waitForEmail((e) => e.to === email && /Password reset/.test(e.subject), 20_000);
  const { uid, token: resetToken } = linkParts(message);
  // Keep the others' cache entries fresh right up to the reset, so each has a full ttl left.
  await Promise.all(others.map(meOn));
  const confirmed = await direct(first)(RESET_PASSWORD_CONFIRM, { input: { uid, token: resetToken, newPassword: NEW_PASSWORD } });
  expect(outcome(confirmed, 'resetPasswordConfirm')).toBe('ResetPasswordConfirmSuccess');

  // The instance that did the reset refuses the old session at once.
  expect(await meOn(first)).toBe('UNAUTHENTICATED');
  // The others within the bound (plus 2 s of slack for a busy machine), and for good.
  for (const instance of others) {
    await waitFor(`instance on port ${instance.port} to refuse the old session`, async () => (await meOn(instance)) === 'UNAUTHENTICATED', AUTH_CACHE_TTL * 1000 + 2000);
  }
  for (const instance of topology.instances) expect(await meOn(instance)).toBe('UNAUTHENTICATED');
  expect(outcome(await login(owner, email, NEW_PASSWORD), 'login')).toBe('LoginSuccess');
});

// Last: it kills an instance (the proxy then skips it).
test('25 reset emails while the SMTP server is slow and one instance is killed with SIGKILL mid-delivery: every email arrives as one message (the one on the wire is sent again by another instance, with the same Message-ID), and the outbox shows all sent', async () => {
  const recipients = Array.from({ length: 25 }, (_, i) => `outbox.${i}@example.com`);
  // 10 registrations per client address, as the limit allows.
  for (let start = 0; start < recipients.length; start += REGISTER_PER_IP) {
    const client = newClient();
    for (const email of recipients.slice(start, start + REGISTER_PER_IP)) await registerFrom(client, email);
  }
  // The requests, 10 per client address (emailRequests.perIp), all at once.
  const answers = await Promise.all(
    [0, 10, 20].flatMap((start) => {
      const client = newClient();
      return recipients.slice(start, start + 10).map((email) => client(RESET_PASSWORD, { input: { email } }));
    }),
  );
  expect(tally(answers.map((answer) => outcome(answer, 'resetPassword')))).toEqual({ ResetPasswordSuccess: 25 });

  // Every instance is mid-delivery: three messages arrived whole at the SMTP server, none answered
  // yet (one per instance: each sends one at a time). Kill one: the server keeps its message, but
  // the instance never hears that, so the outbox still says "sending" under its lease.
  await waitFor('three deliveries awaiting the SMTP answer at once', () => smtp.awaitingReply >= 3, 20_000);
  const victim = topology.instances[1];
  await victim.kill();
  expect(victim.cli.hasExited()).toBe(true);

  const outbox = database.collection<{ to: string; status: string; messageId: string }>('outbox');
  await waitFor('every reset email marked sent', async () => (await outbox.countDocuments({ to: { $in: recipients }, status: 'sent' })) === 25, 60_000);
  const queued = new Map((await outbox.find({ to: { $in: recipients } }).toArray()).map((doc) => [doc.to, doc.messageId]));
  expect(queued.size).toBe(25);
  const copies = recipients.map((email) => smtp.emailsTo(email).filter((e) => /Password reset/.test(e.subject)));
  for (const [i, received] of copies.entries()) {
    // Each is one message, whatever the number of copies: every copy carries the outbox's Message-ID, so a mailbox keeps one.
    expect(new Set(received.map((e) => e.messageId))).toEqual(new Set([queued.get(recipients[i])]));
  }
  // Delivered at least once, and sent twice only where the killed instance had it on the wire:
  // another instance took it up when the lease ended.
  expect(copies.map((received) => received.length).sort()).toEqual([...Array(24).fill(1), 2]);
  // The link in the email sent twice works, through the two instances left.
  const last = copies.find((received) => received.length === 2)![1];
  const { uid, token } = linkParts(last);
  const confirmed = await newClient()(RESET_PASSWORD_CONFIRM, { input: { uid, token, newPassword: NEW_PASSWORD } });
  expect(outcome(confirmed, 'resetPasswordConfirm')).toBe('ResetPasswordConfirmSuccess');
});
