// The audit log: a user's whole journey comes back in order from auditEvents (superusers) and
// me { auditEvents } (the user), each event with time, actor, subject, IP, user agent and
// outcome, and nothing secret; second factors too; old events go with the housekeeping;
// `audit: false` turns it off; and a write that fails never fails the request it records.
import { internalsOf } from '../src/auth';
import { LOGIN, NEW_PASSWORD, PASSWORD, mutate, registerAndActivate } from './helpers/journeys';
import { startTestServer, type GraphQLResponse, type TestServer, withTestServer } from './helpers/server';
import { REGENERATE_RECOVERY_CODES, TOTP_DISABLE, appCode, enableTotp, mfaTokenFor, stepClock, verifyMfa } from './helpers/two-factor';
import { createStaff, createSuperuser, createUser, uniquePassword } from './helpers/users';
import { graphql } from './generated';
import { graphqlUserFields } from './generated/user-fields';

jest.setTimeout(90_000);

const USER_AGENT = 'audit-story/1.0 (journey)';

const EVENT_FIELDS = 'id at type actorId subjectId ip userAgent outcome detail fields';
const AUDIT_EVENTS = `query AuditEvents($first: Int, $after: String, $userId: ID, $type: AuditEventType, $since: DateTime) {
  auditEvents(first: $first, after: $after, userId: $userId, type: $type, since: $since) {
    edges { cursor node { ${EVENT_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const MY_AUDIT_EVENTS = `query { me { id auditEvents(first: 50) { edges { node { ${EVENT_FIELDS} } } } } }`;
const SET_PASSWORD = graphql(`mutation AuditSetPassword($input: SetPasswordInput!) {
  setPassword(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } }
}`);
const UPDATE_USER = graphqlUserFields(`mutation UpdateUser($input: UpdateUserInput!) {
  updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id firstName } } }
}`);
const DELETE_USER = graphql(`mutation AuditDeleteUser($input: DeleteUserInput!) {
  deleteUser(input: $input) { __typename ... on DeleteUserSuccess { ok } ... on ValidationError { fieldErrors { field code } } }
}`);

interface AuditEventView {
  id: string;
  at: string;
  type: string;
  actorId: string | null;
  subjectId: string | null;
  ip: string | null;
  userAgent: string | null;
  outcome: 'SUCCESS' | 'FAILURE';
  detail: string | null;
  fields: string[];
}

const asBrowser = { 'user-agent': USER_AGENT };

/** Every event the query answers, following the pages. */
async function allEvents(server: TestServer, token: string, variables: Record<string, unknown>, pageSize = 3): Promise<AuditEventView[]> {
  const events: AuditEventView[] = [];
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse = await server.gql(AUDIT_EVENTS, { ...variables, first: pageSize, after }, { token });
    expect(response.errors).toBeUndefined();
    const page: { edges: { node: AuditEventView }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = response.data.auditEvents;
    events.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return events;
    after = page.pageInfo.endCursor;
  }
}

describe('a journey in the audit log', () => {
  const server = withTestServer({ sendActivationEmail: true, userFields: { firstName: { type: 'string' } }, rateLimits: {} });

  test('register → activate → two wrong passwords → login → set password → staff update → delete: every step comes back in order, with nothing secret', async () => {
    const root = await createSuperuser(server, 'root@example.com');
    const staff = await createStaff(server, 'staff@example.com');
    const secrets: Record<string, string> = { rootPassword: root.password, rootToken: root.token, staffPassword: staff.password, staffToken: staff.token };

    const { registered, activated, token: activationToken } = await registerAndActivate(server, 'ada@example.com');
    expect(activated.__typename).toBe('ActivateSuccess');
    const adaId: string = registered.user.id;
    Object.assign(secrets, { PASSWORD, activationToken });

    const wrong = ['wrong guess number one', 'wrong guess number two'];
    for (const password of wrong) {
      const failed = await server.gql(LOGIN, { input: { email: 'ada@example.com', password } }, { headers: asBrowser });
      expect(failed.data.login.code).toBe('INVALID_CREDENTIALS');
    }
    Object.assign(secrets, { wrongOne: wrong[0], wrongTwo: wrong[1] });
    const loggedIn = await server.gql(LOGIN, { input: { email: 'ada@example.com', password: PASSWORD } }, { headers: asBrowser });
    const adaToken: string = loggedIn.data.login.token;
    secrets.adaToken = adaToken;

    const changed = await server.gql(SET_PASSWORD, { input: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } }, { token: adaToken, headers: asBrowser });
    expect(changed.data.setPassword.__typename).toBe('SetPasswordSuccess');
    secrets.NEW_PASSWORD = NEW_PASSWORD;

    const updated = await server.gql(UPDATE_USER, { input: { id: adaId, firstName: 'Ada Lovelace' } }, { token: staff.token });
    expect(updated.data.updateUser.__typename).toBe('UpdateUserSuccess');

    // Ada reads her own events: the newest first, and only hers.
    const mine = await server.gql(MY_AUDIT_EVENTS, {}, { token: adaToken });
    expect(mine.errors).toBeUndefined();
    const myEvents: AuditEventView[] = mine.data.me.auditEvents.edges.map((edge: { node: AuditEventView }) => edge.node);
    expect(myEvents.map((e) => e.type)).toEqual(['USER_UPDATED', 'PASSWORD_CHANGED', 'LOGIN_SUCCEEDED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'ACTIVATED', 'REGISTERED']);
    expect(myEvents.every((e) => e.subjectId === adaId)).toBe(true);

    const deleted = await server.gql(DELETE_USER, { input: { id: adaId, currentPassword: staff.password } }, { token: staff.token });
    expect(deleted.data.deleteUser.__typename).toBe('DeleteUserSuccess');

    // The superuser reads the whole story of the deleted account, page by page.
    const events = await allEvents(server, root.token, { userId: adaId });
    expect(events.map((e) => e.type)).toEqual([
      'USER_DELETED',
      'USER_UPDATED',
      'PASSWORD_CHANGED',
      'LOGIN_SUCCEEDED',
      'LOGIN_FAILED',
      'LOGIN_FAILED',
      'ACTIVATED',
      'REGISTERED',
    ]);
    const times = events.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const byType = (type: string) => events.filter((e) => e.type === type);
    expect(byType('USER_DELETED')[0]).toMatchObject({ actorId: staff.id, subjectId: adaId, outcome: 'SUCCESS' });
    expect(byType('USER_UPDATED')[0]).toMatchObject({ actorId: staff.id, subjectId: adaId, fields: ['firstName'] });
    expect(byType('LOGIN_FAILED')).toEqual([
      expect.objectContaining({ actorId: null, subjectId: adaId, outcome: 'FAILURE', detail: 'WRONG_PASSWORD', userAgent: USER_AGENT }),
      expect.objectContaining({ actorId: null, subjectId: adaId, outcome: 'FAILURE', detail: 'WRONG_PASSWORD', userAgent: USER_AGENT }),
    ]);
    expect(byType('LOGIN_SUCCEEDED')[0]).toMatchObject({ actorId: adaId, subjectId: adaId, outcome: 'SUCCESS', userAgent: USER_AGENT });
    expect(byType('PASSWORD_CHANGED')[0]).toMatchObject({ actorId: adaId, userAgent: USER_AGENT });
    for (const event of events) expect(event.ip).toMatch(/127\.0\.0\.1$/);

    // Filters: one type, and everything since the login.
    const failures = await allEvents(server, root.token, { userId: adaId, type: 'LOGIN_FAILED' });
    expect(failures.map((e) => e.id)).toEqual(byType('LOGIN_FAILED').map((e) => e.id));
    const since = await allEvents(server, root.token, { userId: adaId, since: byType('LOGIN_SUCCEEDED')[0].at });
    expect(since.map((e) => e.type)).toEqual(['USER_DELETED', 'USER_UPDATED', 'PASSWORD_CHANGED', 'LOGIN_SUCCEEDED']);
    // Without userId: everyone's events, the staff and superuser logins among them.
    const everyone = await allEvents(server, root.token, {}, 50);
    expect(everyone.length).toBeGreaterThan(events.length);
    expect(everyone.map((e) => e.subjectId)).toEqual(expect.arrayContaining([root.id, staff.id, adaId]));

    // Nothing secret, neither in what the API answers nor in any stored audit document.
    const stored = JSON.stringify(await server.database.collection('audit_events').find().toArray());
    const answered = JSON.stringify(everyone);
    const found = Object.entries(secrets).flatMap(([name, value]) => [
      ...(stored.includes(value) ? [`${name} in audit_events`] : []),
      ...(answered.includes(value) ? [`${name} in auditEvents`] : []),
    ]);
    expect(found).toEqual([]);
    expect(stored).not.toMatch(/passwordHash|argon2/);
  });

  test("where staff acted on an account, its owner's own log says \"staff\": never the staff member's id, address or user agent; a superuser sees who it was", async () => {
    const root = await createSuperuser(server, 'root4@example.com');
    const staff = await createStaff(server, 'staff4@example.com');
    const user = await createUser(server, 'plain4@example.com');
    const staffConsole = { 'user-agent': 'staff-console/7.1 (back office)' };
    const updated = await server.gql(UPDATE_USER, { input: { id: user.id, firstName: 'Renamed' } }, { token: staff.token, headers: staffConsole });
    expect(updated.data.updateUser.__typename).toBe('UpdateUserSuccess');

    const mine = await server.gql(MY_AUDIT_EVENTS, {}, { token: user.token });
    expect(mine.errors).toBeUndefined();
    const myEvents: AuditEventView[] = mine.data.me.auditEvents.edges.map((edge: { node: AuditEventView }) => edge.node);
    expect(myEvents.map((e) => e.type)).toEqual(['USER_UPDATED', 'LOGIN_SUCCEEDED', 'REGISTERED']);
    expect(myEvents[0]).toMatchObject({ actorId: null, subjectId: user.id, ip: 'staff', userAgent: 'staff', fields: ['firstName'] });
    expect(JSON.stringify(myEvents)).not.toContain('staff-console');
    expect(JSON.stringify(myEvents)).not.toContain(staff.id);
    // The user's own actions keep their address.
    expect(myEvents[1]).toMatchObject({ actorId: user.id, ip: expect.stringMatching(/127\.0\.0\.1$/) });

    const seenByRoot = await allEvents(server, root.token, { userId: user.id, type: 'USER_UPDATED' });
    expect(seenByRoot).toEqual([expect.objectContaining({ actorId: staff.id, userAgent: staffConsole['user-agent'], ip: expect.stringMatching(/127\.0\.0\.1$/) })]);
  });

  test('a failed login of an unknown account is recorded without a subject and without the login that was typed', async () => {
    const root = await createSuperuser(server, 'root2@example.com');
    const failed = await server.gql(LOGIN, { input: { email: 'nobody.here@example.com', password: 'some guess at all' } });
    expect(failed.data.login.code).toBe('INVALID_CREDENTIALS');
    const [latest] = await allEvents(server, root.token, { type: 'LOGIN_FAILED' }, 1).then((events) => events.slice(0, 1));
    expect(latest).toMatchObject({ subjectId: null, actorId: null, detail: 'UNKNOWN_ACCOUNT', outcome: 'FAILURE' });
    const stored = JSON.stringify(await server.database.collection('audit_events').find().toArray());
    expect(stored).not.toContain('nobody.here');
  });

  test('only superusers read everyone\'s events; a user reads only their own', async () => {
    const staff = await createStaff(server, 'staff3@example.com');
    const user = await createUser(server, 'plain3@example.com');
    const other = await createUser(server, 'other3@example.com');
    for (const caller of [staff, user]) {
      const all = await server.gql(AUDIT_EVENTS, {}, { token: caller.token });
      expect(all.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const someoneElse = await server.gql(AUDIT_EVENTS, { userId: other.id }, { token: caller.token });
      expect(someoneElse.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const own = await server.gql(AUDIT_EVENTS, { userId: user.id }, { token: user.token });
    expect(own.errors).toBeUndefined();
    expect(own.data.auditEvents.edges.map((e: { node: AuditEventView }) => e.node.type)).toEqual(['LOGIN_SUCCEEDED', 'REGISTERED']);
    const anonymous = await server.gql(AUDIT_EVENTS, {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const badCursor = await server.gql(AUDIT_EVENTS, { userId: user.id, after: 'not-a-cursor' }, { token: user.token });
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

test('events older than audit.retention are deleted by the housekeeping, newer ones stay', async () => {
  const server = await startTestServer({ audit: { retention: '1d' } });
  try {
    const root = await createSuperuser(server, 'root@example.com');
    const before = await allEvents(server, root.token, {}, 50);
    expect(before.map((e) => e.type)).toEqual(['LOGIN_SUCCEEDED', 'REGISTERED']);
    const { housekeeping } = internalsOf(server.auth);

    // Twelve hours on, everything is younger than a day: nothing goes.
    await housekeeping(new Date(Date.now() + 12 * 3600_000));
    expect(await allEvents(server, root.token, {}, 50)).toEqual(before);
    // A day and an hour on, everything is older than a day: it all goes.
    await housekeeping(new Date(Date.now() + 25 * 3600_000));
    expect(await allEvents(server, root.token, {}, 50)).toEqual([]);
    // The log goes on.
    await mutate(server, LOGIN, { email: 'root@example.com', password: root.password });
    expect((await allEvents(server, root.token, {}, 50)).map((e) => e.type)).toEqual(['LOGIN_SUCCEEDED']);
  } finally {
    await server.close();
  }
});

test('with audit: false nothing is written and the schema has no auditEvents, while logins work as before', async () => {
  const server = await startTestServer({ audit: false });
  try {
    const user = await createUser(server, 'quiet@example.com');
    expect(await server.database.collection('audit_events').countDocuments()).toBe(0);
    const query = await server.gql(AUDIT_EVENTS, {}, { token: user.token });
    expect(query.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const me = await server.gql(graphql(`query AuditMe { me { auditEvents { edges { node { id } } } } }`), {}, { token: user.token });
    expect(me.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  } finally {
    await server.close();
  }
});

test('when an audit event cannot be written, the login it records still succeeds; the operator sees it in the log and the metrics', async () => {
  const errors: { message: string; fields?: Record<string, unknown> }[] = [];
  const server = await startTestServer({
    metrics: { enabled: true },
    logger: { info: () => undefined, warn: () => undefined, error: (message, fields) => errors.push({ message, fields }) },
  });
  try {
    const password = uniquePassword();
    await mutate(server, graphql(`mutation RegisterTypename($input: RegisterInput!) { register(input: $input) { __typename } }`), { email: 'hiccup@example.com', password });
    await mutate(server, LOGIN, { email: 'hiccup@example.com', password });
    // From now on a second event of one type is refused by the database.
    const events = server.database.collection('audit_events');
    await events.createIndex({ type: 1 }, { unique: true, name: 'one_per_type' });

    const again = await mutate(server, LOGIN, { email: 'hiccup@example.com', password });
    expect(again.__typename).toBe('LoginSuccess');
    expect(again.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/audit event not written/), fields: expect.objectContaining({ type: 'LOGIN_SUCCEEDED' }) })]);
    const metrics = await (await fetch(new URL('/metrics', server.url))).text();
    expect(metrics).toMatch(/^authql_audit_write_failures_total 1$/m);
    // The counters still count what happened, written or not.
    expect(metrics).toMatch(/^authql_logins_total\{outcome="success"\} 2$/m);
    await events.dropIndex('one_per_type');
  } finally {
    await server.close();
  }
});

test('second factors in the log and the counters: TOTP turned on, a wrong code at the second step, new recovery codes, TOTP turned off', async () => {
  const clock = stepClock();
  const server = await startTestServer({ clock: clock.now, metrics: { enabled: true } });
  try {
    const user = await createUser(server, 'two.steps@example.com');
    const { secret } = await enableTotp(server, user, clock.now());
    const mfaToken = await mfaTokenFor(server, user.email, user.password);
    expect(await verifyMfa(server, mfaToken, appCode(secret, clock.now(), -4))).toMatchObject({ code: 'INVALID_OTP' });
    clock.advance(30);
    const verified = await verifyMfa(server, mfaToken, appCode(secret, clock.now()));
    expect(verified.__typename).toBe('VerifyMfaSuccess');
    const regenerated = await server.gql(REGENERATE_RECOVERY_CODES, { input: { currentPassword: user.password } }, { token: user.token });
    expect(regenerated.data.regenerateRecoveryCodes.__typename).toBe('RegenerateRecoveryCodesSuccess');
    clock.advance(30);
    const disabled = await server.gql(TOTP_DISABLE, { input: { currentPassword: user.password, code: appCode(secret, clock.now()) } }, { token: user.token });
    expect(disabled.data.totpDisable.__typename).toBe('TotpDisableSuccess');

    const mine = await server.gql(MY_AUDIT_EVENTS, {}, { token: verified.token });
    const events: AuditEventView[] = mine.data.me.auditEvents.edges.map((edge: { node: AuditEventView }) => edge.node);
    expect(events.map((e) => [e.type, e.detail])).toEqual([
      ['SECOND_FACTOR_REMOVED', 'TOTP'],
      ['SECOND_FACTOR_ADDED', 'RECOVERY_CODES'],
      ['LOGIN_SUCCEEDED', null],
      ['SECOND_FACTOR_FAILED', 'INVALID_OTP'],
      ['SECOND_FACTOR_ADDED', 'TOTP'],
      ['LOGIN_SUCCEEDED', null],
      ['REGISTERED', null],
    ]);
    const stored = JSON.stringify(await server.database.collection('audit_events').find().toArray());
    expect(stored).not.toContain(secret);

    const metrics = await (await fetch(new URL('/metrics', server.url))).text();
    expect(metrics).toMatch(/^authql_logins_total\{outcome="mfa_required"\} 1$/m);
    expect(metrics).toMatch(/^authql_logins_total\{outcome="success"\} 2$/m);
    expect(metrics).toMatch(/^authql_second_factor_failures_total 1$/m);
  } finally {
    await server.close();
  }
});
